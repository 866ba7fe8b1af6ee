# Protocol: protocols/kap-im.kap (kap-im version 1)
# Source: (SpO2 below 93 % on two assessments); (CTCAE grades); (emergence
#         reactions); the engine's response (stop the session, halt, report) is this protocol's choice
Feature: Low oxygen saturation and an emergence reaction during an IM session
  Saturation below 93 % twice, five minutes apart, records a grade 3 respiratory depression, which
  stops the session, halts the course and creates a report due within a day. A single low reading
  does not. An emergence reaction of grade 2 stops the session and extends observation by an hour;
  a mild one (grade 1) is recorded and the session goes on.

  Background:
    Given the protocol "kap-im" version 1 from "protocols/kap-im.kap"
    And the session room has pulse_oximeter, blood_pressure_monitor and prescriber_on_site

  Scenario: A low reading that recovers is watched; two low readings five minutes apart halt the course
    When on day 1 at 09:00, the clinician screens client "cal" for depression:
      | age       | 53 years                   |
      | weight    | 92 kg                      |
      | diagnoses | major_depressive_disorder  |
      | pregnant  | no                         |
      | vitals    | blood pressure 122/78 mmHg |
    And on day 1 at 09:10, the clinician records the client's consent
    And on day 2 at 10:00, the therapist holds a preparation session
    And on day 4 at 10:00, the therapist holds a preparation session
    And on day 8 at 09:00, the prescriber approves 0.5 mg/kg IM
    And on day 8 at 09:15, the clinician starts the session, pre-dose vitals "blood pressure 126/80 mmHg, SpO2 97 %" measured at 09:05
    And on day 8 at 09:30, the clinician records vitals "blood pressure 128/80 mmHg, SpO2 91 %"
    Then it is allowed
    When on day 8 at 09:33, the clinician records vitals "blood pressure 128/80 mmHg, SpO2 96 %"
    Then it is allowed
    When on day 8 at 09:40, the clinician records vitals "blood pressure 126/78 mmHg, SpO2 90 %"
    Then it is allowed
    When on day 8 at 09:45, the clinician records vitals "blood pressure 124/78 mmHg, SpO2 91 %"
    Then it is allowed with warnings TRIG-SPO2 and AE-SEVERE
    And the history shows "respiratory_depression grade 3 (raised by TRIG-SPO2)"
    And the history shows "session 1 stopped by AE-SEVERE"
    And the course is halted by AE-SEVERE
    And the history shows "adverse_event_report due"

  Scenario: An emergence reaction stops the session: no booster, an hour more of observation
    When on day 1 at 09:00, the clinician screens client "dov" for depression:
      | age       | 27 years                   |
      | weight    | 66 kg                      |
      | diagnoses | major_depressive_disorder  |
      | pregnant  | no                         |
      | vitals    | blood pressure 122/78 mmHg |
    And on day 1 at 09:10, the clinician records the client's consent
    And on day 2 at 10:00, the therapist holds a preparation session
    And on day 4 at 10:00, the therapist holds a preparation session
    And on day 8 at 09:00, the prescriber approves 0.5 mg/kg IM
    And on day 8 at 09:15, the clinician starts the session, pre-dose vitals "blood pressure 118/74 mmHg, SpO2 98 %" measured at 09:05
    And on day 8 at 09:35, the clinician records an adverse event: emergence_reaction grade 2
    Then it is allowed with warning AE-EMERGENCE
    And session 1 is observed for 60 min more by AE-EMERGENCE
    When on day 8 at 09:45, the prescriber approves a booster of 0.25 mg/kg IM
    Then it is refused by ENGINE-NO-SESSION, which saw "session 1 stopped by AE-EMERGENCE"
    When on day 8 at 10:15, the clinician records vitals "blood pressure 124/78 mmHg, SpO2 98 %"
    And on day 8 at 11:00, the clinician resolves adverse event AE-1: "Reassured; settled within 40 minutes"
    And on day 8 at 11:20, the clinician discharges the client: aldrete 10, escort present, driven by the escort
    Then it is refused by OBS-MIN
    When on day 8 at 12:20, the clinician discharges the client: aldrete 10, escort present, driven by the escort
    Then it is allowed

  Scenario: A mild emergence reaction during recovery is recorded, and the session ends as planned
    When on day 1 at 09:00, the clinician screens client "eda" for depression:
      | age       | 38 years                   |
      | weight    | 70 kg                      |
      | diagnoses | major_depressive_disorder  |
      | pregnant  | no                         |
      | vitals    | blood pressure 122/78 mmHg |
    And on day 1 at 09:10, the clinician records the client's consent
    And on day 2 at 10:00, the therapist holds a preparation session
    And on day 4 at 10:00, the therapist holds a preparation session
    And on day 8 at 09:00, the prescriber approves 0.5 mg/kg IM
    And on day 8 at 09:15, the clinician starts the session, pre-dose vitals "blood pressure 120/76 mmHg, SpO2 98 %" measured at 09:05
    And on day 8 at 09:45, the prescriber approves a booster of 0.25 mg/kg IM
    And on day 8 at 09:50, the clinician gives the booster
    And on day 8 at 10:15, the clinician records vitals "blood pressure 126/80 mmHg, SpO2 97 %"
    And on day 8 at 10:50, the clinician records an adverse event: emergence_reaction grade 1
    Then it is allowed
    And the history does not show "session 1 stopped"
    When on day 8 at 11:05, the clinician resolves adverse event AE-1: "Brief anxiety on emerging; settled with reassurance"
    And on day 8 at 11:50, the clinician records vitals "blood pressure 122/78 mmHg, SpO2 98 %"
    And on day 8 at 11:55, the clinician discharges the client: aldrete 10, escort present, driven by the escort
    Then it is allowed
