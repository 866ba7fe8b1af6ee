package org.kap.api.bench;

import java.util.Arrays;

/** The benchmarks' one way of timing a read: warm-ups first, then the median of the measured runs, in milliseconds. */
final class Medians {

    private Medians() {
    }

    static double of(int warmUps, int runs, Runnable read) {
        return of(warmUps, runs, () -> { }, read);
    }

    /** As {@link #of(int, int, Runnable)}, {@code before} run untimed before each read (an act the read must see). */
    static double of(int warmUps, int runs, Runnable before, Runnable read) {
        for (int i = 0; i < warmUps; i++) {
            before.run();
            read.run();
        }
        double[] ms = new double[runs];
        for (int i = 0; i < runs; i++) {
            before.run();
            long start = System.nanoTime();
            read.run();
            ms[i] = (System.nanoTime() - start) / 1e6;
        }
        Arrays.sort(ms);
        return ms[runs / 2];
    }
}
