# Protocol: protocols/kap-im-v2.kap (kap-im version 2)
# Source: 21 CFR 11.10(e) (time-stamped records of when an act happened and when it was entered); the
#         engine's own records never reorder clinical acts (docs/rules.md, "Time")
Feature: The engine's overdue mark does not lock out documentation charted from paper
  The engine marks an obligation overdue by itself when its deadline passes. That mark is the engine's,
  at the deadline: an integration session held on time but charted from paper days later is still
  recorded at its true time, flagged as a late entry.

  Background:
    Given the protocol "kap-im" version 2 from "protocols/kap-im-v2.kap"
    And the session room has pulse_oximeter, blood_pressure_monitor and prescriber_on_site

  Scenario: A paper integration note typed in after the prescriber's review fell overdue
    When on day 1 at 09:00, the clinician screens client "ned" for ptsd:
      | age       | 39 years                   |
      | weight    | 77 kg                      |
      | diagnoses | ptsd                       |
      | pregnant  | no                         |
      | vitals    | blood pressure 122/80 mmHg |
    And on day 1 at 09:10, the clinician records the client's consent
    And on day 2 at 10:00, the therapist holds a preparation session
    And on day 4 at 10:00, the therapist holds a preparation session
    Given on day 8, the client had an uneventful session of 0.5 mg/kg IM
    When on day 12 at 09:00, the engine checks for overdue obligations
    Then the history shows "OBLIGATION-1 overdue since"
    When on day 9 at 15:00 (recorded on day 12 at 10:00), the therapist holds the integration session
    Then it is allowed
    And the history shows "integration of session 1 within its window" as a late entry, recorded 4020 min after it happened
