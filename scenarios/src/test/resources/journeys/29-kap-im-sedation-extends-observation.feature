# Protocol: protocols/kap-im-v3.kap (kap-im version 3)
# Source: Spravato prescribing information (sedation assessed with the MOAA/S in the trials); the ASA
#         continuum of sedation depth (MOAA/S 3 and below is moderate or deeper sedation); the 30 min extension
#         and the alert (MOAA/S 5) discharge are this protocol's choices
Feature: A MOAA/S assessment during the session extends observation
  Sedation is assessed, not measured: the nurse scores the client's responsiveness on the MOAA/S scale
  during the session. Version 3 of the intramuscular protocol reads that score as an observation: a score
  of 3 or below keeps the client 30 minutes longer, and the discharge reads the session's latest score
  when the discharge form does not give one.

  Background:
    Given the protocol "kap-im" version 3 from "protocols/kap-im-v3.kap"
    And the session room has pulse_oximeter, blood_pressure_monitor and prescriber_on_site

  Scenario: Moderate sedation at 40 minutes keeps the client half an hour longer
    When on day 1 at 09:00, the clinician screens client "lin" for depression:
      | age       | 34 years                   |
      | weight    | 68 kg                      |
      | diagnoses | ICD-10-CM F33.1            |
      | pregnant  | no                         |
      | vitals    | blood pressure 122/78 mmHg |
    And on day 1 at 09:10, the clinician records the client's consent
    And on day 2 at 10:00, the therapist holds a preparation session
    And on day 4 at 10:00, the therapist holds a preparation session
    And on day 8 at 09:00, the prescriber approves 0.5 mg/kg IM
    And on day 8 at 09:15, the clinician starts the session, pre-dose vitals "blood pressure 120/78 mmHg, SpO2 98 %" measured at 09:05
    And on day 8 at 09:55, the clinician assesses the client's moaas as 3
    Then it is allowed with warning TRIG-SEDATION
    And session 1 is observed for 30 min more by TRIG-SEDATION
    When on day 8 at 10:15, the clinician records vitals "blood pressure 126/80 mmHg, SpO2 97 %"
    And on day 8 at 10:30, the clinician assesses the client's moaas as 4
    Then it is allowed
    And on day 8 at 11:20, the clinician discharges the client: aldrete 10, escort present, driven by the escort
    Then it is refused by OBS-MIN and DIS-ALERT
    And DIS-ALERT saw "MOAA/S 4"
    When on day 8 at 11:50, the clinician assesses the client's moaas as 5
    And on day 8 at 11:50, the clinician discharges the client: aldrete 10, escort present, driven by the escort
    Then it is allowed
