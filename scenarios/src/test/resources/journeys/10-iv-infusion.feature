# Protocol: protocols/iv-ketamine.kap (iv-ketamine version 1)
# Source: (0.5 mg/kg over 40 minutes; Pennsylvania guideline: infusions of no more
#         than 1 mg/kg/h; Emory: BP every 10 minutes during and every 15 minutes after the infusion; ED
#         protocol: observe at least 60 minutes after the final dose); resuscitation equipment is an
#         engine rule (SETTING-RESUSCITATION), not in the public sources (an ACLS-capable setting is common practice, not a published requirement)
Feature: An IV infusion of 0.5 mg/kg over 40 minutes
  The dose, the infusion's duration and its rate are checked at approval; the setting at the start;
  observation runs from the end of the infusion.

  Background:
    Given the protocol "iv-ketamine" version 1 from "protocols/iv-ketamine.kap"
    And the session room has pulse_oximeter, blood_pressure_monitor and resuscitation_equipment

  Scenario: Too fast, too short and too much are refused; the standard infusion runs and the client goes home
    When on day 1 at 08:30, the clinician screens client "uma" for treatment_resistant_depression:
      | age       | 50 years                   |
      | weight    | 80 kg                      |
      | diagnoses | major_depressive_disorder  |
      | vitals    | blood pressure 130/84 mmHg |
      | pregnant  | no                         |
    Then the client is eligible
    When on day 1 at 08:40, the clinician records the client's consent
    And on day 1 at 09:00, the prescriber approves 0.75 mg/kg IV infused over 60 min
    Then it is refused by DOSE-IV-MAX, which saw "0.75 mg/kg"
    When on day 1 at 09:01, the prescriber approves 0.5 mg/kg IV infused over 20 min
    Then it is refused by DOSE-IV-DURATION and DOSE-IV-RATE
    When on day 1 at 09:02, the prescriber approves 0.5 mg/kg IV infused over 40 min
    Then it is allowed
    Given the session room has no resuscitation_equipment
    When on day 1 at 09:15, the clinician starts the infusion, pre-dose vitals "blood pressure 128/82 mmHg, SpO2 98 %" measured at 09:10, to end at 09:55
    Then it is refused by SETTING-RESUSCITATION
    Given the session room has resuscitation_equipment
    When on day 1 at 09:20, the clinician starts the infusion, pre-dose vitals "blood pressure 128/82 mmHg, SpO2 98 %" measured at 09:10, to end at 10:00
    Then it is allowed
    When on day 1 at 09:30, the clinician records vitals "blood pressure 134/84 mmHg, heart rate 82 bpm, SpO2 98 %"
    And on day 1 at 09:40, the clinician records vitals "blood pressure 140/86 mmHg, heart rate 86 bpm, SpO2 97 %"
    And on day 1 at 09:50, the clinician records vitals "blood pressure 142/88 mmHg, heart rate 84 bpm, SpO2 97 %"
    And on day 1 at 10:00, the clinician records vitals "blood pressure 138/86 mmHg, heart rate 80 bpm, SpO2 98 %"
    And on day 1 at 10:15, the clinician records vitals "blood pressure 132/84 mmHg, heart rate 78 bpm, SpO2 98 %"
    And on day 1 at 10:30, the clinician records vitals "blood pressure 130/82 mmHg, heart rate 76 bpm, SpO2 98 %"
    And on day 1 at 10:45, the clinician records vitals "blood pressure 128/82 mmHg, heart rate 74 bpm, SpO2 98 %"
    Then it is allowed
    When on day 1 at 10:50, the clinician discharges the client: MOAA/S 5, escort present, driven by the escort
    Then it is refused by OBS-MIN and OBS-BP-AFTER-60
    And OBS-MIN saw "50 min"
    When on day 1 at 11:00, the clinician records vitals "blood pressure 126/80 mmHg, heart rate 72 bpm, SpO2 98 %"
    And on day 1 at 11:05, the clinician discharges the client: MOAA/S 5, escort present, driven by the escort
    Then it is allowed
