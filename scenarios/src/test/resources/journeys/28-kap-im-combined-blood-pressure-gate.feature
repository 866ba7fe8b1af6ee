# Protocol: protocols/kap-im-v3.kap (kap-im version 3)
# Source: Spravato prescribing information (consider delaying treatment if blood pressure is above 140/90
#         before dosing); the gate over both pressures as one rule is this protocol's choice
Feature: One blood-pressure gate over systolic and diastolic, with one override
  "Above 140/90" is one clinical judgement about one reading. Version 3 of the intramuscular protocol
  writes it as one rule over both pressures: a reading over either bound refuses the dose, the refusal
  names each pressure that failed with its value, and one prescriber's override covers the reading.

  Background:
    Given the protocol "kap-im" version 3 from "protocols/kap-im-v3.kap"
    And the session room has pulse_oximeter, blood_pressure_monitor and prescriber_on_site

  Scenario: Both pressures over their bounds are one refusal, lifted by one override
    When on day 1 at 09:00, the clinician screens client "jon" for depression:
      | age       | 48 years                   |
      | weight    | 90 kg                      |
      | diagnoses | ICD-10-CM F33.1            |
      | pregnant  | no                         |
      | vitals    | blood pressure 134/84 mmHg |
    Then the client is eligible
    When on day 1 at 09:10, the clinician records the client's consent
    And on day 2 at 10:00, the therapist holds a preparation session
    And on day 4 at 10:00, the therapist holds a preparation session
    And on day 8 at 09:00, the prescriber approves 0.5 mg/kg IM
    Then it is allowed
    When on day 8 at 09:15, the clinician starts the session, pre-dose vitals "blood pressure 152/96 mmHg" measured at 09:10
    Then it is refused by PREDOSE-BP, which saw "systolic 152 mmHg, diastolic 96 mmHg fail systolic <= 140 mmHg and diastolic <= 90 mmHg"
    When on day 8 at 09:20, the prescriber overrides PREDOSE-BP: "White-coat rise; home readings 128/82 all week; calm on recheck"
    And on day 8 at 09:25, the clinician starts the session, pre-dose vitals "blood pressure 150/94 mmHg" measured at 09:22
    Then it is allowed under the override of PREDOSE-BP

  Scenario: One pressure over its bound is refused by the same rule, naming only that pressure
    When on day 1 at 09:00, the clinician screens client "kai" for depression:
      | age       | 39 years                   |
      | weight    | 72 kg                      |
      | diagnoses | major_depressive_disorder  |
      | pregnant  | no                         |
      | vitals    | blood pressure 126/80 mmHg |
    Then the client is eligible
    When on day 1 at 09:10, the clinician records the client's consent
    And on day 2 at 10:00, the therapist holds a preparation session
    And on day 4 at 10:00, the therapist holds a preparation session
    And on day 8 at 09:00, the prescriber approves 0.5 mg/kg IM
    When on day 8 at 09:15, the clinician starts the session, pre-dose vitals "blood pressure 132/94 mmHg" measured at 09:10
    Then it is refused by PREDOSE-BP, which saw "diastolic 94 mmHg fails diastolic <= 90 mmHg"
    When on day 8 at 09:40, the clinician starts the session, pre-dose vitals "blood pressure 130/86 mmHg" measured at 09:35
    Then it is allowed
