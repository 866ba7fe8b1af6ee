# Protocol: protocols/kap-im.kap (kap-im version 1)
# Source: (Balance Health: integration 1-3 days after IM/IV dosing; dosing sessions
#         alternate with integration sessions)
Feature: Integration after each dosing session
  Integration belongs 1-3 days after an IM session. Outside that window it is still recorded, marked
  outside its window with a warning; but without it the next session does not start.

  Background:
    Given the protocol "kap-im" version 1 from "protocols/kap-im.kap"
    And the session room has pulse_oximeter, blood_pressure_monitor and prescriber_on_site
    And on day 1 at 09:00, the clinician screens client "abe" for ptsd:
      | age       | 37 years                   |
      | weight    | 78 kg                      |
      | diagnoses | ptsd                       |
      | pregnant  | no                         |
      | vitals    | blood pressure 122/78 mmHg |
    And on day 1 at 09:10, the clinician records the client's consent
    And on day 2 at 10:00, the therapist holds a preparation session
    And on day 4 at 10:00, the therapist holds a preparation session

  Scenario: Integration the next day is within the window; five days later it is outside
    Given on day 8, the client had an uneventful session of 0.5 mg/kg IM
    When on day 9 at 15:00, the therapist holds the integration session
    Then it is allowed
    And the history shows "integration of session 1 within its window"
    Given on day 12, the client had an uneventful session of 0.5 mg/kg IM
    When on day 17 at 15:00, the therapist holds the integration session
    Then it is allowed with warning INTEGRATION-IM
    And the history shows "integration of session 2 outside its window"

  Scenario: Without integration the next session does not start
    Given on day 8, the client had an uneventful session of 0.5 mg/kg IM
    When on day 12 at 09:00, the prescriber approves 0.5 mg/kg IM
    And on day 12 at 09:15, the clinician starts the session, pre-dose vitals "blood pressure 124/78 mmHg" measured at 09:05
    Then it is refused by INTEGRATION-BEFORE-NEXT
    When on day 12 at 10:00, the therapist holds the integration session
    Then it is allowed with warning INTEGRATION-IM
    When on day 12 at 10:30, the clinician starts the session, pre-dose vitals "blood pressure 124/78 mmHg" measured at 10:25
    Then it is allowed
