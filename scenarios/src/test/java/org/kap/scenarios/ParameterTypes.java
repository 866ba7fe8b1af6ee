package org.kap.scenarios;

import io.cucumber.java.ParameterType;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/** The words of the journeys that carry values: moments, roles, rule ids, quantities, lists. */
public class ParameterTypes {

    @ParameterType("day (\\d+) at (\\d{1,2}:\\d{2})(?: \\(recorded (?:on day (\\d+) )?at (\\d{1,2}:\\d{2})\\))?")
    public Moment moment(String day, String time, String recordedDay, String recordedTime) {
        return Moment.of(day, time, recordedDay, recordedTime);
    }

    /** The demo user of each role (README): clinician, prescriber, therapist, auditor, designer, admin. */
    @ParameterType("clinician|prescriber|therapist|auditor|designer|admin")
    public String role(String role) {
        return role;
    }

    @ParameterType("[A-Z][A-Z0-9]*(?:-[A-Z0-9]+)+")
    public String rule(String id) {
        return id;
    }

    /** "DOSE-IN-SET", "DOSE-IV-DURATION and DOSE-IV-RATE", "TRIG-BP-SEVERE, AE-SEVERE and AE-HYPERTENSION" */
    @ParameterType("[A-Z][A-Z0-9]*(?:-[A-Z0-9]+)+(?:(?:, | and )[A-Z][A-Z0-9]*(?:-[A-Z0-9]+)+)*")
    public List<String> rules(String list) {
        return Arrays.stream(list.split(", | and ")).map(String::trim).toList();
    }

    /** A dose or an amount with its unit, as the API takes it: "0.5 mg/kg", "56 mg". */
    @ParameterType("\\d+(?:\\.\\d+)? (?:mg/kg|mg)")
    public String dose(String text) {
        return text;
    }

    @ParameterType("IM|IV|intranasal|sublingual|oral")
    public String route(String route) {
        return route;
    }

    @ParameterType("\\d{1,2}:\\d{2}")
    public String time(String time) {
        return time;
    }

    /** "pulse_oximeter, blood_pressure_monitor and prescriber_on_site" */
    @ParameterType("[a-z_0-9]+(?:(?:, | and )[a-z_0-9]+)*")
    public List<String> codes(String list) {
        return Arrays.stream(list.split(", | and ")).map(s -> s.trim().toLowerCase(Locale.ROOT)).toList();
    }
}
