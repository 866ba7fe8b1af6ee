package org.kap.bench.load;

import java.net.http.HttpClient;
import java.time.Duration;

/**
 * Warms a server until its JIT compiler has done its work, so the phases measure the code a server runs for hours, not
 * its first minutes. A fixed warm-up of 30 s measured the engine half-compiled: a minute after it started, under load,
 * its C2 compiler thread still took more than half a core (far more code than the baseline: Spring Security, the rules,
 * the chain, the read models), and the one-client phase that came next ran at 0.31x of the baseline where the same
 * engine, compiled, ran at over twice that rate (docs/benchmarks.md, 2026-12-02, evening).
 *
 * <p>Rounds of what the phases send (the cheap command from 4 clients, then the open loop's mix at 100 a second) until,
 * after at least the least warm-up, one round's compiler CPU is under 5% of the server's CPU in that round; or until the
 * most, and the report says so. Every server is warmed the same way, the baseline too.
 */
final class WarmUp {

    /** {@code compilerShare}: the compiler threads' part of the server's CPU in the last round. */
    record Result(Duration took, double compilerCpuSeconds, double compilerShare, boolean compiled) {
    }

    static final double QUIET_SHARE = 0.05;
    private static final Duration COMMANDS = Duration.ofSeconds(4);
    private static final Duration MIX = Duration.ofSeconds(2);
    private static final int MIX_RATE = 100;

    private WarmUp() {
    }

    static Result run(HttpClient closed, HttpClient open, Target target, int firstCourse, int coursesPerClient,
                      int mixCourses, Duration least, Duration most) throws InterruptedException {
        Server server = target.server();
        long started = System.nanoTime();
        double compilerAtStart = server.compilerCpuSeconds();
        for (int round = 0; ; round++) {
            double cpu = server.cpuSeconds();
            double compiler = server.compilerCpuSeconds();
            ClosedLoop.run(closed, target, 4, firstCourse, coursesPerClient, Duration.ZERO, COMMANDS);
            OpenLoop.run(open, target, MIX_RATE, mixCourses, Duration.ZERO, MIX, 1_000L + round);
            double spent = server.cpuSeconds() - cpu;
            // compiler threads come and go (HotSpot's dynamic compiler threads): one that ended takes its time with it
            double share = spent <= 0 ? 0 : Math.max(0, server.compilerCpuSeconds() - compiler) / spent;
            Duration took = Duration.ofNanos(System.nanoTime() - started);
            boolean compiled = share < QUIET_SHARE;
            if ((compiled && took.compareTo(least) >= 0) || took.compareTo(most) >= 0) {
                return new Result(took, Math.max(0, server.compilerCpuSeconds() - compilerAtStart), share, compiled);
            }
        }
    }
}
