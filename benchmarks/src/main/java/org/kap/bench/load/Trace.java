package org.kap.bench.load;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Every request of one open-loop phase: when it was scheduled (on the driver's nanosecond clock, the clock the
 * server's launch was taken on), whether it was a command or a read, its path and its latency, or none if it was never
 * answered. Written as CSV beside the server's log, for reading the slowest requests against the server's collector
 * log or flight recording.
 */
final class Trace {

    private static final long UNANSWERED = -1;

    private final long[] scheduledNanos;
    private final long[] latencyMicros;
    private final boolean[] command;
    private final String[] path;
    private int sent;

    Trace(long capacity) {
        int n = Math.toIntExact(capacity);
        scheduledNanos = new long[n];
        latencyMicros = new long[n];
        command = new boolean[n];
        path = new String[n];
    }

    /** The next request of the phase, as it is sent; its index, for {@link #answered}, or -1 past the capacity. */
    synchronized int sent(long scheduled, boolean isCommand, String requestPath) {
        if (sent == scheduledNanos.length) {
            return -1;
        }
        scheduledNanos[sent] = scheduled;
        latencyMicros[sent] = UNANSWERED;
        command[sent] = isCommand;
        path[sent] = requestPath;
        return sent++;
    }

    synchronized void answered(int index, long micros) {
        if (index >= 0) {
            latencyMicros[index] = micros;
        }
    }

    /**
     * One line a request, in the order they were sent: milliseconds since the phase's first was scheduled and since its
     * server's process was started (within a few milliseconds of the server's JVM uptime, as
     * {@code -Xlog:gc:...:uptime} prints it), the kind, the latency (empty for a request never answered) and the path.
     */
    synchronized void write(Path file, long serverStartedNanos) throws IOException {
        try (Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            out.write("offset_ms,server_uptime_ms,kind,latency_ms,path\n");
            for (int i = 0; i < sent; i++) {
                String latency = latencyMicros[i] == UNANSWERED ? "" : String.format(Locale.ROOT, "%.2f", latencyMicros[i] / 1000.0);
                out.write(String.format(Locale.ROOT, "%.1f,%.1f,%s,%s,%s%n", (scheduledNanos[i] - scheduledNanos[0]) / 1e6,
                        (scheduledNanos[i] - serverStartedNanos) / 1e6, command[i] ? "command" : "read", latency, path[i]));
            }
        }
    }
}
