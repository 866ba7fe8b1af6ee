package org.kap.bench.load;

import java.io.IOException;
import java.net.http.HttpClient;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The load harness (docs/benchmarks.md, "Load: the engine against raw Axon"): starts the raw Axon baseline, the
 * engine with HTTP Basic and the engine with bearer tokens, each in its own JVM on a fresh store (H2 file, or a fresh
 * schema of PostgreSQL), and measures them in turn in one run: cheap commands in a closed loop with 1 and 16 clients
 * (rate and CPU per command), then the mix in an open loop at each rate. It prints Markdown tables, every figure of
 * the engine beside the baseline's, and keeps them under the work directory. Run it with {@code ./kap bench}.
 */
public final class LoadBenchmark {

    private LoadBenchmark() {
    }

    record Options(String store, List<Integer> rates, Duration openPhase, int openPasses, Duration closedPhase, int closedPasses, Duration warmUp,
                   Duration warmUpMost, int courses, List<String> targets, Path engineJar, Path rawJar, Path work, boolean record) {

        private static void requirePasses(String option, int passes) {
            if (passes < 1 || passes > 8) {
                throw new IllegalArgumentException("--" + option + " is 1 to 8, not " + passes);
            }
        }

        static Options parse(String[] args) {
            Map<String, String> given = new LinkedHashMap<>();
            for (String arg : args) {
                if (!arg.startsWith("--") || !arg.contains("=")) {
                    throw new IllegalArgumentException("arguments are --name=value, not " + arg);
                }
                given.put(arg.substring(2, arg.indexOf('=')), arg.substring(arg.indexOf('=') + 1));
            }
            boolean quick = Boolean.parseBoolean(given.remove("quick"));
            Options options = new Options(given.getOrDefault("store", "h2"),
                    Arrays.stream(given.getOrDefault("rates", "25,50,100,200,400").split(",")).map(Integer::parseInt).toList(),
                    Duration.ofSeconds(Long.parseLong(given.getOrDefault("open-seconds", quick ? "5" : "15"))),
                    Integer.parseInt(given.getOrDefault("open-passes", quick ? "1" : "2")),
                    Duration.ofSeconds(Long.parseLong(given.getOrDefault("closed-seconds", quick ? "5" : "15"))),
                    Integer.parseInt(given.getOrDefault("closed-passes", quick ? "2" : "4")),
                    Duration.ofSeconds(Long.parseLong(given.getOrDefault("warm-up-seconds", quick ? "3" : "30"))),
                    Duration.ofSeconds(Long.parseLong(given.getOrDefault("warm-up-most-seconds", quick ? "10" : "300"))),
                    Integer.parseInt(given.getOrDefault("courses", "500")),
                    List.of(given.getOrDefault("targets", "raw,basic,token").split(",")),
                    Path.of(given.getOrDefault("engine-jar", "protocol-api/target/protocol-api-0.1.0-SNAPSHOT-exec.jar")),
                    Path.of(given.getOrDefault("raw-jar", "benchmarks/target/benchmarks-0.1.0-SNAPSHOT-exec.jar")),
                    Path.of(given.getOrDefault("work", "benchmarks/target/load")),
                    Boolean.parseBoolean(given.getOrDefault("record", "false")));
            List<String> known = List.of("store", "rates", "open-seconds", "open-passes", "closed-seconds", "closed-passes", "warm-up-seconds",
                    "warm-up-most-seconds", "courses", "targets", "engine-jar", "raw-jar", "work", "record");
            given.keySet().stream().filter(k -> !known.contains(k)).findFirst().ifPresent(k -> {
                throw new IllegalArgumentException("unknown option --" + k + "; known: " + known + " and --quick=true");
            });
            requirePasses("closed-passes", options.closedPasses);
            requirePasses("open-passes", options.openPasses);
            if (!List.of("h2", "postgres").contains(options.store)) {
                throw new IllegalArgumentException("--store is h2 or postgres, not " + options.store);
            }
            return options;
        }
    }

