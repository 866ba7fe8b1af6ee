# Protocol: protocols/kap-sublingual.kap (kap-sublingual version 2)
# Source: (Bloom referral criteria: cannot stay sober 7 days; pregnant or
#         breastfeeding); (CTP lozenge method; Sage Integrative Health: at least 3 preparatory
#         sessions); (thresholds are protocol parameters; the PHQ-9 >= 20 warning is this protocol's
#         own choice)
Feature: Screening for sublingual KAP: abstinence windows, breastfeeding and symptom scores
  Recent substance use excludes the client until the abstinence window has passed or a prescriber
  overrides it; so does breastfeeding; a severe PHQ-9 score is flagged for the prescriber without
  excluding.

  Background:
    Given the protocol "kap-sublingual" version 2 from "protocols/kap-sublingual.kap"

  Scenario: Alcohol three days ago excludes the client; ten days ago does not
    When on day 1 at 09:00, the clinician screens client "jon" for anxiety:
      | age           | 44 years                        |
      | weight        | 82 kg                           |
      | diagnoses     | generalised_anxiety_disorder    |
      | substance use | alcohol 3 days before screening |
      | pregnant      | no                              |
      | breastfeeding | no                              |
      | vitals        | blood pressure 122/78 mmHg      |
      | scores        | PHQ-9 14                        |
    Then the client is not eligible because of CI-SOBRIETY
    When on day 1 at 10:00, the clinician screens client "kim" for anxiety:
      | age           | 39 years                         |
      | weight        | 64 kg                            |
      | diagnoses     | generalised_anxiety_disorder     |
      | substance use | alcohol 10 days before screening |
      | pregnant      | no                               |
      | breastfeeding | no                               |
      | vitals        | blood pressure 122/78 mmHg       |
      | scores        | PHQ-9 14                         |
    Then the client is eligible

  Scenario: A severe PHQ-9 score warns the prescriber; a moderate one does not
    When on day 1 at 09:00, the clinician screens client "lea" for depression:
      | age           | 36 years                   |
      | weight        | 70 kg                      |
      | diagnoses     | major_depressive_disorder  |
      | scores        | PHQ-9 22, GAD-7 15         |
      | pregnant      | no                         |
      | breastfeeding | no                         |
      | vitals        | blood pressure 122/78 mmHg |
    Then the client is eligible, with warning WARN-SEVERE-DEPRESSION
    When on day 1 at 10:00, the clinician screens client "max" for depression:
      | age           | 52 years                   |
      | weight        | 88 kg                      |
      | diagnoses     | major_depressive_disorder  |
      | scores        | PHQ-9 14                   |
      | pregnant      | no                         |
      | breastfeeding | no                         |
      | vitals        | blood pressure 122/78 mmHg |
    Then the client is eligible

  Scenario: A breastfeeding client is held until a prescriber decides; one who is not breastfeeding is eligible
    When on day 1 at 09:00, the clinician screens client "noa" for depression:
      | age           | 31 years                   |
      | weight        | 62 kg                      |
      | diagnoses     | major_depressive_disorder  |
      | breastfeeding | yes                        |
      | pregnant      | no                         |
      | vitals        | blood pressure 122/78 mmHg |
      | scores        | PHQ-9 14                   |
    Then the client is not eligible because of CI-BREASTFEEDING
    When on day 1 at 10:00, the clinician screens client "ria" for depression:
      | age           | 33 years                   |
      | weight        | 66 kg                      |
      | diagnoses     | major_depressive_disorder  |
      | breastfeeding | no                         |
      | pregnant      | no                         |
      | vitals        | blood pressure 122/78 mmHg |
      | scores        | PHQ-9 14                   |
    Then the client is eligible
