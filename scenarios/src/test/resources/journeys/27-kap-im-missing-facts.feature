# Protocol: protocols/kap-im-v2.kap (kap-im version 2)
# Source: Psyon conditions for admission (adults only), Bloom Health Institute referral criteria
#         (uncontrolled hypertension); a missing fact is never guessed (docs/rules.md, "Missing facts")
Feature: A fact not recorded at screening is never guessed
  A screening sent without the age is not "age 0": the age rule finds the age not recorded and the
  client is not eligible until it is. A screening without blood pressure does not skip the blood-pressure
  rule: it finds both readings missing, and the protocol requires them anyway.

  Background:
    Given the protocol "kap-im" version 2 from "protocols/kap-im-v2.kap"

  Scenario: No age at screening, then the age from the referral letter
    When on day 1 at 09:00, the clinician screens client "ivy" for depression:
      | weight    | 62 kg                      |
      | diagnoses | major_depressive_disorder  |
      | pregnant  | no                         |
      | vitals    | blood pressure 122/78 mmHg |
    Then the client is not eligible because of FACTS-REQUIRED and CI-AGE
    And the history shows "screened ivy for depression under kap-im v2, 2 exclusion(s)"
    When on day 1 at 09:20, the clinician records the client's age as 38 years
    Then it is allowed
    When on day 1 at 09:30, the clinician records the client's consent
    Then it is allowed

  Scenario: No blood pressure at screening, then a resting reading
    When on day 1 at 09:00, the clinician screens client "jon" for depression:
      | age       | 45 years                  |
      | weight    | 90 kg                     |
      | diagnoses | major_depressive_disorder |
      | pregnant  | no                        |
    Then the client is not eligible because of FACTS-REQUIRED and CI-HTN
    When on day 1 at 09:05, the clinician records the client's consent
    Then it is rejected as not possible now: "not eligible"
    When on day 1 at 09:15, the clinician records the client's resting blood pressure as "blood pressure 168/102 mmHg"
    Then it is recorded, excluding the client by CI-HTN
    And CI-HTN found "systolic 168 mmHg >= 160 mmHg"
    When on day 1 at 09:40, the clinician records the client's resting blood pressure as "blood pressure 136/86 mmHg"
    Then it is allowed
    When on day 1 at 09:45, the clinician records the client's consent
    Then it is allowed
