# Protocol: protocols/iv-ketamine.kap (iv-ketamine version 1)
# Source: (typical acute course: 2 or 3 times a week, for a total of 6 doses); the
#         review after the sixth infusion is this protocol's own rule (REVIEW-6), not in the public sources
Feature: An acute course of six infusions: spacing, a rolling weekly limit, and the review after six
  Infusions are at least a day apart and at most three in any seven days. After the sixth, no further
  dose is approved until the prescriber reviews the course.

  Background:
    Given the protocol "iv-ketamine" version 1 from "protocols/iv-ketamine.kap"
    And the session room has pulse_oximeter, blood_pressure_monitor and resuscitation_equipment

  Scenario: Same-day and fourth-in-a-week infusions are refused; after six the course waits for review
    When on day 1 at 08:30, the clinician screens client "yan" for treatment_resistant_depression:
      | age       | 41 years                   |
      | weight    | 72 kg                      |
      | diagnoses | major_depressive_disorder  |
      | pregnant  | no                         |
      | vitals    | blood pressure 122/78 mmHg |
    And on day 1 at 08:40, the clinician records the client's consent
    And on day 1 at 08:45, the clinician records a MADRS score of 34
    Given on day 1, the client had an uneventful session of 0.5 mg/kg IV infused over 40 min
    When on day 1 at 13:00, the prescriber approves 0.5 mg/kg IV infused over 40 min
    And on day 1 at 13:30, the clinician starts the infusion, pre-dose vitals "blood pressure 124/78 mmHg, SpO2 98 %" measured at 13:25, to end at 14:10
    Then it is refused by SPACING-INTERVAL
    Given on day 3, the client had an uneventful session of 0.5 mg/kg IV infused over 40 min
    And on day 5, the client had an uneventful session of 0.5 mg/kg IV infused over 40 min
    When on day 7 at 09:00, the prescriber approves 0.5 mg/kg IV infused over 40 min
    And on day 7 at 09:15, the clinician starts the infusion, pre-dose vitals "blood pressure 124/78 mmHg, SpO2 98 %" measured at 09:05, to end at 09:55
    Then it is refused by SPACING-WEEK, which saw "3"
    Given on day 8, the client had an uneventful session of 0.5 mg/kg IV infused over 40 min
    And on day 10, the client had an uneventful session of 0.5 mg/kg IV infused over 40 min
    And on day 12, the client had an uneventful session of 0.5 mg/kg IV infused over 40 min
    When on day 12 at 13:00, the clinician records a MADRS score of 20
    And on day 15 at 09:00, the prescriber approves 0.5 mg/kg IV infused over 40 min
    Then it is refused by REVIEW-6
    When on day 15 at 09:30, the prescriber reviews the course and resumes it: "MADRS 34 to 20; partial response; two more infusions then taper"
    Then it is allowed
    When on day 15 at 09:40, the prescriber approves 0.5 mg/kg IV infused over 40 min
    Then it is allowed
