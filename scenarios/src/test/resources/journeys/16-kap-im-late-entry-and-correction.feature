# Protocol: protocols/kap-im.kap (kap-im version 1)
# Source: (21 CFR Part 11: audit trails keep who, what and when; changes do not
#         obscure the original record); (Hanya House orientation sessions)
Feature: A late entry and a correction
  An act written up hours after it happened keeps both times and is flagged late. A wrong entry is
  never edited: a correction is recorded beside it, linked both ways, by its author or a clinician.

  Background:
    Given the protocol "kap-im" version 1 from "protocols/kap-im.kap"
    And the session room has pulse_oximeter, blood_pressure_monitor and prescriber_on_site

  Scenario: A preparation session written up in the evening, and a heart rate typed wrongly
    When on day 1 at 09:00, the clinician screens client "bea" for anxiety:
      | age       | 31 years                     |
      | weight    | 57 kg                        |
      | diagnoses | generalised_anxiety_disorder |
      | pregnant  | no                           |
      | vitals    | blood pressure 122/78 mmHg   |
    And on day 1 at 09:10, the clinician records the client's consent
    When on day 2 at 10:00 (recorded at 17:30), the therapist holds a preparation session
    Then it is allowed
    And the history shows "preparation session 1" as a late entry, recorded 450 min after it happened
    When on day 4 at 10:00, the therapist holds a preparation session
    Then it is allowed
    And the history shows "preparation session 2" recorded as it happened
    Given on day 8, the client had an uneventful session of 0.5 mg/kg IM
    When on day 9 at 15:00, the therapist holds the integration session
    And on day 12 at 09:00, the prescriber approves 0.5 mg/kg IM
    And on day 12 at 09:15, the clinician starts the session, pre-dose vitals "blood pressure 120/76 mmHg" measured at 09:05
    And on day 12 at 10:15, the clinician records vitals "blood pressure 128/80 mmHg, heart rate 180 bpm, SpO2 98 %"
    Then it is allowed
    When on day 12 at 10:20, the therapist corrects the entry "HR 180 bpm": "heart rate was 80 bpm" because "typed 180 for 80"
    Then it is forbidden to the therapist
    When on day 12 at 10:21, the clinician corrects the entry "HR 180 bpm": "heart rate was 80 bpm, not 180 bpm" because "typed 180 for 80"
    Then it is allowed
    And the history links the entry "HR 180 bpm" and its correction both ways
    And the history shows "correction of #"
