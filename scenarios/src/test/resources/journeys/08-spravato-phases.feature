# Protocol: protocols/spravato-trd.kap (spravato-trd version 1)
# Source: (induction twice weekly in weeks 1-4, weekly in weeks 5-8, weekly or every
#         two weeks from week 9; evaluate the benefit at the end of induction); (the label does not say
#         calendar week or rolling 7 days; calendar week is this protocol's choice)
Feature: Phase frequencies by weeks since the first dose
  Induction allows two sessions per calendar week in weeks 1-4; from week 5 one per week. Weeks are
  counted from the first dose (day 1 09:15, so week 5 begins on day 29 at 09:15); calendar weeks run
  Monday to Sunday, and day 1 is a Monday.

  Background:
    Given the protocol "spravato-trd" version 1 from "protocols/spravato-trd.kap"
    And the session room has certified_setting, patient_enrolled, prescriber_on_site and pulse_oximeter

  Scenario: Twice weekly through induction; a third dose in week 1 and a second in week 5 are refused
    When on day 1 at 08:30, the clinician screens client "sam" for treatment_resistant_depression:
      | age           | 49 years                  |
      | weight        | 77 kg                     |
      | diagnoses     | major_depressive_disorder |
      | scores        | PHQ-9 23                  |
      | pregnant      | no                        |
      | breastfeeding | no                        |
    And on day 1 at 08:40, the clinician records the client's consent
    Given on day 1, the client had an uneventful session of 56 mg intranasal
    And on day 1 at 15:00, the clinician fulfils the open monitoring_form
    And on day 4, the client had an uneventful session of 84 mg intranasal
    And on day 4 at 15:00, the clinician fulfils the open monitoring_form
    When on day 6 at 09:00, the prescriber approves 84 mg intranasal
    Then it is refused by PHASE-INDUCTION, which saw "2"
    Given on day 8, the client had an uneventful session of 84 mg intranasal
    And on day 8 at 15:00, the clinician fulfils the open monitoring_form
    Given on day 11, the client had an uneventful session of 84 mg intranasal
    And on day 11 at 15:00, the clinician fulfils the open monitoring_form
    Given on day 15, the client had an uneventful session of 84 mg intranasal
    And on day 15 at 15:00, the clinician fulfils the open monitoring_form
    Given on day 18, the client had an uneventful session of 84 mg intranasal
    And on day 18 at 15:00, the clinician fulfils the open monitoring_form
    Given on day 22, the client had an uneventful session of 84 mg intranasal
    And on day 22 at 15:00, the clinician fulfils the open monitoring_form
    Given on day 25, the client had an uneventful session of 84 mg intranasal
    And on day 25 at 15:00, the clinician fulfils the open monitoring_form
    # eight sessions end induction: the prescriber evaluates the benefit before maintenance
    When on day 29 at 09:00, the prescriber approves 84 mg intranasal
    Then it is refused by REVIEW-INDUCTION, which saw "8 sessions completed"
    When on day 29 at 09:30, the clinician records a PHQ-9 score of 11
    And on day 29 at 10:00, the prescriber reviews the course and resumes it: "PHQ-9 from 23 to 11 over induction: continue weekly"
    Then it is allowed
    # day 30 is 29 days after the first dose: week 5, maintenance, once per calendar week
    Given on day 30, the client had an uneventful session of 84 mg intranasal
    And on day 30 at 15:00, the clinician fulfils the open monitoring_form
    When on day 33 at 09:00, the prescriber approves 84 mg intranasal
    Then it is refused by PHASE-MAINTENANCE-1, which saw "2"
    When on day 36 at 09:00, the prescriber approves 84 mg intranasal
    Then it is allowed
