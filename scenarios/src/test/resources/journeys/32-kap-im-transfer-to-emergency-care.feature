# Protocol: protocols/kap-im-v2.kap (kap-im version 2)
# Source: CTCAE v5 grading and the FDA serious adverse event criteria (hospitalisation, 21 CFR 312.32);
#         sessions that end otherwise than by discharge (docs/rules.md, "Sessions that end otherwise")
Feature: A session that ends in the emergency department
  Chest pain forty minutes into a session stops it; the client is sent to the emergency department by
  ambulance. The session is closed with that disposition, not left open: the course is halted for the
  prescriber's review and the report falls due, and once the review resumes the course the next dose is
  decided on its own merits, not refused for a session still open.

  Background:
    Given the protocol "kap-im" version 2 from "protocols/kap-im-v2.kap"
    And the session room has pulse_oximeter, blood_pressure_monitor and prescriber_on_site

  Scenario: Chest pain, an ambulance, a review and the next session
    When on day 1 at 09:00, the clinician screens client "pat" for depression:
      | age       | 58 years                   |
      | weight    | 84 kg                      |
      | diagnoses | major_depressive_disorder  |
      | pregnant  | no                         |
      | vitals    | blood pressure 132/84 mmHg |
    And on day 1 at 09:10, the clinician records the client's consent
    And on day 2 at 10:00, the therapist holds a preparation session
    And on day 4 at 10:00, the therapist holds a preparation session
    And on day 8 at 09:00, the prescriber approves 0.5 mg/kg IM
    And on day 8 at 09:15, the clinician starts the session, pre-dose vitals "blood pressure 130/82 mmHg" measured at 09:05
    Then it is allowed
    When on day 8 at 09:55, the clinician records a serious adverse event: chest_pain grade 3, hospitalisation
    Then it is allowed with warning AE-SEVERE
    And the course is halted by AE-SEVERE
    When on day 8 at 10:20, the clinician records that the client was transferred to emergency care: "ambulance to the emergency department; ECG on arrival"
    Then it is allowed with warning OBS-TRANSFER
    And the history shows "session 1 ended: transferred to emergency care after 65 min"
    When on day 9 at 15:00, the therapist holds the integration session
    Then it is allowed
    When on day 10 at 09:00, the clinician resolves adverse event AE-1: "troponin normal; musculoskeletal pain, discharged from the emergency department"
    And on day 10 at 09:30, the clinician fulfils the open adverse_event_report
    And on day 10 at 09:35, the clinician fulfils the open adverse_event_report
    And on day 11 at 09:00, the prescriber reviews the course and resumes it: "cardiac cause excluded; continue at the same dose"
    Then it is allowed
    When on day 12 at 09:00, the prescriber approves 0.5 mg/kg IM
    Then it is allowed
