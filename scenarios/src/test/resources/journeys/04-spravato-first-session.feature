# Protocol: protocols/spravato-trd.kap (spravato-trd version 1)
# Source: (prescriber and pulse oximeter on site, blood pressure at about 40 minutes,
#         observation at least 2 hours); (REMS: certified setting, enrolment, Patient Monitoring
#         Form); (56 mg on day 1, then 56 or 84 mg)
Feature: A first esketamine session in a REMS-certified setting
  The label and its REMS fix the doses (56 or 84 mg, 56 mg on the first day), the setting (REMS-certified, the
  patient enrolled), a blood-pressure check about 40 minutes after the dose and at least two hours of
  observation; each session creates the REMS Patient Monitoring Form, due within 7 days.

  Background:
    Given the protocol "spravato-trd" version 1 from "protocols/spravato-trd.kap"
    And the session room has certified_setting, patient_enrolled, prescriber_on_site and pulse_oximeter

  Scenario: Only the label's doses are approved, only in a certified setting, and the monitoring form follows
    When on day 1 at 08:30, the clinician screens client "nia" for treatment_resistant_depression:
      | age           | 45 years                   |
      | weight        | 70 kg                      |
      | diagnoses     | major_depressive_disorder  |
      | vitals        | blood pressure 126/80 mmHg |
      | pregnant      | no                         |
      | breastfeeding | no                         |
    Then the client is eligible
    When on day 1 at 08:40, the clinician records the client's consent
    And on day 1 at 08:55, the prescriber approves 0.5 mg/kg IM
    Then it is refused by ENGINE-ROUTE
    When on day 1 at 09:00, the prescriber approves 84 mg intranasal
    Then it is refused by DOSE-IN-FIRST, which saw "84 mg"
    When on day 1 at 09:02, the prescriber approves 70 mg intranasal
    Then it is refused by DOSE-IN-SET and DOSE-IN-FIRST
    And DOSE-IN-SET saw "70 mg"
    When on day 1 at 09:05, the prescriber approves 56 mg intranasal
    Then it is allowed
    Given the session room has no certified_setting
    When on day 1 at 09:15, the clinician starts the session, pre-dose vitals "blood pressure 126/80 mmHg, SpO2 98 %" measured at 09:10
    Then it is refused by SETTING-CERTIFIED
    Given the session room has certified_setting
    When on day 1 at 09:20, the clinician starts the session, pre-dose vitals "blood pressure 126/80 mmHg, SpO2 98 %" measured at 09:10
    Then it is allowed
    When on day 1 at 10:02, the clinician records vitals "blood pressure 138/86 mmHg, SpO2 97 %"
    Then it is allowed
    When on day 1 at 11:20, the clinician records vitals "blood pressure 126/80 mmHg, SpO2 98 %"
    And on day 1 at 11:25, the clinician discharges the client: MOAA/S 5, escort present, driven by the escort
    Then it is allowed
    And the history shows "monitoring_form due"
    When on day 2 at 10:00, the clinician fulfils the open monitoring_form
    Then it is allowed
    And no obligation of the course is overdue
