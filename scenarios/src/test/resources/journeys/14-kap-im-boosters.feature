# Protocol: protocols/kap-im.kap (kap-im version 1)
# Source: (KAP practice models: IM in the office, boosters within a session); the per-session
#         maxima in mg/kg and mg with boosters counted are protocol parameters
Feature: Boosters count toward the per-session maximum
  A booster is approved within the open session; the session's total, boosters included, stays
  within 1.5 mg/kg and within 150 mg whatever the weight. Observation runs from the last injection.

  Background:
    Given the protocol "kap-im" version 1 from "protocols/kap-im.kap"
    And the session room has pulse_oximeter, blood_pressure_monitor and prescriber_on_site

  Scenario: A booster within the cap is given; for a heavy client the mg cap binds before the mg/kg cap
    When on day 1 at 09:00, the clinician screens client "zoe" for depression:
      | age       | 46 years                   |
      | weight    | 110 kg                     |
      | diagnoses | major_depressive_disorder  |
      | pregnant  | no                         |
      | vitals    | blood pressure 122/78 mmHg |
    And on day 1 at 09:10, the clinician records the client's consent
    And on day 2 at 10:00, the therapist holds a preparation session
    And on day 4 at 10:00, the therapist holds a preparation session
    And on day 8 at 09:00, the prescriber approves 0.5 mg/kg IM
    And on day 8 at 09:15, the clinician starts the session, pre-dose vitals "blood pressure 124/80 mmHg" measured at 09:05
    Then it is allowed
    When on day 8 at 09:45, the prescriber approves a booster of 0.25 mg/kg IM
    Then it is allowed
    When on day 8 at 09:50, the clinician gives the booster
    Then it is allowed
    When on day 8 at 10:15, the clinician records vitals "blood pressure 132/84 mmHg, SpO2 97 %"
    And on day 8 at 11:40, the clinician discharges the client: aldrete 10, escort present, driven by the escort
    Then it is refused by OBS-MIN, which saw "110 min after last_device"
    When on day 8 at 11:55, the clinician discharges the client: aldrete 10, escort present, driven by the escort
    Then it is allowed
    When on day 9 at 15:00, the therapist holds the integration session
    And on day 12 at 09:00, the prescriber approves 0.75 mg/kg IM
    Then it is allowed
    When on day 12 at 09:15, the clinician starts the session, pre-dose vitals "blood pressure 122/78 mmHg" measured at 09:05
    And on day 12 at 09:45, the prescriber approves a booster of 0.75 mg/kg IM
    Then it is refused by DOSE-IM-MAX-MG, which saw "165 mg"
    When on day 12 at 09:46, the prescriber approves a booster of 1.0 mg/kg IM
    Then it is refused by DOSE-IM-MAX and DOSE-IM-MAX-MG
    When on day 12 at 09:47, the prescriber approves a booster of 0.5 mg/kg IM
    Then it is allowed

  Scenario: For a light client the mg/kg cap binds first
    When on day 1 at 09:00, the clinician screens client "ivy" for depression:
      | age       | 31 years                   |
      | weight    | 60 kg                      |
      | diagnoses | major_depressive_disorder  |
      | pregnant  | no                         |
      | vitals    | blood pressure 122/78 mmHg |
    And on day 1 at 09:10, the clinician records the client's consent
    And on day 2 at 10:00, the therapist holds a preparation session
    And on day 4 at 10:00, the therapist holds a preparation session
    Given on day 8, the client had an uneventful session of 0.5 mg/kg IM
    When on day 9 at 15:00, the therapist holds the integration session
    And on day 12 at 09:00, the prescriber approves 0.75 mg/kg IM
    And on day 12 at 09:15, the clinician starts the session, pre-dose vitals "blood pressure 118/76 mmHg" measured at 09:05
    And on day 12 at 09:45, the prescriber approves a booster of 0.8 mg/kg IM
    Then it is refused by DOSE-IM-MAX, which saw "1.55 mg/kg"
    When on day 12 at 09:47, the prescriber approves a booster of 0.375 mg/kg IM
    Then it is allowed
    When on day 12 at 09:50, the clinician gives the booster
    Then it is allowed
