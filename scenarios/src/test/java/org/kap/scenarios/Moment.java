package org.kap.scenarios;

import java.time.LocalTime;

/**
 * When an act happened, in the journey's words: "day 3 at 09:30", counted from the journey's first
 * day (a Monday). An act written up later carries when it was recorded too: "day 3 at 09:30
 * (recorded at 16:00)" or "(recorded on day 4 at 08:00)"; such an act is a late entry.
 */
public record Moment(int day, LocalTime time, Integer recordedDay, LocalTime recordedTime) {

    public Moment {
        if (day < 1) {
            throw new IllegalArgumentException("days are counted from day 1, got day " + day);
        }
    }

    public static Moment of(String day, String time, String recordedDay, String recordedTime) {
        return new Moment(Integer.parseInt(day), LocalTime.parse(pad(time)),
                recordedTime == null ? null : Integer.valueOf(recordedDay == null ? day : recordedDay),
                recordedTime == null ? null : LocalTime.parse(pad(recordedTime)));
    }

    /** The same day at another time: pre-dose vitals "measured at 09:05" on the day of the session. */
    public Moment sameDayAt(String otherTime) {
        return new Moment(day, LocalTime.parse(pad(otherTime)), null, null);
    }

    private static String pad(String time) {
        return time.length() == 4 ? "0" + time : time;
    }

    @Override
    public String toString() {
        return "day " + day + " at " + time + (recordedTime == null ? "" : " (recorded on day " + recordedDay + " at " + recordedTime + ")");
    }
}
