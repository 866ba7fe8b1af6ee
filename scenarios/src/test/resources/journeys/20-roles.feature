# Protocol: protocols/kap-im.kap (kap-im version 1)
# Source: (21 CFR 11.10(g) authority checks, 11.50 signatures with meaning); (Journey Clinical:
#         a prescriber and therapists); the role table itself is an engine rule
Feature: Each role does its own part, and nothing else
  The clinician screens, records and discharges; the therapist prepares and integrates; the prescriber
  approves, overrides and reviews; the auditor reads. Anything else is forbidden: nothing is recorded
  on the course, and the attempt is kept in the access records with who tried it.

  Background:
    Given the protocol "kap-im" version 1 from "protocols/kap-im.kap"
    And the session room has pulse_oximeter, blood_pressure_monitor and prescriber_on_site

  Scenario: A course where each role tries something that is not theirs
    When on day 1 at 09:00, the designer screens client "hana" for depression:
      | age       | 50 years                   |
      | weight    | 64 kg                      |
      | diagnoses | major_depressive_disorder  |
      | pregnant  | no                         |
      | vitals    | blood pressure 122/78 mmHg |
    Then it is forbidden to the designer
    When on day 1 at 09:05, the clinician screens client "hana" for depression:
      | age       | 50 years                   |
      | weight    | 64 kg                      |
      | diagnoses | major_depressive_disorder  |
      | pregnant  | no                         |
      | vitals    | blood pressure 122/78 mmHg |
    Then the client is eligible
    When on day 1 at 09:10, the therapist records the client's consent
    Then it is forbidden to the therapist
    And the attempt is in the access records, refused to the therapist
    When on day 1 at 09:11, the clinician records the client's consent
    And on day 2 at 10:00, the clinician holds a preparation session
    Then it is forbidden to the clinician
    When on day 2 at 10:01, the therapist holds a preparation session
    And on day 4 at 10:00, the therapist holds a preparation session
    And on day 8 at 09:00, the therapist approves 0.5 mg/kg IM
    Then it is forbidden to the therapist
    When on day 8 at 09:01, the clinician approves 0.5 mg/kg IM
    Then it is forbidden to the clinician
    When on day 8 at 09:02, the prescriber approves 0.5 mg/kg IM
    Then it is allowed
    When on day 8 at 09:15, the auditor starts the session, pre-dose vitals "blood pressure 124/78 mmHg" measured at 09:05
    Then it is forbidden to the auditor
    When on day 8 at 09:16, the clinician starts the session, pre-dose vitals "blood pressure 124/78 mmHg" measured at 09:05
    And on day 8 at 10:15, the admin records vitals "blood pressure 128/80 mmHg, SpO2 97 %"
    Then it is forbidden to the admin
    When on day 8 at 10:16, the clinician records vitals "blood pressure 128/80 mmHg, SpO2 97 %"
    And on day 8 at 11:19, the prescriber discharges the client: aldrete 10, escort present, driven by the escort
    Then it is forbidden to the prescriber
    And the attempt is in the access records, refused to the prescriber
    When on day 8 at 11:20, the therapist discharges the client: aldrete 10, escort present, driven by the escort
    Then it is forbidden to the therapist
    When on day 8 at 11:21, the clinician discharges the client: aldrete 10, escort present, driven by the escort
    Then it is allowed
    When on day 9 at 15:00, the clinician ends the course: "Client moved away"
    Then it is forbidden to the clinician
    When on day 9 at 15:05, the prescriber ends the course: "Client moved away"
    Then it is allowed
    And the course is ended
