# Protocol: protocols/kap-sublingual.kap (kap-sublingual version 2)
# Source: REFERENCE.md §4.2 (bladder disease and ketamine uropathy in clinic exclusion lists), §5.2
#         (typical ketamine adverse events), §5.3 (halt until review)
Feature: Urinary symptoms halt a sublingual course, and the prescriber ends it
  Urinary symptoms of grade 2 or more halt the course (the protocol's own rule, not a seriousness
  criterion) and extend observation; after review the prescriber ends the course.

  Background:
    Given the protocol "kap-sublingual" version 2 from "protocols/kap-sublingual.kap"
    And the session room has chaperone_present and blood_pressure_monitor

  Scenario: A moderate urinary adverse event, a halted course, and a review that ends it
    When on day 1 at 09:00, the clinician screens client "jay" for anxiety:
      | age       | 42 years                     |
      | weight    | 79 kg                        |
      | diagnoses | generalised_anxiety_disorder |
    And on day 1 at 09:10, the clinician records the client's consent
    And on day 2 at 10:00, the therapist holds a preparation session
    And on day 3 at 10:00, the therapist holds a preparation session
    And on day 4 at 10:00, the therapist holds a preparation session
    Given on day 8, the client had an uneventful session of 100 mg sublingual
    When on day 9 at 15:00, the therapist holds the integration session
    And on day 10 at 14:00, the clinician records an adverse event: urinary_symptoms grade 2
    Then it is allowed with warning AE-URINARY
    And the course is halted by AE-URINARY
    When on day 12 at 09:00, the prescriber approves 200 mg sublingual
    Then it is refused by AE-URINARY
    When on day 13 at 09:00, the clinician resolves adverse event AE-1: "Urology: cystitis, treated"
    And on day 13 at 10:00, the prescriber reviews the course and ends it: "Bladder symptoms on ketamine: not restarting"
    Then it is allowed
    And the course is ended
    When on day 14 at 09:00, the prescriber approves 100 mg sublingual
    Then it is rejected as not possible now: "ended"
