package org.kap.api;

import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;

import java.io.IOException;
import java.io.OutputStream;
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

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Slow and endless bodies cannot take the engine away from everyone else. With only 8 request threads,
 * 24 connections that send their body a byte at a time hold at most 3 of them (the per-address limit),
 * each for at most the body deadline; health answers throughout; every slow client gets its answer (429
 * or 408) and its connection closed. Four endless chunked bodies are cut off at the size limit, so the
 * engine's memory does not follow what they send.
 */
@TestPropertySource(properties = {"server.tomcat.threads.max=8", "kap.limits.concurrent-bodies-per-client=3",
        "kap.limits.body-read-timeout=2s"})
class SlowBodyApiTest extends ApiTest {

    private static final String DESIGNER = "Basic " + Base64.getEncoder().encodeToString("designer:designer-demo".getBytes());

    /** Opens a connection, sends the head of a 60,000-byte body and then one byte every 300 ms until answered. */
    private RawHttp.Response trickle() throws IOException {
        try (Socket socket = new Socket("localhost", port)) {
            socket.setSoTimeout(30_000);
            OutputStream out = socket.getOutputStream();
            out.write(("POST /api/v1/protocols HTTP/1.1\r\nHost: localhost\r\nAuthorization: " + DESIGNER
                    + "\r\nContent-Type: text/plain\r\nContent-Length: 60000\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            CompletableFuture<RawHttp.Response> answer = CompletableFuture.supplyAsync(() -> {
                try {
                    return RawHttp.read(socket.getInputStream());
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            });
            for (int sent = 0; sent < 60_000 && !answer.isDone(); sent++) {
                try {
                    out.write('#');
                    out.flush();
                } catch (IOException closed) {
                    break; // the engine closed the connection after answering
                }
                sleep(300);
            }
            return answer.join();
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Test
    void slow_bodies_are_answered_and_cut_off_while_health_answers_throughout() throws Exception {
        ExecutorService clients = Executors.newFixedThreadPool(24);
        List<CompletableFuture<RawHttp.Response>> slow = new ArrayList<>();
        for (int i = 0; i < 24; i++) {
            slow.add(CompletableFuture.supplyAsync(() -> {
                try {
                    return trickle();
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }, clients));
        }
        HttpClient health = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        for (int i = 0; i < 12; i++) {
            HttpResponse<String> answer = health.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/actuator/health"))
                    .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(answer.statusCode()).as("health check " + i + " while slow bodies arrive").isEqualTo(200);
            Thread.sleep(250);
        }
        List<Integer> statuses = new ArrayList<>();
        for (CompletableFuture<RawHttp.Response> answer : slow) {
            RawHttp.Response response = answer.get(30, TimeUnit.SECONDS);
            assertThat(response.header("content-type")).startsWith("application/problem+json");
            assertThat(response.header("connection")).isEqualTo("close");
            statuses.add(response.status());
        }
        clients.shutdownNow();
        assertThat(statuses).containsOnly(408, 429);
        assertThat(statuses.stream().filter(s -> s == 408).count()).as("the ones let in were cut off at the deadline")
                .isBetween(3L, 24L);
    }

    @Test
    void endless_chunked_bodies_are_cut_off_at_the_limit_and_memory_stays_bounded() throws Exception {
        Runtime runtime = Runtime.getRuntime();
        System.gc();
        long before = runtime.totalMemory() - runtime.freeMemory();
        List<CompletableFuture<Cut>> senders = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            senders.add(CompletableFuture.supplyAsync(this::endlessChunkedBody));
        }
        long peak = 0;
        List<Integer> statuses = new ArrayList<>();
        for (CompletableFuture<Cut> sender : senders) {
            Cut cut = sender.get(60, TimeUnit.SECONDS);
            assertThat(cut.sent()).as("the engine stopped the body long before 256 MiB").isLessThan(64L * 1024 * 1024);
            statuses.add(cut.status());
            peak = Math.max(peak, runtime.totalMemory() - runtime.freeMemory());
        }
        // three at once from one address are read (and cut off at the limit); a fourth is refused unread
        assertThat(statuses).containsOnly(413, 429);
        assertThat(statuses.stream().filter(s -> s == 413).count()).isGreaterThanOrEqualTo(3);
        assertThat(peak - before).as("heap growth while 4 endless bodies were refused").isLessThan(200L * 1024 * 1024);
    }

    private record Cut(long sent, int status) {
    }

    /** Sends 1 MiB chunks of a protocol text until the engine answers or 256 MiB are sent. */
    private Cut endlessChunkedBody() {
        byte[] chunk = ("# " + "x".repeat(1024 * 1024 - 3) + "\n").getBytes(StandardCharsets.ISO_8859_1);
        try (Socket socket = new Socket("localhost", port)) {
            socket.setSoTimeout(30_000);
            OutputStream out = socket.getOutputStream();
            out.write(("POST /api/v1/protocols HTTP/1.1\r\nHost: localhost\r\nAuthorization: " + DESIGNER
                    + "\r\nContent-Type: text/plain\r\nTransfer-Encoding: chunked\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
            CompletableFuture<RawHttp.Response> answer = CompletableFuture.supplyAsync(() -> {
                try {
                    return RawHttp.read(socket.getInputStream());
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            });
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