    /** What {@code ./kap bench --help} prints, and what a wrong option is answered with. */
    static final String USAGE = """
            usage: ./kap bench [--name=value...]   (the defaults in brackets)
              --store=h2|postgres            the event store of every server (h2: a fresh file; postgres: a fresh
                                             schema of the database at 127.0.0.1:5432/test)                [h2]
              --targets=raw,basic,token      the servers, measured in this order                           [raw,basic,token]
              --rates=25,50,100,200,400      the open loop's rates, requests a second                      [25,50,100,200,400]
              --open-seconds=N               each open-loop rate's length                                  [15]
              --open-passes=N                how often each server runs each rate, the servers' order turned
                                             from rate to rate and reversed from one pass to the next      [2]
              --closed-seconds=N             each closed-loop phase's length                               [15]
              --closed-passes=N              how often each server runs each closed-loop phase, the servers'
                                             order reversed from one pass to the next                      [4]
              --warm-up-seconds=N            the least warm-up of each server                              [30]
              --warm-up-most-seconds=N       the most warm-up, while its JIT compiler is still busy        [300]
              --courses=N                    the courses the open loop's commands are spread over          [500]
              --record=true                  keep a flight recording of each server                        [false]
              --work=DIR                     where each run's report and logs are kept                     [benchmarks/target/load]
              --quick=true                   5 s phases, two closed passes and one open, 3-10 s of warm-up: a smoke
                                             run, not a measurement
            """;

