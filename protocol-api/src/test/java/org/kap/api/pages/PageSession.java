package org.kap.api.pages;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.CookieManager;
import java.net.HttpCookie;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * A browser's view of the engine's pages, without a browser: cookies kept, redirects not followed (the tests look at
 * them), and each form's CSRF token taken from the last page read, as a browser submits the form it was given.
 */
public final class PageSession {

    private static final Pattern CSRF = Pattern.compile("name=\"_csrf\"\\s+value=\"([^\"]+)\"|value=\"([^\"]+)\"\\s+name=\"_csrf\"");

    private final String base;
    private final CookieManager cookies = new CookieManager();
    private final HttpClient http;
    private String lastPage = "";

    public PageSession(int port) {
        this.base = "http://localhost:" + port;
        this.http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).cookieHandler(cookies).build();
    }

    public HttpResponse<String> get(String path) {
        HttpResponse<String> page = send(HttpRequest.newBuilder(URI.create(base + path)).GET().build());
        lastPage = page.body();
        return page;
    }

    /** The form posted with the CSRF token of the last page read (none if it had none). */
    public HttpResponse<String> post(String path, Map<String, String> fields) {
        Map<String, String> all = new LinkedHashMap<>(fields);
        csrf().ifPresent(token -> all.put("_csrf", token));
        return postExactly(path, all);
    }

    /** A form body sent as these bytes (a hostile or broken client's), with the last page's CSRF token in front. */
    public HttpResponse<String> postRaw(String path, String body) {
        String token = csrf().map(t -> "_csrf=" + URLEncoder.encode(t, StandardCharsets.UTF_8) + "&").orElse("");
        return send(HttpRequest.newBuilder(URI.create(base + path)).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(token + body)).build());
    }

    /** The form posted with exactly these fields (a forged request carries no token). */
    public HttpResponse<String> postExactly(String path, Map<String, String> fields) {
        String body = fields.entrySet().stream().map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8)).collect(Collectors.joining("&"));
        return send(HttpRequest.newBuilder(URI.create(base + path)).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build());
    }

    /** The sign-in page read, then its form sent: the answer to the form (a redirect). */
    public HttpResponse<String> signIn(String user, String password) {
        get("/login");
        return post("/login", Map.of("username", user, "password", password));
    }

    /** The session cookie's value, if the engine gave one. */
    public Optional<String> sessionId() {
        return cookies.getCookieStore().getCookies().stream().filter(c -> c.getName().equals("JSESSIONID"))
                .map(HttpCookie::getValue).findFirst();
    }

    public Optional<String> csrf() {
        Matcher m = CSRF.matcher(lastPage);
        return m.find() ? Optional.of(m.group(1) != null ? m.group(1) : m.group(2)) : Optional.empty();
    }

    /** Where a redirect points, as a path and query. */
    public static String location(HttpResponse<?> answer) {
        String location = answer.headers().firstValue("Location").orElse("");
        return location.replaceFirst("^https?://[^/]+", "");
    }

    /** The API asked with this session's cookie and nothing else. */
    public HttpResponse<String> api(String path) {
        return send(HttpRequest.newBuilder(URI.create(base + path)).GET().build());
    }

    private HttpResponse<String> send(HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
