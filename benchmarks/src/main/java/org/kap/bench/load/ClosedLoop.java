package org.kap.bench.load;

import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Closed loop: {@code clients} threads, each sending the cheap command on a course of its own and the next as soon as
 * the last is answered. What it measures is capacity (commands a second) and what each command costs the server
 * (its CPU time over the phase divided by the commands answered); latencies here hide queueing, which is what the
 * open loop is for.
 */
final class ClosedLoop {

    record Result(int clients, double perSecond, double cpuMillisPerCommand, double p50, double p99, int failed) {
    }

    private ClosedLoop() {
    }

    /**
     * Each client sends its commands in turn to {@code coursesPerClient} courses of its own, fresh ones (indexes from
     * {@code firstCourse}, {@code clients * coursesPerClient} of them, open), so a phase measures a command on a course of
     * tens of entries, not on one the phase itself made thousands long.
     */
    static Result run(HttpClient http, Target target, int clients, int firstCourse, int coursesPerClient, Duration warmUp,
                      Duration measured) throws InterruptedException {
        Latencies latencies = new Latencies();
        AtomicBoolean recording = new AtomicBoolean(false);
        AtomicBoolean stop = new AtomicBoolean(false);
        List<Thread> threads = new ArrayList<>();
        for (int c = 0; c < clients; c++) {
            int first = firstCourse + c * coursesPerClient;
            SplittableRandom random = new SplittableRandom(first);
            Thread thread = new Thread(() -> {
                for (int i = 0; !stop.get(); i++) {
                    int course = first + i % coursesPerClient;
                    long start = System.nanoTime();
                    boolean ok;
                    try {
                        int status = http.send(target.command(course, random), HttpResponse.BodyHandlers.discarding()).statusCode();
                        ok = status / 100 == 2;
                    } catch (Exception e) {
                        ok = false;
                    }
                    if (recording.get()) {
                        latencies.answered((System.nanoTime() - start) / 1000, ok);
                    }
                }
            }, "closed-" + c);
            thread.start();
            threads.add(thread);
        }
        Thread.sleep(warmUp.toMillis());
        double cpuBefore = target.server().cpuSeconds();
        long from = System.nanoTime();
        recording.set(true);
        Thread.sleep(measured.toMillis());
        recording.set(false);
        double seconds = (System.nanoTime() - from) / 1e9;
        double cpu = target.server().cpuSeconds() - cpuBefore;
        stop.set(true);
        for (Thread thread : threads) {
            thread.join();
        }
        int answered = latencies.answered() - latencies.failed(); // what a command costs is what an accepted one costs
        return new Result(clients, answered / seconds, answered == 0 ? Double.NaN : cpu * 1000 / answered,
                latencies.percentileMillis(0.50), latencies.percentileMillis(0.99), latencies.failed());
    }
}
