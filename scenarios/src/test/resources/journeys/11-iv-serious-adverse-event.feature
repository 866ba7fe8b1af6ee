# Protocol: protocols/iv-ketamine.kap (iv-ketamine version 1)
# Source: (CTCAE grades; FDA seriousness criteria); the engine's response (stop the session, block
#         dosing until a clinician review, an SAE report) is this protocol's choice
Feature: A serious adverse event halts the course until a prescriber's review
  A grade 3 or serious adverse event stops the session, halts the course and creates an adverse-event
  report due within a day. No dose is approved, and the client is not discharged while the event is
  open; after the event resolves, only a prescriber's review resumes the course.

  Background:
    Given the protocol "iv-ketamine" version 1 from "protocols/iv-ketamine.kap"
    And the session room has pulse_oximeter, blood_pressure_monitor and resuscitation_equipment

  Scenario: Chest pain during the infusion, assessed on site, and a review that resumes the course
    When on day 1 at 08:30, the clinician screens client "vic" for depression:
      | age       | 56 years                   |
      | weight    | 90 kg                      |
      | diagnoses | major_depressive_disorder  |
      | pregnant  | no                         |
      | vitals    | blood pressure 122/78 mmHg |
    And on day 1 at 08:40, the clinician records the client's consent
    And on day 1 at 09:00, the prescriber approves 0.5 mg/kg IV infused over 40 min
    And on day 1 at 09:15, the clinician starts the infusion, pre-dose vitals "blood pressure 132/84 mmHg, SpO2 98 %" measured at 09:10, to end at 09:55
    Then it is allowed
    When on day 1 at 09:25, the clinician records vitals "blood pressure 140/88 mmHg, heart rate 92 bpm, SpO2 98 %"
    And on day 1 at 09:32, the clinician records a serious adverse event: chest_pain grade 3, important_medical_event
    Then it is allowed with warning AE-SEVERE
    And the course is halted by AE-SEVERE
    And the history shows "session 1 stopped by AE-SEVERE"
    And the history shows "adverse_event_report due"
    When on day 1 at 09:35, the clinician records vitals "blood pressure 148/90 mmHg, heart rate 104 bpm, SpO2 97 %"
    And on day 1 at 09:45, the clinician records vitals "blood pressure 142/88 mmHg, heart rate 96 bpm, SpO2 98 %"
    And on day 1 at 09:55, the clinician records vitals "blood pressure 136/86 mmHg, heart rate 88 bpm, SpO2 98 %"
    And on day 1 at 10:10, the clinician records vitals "blood pressure 134/84 mmHg, heart rate 84 bpm, SpO2 98 %"
    And on day 1 at 10:25, the clinician records vitals "blood pressure 132/84 mmHg, heart rate 80 bpm, SpO2 98 %"
    And on day 1 at 10:40, the clinician records vitals "blood pressure 130/82 mmHg, heart rate 78 bpm, SpO2 98 %"
    And on day 1 at 10:55, the clinician records vitals "blood pressure 130/82 mmHg, heart rate 76 bpm, SpO2 98 %"
    And on day 1 at 11:00, the clinician discharges the client: MOAA/S 5, escort present, driven by the escort
    Then it is refused by ENGINE-OPEN-AE
    When on day 1 at 11:30, the clinician resolves adverse event AE-1: "Pain settled within 15 minutes; 12-lead ECG unchanged; point-of-care troponin negative at 0 and 2 h; cardiology advised home with escort"
    Then it is allowed
    When on day 1 at 11:40, the clinician discharges the client: MOAA/S 5, escort present, driven by the escort
    Then it is allowed
    When on day 2 at 10:00, the clinician fulfils the open adverse_event_report
    Then it is allowed
    When on day 3 at 09:00, the prescriber approves 0.5 mg/kg IV infused over 40 min
    Then it is refused by AE-SEVERE
    When on day 4 at 09:00, the prescriber reviews the course and resumes it: "Cardiology review: no contraindication; continue with closer BP monitoring"
    Then it is allowed
    And the course is no longer halted
    When on day 4 at 09:10, the prescriber approves 0.5 mg/kg IV infused over 40 min
    Then it is allowed
