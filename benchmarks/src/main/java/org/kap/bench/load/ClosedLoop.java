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

    /** Course indexes {@code firstCourse .. firstCourse + clients - 1} must be open. */
    static Result run(Target target, int clients, int firstCourse, Duration warmUp, Duration measured) throws InterruptedException {
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        Latencies latencies = new Latencies();
        AtomicBoolean recording = new AtomicBoolean(false);
        AtomicBoolean stop = new AtomicBoolean(false);
        List<Thread> threads = new ArrayList<>();
        for (int c = 0; c < clients; c++) {
            int course = firstCourse + c;
            SplittableRandom random = new SplittableRandom(course);
            Thread thread = new Thread(() -> {
                while (!stop.get()) {
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
        int answered = latencies.answered();
        return new Result(clients, answered / seconds, answered == 0 ? Double.NaN : cpu * 1000 / answered,
                latencies.percentileMillis(0.50), latencies.percentileMillis(0.99), latencies.failed());
    }
}
