# Protocol: protocols/iv-ketamine.kap (iv-ketamine version 1)
# Source: (academic esketamine clinic: intervene when BP > 180/110 on two readings
#         5 minutes apart, or > 200/120 once; HR > 120 sustained for 5 minutes); (CTCAE grades)
Feature: Vital-sign rules that need two readings, and one that needs only one
  A single high reading is watched, not acted on; the same reading five minutes later records a
  hypertension adverse event. A systolic above 200 acts at once.

  Background:
    Given the protocol "iv-ketamine" version 1 from "protocols/iv-ketamine.kap"
    And the session room has pulse_oximeter, blood_pressure_monitor and resuscitation_equipment

  Scenario: Two readings above 180 five minutes apart record a grade 3 hypertension, which halts the course
    When on day 1 at 08:30, the clinician screens client "wes" for depression:
      | age       | 66 years                   |
      | weight    | 85 kg                      |
      | diagnoses | major_depressive_disorder  |
      | pregnant  | no                         |
      | vitals    | blood pressure 122/78 mmHg |
    And on day 1 at 08:40, the clinician records the client's consent
    And on day 1 at 09:00, the prescriber approves 0.5 mg/kg IV infused over 40 min
    And on day 1 at 09:15, the clinician starts the infusion, pre-dose vitals "blood pressure 138/86 mmHg, SpO2 98 %" measured at 09:10, to end at 09:55
    And on day 1 at 09:25, the clinician records vitals "blood pressure 184/98 mmHg, heart rate 90 bpm, SpO2 97 %"
    Then it is allowed
    And the history does not show "raised by"
    When on day 1 at 09:30, the clinician records vitals "blood pressure 186/100 mmHg, heart rate 92 bpm, SpO2 97 %"
    Then it is allowed with warnings TRIG-BP-SEVERE, AE-SEVERE and AE-HYPERTENSION
    And the history shows "hypertension grade 3 (raised by TRIG-BP-SEVERE)"
    And the course is halted by AE-SEVERE

  Scenario: One systolic above 200 acts at once
    When on day 1 at 08:30, the clinician screens client "xia" for depression:
      | age       | 59 years                   |
      | weight    | 70 kg                      |
      | diagnoses | major_depressive_disorder  |
      | pregnant  | no                         |
      | vitals    | blood pressure 122/78 mmHg |
    And on day 1 at 08:40, the clinician records the client's consent
    And on day 1 at 09:00, the prescriber approves 0.5 mg/kg IV infused over 40 min
    And on day 1 at 09:15, the clinician starts the infusion, pre-dose vitals "blood pressure 136/84 mmHg, SpO2 98 %" measured at 09:10, to end at 09:55
    And on day 1 at 09:45, the clinician records vitals "blood pressure 204/112 mmHg, heart rate 96 bpm, SpO2 97 %"
    Then it is allowed with warnings TRIG-BP-CRISIS, AE-SEVERE and AE-HYPERTENSION
    And the history shows "hypertension grade 3 (raised by TRIG-BP-CRISIS)"
    And the course is halted by AE-SEVERE
