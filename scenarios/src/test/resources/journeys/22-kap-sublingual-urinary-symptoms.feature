# Protocol: protocols/kap-sublingual.kap (kap-sublingual version 2)
# Source: (Bloom: bladder/urological issues in referral criteria); (urinary
#         symptoms; ketamine uropathy); (urinary symptoms: monitor and refer; the halt is this
#         protocol's own rule, AE-URINARY)
Feature: Urinary symptoms halt a sublingual course, and the prescriber ends it
  The label asks clinicians to monitor for urinary tract and bladder symptoms and refer. Under this
  protocol mild symptoms (grade 1) are recorded and watched; symptoms of grade 2 or more halt the
  course (the protocol's own rule, not a seriousness criterion) until a prescriber reviews it.

  Background:
    Given the protocol "kap-sublingual" version 2 from "protocols/kap-sublingual.kap"
    And the session room has chaperone_present and blood_pressure_monitor

  Scenario: Mild urinary symptoms are watched; moderate ones after weeks of dosing halt the course, and a review ends it
    When on day 1 at 09:00, the clinician screens client "jay" for anxiety:
      | age           | 42 years                     |
      | weight        | 79 kg                        |
      | diagnoses     | generalised_anxiety_disorder |
      | pregnant      | no                           |
      | breastfeeding | no                           |
      | vitals        | blood pressure 122/78 mmHg   |
      | scores        | PHQ-9 14                     |
    And on day 1 at 09:10, the clinician records the client's consent
    And on day 2 at 10:00, the therapist holds a preparation session
    And on day 3 at 10:00, the therapist holds a preparation session
    And on day 4 at 10:00, the therapist holds a preparation session
    Given on day 8, the client had an uneventful session of 100 mg sublingual
    When on day 9 at 15:00, the therapist holds the integration session
    Given on day 15, the client had an uneventful session of 150 mg sublingual
    When on day 16 at 15:00, the therapist holds the integration session
    And on day 20 at 14:00, the clinician records an adverse event: urinary_symptoms grade 1
    Then it is allowed
    And the course is active
    When on day 22 at 08:30, the clinician resolves adverse event AE-1: "Mild urgency, settled; urine dipstick negative; asked to report any return"
    Given on day 22, the client had an uneventful session of 150 mg sublingual
    When on day 23 at 15:00, the therapist holds the integration session
    And on day 27 at 14:00, the clinician records an adverse event: urinary_symptoms grade 2
    Then it is allowed with warnings AE-MODERATE and AE-URINARY
    And the course is halted by AE-URINARY
    When on day 29 at 09:00, the prescriber approves 150 mg sublingual
    Then it is refused by AE-URINARY
    When on day 30 at 09:00, the clinician resolves adverse event AE-2: "Referred to urology; symptoms easing off ketamine"
    And on day 30 at 10:00, the prescriber reviews the course and ends it: "Urinary symptoms on ketamine: not restarting"
    Then it is allowed
    And the course is ended
    When on day 31 at 09:00, the prescriber approves 100 mg sublingual
    Then it is refused by ENGINE-COURSE-ENDED, which saw "course ended"
