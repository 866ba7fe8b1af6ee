# Protocol: protocols/kap-im-v3.kap (kap-im version 3)
# Source: ICD-10-CM FY2025 tabular list (CDC/NCHS): F20-F29 schizophrenia, schizotypal, delusional and other
#         non-mood psychotic disorders; F33 major depressive disorder, recurrent. WHO ATC index 2025: N06BA
#         centrally acting sympathomimetics, N06BA04 methylphenidate. (Psyon exclusion criteria: psychosis.)
Feature: Screening on the codes clinical systems send
  Electronic records carry diagnoses and medications as codes, not as the protocol's words. Version 3
  of the intramuscular protocol binds each word of its rules to the ICD-10-CM, ATC and SNOMED CT codes
  that mean it, so a coded psychosis is refused like the word; a code no rule knows is answered with a
  warning rather than passed in silence; and a word the protocol does not know is sent back as a mistake.

  Background:
    Given the protocol "kap-im" version 3 from "protocols/kap-im-v3.kap"

  Scenario: A schizophrenia code excludes the client, naming the code and the value set it is in
    When on day 1 at 09:00, the clinician screens client "fern" for depression:
      | age       | 36 years                   |
      | weight    | 70 kg                      |
      | diagnoses | ICD-10-CM F20.9            |
      | pregnant  | no                         |
      | vitals    | blood pressure 122/78 mmHg |
    Then the client is not eligible because of CI-PSYCHOSIS
    And CI-PSYCHOSIS saw "diagnosis F20.9 (ICD-10-CM)"
    And the client's code F20.9 is in value set "psychotic_disorders v1"

  Scenario: A code in none of the protocol's value sets is screened with a warning naming it
    When on day 1 at 09:00, the clinician screens client "gus" for depression:
      | age       | 44 years                         |
      | weight    | 82 kg                            |
      | diagnoses | ICD-10-CM F33.1, ICD-10-CM F90.0 |
      | pregnant  | no                               |
      | vitals    | blood pressure 124/80 mmHg       |
    Then the client is eligible, with warning ENGINE-UNKNOWN-CODE
    And ENGINE-UNKNOWN-CODE saw "diagnosis F90.0 (ICD-10-CM)"
    And the client's code F33.1 is in value set "treated_conditions v1"

  Scenario: A misspelt word is sent back as a mistake, and nothing is recorded
    When on day 1 at 09:00, the clinician screens client "hal" for depression:
      | age       | 29 years                   |
      | weight    | 64 kg                      |
      | diagnoses | schizofrenia               |
      | pregnant  | no                         |
      | vitals    | blood pressure 118/76 mmHg |
    Then it is rejected as malformed: "'schizofrenia' is not a word of kap-im v3 (did you mean 'schizophrenia'?)"

  Scenario: Methylphenidate coded by ATC on the morning of the session holds the dose until a prescriber overrides
    Given the session room has pulse_oximeter, blood_pressure_monitor and prescriber_on_site
    When on day 1 at 09:00, the clinician screens client "ida" for depression:
      | age         | 31 years                   |
      | weight      | 66 kg                      |
      | diagnoses   | ICD-10-CM F33.1            |
      | medications | ATC N06BA04                |
      | pregnant    | no                         |
      | vitals      | blood pressure 120/78 mmHg |
    Then the client is eligible
    And the client's code N06BA04 is in value set "stimulant_drugs v1"
    When on day 1 at 09:10, the clinician records the client's consent
    And on day 2 at 10:00, the therapist holds a preparation session
    And on day 4 at 10:00, the therapist holds a preparation session
    When on day 8 at 08:45, the clinician records that the client took the drug coded "ATC N06BA04" 10 mg by mouth at 07:30
    Then it is allowed
    When on day 8 at 09:00, the prescriber approves 0.5 mg/kg IM
    Then it is refused by HOLD-STIMULANTS, which saw "N06BA04 (ATC) 10 mg oral taken"
    When on day 8 at 09:05, the prescriber overrides HOLD-STIMULANTS: "10 mg short-acting at 07:30; BP normal; client wishes to proceed"
    And on day 8 at 09:06, the prescriber approves 0.5 mg/kg IM
    Then it is allowed under the override of HOLD-STIMULANTS
