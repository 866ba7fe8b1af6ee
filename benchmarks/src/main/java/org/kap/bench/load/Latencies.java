package org.kap.bench.load;

import java.util.Arrays;
import java.util.List;

/**
 * Latencies of one phase, in microseconds, with the requests that never got an answer counted as slower than any
 * that did (so an overloaded phase cannot look fast by dropping its slowest requests).
 */
final class Latencies {

    private long[] micros = new long[1024];
    private int size;
    private int unanswered;
    private int failed;
    private boolean closed;

    /**
     * Every request of the given closed phases as one phase: its percentiles are those of all their requests together
     * (not a mean of theirs), so one slow pass weighs by the requests it slowed.
     */
    static Latencies pooled(List<Latencies> phases) {
        Latencies all = new Latencies();
        for (Latencies phase : phases) {
            synchronized (phase) {
                if (!phase.closed) {
                    throw new IllegalStateException("a phase still open cannot be pooled: its answers may still come");
                }
                all.micros = Arrays.copyOf(all.micros, Math.max(all.micros.length, all.size + phase.size));
                System.arraycopy(phase.micros, 0, all.micros, all.size, phase.size);
                all.size += phase.size;
                all.failed += phase.failed;
                all.unanswered += phase.unanswered;
            }
        }
        all.closed = true;
        return all;
    }

    synchronized void answered(long latencyMicros, boolean ok) {
        if (closed) {
            return; // an answer after the phase was counted as unanswered
        }
        if (size == micros.length) {
            micros = Arrays.copyOf(micros, size * 2);
        }
        micros[size++] = latencyMicros;
        if (!ok) {
            failed++;
        }
    }

    /** Ends the phase: answers still to come count as unanswered, {@code sent} in all. */
    synchronized void close(int sent) {
        closed = true;
        unanswered = sent - size;
    }

    synchronized int answered() {
        return size;
    }

    synchronized int failed() {
        return failed;
    }

    synchronized int unanswered() {
        return unanswered;
    }

    /** The q-quantile in milliseconds; infinite when it falls among the unanswered requests. */
    synchronized double percentileMillis(double q) {
        int total = size + unanswered;
        if (total == 0) {
            return Double.NaN;
        }
        long[] sorted = Arrays.copyOf(micros, size);
        Arrays.sort(sorted);
        int rank = (int) Math.ceil(q * total) - 1;
        rank = Math.max(0, rank);
        return rank >= size ? Double.POSITIVE_INFINITY : sorted[rank] / 1000.0;
    }
}
