# Protocol: protocols/spravato-trd.kap (spravato-trd version 1)
# Source: REFERENCE.md §1.3 (induction twice weekly in weeks 1-4, weekly in weeks 5-8, weekly or every
#         two weeks from week 9)
Feature: Phase frequencies by weeks since the first dose
  Induction allows two sessions per calendar week in weeks 1-4; from week 5 one per week.

  Background:
    Given the protocol "spravato-trd" version 1 from "protocols/spravato-trd.kap"
    And the session room has certified_setting, patient_enrolled, prescriber_on_site and pulse_oximeter

  Scenario: A third dose in week 1 and a second in week 5 are refused
    When on day 1 at 08:30, the clinician screens client "sam" for treatment_resistant_depression:
      | age       | 49 years                   |
      | weight    | 77 kg                      |
      | diagnoses | major_depressive_disorder  |
    And on day 1 at 08:40, the clinician records the client's consent
    Given on day 1, the client had an uneventful session of 56 mg intranasal
    And on day 1 at 15:00, the clinician fulfils the open monitoring_form
    And on day 4, the client had an uneventful session of 84 mg intranasal
    And on day 4 at 15:00, the clinician fulfils the open monitoring_form
    When on day 6 at 09:00, the prescriber approves 84 mg intranasal
    Then it is refused by PHASE-INDUCTION, which saw "2"
    Given on day 29, the client had an uneventful session of 84 mg intranasal
    And on day 29 at 15:00, the clinician fulfils the open monitoring_form
    When on day 32 at 09:00, the prescriber approves 84 mg intranasal
    Then it is refused by PHASE-MAINTENANCE-1
    When on day 36 at 09:00, the prescriber approves 84 mg intranasal
    Then it is allowed
