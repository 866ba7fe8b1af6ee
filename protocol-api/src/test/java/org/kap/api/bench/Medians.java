package org.kap.api.bench;

import java.util.Arrays;
import java.util.List;

/** The benchmarks' one way of timing a read: warm-ups first, then the median of the measured runs, in milliseconds. */
final class Medians {

    private Medians() {
    }

    static double of(int warmUps, int runs, Runnable read) {
        return of(warmUps, runs, () -> { }, read);
    }

    /** As {@link #of(int, int, Runnable)}, {@code before} run untimed before each read (an act the read must see). */
    static double of(int warmUps, int runs, Runnable before, Runnable read) {
        return interleaved(warmUps, runs, List.of(new Timed(before, read)))[0];
    }

    /** A read to time, and what runs untimed before each (an act the read must see; nothing, for most reads). */
    record Timed(Runnable before, Runnable read) {

        static Timed read(Runnable read) {
            return new Timed(() -> { }, read);
        }
    }

    /**
     * The medians of several reads compared with each other, taken in turn (the first read, the second, ..., the first
     * again) rather than one after the other: whatever the machine does meanwhile (a collection, a compilation, a
     * projection catching up) falls on every read alike, not on whichever was being timed at the moment.
     */
    static double[] interleaved(int warmUps, int runs, List<Timed> reads) {
        for (int i = 0; i < warmUps; i++) {
            for (Timed timed : reads) {
                timed.before().run();
                timed.read().run();
            }
        }
        double[][] ms = new double[reads.size()][runs];
        for (int i = 0; i < runs; i++) {
            for (int r = 0; r < reads.size(); r++) {
                reads.get(r).before().run();
                long start = System.nanoTime();
                reads.get(r).read().run();
                ms[r][i] = (System.nanoTime() - start) / 1e6;
            }
        }
        double[] medians = new double[reads.size()];
        for (int r = 0; r < reads.size(); r++) {
            Arrays.sort(ms[r]);
            medians[r] = ms[r][runs / 2];
        }
        return medians;
    }
}
