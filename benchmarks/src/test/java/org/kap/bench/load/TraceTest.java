package org.kap.bench.load;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class TraceTest {

    @TempDir
    Path dir;

    @Test
    void writes_every_request_sent_in_order_with_its_offsets_kind_and_latency_and_none_for_one_unanswered() throws IOException {
        long launched = 1_000_000_000L;
        Trace trace = new Trace(4);
        int first = trace.sent(launched + 7_000_000L, true, "/api/v1/courses/c-1/outcome-measures");
        int second = trace.sent(launched + 12_000_000L, false, "/api/v1/courses/c-2");
        trace.sent(launched + 17_000_000L, true, "/api/v1/courses/c-3/outcome-measures"); // never answered
        // answers come back out of order
        trace.answered(second, 31_500);
        trace.answered(first, 2_250);

        Path file = dir.resolve("open-200-pass1.csv");
        trace.write(file, launched);

        assertThat(Files.readAllLines(file)).containsExactly(
                "offset_ms,server_uptime_ms,kind,latency_ms,path",
                "0.0,7.0,command,2.25,/api/v1/courses/c-1/outcome-measures",
                "5.0,12.0,read,31.50,/api/v1/courses/c-2",
                "10.0,17.0,command,,/api/v1/courses/c-3/outcome-measures");
    }

    @Test
    void a_phase_schedules_its_rate_for_every_part_of_a_second_and_its_trace_is_sized_by_that_count() {
        // 15.5 s at 200/s: 3,100 requests (a capacity from whole seconds would have left the last hundred untraced)
        assertThat(OpenLoop.requests(200, java.time.Duration.ofMillis(15_500))).isEqualTo(3_100);
        assertThat(OpenLoop.requests(400, java.time.Duration.ofSeconds(15))).isEqualTo(6_000);
    }

    @Test
    void a_request_past_its_capacity_is_not_traced() throws IOException {
        Trace trace = new Trace(1);
        assertThat(trace.sent(0, true, "/a")).isZero();
        int over = trace.sent(5_000_000L, true, "/b");
        assertThat(over).isEqualTo(-1);
        trace.answered(over, 1_000); // ignored, not an index error
        Path file = dir.resolve("one.csv");
        trace.write(file, 0);
        assertThat(Files.readAllLines(file)).containsExactly("offset_ms,server_uptime_ms,kind,latency_ms,path", "0.0,0.0,command,,/a");
    }
}
