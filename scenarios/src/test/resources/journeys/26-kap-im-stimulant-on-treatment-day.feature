# Protocol: protocols/kap-im-v2.kap (kap-im version 2)
# Source: Bloom Health Institute medication rule (ADHD stimulants and bupropion are held on the treatment
#         day, bloomhealthinstitute.com/referral); doses taken are facts with a time (docs/rules.md)
Feature: A stimulant taken on the morning of a session holds the dose
  Version 1 of the protocol only warned at screening that stimulants are held on treatment days. Version 2
  reads the doses the client actually took: a stimulant taken hours before the dose needs the prescriber's
  override, one taken the day before does not.

  Background:
    Given the protocol "kap-im" version 2 from "protocols/kap-im-v2.kap"
    And the session room has pulse_oximeter, blood_pressure_monitor and prescriber_on_site

  Scenario: The morning dose of an ADHD stimulant, found at the pre-session check
    When on day 1 at 09:00, the clinician screens client "gil" for depression:
      | age         | 27 years                   |
      | weight      | 75 kg                      |
      | diagnoses   | major_depressive_disorder  |
      | medications | adhd_stimulant             |
      | pregnant    | no                         |
      | vitals      | blood pressure 124/80 mmHg |
    Then the client is eligible
    When on day 1 at 09:10, the clinician records the client's consent
    And on day 2 at 10:00, the therapist holds a preparation session
    And on day 4 at 10:00, the therapist holds a preparation session
    When on day 8 at 08:45, the clinician records that the client took adhd_stimulant 20 mg by mouth at 07:00
    Then it is allowed
    When on day 8 at 09:00, the prescriber approves 0.5 mg/kg IM
    Then it is refused by HOLD-STIMULANTS, which saw "adhd_stimulant 20 mg oral taken"
    When on day 8 at 09:05, the prescriber overrides HOLD-STIMULANTS: "20 mg at 07:00; short-acting, BP normal, client wishes to proceed"
    And on day 8 at 09:06, the prescriber approves 0.5 mg/kg IM
    Then it is allowed under the override of HOLD-STIMULANTS
    When on day 8 at 09:15, the clinician starts the session, pre-dose vitals "blood pressure 126/80 mmHg" measured at 09:05
    Then it is allowed

  Scenario: A dose taken the evening before is outside the day's hold
    When on day 1 at 09:00, the clinician screens client "hal" for depression:
      | age       | 33 years                   |
      | weight    | 80 kg                      |
      | diagnoses | major_depressive_disorder  |
      | pregnant  | no                         |
      | vitals    | blood pressure 120/78 mmHg |
    And on day 1 at 09:10, the clinician records the client's consent
    And on day 2 at 10:00, the therapist holds a preparation session
    And on day 4 at 10:00, the therapist holds a preparation session
    When on day 8 at 08:45, the clinician records that the client took bupropion 150 mg by mouth the day before at 07:30
    Then it is allowed
    When on day 8 at 09:00, the prescriber approves 0.5 mg/kg IM
    Then it is allowed
