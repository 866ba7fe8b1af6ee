# Protocol: protocols/spravato-trd-v3.kap (spravato-trd version 3)
# Source: Spravato prescribing information (56 mg on day 1, then 56 or 84 mg); Spravato EU SmPC (EMA),
#         posology for patients 65 years and older (28 mg on day 1, then in 28 mg steps up to 84 mg)
Feature: An older adult's dose set, in the same protocol as the usual one
  The label's variants need not be separate protocols. Version 3 of the esketamine protocol holds the usual
  dose set for adults under 65 and the older adults' set beside it, each rule saying which clients it is for:
  a client of 70 starts at 28 mg and steps up one device at a time; a client of 45 starts at 56 mg.

  Background:
    Given the protocol "spravato-trd" version 3 from "protocols/spravato-trd-v3.kap"
    And the session room has certified_setting, patient_enrolled, prescriber_on_site and pulse_oximeter

  Scenario: A client of 70 starts at 28 mg, not 56 mg
    When on day 1 at 08:30, the clinician screens client "ola" for treatment_resistant_depression:
      | age           | 70 years                   |
      | weight        | 64 kg                      |
      | diagnoses     | ICD-10-CM F33.2            |
      | vitals        | blood pressure 128/80 mmHg |
      | pregnant      | no                         |
      | breastfeeding | no                         |
    Then the client is eligible
    When on day 1 at 08:40, the clinician records the client's consent
    And on day 1 at 09:00, the prescriber approves 56 mg intranasal
    Then it is refused by DOSE-IN-FIRST-65, which saw "56 mg"
    When on day 1 at 09:05, the prescriber approves 28 mg intranasal
    Then it is allowed

  Scenario: A client of 45 keeps the usual dose set, which has no 28 mg
    When on day 1 at 08:30, the clinician screens client "pim" for treatment_resistant_depression:
      | age           | 45 years                   |
      | weight        | 70 kg                      |
      | diagnoses     | ICD-10-CM F33.2            |
      | vitals        | blood pressure 126/80 mmHg |
      | pregnant      | no                         |
      | breastfeeding | no                         |
    Then the client is eligible
    When on day 1 at 08:40, the clinician records the client's consent
    And on day 1 at 09:00, the prescriber approves 28 mg intranasal
    Then it is refused by DOSE-IN-SET and DOSE-IN-FIRST
    When on day 1 at 09:05, the prescriber approves 56 mg intranasal
    Then it is allowed
