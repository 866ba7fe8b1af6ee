# Protocol: protocols/kap-im-v2.kap (kap-im version 2)
# Source: Psyon exclusion criteria (psychotic disorders exclude KAP); attempted unsafe acts are recorded
#         (docs/rules.md, "Attempts are recorded")
Feature: A dose attempted for an ineligible client is refused and recorded
  A client excluded at screening cannot be dosed. An approval attempted anyway is not a silent state
  conflict: it is answered with the rule that excludes the client and recorded with who tried.

  Background:
    Given the protocol "kap-im" version 2 from "protocols/kap-im-v2.kap"

  Scenario: An approval for a client with schizophrenia
    When on day 1 at 09:00, the clinician screens client "ora" for depression:
      | age       | 36 years                                 |
      | weight    | 68 kg                                    |
      | diagnoses | major_depressive_disorder, schizophrenia |
      | pregnant  | no                                       |
      | vitals    | blood pressure 120/76 mmHg               |
    Then the client is not eligible because of CI-PSYCHOSIS
    When on day 1 at 09:30, the prescriber approves 0.5 mg/kg IM
    Then it is refused by CI-PSYCHOSIS and ENGINE-CONSENT
    And CI-PSYCHOSIS saw "schizophrenia"
    And the history shows "dose 0.5 mg/kg im refused"
