# Protocol: protocols/kap-im.kap (kap-im version 1)
# Source: (FDA seriousness: hospitalisation); (suggested engine semantics [I]:
#         halt until review; report); (suicidal thoughts and behaviours: Spravato boxed warning)
Feature: A serious adverse event between sessions
  A client is admitted to hospital between sessions. The course halts until a prescriber's review,
  and even after the review no session starts while the serious event is still open in the record:
  the clinic records how it ended before the client is dosed again.

  Background:
    Given the protocol "kap-im" version 1 from "protocols/kap-im.kap"
    And the session room has pulse_oximeter, blood_pressure_monitor and prescriber_on_site

  Scenario: An admission for suicidal ideation, a review, and no dosing until the event is closed
    When on day 1 at 09:00, the clinician screens client "lou" for depression:
      | age       | 33 years                   |
      | weight    | 71 kg                      |
      | diagnoses | major_depressive_disorder  |
      | pregnant  | no                         |
      | vitals    | blood pressure 122/78 mmHg |
    And on day 1 at 09:10, the clinician records the client's consent
    And on day 2 at 10:00, the therapist holds a preparation session
    And on day 4 at 10:00, the therapist holds a preparation session
    Given on day 8, the client had an uneventful session of 0.5 mg/kg IM
    When on day 9 at 15:00, the therapist holds the integration session
    And on day 10 at 22:00 (recorded on day 11 at 08:30), the clinician records a serious adverse event: suicidality grade 3, hospitalisation
    Then it is allowed with warning AE-SEVERE
    And the course is halted by AE-SEVERE
    And the history shows "AE-1 suicidality grade 3 serious" as a late entry, recorded 630 min after it happened
    When on day 11 at 09:00, the clinician fulfils the open adverse_event_report
    And on day 15 at 09:00, the prescriber reviews the course and resumes it: "Discharged home from the ward yesterday; inpatient team supports continuing; safety plan reviewed"
    Then it is allowed
    When on day 15 at 09:10, the prescriber approves 0.5 mg/kg IM
    Then it is allowed
    # the event is still open in the record: the engine will not let the session start on the review alone
    When on day 15 at 09:20, the clinician starts the session, pre-dose vitals "blood pressure 122/78 mmHg" measured at 09:15
    Then it is refused by ENGINE-OPEN-SERIOUS-AE
    When on day 15 at 09:25, the clinician resolves adverse event AE-1: "Discharged home from the ward on day 14; safety plan in place"
    And on day 15 at 09:30, the clinician starts the session, pre-dose vitals "blood pressure 122/78 mmHg" measured at 09:15
    Then it is allowed
