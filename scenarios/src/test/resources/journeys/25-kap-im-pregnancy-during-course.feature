# Protocol: protocols/kap-im-v2.kap (kap-im version 2)
# Source: Bloom Health Institute referral criteria and Psyon exclusion criteria (pregnancy excludes KAP);
#         the re-check of screening rules at every dose is the engine's (docs/rules.md, "Facts over time")
Feature: A pregnancy found during the course stops the next dose
  Pregnancy excludes a client at screening. A positive test recorded weeks later excludes her just as
  surely: the next approval is refused by the same rule, the course is halted for the prescriber's
  review, and the review is an obligation with a deadline.

  Background:
    Given the protocol "kap-im" version 2 from "protocols/kap-im-v2.kap"
    And the session room has pulse_oximeter, blood_pressure_monitor and prescriber_on_site

  Scenario: A positive pregnancy test before the second session
    When on day 1 at 09:00, the clinician screens client "eva" for depression:
      | age       | 31 years                   |
      | weight    | 64 kg                      |
      | diagnoses | major_depressive_disorder  |
      | pregnant  | no                         |
      | vitals    | blood pressure 118/76 mmHg |
    Then the client is eligible
    When on day 1 at 09:10, the clinician records the client's consent
    And on day 2 at 10:00, the therapist holds a preparation session
    And on day 4 at 10:00, the therapist holds a preparation session
    Given on day 8, the client had an uneventful session of 0.5 mg/kg IM
    When on day 9 at 15:00, the therapist holds the integration session
    Then it is allowed
    When on day 14 at 08:30, the clinician records a positive pregnancy test
    Then it is recorded, excluding the client by CI-PREGNANCY
    And the course is halted by CI-PREGNANCY
    And the history shows "pregnancy test positive, excludes: CI-PREGNANCY"
    And the course knows the client's pregnant as "true"
    When on day 15 at 09:00, the prescriber approves 0.5 mg/kg IM
    Then it is refused by CI-PREGNANCY, which saw "pregnant = excluded"
    And the history shows "dose 0.5 mg/kg im refused"
    When on day 15 at 12:00, the prescriber reviews the course and ends it: "pregnant; ketamine stopped, referred to obstetric care"
    Then it is allowed
    And the course is ended

  Scenario: A negative test changes nothing
    When on day 1 at 09:00, the clinician screens client "fay" for depression:
      | age       | 29 years                   |
      | weight    | 58 kg                      |
      | diagnoses | major_depressive_disorder  |
      | pregnant  | no                         |
      | vitals    | blood pressure 116/74 mmHg |
    And on day 1 at 09:10, the clinician records the client's consent
    And on day 2 at 10:00, the therapist holds a preparation session
    And on day 4 at 10:00, the therapist holds a preparation session
    When on day 8 at 08:30, the clinician records a negative pregnancy test
    Then it is allowed
    When on day 8 at 09:00, the prescriber approves 0.5 mg/kg IM
    Then it is allowed
