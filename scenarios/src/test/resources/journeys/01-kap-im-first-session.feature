# Protocol: protocols/kap-im.kap (kap-im version 1)
# Source: (Hanya House: two orientation sessions; Balance Health: integration 1-3 days
#         after IM dosing, about six sessions); (escort, no driving, Modified Aldrete >= 9)
Feature: A first intramuscular KAP session, from screening to integration
  A client with depression is screened, consents, is prepared in two orientation sessions, receives
  0.5 mg/kg IM in the office, is observed for two hours with a blood-pressure check about an hour after the dose,
  goes home with an escort, and integrates the experience the next day.

  Background:
    Given the protocol "kap-im" version 1 from "protocols/kap-im.kap"
    And the session room has pulse_oximeter, blood_pressure_monitor and prescriber_on_site

  Scenario: An eligible client completes a first session and integrates within the window
    When on day 1 at 09:00, the clinician screens client "ana" for depression:
      | age       | 42 years                   |
      | weight    | 80 kg                      |
      | diagnoses | major_depressive_disorder  |
      | vitals    | blood pressure 128/82 mmHg |
      | pregnant  | no                         |
    Then the client is eligible
    When on day 1 at 09:10, the clinician records the client's consent
    Then it is allowed
    When on day 2 at 10:00, the therapist holds a preparation session
    And on day 4 at 10:00, the therapist holds a preparation session
    Then it is allowed
    When on day 8 at 09:00, the prescriber approves 0.5 mg/kg IM
    Then it is allowed
    And the history signs "dose 0.5 mg/kg" by "Dr Ben Prescriber" meaning "approval"
    When on day 8 at 09:15, the clinician starts the session, pre-dose vitals "blood pressure 126/80 mmHg" measured at 09:05
    Then it is allowed
    When on day 8 at 10:15, the clinician records vitals "blood pressure 134/84 mmHg, SpO2 97 %"
    Then it is allowed
    When on day 8 at 11:20, the clinician discharges the client: aldrete 10, escort present, driven by the escort
    Then it is allowed
    When on day 9 at 15:00, the therapist holds the integration session
    Then it is allowed
    And the history shows "integration of session 1 within its window"

  Scenario: Dosing before preparation, discharge before two hours, and a doubled dose are refused
    When on day 1 at 09:00, the clinician screens client "ben" for depression:
      | age       | 35 years                   |
      | weight    | 70 kg                      |
      | diagnoses | major_depressive_disorder  |
      | pregnant  | no                         |
      | vitals    | blood pressure 122/78 mmHg |
    Then the client is eligible
    When on day 1 at 09:10, the clinician records the client's consent
    And on day 1 at 09:20, the prescriber approves 0.5 mg/kg IM
    Then it is allowed
    When on day 1 at 09:30, the clinician starts the session, pre-dose vitals "blood pressure 126/80 mmHg" measured at 09:25
    Then it is refused by PREP-2, which saw "0"
    When on day 2 at 10:00, the therapist holds a preparation session
    And on day 4 at 10:00, the therapist holds a preparation session
    And on day 8 at 09:00, the prescriber approves 0.5 mg/kg IM
    And on day 8 at 09:15, the clinician starts the session, pre-dose vitals "blood pressure 120/78 mmHg" measured at 09:05
    Then it is allowed
    When on day 8 at 10:15, the clinician records vitals "blood pressure 130/80 mmHg, SpO2 98 %"
    And on day 8 at 10:30, the clinician discharges the client: aldrete 10, escort present, driven by the escort
    Then it is refused by OBS-MIN, which saw "75 min"
    When on day 8 at 11:20, the clinician discharges the client: aldrete 10, escort present, driven by the escort
    Then it is allowed
    When on day 9 at 15:00, the therapist holds the integration session
    And on day 12 at 09:00, the prescriber approves 1.0 mg/kg IM
    Then it is refused by DOSE-IM-STEP, which saw "increase 0.5 mg/kg"
    When on day 12 at 09:05, the prescriber approves 0.75 mg/kg IM
    Then it is allowed
