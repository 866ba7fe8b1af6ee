# Protocol: protocols/kap-im.kap (kap-im version 1, and version 13 published during the journey)
# Source: moving a running course to a new version after a preview, as a prescriber's signed act (21 CFR 11.50 and
#         11.70: the signature names its signer and meaning, linked to its record), is this engine's rule
#         (docs/dsl.md, "Moving a running course to another version")
Feature: A running course moved to a new version of its protocol after a preview
  A clinic adopts a new version while courses are running. Before moving a client's course, the prescriber
  previews what the move changes for that client: the rules that differ, the course's past decisions the new
  version would have taken otherwise, and the next dose under each version. The move is a signed act; from it on
  the new version decides, and the history keeps the version each entry was recorded under.

  Background:
    Given the protocol "kap-im" version 1 from "protocols/kap-im.kap"
    And the session room has pulse_oximeter, blood_pressure_monitor and prescriber_on_site

  Scenario: The prescriber previews the move, signs it, and the new version's maximum decides the next dose
    When on day 1 at 09:00, the clinician screens client "ida" for depression:
      | age       | 41 years                   |
      | weight    | 72 kg                      |
      | diagnoses | major_depressive_disorder  |
      | pregnant  | no                         |
      | vitals    | blood pressure 124/80 mmHg |
    And on day 1 at 09:10, the clinician records the client's consent
    And on day 2 at 10:00, the therapist holds a preparation session
    And on day 4 at 10:00, the therapist holds a preparation session
    Given on day 8, the client had an uneventful session of 0.5 mg/kg IM
    When on day 9 at 15:00, the therapist holds the integration session
    And on day 9 at 16:00, the prescriber fulfils the open prescriber_review
    And the designer publishes version 13 of "protocols/kap-im.kap" with "max 150 mg per session" changed to "max 30 mg per session"
    And the admin approves the activation of "kap-im" version 13
    When on day 12 at 09:00, the prescriber previews moving the course to kap-im version 13
    Then the preview shows rule DOSE-IM-MAX-MG changed
    And the preview would allow the move now
    And in the preview, the recorded "DoseApproved" would have been refused by DOSE-IM-MAX-MG
    And in the preview, the next dose is allowed now and refused after the move by DOSE-IM-MAX-MG
    When on day 12 at 09:05, the prescriber moves the course to kap-im version 13: "The clinic adopted version 13"
    Then it is allowed
    And the course runs under kap-im version 13
    And the history signs "course moved from kap-im v1 to kap-im v13" by "Dr Ben Prescriber" meaning "approval"
    And the history shows the entries before the move under version 1, the move and those after under version 13
    When on day 12 at 09:10, the prescriber approves 0.5 mg/kg IM
    Then it is refused by DOSE-IM-MAX-MG, which saw "36 mg"
    When on day 12 at 09:15, the prescriber approves 0.4 mg/kg IM
    Then it is allowed
