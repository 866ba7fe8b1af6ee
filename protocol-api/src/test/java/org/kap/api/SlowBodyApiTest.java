package org.kap.api;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Slow and endless bodies cannot take the engine away from everyone else. With only 8 request threads,
 * 24 connections that send their body a byte at a time hold at most 3 of them (the per-address limit),
 * each for at most the body deadline; health answers throughout; every slow client gets its answer (429
 * or 408) and its connection closed, and a body the engine did not need (on a health check) is not waited
 * for past the deadline either. Four endless chunked bodies are cut off at the size limit while the heap,
 * sampled as they are sent, stays bounded.
 */
@TestPropertySource(properties = {"server.tomcat.threads.max=8", "kap.limits.concurrent-bodies-per-client=3",
        "kap.limits.body-read-timeout=2s"})
class SlowBodyApiTest extends ApiTest {

    private static final String DESIGNER = "Basic " + Base64.getEncoder().encodeToString("designer:designer-demo".getBytes());
    /** A publication is a signed act: the designer's password again (docs/security.md). */
    private static final String SIGNED = "Signature-Password: designer-demo\r\n";

    /** One thread per client connection and one per reader, so no client waits behind another. */
    private final ExecutorService threads = Executors.newCachedThreadPool();

    @AfterEach
    void stopClients() {
        threads.shutdownNow();
    }

    /** What a trickling client saw: the answer, and whether the engine then closed the connection. */
    private record Trickled(RawHttp.Response response, boolean closedAfter) {
    }

