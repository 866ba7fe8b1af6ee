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
    void writes_each_answered_request_in_schedule_order_with_its_offsets_kind_and_latency() throws IOException {
        long launched = 1_000_000_000L;
        Trace trace = new Trace(4);
        // answers come back out of order; the first request is never answered
        trace.answered(2, launched + 12_000_000L, 31_500, false, "/api/v1/courses/c-2");
        trace.answered(1, launched + 7_000_000L, 2_250, true, "/api/v1/courses/c-1/outcome-measures");
        trace.answered(3, launched + 17_000_000L, 900, true, "/api/v1/courses/c-3/outcome-measures");

        Path file = dir.resolve("open-200-pass1.csv");
        trace.write(file, launched);

        assertThat(Files.readAllLines(file)).containsExactly(
                "offset_ms,server_uptime_ms,kind,latency_ms,path",
                "0.0,7.0,command,2.25,/api/v1/courses/c-1/outcome-measures",
                "5.0,12.0,read,31.50,/api/v1/courses/c-2",
                "10.0,17.0,command,0.90,/api/v1/courses/c-3/outcome-measures");
    }

    @Test
    void a_phase_with_no_answer_writes_the_header_alone() throws IOException {
        Path file = dir.resolve("empty.csv");
        new Trace(3).write(file, 0);
        assertThat(Files.readAllLines(file)).containsExactly("offset_ms,server_uptime_ms,kind,latency_ms,path");
    }
}
