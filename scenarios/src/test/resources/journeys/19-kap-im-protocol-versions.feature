# Protocol: protocols/kap-im.kap (kap-im version 1, and a version 9 published during the journey)
# Source: (21 CFR 11.10(e): time-stamped audit trail; changes do not obscure earlier
#         records); (thresholds are protocol parameters); pinning a course to its protocol version is
#         an engine rule, not in the public sources
Feature: A course stays on the protocol version it was screened under
  When the designer publishes a new version, courses already screened keep theirs; new courses take
  the new one. An auditor can ask what the new version would have decided on an old course.

  Background:
    Given the protocol "kap-im" version 1 from "protocols/kap-im.kap"

  Scenario: A tighter start dose in version 9 does not reach a course pinned to version 1
    When on day 1 at 09:00, the clinician screens client "fin" for depression:
      | age       | 39 years                   |
      | weight    | 80 kg                      |
      | diagnoses | major_depressive_disorder  |
      | pregnant  | no                         |
      | vitals    | blood pressure 122/78 mmHg |
    And on day 1 at 09:10, the clinician records the client's consent
    And on day 2 at 10:00, the therapist holds a preparation session
    And on day 4 at 10:00, the therapist holds a preparation session
    When the designer publishes version 9 of "protocols/kap-im.kap" with "start at most 0.5 mg/kg" changed to "start at most 0.25 mg/kg"
    Then "kap-im" version 9 is published beside version 1
    And "kap-im" version 9 awaits a second signature
    When the admin approves the activation of "kap-im" version 9
    When on day 8 at 09:00, the prescriber approves 0.5 mg/kg IM
    Then it is allowed
    And the course runs under kap-im version 1
    And re-deciding the course under kap-im version 9 would refuse its "DoseApproved" by DOSE-IM-START
    When on day 8 at 10:00, the clinician screens client "gus" for depression under kap-im version 9:
      | age       | 45 years                   |
      | weight    | 80 kg                      |
      | diagnoses | major_depressive_disorder  |
      | pregnant  | no                         |
      | vitals    | blood pressure 122/78 mmHg |
    Then the client is eligible
    And the course runs under kap-im version 9
    When on day 8 at 10:10, the clinician records the client's consent
    And on day 8 at 10:20, the prescriber approves 0.5 mg/kg IM
    Then it is refused by DOSE-IM-START, which saw "0.5 mg/kg"