    /**
     * Opens a connection, sends the head of a 60,000-byte body and then one byte every 300 ms until the
     * engine answers and closes the connection (or 20 s pass).
     */
    private Trickled trickle(String requestLine, String authorization) throws Exception {
        try (Socket socket = new Socket("localhost", port)) {
            socket.setSoTimeout(20_000);
            OutputStream out = socket.getOutputStream();
            out.write((requestLine + "\r\nHost: localhost\r\n" + authorization + "Content-Type: text/plain\r\n"
                    + "Content-Length: 60000\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            CompletableFuture<Trickled> seen = CompletableFuture.supplyAsync(() -> {
                try {
                    InputStream in = socket.getInputStream();
                    RawHttp.Response response = RawHttp.read(in);
                    return new Trickled(response, in.read() < 0);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }, threads);
            for (int sent = 0; sent < 60_000 && !seen.isDone(); sent++) {
                try {
                    out.write('#');
                    out.flush();
                } catch (IOException closed) {
                    break; // the engine closed the connection
                }
                Thread.sleep(300);
            }
            return seen.get(20, TimeUnit.SECONDS);
        }
    }

    @Test
    void slow_bodies_are_answered_and_cut_off_while_health_answers_throughout() throws Exception {
        List<CompletableFuture<Trickled>> slow = new ArrayList<>();
        for (int i = 0; i < 24; i++) {
            slow.add(CompletableFuture.supplyAsync(() -> {
                try {
                    return trickle("POST /api/v1/protocols HTTP/1.1", "Authorization: " + DESIGNER + "\r\n" + SIGNED);
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }, threads));
        }
        HttpClient health = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        for (int i = 0; i < 12; i++) {
            HttpResponse<String> answer = health.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/actuator/health"))
                    .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(answer.statusCode()).as("health check " + i + " while slow bodies arrive").isEqualTo(200);
            Thread.sleep(250);
        }
        List<Integer> statuses = new ArrayList<>();
        for (CompletableFuture<Trickled> answer : slow) {
            Trickled trickled = answer.get(40, TimeUnit.SECONDS);
            assertThat(trickled.closedAfter()).as("the engine closed the connection rather than wait for the body").isTrue();
            statuses.add(trickled.response().status());
            assertThat(trickled.response().header("content-type")).startsWith("application/problem+json");
            assertThat(trickled.response().header("connection")).isEqualTo("close");
        }
        assertThat(statuses).containsOnly(408, 429);
        assertThat(statuses.stream().filter(s -> s == 408).count()).as("the ones let in were cut off at the deadline")
                .isBetween(1L, 20L);
    }

    @Test
    void a_body_the_engine_does_not_need_is_read_within_the_deadline_and_no_longer() throws Exception {
        long start = System.nanoTime();
        Trickled trickled = trickle("GET /actuator/health HTTP/1.1", "");
        assertThat(trickled.response().status()).as("answered at once").isEqualTo(200);
        assertThat(trickled.closedAfter()).as("then closed rather than read on").isTrue();
        assertThat(Duration.ofNanos(System.nanoTime() - start)).as("within the 2 s deadline and a stalled read")
                .isLessThan(Duration.ofSeconds(12));
    }

    @Test
    void endless_chunked_bodies_are_cut_off_at_the_limit_and_memory_stays_bounded() throws Exception {
        Runtime runtime = Runtime.getRuntime();
        System.gc();
        long before = runtime.totalMemory() - runtime.freeMemory();
        AtomicLong peak = new AtomicLong();
        CompletableFuture<Void> sampler = CompletableFuture.runAsync(() -> {
            while (!Thread.currentThread().isInterrupted()) {
                peak.accumulateAndGet(runtime.totalMemory() - runtime.freeMemory(), Math::max);
                try {
                    Thread.sleep(20);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }, threads);
        List<CompletableFuture<Cut>> senders = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            senders.add(CompletableFuture.supplyAsync(this::endlessChunkedBody, threads));
        }
        List<Integer> statuses = new ArrayList<>();
        for (CompletableFuture<Cut> sender : senders) {
            Cut cut = sender.get(60, TimeUnit.SECONDS);
            assertThat(cut.sent()).as("the engine stopped the body long before 256 MiB").isLessThan(64L * 1024 * 1024);
            statuses.add(cut.status());
        }
        sampler.cancel(true);
        // three at once from one address are read (and cut off at the limit); a fourth is refused unread
        assertThat(statuses).containsOnly(413, 429);
        assertThat(statuses.stream().filter(s -> s == 413).count()).isGreaterThanOrEqualTo(3);
        assertThat(peak.get() - before).as("heap growth while 4 endless bodies were refused (the test's own 1 MiB chunks included)")
                .isLessThan(200L * 1024 * 1024);
    }

    private record Cut(long sent, int status) {
    }

    /** Sends 1 MiB chunks of a protocol text until the engine answers or 256 MiB are sent. */
    private Cut endlessChunkedBody() {
        byte[] chunk = ("# " + "x".repeat(1024 * 1024 - 3) + "\n").getBytes(StandardCharsets.ISO_8859_1);
        try (Socket socket = new Socket("localhost", port)) {
            socket.setSoTimeout(30_000);
            OutputStream out = socket.getOutputStream();
            out.write(("POST /api/v1/protocols HTTP/1.1\r\nHost: localhost\r\nAuthorization: " + DESIGNER + "\r\n" + SIGNED
                    + "Content-Type: text/plain\r\nTransfer-Encoding: chunked\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
            CompletableFuture<RawHttp.Response> answer = CompletableFuture.supplyAsync(() -> {
                try {
                    return RawHttp.read(socket.getInputStream());
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }, threads);
            long sent = 0;
            while (sent < 256L * 1024 * 1024 && !answer.isDone()) {
                try {
                    out.write((Integer.toHexString(chunk.length) + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
                    out.write(chunk);
                    out.write("\r\n".getBytes(StandardCharsets.ISO_8859_1));
                    sent += chunk.length;
                } catch (IOException closed) {
                    break;
                }
            }
            RawHttp.Response response = answer.get(30, TimeUnit.SECONDS);
            assertThat(response.header("content-type")).startsWith("application/problem+json");
            return new Cut(sent, response.status());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