    public static void main(String[] args) throws Exception {
        if (Arrays.asList(args).contains("--help") || Arrays.asList(args).contains("-h")) {
            System.out.print(USAGE);
            return;
        }
        Options options;
        try {
            options = Options.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("kap bench: " + e.getMessage());
            System.err.print(USAGE);
            System.exit(2);
            return;
        }
        String run = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC).format(Instant.now());
        Path work = options.work().toAbsolutePath().resolve(run);
        Files.createDirectories(work);
        Report report = new Report(work.resolve("report.md"));
        report.line("# Load run " + run + " (" + options.store() + ")");
        report.line("");
        report.line("Machine: " + Runtime.getRuntime().availableProcessors() + " processors, Java "
                + System.getProperty("java.version") + "; servers started with " + Server.JVM_FLAGS + "; load average at start "
                + loadAverage() + ". The driver runs on the same machine as the servers and shares its cores.");
        if (Double.parseDouble(loadAverage().replace("unknown", "0")) >= 1.0) {
            report.line("");
            report.line("**The machine was busy when the run began (load average 1 or more): other work shares its cores, "
                    + "so read the ratios rather than the absolute figures.**");
        }
        report.line("");
        List<Target> targets = new ArrayList<>();
        List<String> schemas = new ArrayList<>();
        try {
            for (String name : options.targets()) {
                targets.add(start(name, options, work, run, schemas, 18_100 + targets.size()));
            }
            report.line("| server | started in |");
            report.line("|---|---|");
            for (Target target : targets) {
                report.line(String.format(Locale.ROOT, "| %s | %.1f s |", target.name(), target.server().startUp.toMillis() / 1000.0));
            }
            report.line("");
            HttpClient closed = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
            ExecutorService answers = Executors.newFixedThreadPool(4);
            try {
                HttpClient open = OpenLoop.client(answers);
                report.line("| server | warmed up for | its JIT compiler's CPU in that time | the compiler's share of the last round |");
                report.line("|---|---|---|---|");
                for (Target target : targets) {
                    // the open loop's courses, then fresh ones for the warm-up and for each closed-loop phase
                    target.openCourses(0, options.courses() + closedCourses(options.closedPasses()));
                    WarmUp.Result warm = WarmUp.run(closed, open, target, options.courses(), PER_CLIENT, options.courses(),
                            options.warmUp(), options.warmUpMost());
                    report.line(String.format(Locale.ROOT, "| %s | %.0f s | %.1f s | %.1f%%%s |", target.name(),
                            warm.took().toMillis() / 1000.0, warm.compilerCpuSeconds(), warm.compilerShare() * 100,
                            warm.compiled() ? "" : " (still compiling at the most warm-up: its phases measure it so)"));
                }
                report.line("");
                closedLoops(report, targets, options, closed);
                openLoops(report, targets, options, open);
            } finally {
                answers.shutdownNow();
            }
            report.line("");
            report.line("| server | resident memory after the run |");
            report.line("|---|---|");
            for (Target target : targets) {
                report.line(String.format(Locale.ROOT, "| %s | %.0f MiB |", target.name(), target.server().residentMiB()));
            }
        } finally {
            for (Target target : targets) {
                target.server().close();
            }
            dropSchemas(schemas);
        }
        System.out.println("kap bench: the report is in " + report.file);
    }

    private static Target start(String name, Options options, Path work, String run, List<String> schemas, int port) throws Exception {
        Path dir = work.resolve(name);
        List<String> args = new ArrayList<>();
        boolean postgres = options.store().equals("postgres");
        String schema = "kap_bench_" + name + "_" + run.replace("-", "_");
        if (name.equals("raw")) {
            if (postgres) {
                createSchema(schema);
                schemas.add(schema);
                args.addAll(List.of("--spring.datasource.url=" + PG + "?currentSchema=" + schema,
                        "--spring.datasource.username=postgres", "--spring.datasource.password=",
                        "--spring.sql.init.platform=postgresql"));
            } else {
                args.add("--spring.datasource.url=jdbc:h2:file:" + dir.resolve("raw")
                        + ";AUTO_SERVER=FALSE;WRITE_DELAY=0;DB_CLOSE_ON_EXIT=FALSE");
            }
            Server server = Server.start("raw", options.rawJar().toAbsolutePath(), port, dir, args, "/raw/courses/none", options.record());
            return new RawTarget(server, run);
        }
        Credentials credentials = switch (name) {
            case "basic" -> new Credentials.Basic();
            case "token" -> Credentials.Bearer.fresh();
            default -> throw new IllegalArgumentException("targets are raw, basic and token, not " + name);
        };
        Files.createDirectories(dir);
        args.add("--kap.data-dir=" + dir);
        // the harness is one address standing for a clinic's many systems: the per-address limit on bodies in flight
        // (16, docs/security.md) would answer 429 to its open loop, which is not what is measured here
        args.add("--kap.limits.concurrent-bodies-per-client=100000");
        List<String> profiles = new ArrayList<>();
        if (postgres) {
            createSchema(schema);
            schemas.add(schema);
            profiles.add("postgres");
            args.addAll(List.of("--spring.datasource.url=" + PG + "?currentSchema=" + schema,
                    "--spring.datasource.username=postgres", "--spring.datasource.password=",
                    "--spring.flyway.schemas=" + schema, "--spring.flyway.default-schema=" + schema,
                    "--kap.signing.create-if-missing=true", "--kap.security.allow-demo-passwords=true"));
        }
        if (credentials instanceof Credentials.Bearer bearer) {
            profiles.add("jwt");
            args.add("--spring.security.oauth2.resourceserver.jwt.public-key-location=file:" + bearer.writePublicKey(dir));
        }
        if (!profiles.isEmpty()) {
            args.add("--spring.profiles.active=" + String.join(",", profiles));
        }
        Server server = Server.start("engine-" + name, options.engineJar().toAbsolutePath(), port, dir, args, "/actuator/health", options.record());
        return new EngineTarget("engine, " + (name.equals("basic") ? "HTTP Basic" : "bearer token"), server, credentials, run);
    }

    /**
     * Courses each closed-loop client turns over, and the fresh courses the warm-up (4 clients) and the phases take (one
     * client's and sixteen's, in each pass).
     */
    private static final int PER_CLIENT = 25;

    private static int closedCourses(int passes) {
        return (4 + passes * (1 + 16)) * PER_CLIENT;
    }

    /**
     * Writes the last phase's dirty pages to disk, then waits (at most a minute) until every server has been quiet for a
     * second (under a tenth of a core): the last phase's backlog must not run into the next server's phase. Its read
     * models and collector show in the servers' CPU; its store's writes do not, since the kernel writes a file's dirty
     * pages back on threads of its own up to half a minute later (Linux's {@code dirty_expire_centisecs}), which is
     * within the next phase: before this flush, the server measured right after the raw baseline's H2 phase at 200/s
     * lost its p99 to it (docs/benchmarks.md, 2026-12-06). Says whether the servers were quiet.
     */
    private static boolean settle(List<Target> targets) throws InterruptedException {
        flushDirtyPages();
        long until = System.nanoTime() + Duration.ofMinutes(1).toNanos();
        while (System.nanoTime() < until) {
            double before = targets.stream().mapToDouble(t -> t.server().cpuSeconds()).sum();
            Thread.sleep(1000);
            if (targets.stream().mapToDouble(t -> t.server().cpuSeconds()).sum() - before < 0.1) {
                return true;
            }
        }
        return false;
    }

    private static void flushDirtyPages() throws InterruptedException {
        try {
            int exit = new ProcessBuilder("sync").inheritIO().start().waitFor();
            if (exit != 0) {
                throw new IllegalStateException("sync ended with " + exit + ": the phases could not start on a clean page cache");
            }
        } catch (IOException e) {
            throw new java.io.UncheckedIOException("no sync on this machine: the phases could not start on a clean page cache", e);
        }
    }

    private static void closedLoops(Report report, List<Target> targets, Options options, HttpClient http) throws InterruptedException {
        int passes = options.closedPasses();
        report.line("## Cheap command, closed loop (" + options.closedPhase().toSeconds() + " s per phase, each server "
                + passes + " times)");
        report.line("");
        report.line("Each server runs each phase " + passes + " times, the servers in turn and in the reverse order on the next "
                + "pass, on fresh courses each time, so a drift of the machine over the minutes of the phases weighs on every "
                + "server alike; the figures are the means of its runs (p50 and p99: the mean of the runs' own).");
        report.line("");
        report.line("| server | clients | commands/s | its runs | vs raw | CPU per command | p50 | p99 | failed |");
        report.line("|---|---|---|---|---|---|---|---|---|");
        List<String> busy = new ArrayList<>();
        for (int clients : List.of(1, 16)) {
            Map<Target, List<ClosedLoop.Result>> runs = new LinkedHashMap<>();
            for (int pass = 0; pass < passes; pass++) {
                // fresh courses for every phase: after the open loop's and the warm-up's, one client's then sixteen's, per pass
                int firstCourse = options.courses() + (4 + pass * (1 + 16) + (clients == 1 ? 0 : 1)) * PER_CLIENT;
                for (Target target : passOrder(targets, 0, pass)) {
                    boolean quiet = settle(targets);
                    ClosedLoop.Result r = ClosedLoop.run(http, target, clients, firstCourse, PER_CLIENT, Duration.ofSeconds(2),
                            options.closedPhase());
                    if (!quiet) {
                        busy.add(target.name() + ", " + clients + (clients == 1 ? " client" : " clients") + ", pass " + (pass + 1));
                    }
                    if (target instanceof RawTarget && r.failed() > 0) {
                        // a baseline that fails is no baseline: every ratio against it would be wrong
                        throw new IllegalStateException("the raw baseline failed " + r.failed() + " commands; its log: "
                                + target.server().log);
                    }
                    runs.computeIfAbsent(target, t -> new ArrayList<>()).add(r);
                }
            }
            double raw = targets.stream().filter(t -> t instanceof RawTarget).findFirst()
                    .map(t -> mean(runs.get(t), ClosedLoop.Result::perSecond)).orElse(Double.NaN);
            for (Target target : targets) {
                List<ClosedLoop.Result> rs = runs.get(target);
                double perSecond = mean(rs, ClosedLoop.Result::perSecond);
                report.line(String.format(Locale.ROOT, "| %s | %d | %.0f | %s | %s | %.2f ms | %.1f ms | %.1f ms | %d |", target.name(),
                        clients, perSecond, rs.stream().map(r -> String.format(Locale.ROOT, "%.0f", r.perSecond()))
                                .collect(java.util.stream.Collectors.joining(" / ")),
                        Double.isNaN(raw) ? "" : String.format(Locale.ROOT, "%.2fx", perSecond / raw),
                        mean(rs, ClosedLoop.Result::cpuMillisPerCommand), mean(rs, ClosedLoop.Result::p50),
                        mean(rs, ClosedLoop.Result::p99), rs.stream().mapToInt(ClosedLoop.Result::failed).sum()));
            }
        }
        report.line("");
        reportBusy(report, busy);
    }

    /** After a table, not inside it: the phases that began before the servers were quiet (see {@link #settle}). */
    private static void reportBusy(Report report, List<String> phases) {
        if (!phases.isEmpty()) {
            report.line("The servers were still busy when these phases began: " + String.join("; ", phases) + ".");
            report.line("");
        }
    }

    private static double mean(List<ClosedLoop.Result> runs, java.util.function.ToDoubleFunction<ClosedLoop.Result> figure) {
        return runs.stream().mapToDouble(figure).average().orElse(Double.NaN);
    }

    private static void openLoops(Report report, List<Target> targets, Options options, HttpClient http) throws InterruptedException, IOException {
        int passes = options.openPasses();
        report.line("## The mix, open loop (80% commands over " + options.courses() + " courses, 20% reads; "
                + options.openPhase().toSeconds() + " s per rate, each server " + passes + (passes == 1 ? " time)" : " times)"));
        report.line("");
        report.line("Every server gets the same requests in a pass at a rate; the servers' order turns from rate to rate and is "
                + "reversed from one pass to the next, so no server always follows the same one. p50, p95 and p99 are those of "
                + "all the server's requests at the rate, its passes together; \"its passes' p99\" gives each pass's own.");
        report.line("");
        report.line("| server | rate | p50 | p95 | p99 | its passes' p99 | sent | failed | unanswered | CPU per request |");
        report.line("|---|---|---|---|---|---|---|---|---|---|");
        Map<String, Integer> best = new LinkedHashMap<>();
        targets.forEach(t -> best.put(t.name(), 0));
        List<String> busy = new ArrayList<>();
        for (int i = 0; i < options.rates().size(); i++) {
            int rate = options.rates().get(i);
            Map<Target, List<OpenLoop.Result>> runs = new LinkedHashMap<>();
            for (int pass = 0; pass < passes; pass++) {
                for (Target target : passOrder(targets, i, pass)) {
                    boolean quiet = settle(targets);
                    OpenLoop.Result r = OpenLoop.run(http, target, rate, options.courses(), Duration.ofSeconds(3), options.openPhase(),
                            17L + rate + 1_000_003L * pass);
                    if (!quiet) {
                        busy.add(target.name() + ", " + rate + "/s, pass " + (pass + 1));
                    }
                    Server server = target.server();
                    r.trace().write(server.log.resolveSibling("open-" + rate + "-pass" + (pass + 1) + ".csv"), server.launchedNanos);
                    runs.computeIfAbsent(target, t -> new ArrayList<>()).add(r);
                }
            }
            for (Target target : targets) {
                List<OpenLoop.Result> rs = runs.get(target);
                Latencies all = Latencies.pooled(rs.stream().map(OpenLoop.Result::latencies).toList());
                double p99 = all.percentileMillis(0.99);
                report.line(String.format(Locale.ROOT, "| %s | %d/s | %s | %s | %s | %s | %d | %d | %d | %.2f ms |", target.name(), rate,
                        millis(all.percentileMillis(0.50)), millis(all.percentileMillis(0.95)), millis(p99),
                        rs.stream().map(r -> millis(r.p99())).collect(java.util.stream.Collectors.joining(" / ")),
                        rs.stream().mapToInt(OpenLoop.Result::sent).sum(), all.failed(), all.unanswered(),
                        rs.stream().mapToDouble(OpenLoop.Result::cpuMillisPerRequest).average().orElse(Double.NaN)));
                if (p99 < 20 && all.failed() == 0 && all.unanswered() == 0) {
                    best.merge(target.name(), rate, Math::max);
                }
            }
        }
        report.line("");
        reportBusy(report, busy);
        report.line("Highest rate of the ladder " + options.rates() + " with p99 under 20 ms and no failure: "
                + best.entrySet().stream().map(e -> e.getKey() + " " + (e.getValue() == 0 ? "none" : e.getValue() + "/s")).toList() + ".");
    }

    /**
     * The servers' order in a pass of a phase: turned by {@code turn} places (the open loop turns it by one from rate to
     * rate, the closed loop not at all), and reversed on odd passes, so that a server follows one neighbour in one pass
     * and the other in the next (with three servers, no server follows the same one in every pass of a phase).
     */
    static <T> List<T> passOrder(List<T> servers, int turn, int pass) {
        List<T> order = new ArrayList<>(servers);
        java.util.Collections.rotate(order, -turn);
        if (pass % 2 == 1) {
            java.util.Collections.reverse(order);
        }
        return order;
    }

    private static String millis(double ms) {
        return Double.isInfinite(ms) ? "unanswered" : String.format(Locale.ROOT, "%.1f ms", ms);
    }

    private static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
        } catch (IOException e) {
            return "unknown";
        }
    }

    /** The machine's PostgreSQL (docs/benchmarks.md): the suite's database, a fresh schema per server. */
    private static final String PG = System.getProperty("kap.bench.postgres.url", "jdbc:postgresql://127.0.0.1:5432/test");

    private static void createSchema(String schema) throws SQLException {
        try (Connection c = DriverManager.getConnection(PG, "postgres", ""); Statement s = c.createStatement()) {
            s.execute("CREATE SCHEMA " + schema);
        }
    }

    private static void dropSchemas(List<String> schemas) throws SQLException {
        if (schemas.isEmpty()) {
            return;
        }
        try (Connection c = DriverManager.getConnection(PG, "postgres", ""); Statement s = c.createStatement()) {
            for (String schema : schemas) {
                s.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
            }
        }
    }

    /** Lines printed as they come and kept in the run's report file. */
    private static final class Report {
        final Path file;

        Report(Path file) {
            this.file = file;
        }

        void line(String text) {
            System.out.println(text);
            try {
                Files.writeString(file, text + "\n", StandardCharsets.UTF_8, java.nio.file.StandardOpenOption.CREATE,
                        java.nio.file.StandardOpenOption.APPEND);
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }
    }
}
