package org.kap.scenarios;

import io.cucumber.java.en.Given;

import java.time.LocalTime;

/**
 * A whole uneventful dosing session in one line, for journeys whose story lies elsewhere (the
 * eighth session, the fourth in a week). It is still every act, sent as its role and checked in the
 * audit trail: approval at 09:00, start at 09:15 with pre-dose vitals taken at 09:05, readings at 10,
 * 20, 30, 40, 55, 70, 85 and 100 minutes (every scheduled check of the example protocols falls on
 * one) and a last one at 155 minutes, just before discharge at 11:55 with an escort. Each act must
 * be plainly allowed: no rule fires.
 */
public class RoutineSteps {

    private static final String PRE_DOSE = "blood pressure 124/78 mmHg, SpO2 98 %";
    private static final String READING = "blood pressure 132/82 mmHg, heart rate 84 bpm, SpO2 97 %";
    private static final int[] READINGS_AFTER_START = {10, 20, 30, 40, 55, 70, 85, 100, 155};

    private final Journey journey;
    private final CourseSteps acts;

    public RoutineSteps(Journey journey, CourseSteps acts) {
        this.journey = journey;
        this.acts = acts;
    }

    @Given("on day {int}, the client had an uneventful session of {dose} {route}")
    public void uneventful(int day, String dose, String route) {
        acts.approve(at(day, "09:00"), "prescriber", dose, route);
        allowed("approval of " + dose + " " + route + " on day " + day);
        acts.startSession(at(day, "09:15"), "clinician", PRE_DOSE, "09:05");
        observeAndDischarge(day);
    }

    @Given("on day {int}, the client had an uneventful session of {dose} IV infused over {int} min")
    public void uneventfulInfusion(int day, String dose, int minutes) {
        acts.approveInfusion(at(day, "09:00"), "prescriber", dose, "IV", minutes);
        allowed("approval of " + dose + " IV on day " + day);
        acts.startInfusion(at(day, "09:15"), "clinician", PRE_DOSE, "09:05", LocalTime.of(9, 15).plusMinutes(minutes).toString());
        observeAndDischarge(day);
    }

    private void observeAndDischarge(int day) {
        allowed("start of the session on day " + day);
        for (int minutes : READINGS_AFTER_START) {
            acts.vitals(at(day, LocalTime.of(9, 15).plusMinutes(minutes).toString()), "clinician", READING);
            allowed("reading " + minutes + " min into the session on day " + day);
        }
        acts.discharge(at(day, "11:55"), "clinician", "MOAA/S 5, aldrete 10, escort present, driven by the escort");
        allowed("discharge on day " + day);
    }

    private static Moment at(int day, String time) {
        return Moment.of(String.valueOf(day), time, null, null);
    }

    private void allowed(String what) {
        Journey.plainlyAllowed(journey.last(), what);
    }
}
