# Protocol: protocols/kap-im-v2.kap (kap-im version 2)
# Source: weight-based IM dosing in mg/kg (Dore et al. 2019); the 30-day weight recency is this protocol's
#         choice (docs/dsl.md, "weight measured within")
Feature: An mg/kg dose is computed on the weight measured last
  The weight taken at screening is not the weight of the whole course. Each approval uses the latest
  weight measured before it, says which, and a weight older than the protocol allows must be taken again.

  Background:
    Given the protocol "kap-im" version 2 from "protocols/kap-im-v2.kap"
    And the session room has pulse_oximeter, blood_pressure_monitor and prescriber_on_site

  Scenario: A client who lost weight, and a weight that grew old
    When on day 1 at 09:00, the clinician screens client "kim" for depression:
      | age       | 52 years                   |
      | weight    | 80 kg                      |
      | diagnoses | major_depressive_disorder  |
      | pregnant  | no                         |
      | vitals    | blood pressure 126/82 mmHg |
    And on day 1 at 09:10, the clinician records the client's consent
    And on day 2 at 10:00, the therapist holds a preparation session
    And on day 4 at 10:00, the therapist holds a preparation session
    When on day 8 at 08:40, the clinician records a weight of 64 kg
    Then it is allowed
    And the course knows the client's weight as "64 kg"
    When on day 8 at 09:00, the prescriber approves 0.5 mg/kg IM
    Then it is allowed
    And the history shows "dose 0.5 mg/kg (32 mg at 64 kg weighed"
    When on day 8 at 09:15, the clinician starts the session, pre-dose vitals "blood pressure 124/80 mmHg" measured at 09:05
    And on day 8 at 10:15, the clinician records vitals "blood pressure 130/82 mmHg, SpO2 98 %"
    And on day 8 at 11:20, the clinician discharges the client: aldrete 10, escort present, driven by the escort
    Then it is allowed
    When on day 9 at 15:00, the therapist holds the integration session
    Then it is allowed
    When on day 40 at 09:00, the prescriber approves 0.7 mg/kg IM
    Then it is refused by WEIGHT-RECENT, which saw "weight 64 kg measured 32 days"
    When on day 40 at 09:10, the clinician records a weight of 66 kg
    And on day 40 at 09:20, the prescriber approves 0.7 mg/kg IM
    Then it is allowed
    And the history shows "dose 0.7 mg/kg (46.2 mg at 66 kg weighed"
