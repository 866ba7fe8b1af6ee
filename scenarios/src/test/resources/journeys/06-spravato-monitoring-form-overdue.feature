# Protocol: protocols/spravato-trd.kap (spravato-trd version 1)
# Source: (REMS Patient Monitoring Form for each treatment session, within 7 days)
Feature: An overdue REMS monitoring form blocks the next dose
  Each session creates the REMS Patient Monitoring Form, due within 7 days. Once it is overdue the
  protocol refuses further dosing, naming the rule that created it, until the form is submitted.

  Background:
    Given the protocol "spravato-trd" version 1 from "protocols/spravato-trd.kap"
    And the session room has certified_setting, patient_enrolled, prescriber_on_site and pulse_oximeter

  Scenario: The form is forgotten, the next approval is refused, the form is submitted late and dosing resumes
    When on day 1 at 08:30, the clinician screens client "pia" for treatment_resistant_depression:
      | age           | 40 years                  |
      | weight        | 66 kg                     |
      | diagnoses     | major_depressive_disorder |
      | pregnant      | no                        |
      | breastfeeding | no                        |
    And on day 1 at 08:40, the clinician records the client's consent
    Given on day 1, the client had an uneventful session of 56 mg intranasal
    When on day 9 at 09:00, the prescriber approves 56 mg intranasal
    Then it is refused by OBL-REMS-FORM, which saw "overdue"
    And the open obligations list an overdue monitoring_form created by OBL-REMS-FORM
    When on day 9 at 09:10, the clinician fulfils the open monitoring_form
    Then it is allowed
    And the history shows "fulfilled late"
    When on day 9 at 09:20, the prescriber approves 56 mg intranasal
    Then it is allowed
