# Protocol: protocols/kap-im.kap (kap-im version 1)
# Source: (Psyon, Bloom exclusion and referral criteria); (absolute vs relative
#         synthesis; it lists uncontrolled hypertension as absolute, so CI-HTN's relative severity is this
#         protocol's choice); (Bakker 2021: lamotrigine probably attenuates ketamine)
Feature: Screening for intramuscular KAP: who may start, who may not, and who may with a prescriber's review
  Screening decides eligibility from the protocol's exclusions. An absolute exclusion ends it; a
  relative one holds the course until a prescriber overrides it with a justification; a warning
  travels with the course and excludes no one.

  Background:
    Given the protocol "kap-im" version 1 from "protocols/kap-im.kap"

  Scenario: A history of psychosis excludes the client, and no prescriber can override it
    When on day 1 at 09:00, the clinician screens client "carl" for depression:
      | age       | 38 years                                      |
      | weight    | 75 kg                                         |
      | diagnoses | major_depressive_disorder, psychotic_disorder |
      | pregnant  | no                                            |
      | vitals    | blood pressure 122/78 mmHg                    |
    Then the client is not eligible because of CI-PSYCHOSIS
    When on day 1 at 09:30, the prescriber overrides CI-PSYCHOSIS: "Single episode twenty years ago"
    Then it is refused by CI-PSYCHOSIS
    When on day 1 at 09:40, the clinician records the client's consent
    Then it is rejected as not possible now: "not eligible"

  Scenario: A screening blood pressure of 148/102 holds the client until the prescriber overrides it
    When on day 1 at 09:00, the clinician screens client "dana" for ptsd:
      | age       | 51 years                    |
      | weight    | 68 kg                       |
      | diagnoses | ptsd                        |
      | vitals    | blood pressure 148/102 mmHg |
      | pregnant  | no                          |
    Then the client is not eligible because of CI-HTN
    When on day 1 at 09:05, the clinician records the client's consent
    Then it is rejected as not possible now: "not eligible"
    When on day 1 at 09:30, the clinician overrides CI-HTN: "I think it is fine"
    Then it is forbidden to the clinician
    When on day 2 at 11:00, the prescriber overrides CI-HTN: "Diastolic 102 at screening after a stressful trip; 24-hour ambulatory mean 132/84 on amlodipine"
    Then it is allowed
    And the history signs "override of CI-HTN" by "Dr Ben Prescriber" meaning "responsibility"
    When on day 2 at 11:10, the clinician records the client's consent
    Then it is allowed

  Scenario: A client under eighteen is not eligible; one who is eighteen is
    When on day 1 at 09:00, the clinician screens client "eli" for depression:
      | age       | 17 years                   |
      | weight    | 60 kg                      |
      | diagnoses | major_depressive_disorder  |
      | pregnant  | no                         |
      | vitals    | blood pressure 122/78 mmHg |
    Then the client is not eligible because of CI-AGE
    When on day 1 at 10:00, the clinician screens client "fay" for depression:
      | age       | 18 years                   |
      | weight    | 60 kg                      |
      | diagnoses | major_depressive_disorder  |
      | pregnant  | no                         |
      | vitals    | blood pressure 122/78 mmHg |
    Then the client is eligible

  Scenario: Pregnancy excludes; lamotrigine only warns; an indication the protocol does not treat is refused
    When on day 1 at 09:00, the clinician screens client "gia" for anxiety:
      | age       | 29 years                     |
      | weight    | 62 kg                        |
      | diagnoses | generalised_anxiety_disorder |
      | pregnant  | yes                          |
      | vitals    | blood pressure 122/78 mmHg   |
    Then the client is not eligible because of CI-PREGNANCY
    # lamotrigine here augments treatment of unipolar depression; kap-im version 1 has no rule on
    # bipolar depression, which published KAP screening criteria count among the relative exclusions
    When on day 1 at 10:00, the clinician screens client "hal" for depression:
      | age         | 47 years                   |
      | weight      | 90 kg                      |
      | diagnoses   | major_depressive_disorder  |
      | medications | lamotrigine                |
      | pregnant    | no                         |
      | vitals      | blood pressure 122/78 mmHg |
    Then the client is eligible, with warning WARN-LAMOTRIGINE
    When on day 1 at 11:00, the clinician screens client "ivy" for ocd:
      | age       | 33 years                   |
      | weight    | 58 kg                      |
      | diagnoses | ocd                        |
      | pregnant  | no                         |
      | vitals    | blood pressure 122/78 mmHg |
    Then the client is not eligible because of ENGINE-INDICATION
