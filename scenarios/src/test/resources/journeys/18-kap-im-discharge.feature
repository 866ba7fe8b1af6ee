# Protocol: protocols/kap-im.kap (kap-im version 1)
# Source: (blood-pressure rise of 40 mmHg or more); (discharge: vitals near
#         baseline, modified Aldrete >= 9, a responsible adult, no driving until the next day)
Feature: Discharge criteria after a rise in blood pressure
  A systolic rise of 40 mmHg over the pre-dose baseline adds 30 minutes of observation; discharge
  needs the systolic within 20 % of baseline, a modified Aldrete of 9 or more, an escort, and no driving.

  Background:
    Given the protocol "kap-im" version 1 from "protocols/kap-im.kap"
    And the session room has pulse_oximeter, blood_pressure_monitor and prescriber_on_site

  Scenario: Each discharge criterion refuses in turn until all are met
    When on day 1 at 09:00, the clinician screens client "eve" for depression:
      | age       | 44 years                   |
      | weight    | 74 kg                      |
      | diagnoses | major_depressive_disorder  |
      | pregnant  | no                         |
      | vitals    | blood pressure 122/78 mmHg |
    And on day 1 at 09:10, the clinician records the client's consent
    And on day 2 at 10:00, the therapist holds a preparation session
    And on day 4 at 10:00, the therapist holds a preparation session
    And on day 8 at 09:00, the prescriber approves 0.5 mg/kg IM
    And on day 8 at 09:15, the clinician starts the session, pre-dose vitals "blood pressure 126/80 mmHg, SpO2 98 %" measured at 09:05
    And on day 8 at 10:15, the clinician records vitals "blood pressure 170/92 mmHg, SpO2 97 %"
    Then it is allowed with warning TRIG-BP-RISE
    And session 1 is observed for 30 min more by TRIG-BP-RISE
    When on day 8 at 11:20, the clinician discharges the client: aldrete 10, escort present, driven by the escort
    Then it is refused by OBS-MIN and DIS-VITALS
    When on day 8 at 11:40, the clinician records vitals "blood pressure 138/84 mmHg, SpO2 98 %"
    And on day 8 at 11:50, the clinician discharges the client: aldrete 10, no escort, by taxi
    Then it is refused by DIS-ESCORT
    When on day 8 at 11:51, the clinician discharges the client: aldrete 10, escort present, driving themself
    Then it is refused by DIS-NO-DRIVING
    When on day 8 at 11:52, the clinician discharges the client: aldrete 8, escort present, driven by the escort
    Then it is refused by DIS-ALDRETE, which saw "8"
    When on day 8 at 11:53, the clinician discharges the client: aldrete 9, escort present, driven by the escort
    Then it is allowed
