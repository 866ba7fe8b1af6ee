# Protocol: protocols/spravato-trd.kap (spravato-trd version 1)
# Source: (moderate hepatic impairment, Child-Pugh B: may need longer monitoring)
Feature: Longer observation for a client with moderate hepatic impairment
  The protocol adds 60 minutes to the two-hour observation for Child-Pugh B.

  Background:
    Given the protocol "spravato-trd" version 1 from "protocols/spravato-trd.kap"
    And the session room has certified_setting, patient_enrolled, prescriber_on_site and pulse_oximeter

  Scenario: Discharge at two hours is refused; at three hours it is allowed
    When on day 1 at 08:30, the clinician screens client "tess" for treatment_resistant_depression:
      | age           | 63 years                  |
      | weight        | 71 kg                     |
      | diagnoses     | major_depressive_disorder |
      | history       | child_pugh_b              |
      | pregnant      | no                        |
      | breastfeeding | no                        |
    Then the client is eligible
    When on day 1 at 08:40, the clinician records the client's consent
    And on day 1 at 09:00, the prescriber approves 56 mg intranasal
    And on day 1 at 09:15, the clinician starts the session, pre-dose vitals "blood pressure 124/80 mmHg, SpO2 98 %" measured at 09:10
    And on day 1 at 09:55, the clinician records vitals "blood pressure 134/84 mmHg, SpO2 97 %"
    And on day 1 at 11:20, the clinician discharges the client: MOAA/S 5, escort present, driven by the escort
    Then it is refused by OBS-MIN, which saw "2 h 5 min"
    When on day 1 at 12:15, the clinician records vitals "blood pressure 128/82 mmHg, SpO2 98 %"
    And on day 1 at 12:20, the clinician discharges the client: MOAA/S 5, escort present, driven by the escort
    Then it is allowed
