# Protocol: protocols/kap-im-v2.kap (kap-im version 2)
# Source: 21 CFR 11.10(e) (changes to a record do not obscure the original); PADSS vital-signs item
#         (discharge near the pre-dose baseline); what a correction changes is the engine's (docs/rules.md)
Feature: A corrected reading is the one the course decides on
  A reading charted wrongly is corrected with its true values. The original stays in the record, and from
  then on the course uses the corrected reading: the session's rules read it (a rise over baseline extends
  observation), a discharge still to come is decided on it, and a discharge already given on the wrong
  value is flagged for the prescriber's review.

  Background:
    Given the protocol "kap-im" version 2 from "protocols/kap-im-v2.kap"
    And the session room has pulse_oximeter, blood_pressure_monitor and prescriber_on_site

  Scenario: The last reading was really 192/114, and the discharge waits
    When on day 1 at 09:00, the clinician screens client "lea" for depression:
      | age       | 48 years                   |
      | weight    | 70 kg                      |
      | diagnoses | major_depressive_disorder  |
      | pregnant  | no                         |
      | vitals    | blood pressure 124/80 mmHg |
    And on day 1 at 09:10, the clinician records the client's consent
    And on day 2 at 10:00, the therapist holds a preparation session
    And on day 4 at 10:00, the therapist holds a preparation session
    And on day 8 at 09:00, the prescriber approves 0.5 mg/kg IM
    And on day 8 at 09:15, the clinician starts the session, pre-dose vitals "blood pressure 126/80 mmHg" measured at 09:05
    Then it is allowed
    When on day 8 at 10:15, the clinician records vitals "blood pressure 150/90 mmHg, SpO2 97 %"
    Then it is allowed
    When on day 8 at 11:10, the clinician corrects the reading "BP 150/90 mmHg" to "blood pressure 192/114 mmHg" because "typed from the wrong row of the monitor log"
    Then it is allowed with warning TRIG-BP-RISE
    And the history shows "[corrected: reading BP 192/114 mmHg, SpO2 97 %]"
    And session 1 is observed for 30 min more by TRIG-BP-RISE
    When on day 8 at 11:20, the clinician discharges the client: aldrete 10, escort present, driven by the escort
    Then it is refused by OBS-MIN and DIS-VITALS
    And DIS-VITALS saw "systolic 192 mmHg"

  Scenario: A discharge given on a reading later corrected is flagged for review
    When on day 1 at 09:00, the clinician screens client "max" for depression:
      | age       | 55 years                   |
      | weight    | 82 kg                      |
      | diagnoses | major_depressive_disorder  |
      | pregnant  | no                         |
      | vitals    | blood pressure 128/82 mmHg |
    And on day 1 at 09:10, the clinician records the client's consent
    And on day 2 at 10:00, the therapist holds a preparation session
    And on day 4 at 10:00, the therapist holds a preparation session
    And on day 8 at 09:00, the prescriber approves 0.5 mg/kg IM
    And on day 8 at 09:15, the clinician starts the session, pre-dose vitals "blood pressure 128/80 mmHg" measured at 09:05
    And on day 8 at 10:15, the clinician records vitals "blood pressure 130/82 mmHg, SpO2 98 %"
    And on day 8 at 11:20, the clinician discharges the client: aldrete 10, escort present, driven by the escort
    Then it is allowed
    When on day 8 at 14:00, the clinician corrects the reading "BP 130/82 mmHg" to "blood pressure 192/114 mmHg" because "the monitor's log shows 192/114 at 10:15"
    Then it is allowed with warning DIS-VITALS
    And DIS-VITALS found "was decided on a reading later corrected to BP 192/114 mmHg"
    And the history shows "flags 1 past decision(s) for review: DIS-VITALS"
    And the history shows "prescriber_review due"
    And the history shows "blocks dosing when overdue"
