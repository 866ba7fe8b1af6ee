# Protocol: protocols/kap-im.kap (kap-im version 1, and versions 10 and 11 published during the journey)
# Source: 21 CFR 11.10(g) (only authorised people sign) and 11.50, 11.70 (each signature names its signer and
#         meaning, linked to its record); a second person's signature before a protocol version takes effect,
#         and retirement that leaves running courses on their version, are this engine's rules (docs/dsl.md, "Lifecycle")
Feature: A protocol version's lifecycle: two signatures to take effect, retirement without stranding a course
  A new version does not screen anyone on its designer's word alone: a second designer or an admin signs
  its activation, and the one who asked cannot be the one who approves. A version that is retired screens
  no new client, while the courses already under it go on under it to their end.

  Background:
    Given the protocol "kap-im" version 1 from "protocols/kap-im.kap"

  Scenario: A new version waits for its second signature, which its designer cannot give
    When the designer publishes version 10 of "protocols/kap-im.kap" with "start at most 0.5 mg/kg" changed to "start at most 0.4 mg/kg"
    Then "kap-im" version 10 awaits a second signature
    When on day 1 at 09:00, the clinician screens client "lea" for depression under kap-im version 10:
      | age       | 41 years                   |
      | weight    | 72 kg                      |
      | diagnoses | major_depressive_disorder  |
      | pregnant  | no                         |
      | vitals    | blood pressure 124/80 mmHg |
    Then it is rejected as not possible now: "only an active protocol screens new clients"
    When the designer approves the activation of "kap-im" version 10, it is refused: "a second designer or an admin approves it"
    And the admin approves the activation of "kap-im" version 10
    Then "kap-im" version 10 is active
    When on day 1 at 10:00, the clinician screens client "lea" for depression under kap-im version 10:
      | age       | 41 years                   |
      | weight    | 72 kg                      |
      | diagnoses | major_depressive_disorder  |
      | pregnant  | no                         |
      | vitals    | blood pressure 124/80 mmHg |
    Then the client is eligible
    And the course runs under kap-im version 10

  Scenario: A retired version screens no new client, and a course under it goes on
    When the designer publishes version 11 of "protocols/kap-im.kap" with "start at most 0.5 mg/kg" changed to "start at most 0.45 mg/kg"
    And the admin approves the activation of "kap-im" version 11
    When on day 1 at 09:00, the clinician screens client "max" for depression under kap-im version 11:
      | age       | 52 years                   |
      | weight    | 84 kg                      |
      | diagnoses | major_depressive_disorder  |
      | pregnant  | no                         |
      | vitals    | blood pressure 126/82 mmHg |
    Then the client is eligible
    When on day 1 at 09:10, the clinician records the client's consent
    And the designer retires "kap-im" version 11: "Replaced by the clinic's next version"
    Then "kap-im" version 11 is retired
    When on day 2 at 10:00, the therapist holds a preparation session
    Then it is allowed
    And the course runs under kap-im version 11
    When on day 2 at 11:00, the clinician screens client "nia" for depression under kap-im version 11:
      | age       | 33 years                   |
      | weight    | 60 kg                      |
      | diagnoses | major_depressive_disorder  |
      | pregnant  | no                         |
      | vitals    | blood pressure 118/76 mmHg |
    Then it is rejected as not possible now: "is retired; only an active protocol screens new clients"
