# Protocol: protocols/kap-sublingual.kap (kap-sublingual version 2)
# Source: (CTP lozenge method: 50 and 100 mg tablets, general dosage range 100-400 mg;
#         Sage Integrative Health: at least 3 preparatory sessions; Balance Health: integration 1-7 days
#         after oral dosing); (per-session ceilings with boosters are protocol parameters; the 500 mg
#         weekly limit is this protocol's choice)
Feature: Sublingual KAP: start dose, titration and a weekly cumulative limit
  The first dose is at most 100 mg; each session may add at most one 100 mg tablet; boosters count;
  and no more than 500 mg in any seven days.

  Background:
    Given the protocol "kap-sublingual" version 2 from "protocols/kap-sublingual.kap"
    And the session room has chaperone_present and blood_pressure_monitor

  Scenario: Too high a first dose, then a second session whose booster would pass 500 mg in a week
    When on day 1 at 09:00, the clinician screens client "ida" for depression:
      | age           | 34 years                   |
      | weight        | 68 kg                      |
      | diagnoses     | major_depressive_disorder  |
      | scores        | PHQ-9 17                   |
      | pregnant      | no                         |
      | breastfeeding | no                         |
      | vitals        | blood pressure 122/78 mmHg |
    And on day 1 at 09:10, the clinician records the client's consent
    And on day 2 at 10:00, the therapist holds a preparation session
    And on day 3 at 10:00, the therapist holds a preparation session
    And on day 4 at 10:00, the therapist holds a preparation session
    And on day 8 at 09:00, the prescriber approves 200 mg sublingual
    Then it is refused by DOSE-SL-START, which saw "200 mg"
    When on day 8 at 09:01, the prescriber approves 100 mg sublingual
    And on day 8 at 09:15, the clinician starts the session, pre-dose vitals "blood pressure 122/78 mmHg" measured at 09:05
    And on day 8 at 09:45, the prescriber approves a booster of 100 mg sublingual
    And on day 8 at 09:50, the clinician gives the booster
    Then it is allowed
    When on day 8 at 11:00, the clinician records vitals "blood pressure 126/80 mmHg"
    And on day 8 at 12:25, the clinician discharges the client: MOAA/S 5, escort present, driven by the escort
    Then it is allowed
    When on day 9 at 15:00, the therapist holds the integration session
    And on day 11 at 09:00, the prescriber approves 300 mg sublingual
    Then it is allowed
    When on day 11 at 09:15, the clinician starts the session, pre-dose vitals "blood pressure 120/76 mmHg" measured at 09:05
    And on day 11 at 09:45, the prescriber approves a booster of 100 mg sublingual
    Then it is refused by DOSE-SL-WEEK, which saw "600 mg"
