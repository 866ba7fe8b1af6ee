package org.kap.bench.load;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

/**
 * Open loop: requests sent on a fixed schedule ({@code rate} a second, evenly spaced), whatever the server's answers
 * are doing, and each latency measured from the moment the request was scheduled, not sent. A server that falls
 * behind therefore shows its queue in the latencies instead of slowing the driver down (the coordinated-omission
 * error of a closed loop). The mix: 80% cheap commands spread at random over many courses, 20% reads. Requests still
 * unanswered a grace period after the phase count as slower than every answer.
 */
final class OpenLoop {

    /**
     * One phase: its latencies (closed: answers after the grace period are counted unanswered), its server's CPU, and
     * each request's trace: when it was scheduled, what it was and how long its answer took, for finding what the
     * slowest requests have in common (a collector's pause, a kind of request, a moment of the phase).
     */
    record Result(Latencies latencies, int sent, double cpuMillisPerRequest, Trace trace) {

        double p99() {
            return latencies.percentileMillis(0.99);
        }
    }

    private static final Duration GRACE = Duration.ofSeconds(30);

    private OpenLoop() {
    }

    /** One client for every phase (its own threads for the answers), so no phase leaves connections to the next. */
    static HttpClient client(ExecutorService answers) {
        return HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).executor(answers).build();
    }

    static Result run(HttpClient http, Target target, int rate, int courses, Duration warmUp, Duration measured, long seed)
            throws InterruptedException {
        SplittableRandom random = new SplittableRandom(seed);
        Latencies warming = new Latencies();
        AtomicInteger warmingSent = new AtomicInteger();
        schedule(http, target, rate, courses, warmUp, random, warming, warmingSent, null);
        awaitAnswers(warming, warmingSent, GRACE); // the warm-up's answers are in before the CPU window opens
        double cpuBefore = target.server().cpuSeconds();
        Latencies latencies = new Latencies();
        AtomicInteger sent = new AtomicInteger();
        Trace trace = new Trace(requests(rate, measured));
        schedule(http, target, rate, courses, measured, random, latencies, sent, trace);
        awaitAnswers(latencies, sent, GRACE);
        double cpu = target.server().cpuSeconds() - cpuBefore;
        latencies.close(sent.get());
        int ok = latencies.answered() - latencies.failed();
        return new Result(latencies, sent.get(), ok == 0 ? Double.NaN : cpu * 1000 / ok, trace);
    }

    private static void awaitAnswers(Latencies latencies, AtomicInteger sent, Duration grace) throws InterruptedException {
        long waitUntil = System.nanoTime() + grace.toNanos();
        while (latencies.answered() < sent.get() && System.nanoTime() < waitUntil) {
            Thread.sleep(10);
        }
    }

    /** Nanoseconds between two scheduled requests at {@code rate} a second. */
    private static long interval(int rate) {
        return 1_000_000_000L / rate;
    }

    /** How many requests a phase of {@code length} at {@code rate} a second schedules (its trace holds every one). */
    static long requests(int rate, Duration length) {
        return length.toNanos() / interval(rate);
    }

    private static void schedule(HttpClient http, Target target, int rate, int courses, Duration length,
                                 SplittableRandom random, Latencies latencies, AtomicInteger sent, Trace trace) {
        long interval = interval(rate);
        long start = System.nanoTime();
        long count = requests(rate, length);
        for (long i = 0; i < count; i++) {
            long scheduled = start + i * interval;
            long wait = scheduled - System.nanoTime();
            if (wait > 0) {
                LockSupport.parkNanos(wait);
            }
            int course = random.nextInt(courses);
            boolean command = random.nextInt(100) < 80;
            HttpRequest request = command ? target.command(course, random) : target.read(course, random);
            sent.incrementAndGet();
            int traced = trace == null ? -1 : trace.sent(scheduled, command, request.uri().getPath());
            http.sendAsync(request, HttpResponse.BodyHandlers.discarding()).whenComplete((answer, error) -> {
                long micros = (System.nanoTime() - scheduled) / 1000;
                latencies.answered(micros, error == null && answer.statusCode() / 100 == 2);
                if (trace != null) {
                    trace.answered(traced, micros);
                }
            });
        }
    }
}
