# Protocol: protocols/kap-sublingual-v4.kap (kap-sublingual version 4)
# Source: ICD-10-CM FY2025 tabular list (CDC/NCHS): F20-F29 schizophrenia, schizotypal, delusional and other
#         non-mood psychotic disorders; WHO ATC index 2025: N05BA benzodiazepine derivatives (anxiolytics).
#         (Psyon exclusion criteria: psychosis; Ketalar label: benzodiazepines may blunt the response.)
Feature: A protocol that imports the clinic's shared value sets
  The clinic keeps the sets its protocols share (the psychotic disorders, the benzodiazepines) in one
  library of value sets, published and sealed like a protocol. Version 4 of the sublingual protocol
  imports them by name from version 1 of that library instead of writing them out, and decides exactly
  as version 3 did: a coded psychosis is refused, naming the set, and the protocol says which library
  version each imported set came from.

  Background:
    Given the protocol "kap-sublingual" version 4 from "protocols/kap-sublingual-v4.kap"
    And the value-set library "kap-terms" version 1 from "protocols/libraries/kap-terms-v1.kap"

  Scenario: A schizophrenia code is refused through the imported set
    When on day 1 at 09:00, the clinician screens client "jay" for depression:
      | age           | 41 years                   |
      | weight        | 77 kg                      |
      | diagnoses     | ICD-10-CM F20.0            |
      | pregnant      | no                         |
      | breastfeeding | no                         |
      | vitals        | blood pressure 126/80 mmHg |
      | scores        | PHQ-9 12                   |
    Then the client is not eligible because of CI-PSYCHOSIS
    And CI-PSYCHOSIS saw "diagnosis F20.0 (ICD-10-CM)"
    And the client's code F20.0 is in value set "psychotic_disorders v1"
    And the protocol's value set "psychotic_disorders" comes from library "kap-terms v1"

  Scenario: A benzodiazepine coded by ATC is warned about through the imported set, and the protocol's own set still reads
    When on day 1 at 09:00, the clinician screens client "kim" for depression:
      | age           | 33 years                   |
      | weight        | 61 kg                      |
      | diagnoses     | ICD-10-CM F33.1            |
      | medications   | ATC N05BA12                |
      | pregnant      | no                         |
      | breastfeeding | no                         |
      | vitals        | blood pressure 118/76 mmHg |
      | scores        | PHQ-9 12                   |
    Then the client is eligible, with warning WARN-BENZODIAZEPINE
    And the client's code N05BA12 is in value set "benzodiazepines v1"
    And the client's code F33.1 is in value set "treated_conditions v1"
    And the protocol's value set "benzodiazepines" comes from library "kap-terms v1"
