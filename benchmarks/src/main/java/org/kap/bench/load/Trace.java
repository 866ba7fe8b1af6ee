package org.kap.bench.load;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Every request of one open-loop phase: when it was scheduled (the JVM's nanosecond clock, so it lines up with the
 * other phases of the same run), whether it was a command or a read, its path and its latency. Written as CSV beside
 * the server's log, for reading the slowest requests against the server's collector log or flight recording.
 */
final class Trace {

    private final long[] scheduledNanos;
    private final long[] latencyMicros;
    private final boolean[] command;
    private final String[] path;

    Trace(long capacity) {
        int n = Math.toIntExact(capacity);
        scheduledNanos = new long[n];
        latencyMicros = new long[n];
        command = new boolean[n];
        path = new String[n];
    }

    int size() {
        return scheduledNanos.length;
    }

    synchronized void answered(int index, long scheduled, long micros, boolean isCommand, String requestPath) {
        scheduledNanos[index] = scheduled;
        latencyMicros[index] = micros;
        command[index] = isCommand;
        path[index] = requestPath;
    }

    /**
     * One line a request: milliseconds since the phase's first was scheduled and since its server's process was started
     * (within a few milliseconds of the server's JVM uptime, as {@code -Xlog:gc:...:uptime} prints it), the kind, the
     * latency and the path. Requests never answered have no line.
     */
    synchronized void write(Path file, long serverStartedNanos) throws IOException {
        try (Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            out.write("offset_ms,server_uptime_ms,kind,latency_ms,path\n");
            long first = firstScheduled();
            for (int i = 0; i < scheduledNanos.length; i++) {
                if (path[i] == null) {
                    continue;
                }
                out.write(String.format(Locale.ROOT, "%.1f,%.1f,%s,%.2f,%s%n", (scheduledNanos[i] - first) / 1e6,
                        (scheduledNanos[i] - serverStartedNanos) / 1e6, command[i] ? "command" : "read", latencyMicros[i] / 1000.0, path[i]));
            }
        }
    }

    /** The earliest schedule among the answered requests (the first request may be one never answered). */
    private long firstScheduled() {
        long first = Long.MAX_VALUE;
        for (int i = 0; i < scheduledNanos.length; i++) {
            if (path[i] != null) {
                first = Math.min(first, scheduledNanos[i]);
            }
        }
        return first == Long.MAX_VALUE ? 0 : first;
    }
}
