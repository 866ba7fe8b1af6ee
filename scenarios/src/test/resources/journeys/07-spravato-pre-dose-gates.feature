# Protocol: protocols/spravato-trd.kap (spravato-trd version 1)
# Source: (assess blood pressure before dosing; consider delaying if above 140/90),
#         (Accelerated Psychiatry: no treatment above 140/90 at rest); (all thresholds are protocol
#         parameters; the 30-minute recency and 24-hour approval validity are this protocol's choices)
Feature: Gates before the dose: blood pressure, how recent it is, and how long an approval lasts
  A pre-dose blood pressure above 140/90 holds the dose unless the prescriber overrides it; vitals
  must be at most 30 minutes old; an approval is good for 24 hours.

  Background:
    Given the protocol "spravato-trd" version 1 from "protocols/spravato-trd.kap"
    And the session room has certified_setting, patient_enrolled, prescriber_on_site and pulse_oximeter

  Scenario: A systolic of 152 holds the dose until the prescriber overrides the rule for this session
    When on day 1 at 08:30, the clinician screens client "quinn" for treatment_resistant_depression:
      | age           | 61 years                  |
      | weight        | 84 kg                     |
      | diagnoses     | major_depressive_disorder |
      | pregnant      | no                        |
      | breastfeeding | no                        |
    And on day 1 at 08:40, the clinician records the client's consent
    And on day 1 at 09:00, the prescriber approves 56 mg intranasal
    And on day 1 at 09:15, the clinician starts the session, pre-dose vitals "blood pressure 152/88 mmHg, SpO2 98 %" measured at 09:10
    Then it is refused by PREDOSE-SBP, which saw "152 mmHg"
    When on day 1 at 09:25, the prescriber overrides PREDOSE-SBP: "Known white-coat effect; home readings 130s; cardiology cleared"
    Then it is allowed
    When on day 1 at 09:35, the clinician starts the session, pre-dose vitals "blood pressure 148/86 mmHg, SpO2 98 %" measured at 09:30
    Then it is allowed under the override of PREDOSE-SBP

  Scenario: Vitals taken 45 minutes before, and an approval from the day before, are refused
    When on day 1 at 08:30, the clinician screens client "rae" for treatment_resistant_depression:
      | age           | 34 years                  |
      | weight        | 59 kg                     |
      | diagnoses     | major_depressive_disorder |
      | pregnant      | no                        |
      | breastfeeding | no                        |
    And on day 1 at 08:40, the clinician records the client's consent
    And on day 1 at 09:00, the prescriber approves 56 mg intranasal
    And on day 1 at 09:55, the clinician starts the session, pre-dose vitals "blood pressure 122/76 mmHg, SpO2 99 %" measured at 09:10
    Then it is refused by PREDOSE-RECENT, which saw "45 min"
    When on day 2 at 09:30, the clinician starts the session, pre-dose vitals "blood pressure 122/76 mmHg, SpO2 99 %" measured at 09:25
    Then it is refused by APPROVAL-VALID
    When on day 2 at 09:40, the prescriber approves 56 mg intranasal
    And on day 2 at 09:50, the clinician starts the session, pre-dose vitals "blood pressure 122/76 mmHg, SpO2 99 %" measured at 09:45
    Then it is allowed
