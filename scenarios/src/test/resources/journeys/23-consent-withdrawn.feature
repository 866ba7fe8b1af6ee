# Protocol: protocols/kap-sublingual.kap (kap-sublingual version 2)
# Source: (21 CFR 11.10(e): audit trail of operator entries and actions); recording
#         and withdrawing consent are engine rules (the public sources cited here do not set them out)
Feature: A client withdraws consent
  Withdrawing consent ends the course at once; nothing more is done on it, and the attempts are
  answered without being recorded as acts.

  Background:
    Given the protocol "kap-sublingual" version 2 from "protocols/kap-sublingual.kap"

  Scenario: Consent withdrawn after preparation ends the course
    When on day 1 at 09:00, the clinician screens client "kai" for ptsd:
      | age           | 30 years                   |
      | weight        | 72 kg                      |
      | diagnoses     | ptsd                       |
      | pregnant      | no                         |
      | breastfeeding | no                         |
      | vitals        | blood pressure 122/78 mmHg |
      | scores        | PHQ-9 14                   |
    And on day 1 at 09:10, the clinician records the client's consent
    And on day 2 at 10:00, the therapist holds a preparation session
    And on day 3 at 09:00, the clinician records that the client withdrew consent: "Decided against ketamine after the first orientation"
    Then it is allowed
    And the course is ended
    When on day 4 at 10:00, the therapist holds a preparation session
    Then it is rejected as not possible now: "ended"
