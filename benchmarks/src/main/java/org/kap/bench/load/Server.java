package org.kap.bench.load;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * One server under measurement, started as its own JVM with the same flags as every other, so the harness can read
 * what the process itself spends: CPU time from /proc/PID/stat and resident memory from /proc/PID/status (Linux).
 */
final class Server implements AutoCloseable {

    /**
     * The same for every server: the heap an operator would give a small engine, and G1 with the one setting
     * {@code ./kap serve} gives it: an object that survives two young collections is moved to the old generation
     * rather than copied up to fifteen times, which shortened the young pauses under load by a fifth
     * (docs/benchmarks.md, 2026-12-04 evening). A shorter pause goal shortens the pauses further but costs the engine
     * rate and memory: a 10 ms goal cost it a third of its rate from one client in one of two runs (2026-12-03 evening);
     * a 12 ms goal with one age brought the tail at 200/s down by a third, but its rate from sixteen clients on
     * PostgreSQL to 0.55x, its resident memory up by half and its p99 at 400/s to a third of a second (2026-12-06
     * evening). {@code JAVA_TOOL_OPTIONS} reaches every server alike, for trying other settings.
     */
    static final List<String> JVM_FLAGS = List.of("-Xms512m", "-Xmx1g", "-XX:MaxTenuringThreshold=2",
            "-Ddisable-axoniq-console-message=true");
    /** USER_HZ, the unit of utime and stime in /proc/PID/stat; 100 on every Linux the JDK runs on. */
    private static final double TICKS_PER_SECOND = 100.0;

    final String name;
    final int port;
    final Process process;
    final Path log;
    final Duration startUp;
    /** {@link System#nanoTime()} when the process was launched: the origin of its JVM's uptime, give or take milliseconds. */
    final long launchedNanos;

    private Server(String name, int port, Process process, Path log, Duration startUp, long launchedNanos) {
        this.name = name;
        this.port = port;
        this.process = process;
        this.log = log;
        this.startUp = startUp;
        this.launchedNanos = launchedNanos;
    }

    static Server start(String name, Path jar, int port, Path workDir, List<String> args, String healthPath, boolean record)
            throws IOException, InterruptedException {
        Files.createDirectories(workDir);
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(JVM_FLAGS);
        if (record) {
            // a flight recording of the whole run (execution samples every 10-20 ms), for `jfr print` or JDK Mission Control
            command.add("-XX:StartFlightRecording:settings=profile,filename=" + workDir.resolve(name + ".jfr"));
        }
        command.add("-jar");
        command.add(jar.toString());
        command.add("--server.port=" + port);
        command.addAll(args);
        Path log = workDir.resolve(name + ".log");
        long started = System.nanoTime();
        Process process = new ProcessBuilder(command).directory(workDir.toFile()).redirectErrorStream(true)
                .redirectOutput(log.toFile()).start();
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        HttpRequest health = HttpRequest.newBuilder(URI.create("http://localhost:" + port + healthPath))
                .timeout(Duration.ofSeconds(2)).build();
        for (int i = 0; i < 1800; i++) {
            if (!process.isAlive()) {
                throw new IllegalStateException(name + " stopped while starting; its log: " + log);
            }
            try {
                if (http.send(health, HttpResponse.BodyHandlers.discarding()).statusCode() < 500) {
                    return new Server(name, port, process, log, Duration.ofNanos(System.nanoTime() - started), started);
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            Thread.sleep(100);
        }
        process.destroyForcibly();
        throw new IllegalStateException(name + " did not answer " + healthPath + " within 3 minutes; its log: " + log);
    }

    String base() {
        return "http://localhost:" + port;
    }

    /** CPU seconds the process has spent, user and system, all its threads. */
    double cpuSeconds() {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(process.pid()), "stat"));
            // the command name in parentheses may hold spaces: count fields after its closing parenthesis
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            long utime = Long.parseLong(fields[11]);
            long stime = Long.parseLong(fields[12]);
            return (utime + stime) / TICKS_PER_SECOND;
        } catch (IOException e) {
            throw new IllegalStateException("no /proc entry for " + name + " (the harness measures CPU on Linux)", e);
        }
    }

    /**
     * CPU seconds the process's JIT compiler threads have spent (HotSpot's "C1 CompilerThread" and "C2 CompilerThread",
     * whose names Linux cuts to 15 characters): how far the server still is from the code it will run at its steady state.
     */
    double compilerCpuSeconds() {
        Path tasks = Path.of("/proc", Long.toString(process.pid()), "task");
        double seconds = 0;
        try (java.util.stream.Stream<Path> threads = Files.list(tasks)) {
            for (Path thread : (Iterable<Path>) threads::iterator) {
                String stat;
                try {
                    stat = Files.readString(thread.resolve("stat"));
                } catch (IOException ended) {
                    continue; // a thread that ended between the listing and the read
                }
                String comm = stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
                if (comm.startsWith("C1 CompilerThre") || comm.startsWith("C2 CompilerThre")) {
                    String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                    seconds += (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) / TICKS_PER_SECOND;
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException("no /proc entry for " + name + "'s threads", e);
        }
        return seconds;
    }

    /** Resident memory in MiB (VmRSS). */
    double residentMiB() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(process.pid()), "status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024.0;
                }
            }
            throw new IllegalStateException("no VmRSS for " + name);
        } catch (IOException e) {
            throw new IllegalStateException("no /proc entry for " + name, e);
        }
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(40, java.util.concurrent.TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
    }
}
