package org.gatepost.hub.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;

/**
 * A signed-in API client for tests, as the dashboard page would be: logs in with {@code POST /api/login},
 * then sends the session cookie on every request and the CSRF token on every POST. Not thread safe.
 */
public final class ApiSession {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private final String base;
    private final String cookie;
    private final String csrfToken;
    private final JsonNode session;

    private ApiSession(String base, String cookie, JsonNode session) {
        this.base = base;
        this.cookie = cookie;
        this.session = session;
        this.csrfToken = session.get("csrf_token").textValue();
    }

    /** Logs in at {@code http://127.0.0.1:port}; fails the test when the hub refuses. */
    public static ApiSession login(int port, String name, String password) {
        return login("http://127.0.0.1:" + port, name, password);
    }

    private static ApiSession login(String base, String name, String password) {
        HttpResponse<String> r = send(HttpRequest.newBuilder(URI.create(base + "/api/login"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json(Map.of("name", name, "password", password))))
                .build());
        if (r.statusCode() != 200) {
            throw new AssertionError("login as " + name + " refused: " + r.statusCode() + " " + r.body());
        }
        String setCookie = r.headers().firstValue("Set-Cookie").orElseThrow(() -> new AssertionError("no cookie"));
        return new ApiSession(base, setCookie.substring(0, setCookie.indexOf(';')), parse(r.body()));
    }

    /** The operator {@code admin} of a hub made with {@link TestHubs#config}. */
    public static ApiSession admin(int port) {
        return login(port, "admin", TestHubs.ADMIN_PASSWORD);
    }

    /**
     * Creates the account {@code name} with {@code role} (password {@code name-password-1}) as this session, an
     * admin's, and signs it in.
     */
    public ApiSession account(String name, String role) {
        String password = name + "-password-1";
        HttpResponse<String> r = post("/api/users", Map.of("name", name, "role", role, "password", password));
        if (r.statusCode() != 201) {
            throw new AssertionError("create " + name + ": " + r.statusCode() + " " + r.body());
        }
        return login(base, name, password);
    }

    /**
     * The same browser (cookie and CSRF token) sending to the hub at {@code http://127.0.0.1:port}, as behind a
     * proxy that spreads requests over several hubs.
     */
    public ApiSession at(int port) {
        return new ApiSession("http://127.0.0.1:" + port, cookie, session);
    }

    /** {@code name=value} of the session cookie. */
    public String cookie() {
        return cookie;
    }

    public String csrfToken() {
        return csrfToken;
    }

    public JsonNode session() {
        return session;
    }

    public HttpResponse<String> get(String pathAndQuery) {
        return send(request(pathAndQuery).GET().build());
    }

    /** GET expecting 200 and JSON. */
    public JsonNode getJson(String pathAndQuery) {
        HttpResponse<String> r = get(pathAndQuery);
        if (r.statusCode() != 200) {
            throw new AssertionError("GET " + pathAndQuery + ": " + r.statusCode() + " " + r.body());
        }
        return parse(r.body());
    }

    public HttpResponse<byte[]> getBytes(String pathAndQuery) {
        try {
            return HTTP.send(request(pathAndQuery).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** POST of a JSON body with the session's CSRF token. */
    public HttpResponse<String> post(String path, Map<String, ?> body) {
        return send(request(path)
                .header("Content-Type", "application/json")
                .header("X-CSRF-Token", csrfToken)
                .POST(HttpRequest.BodyPublishers.ofString(json(body)))
                .build());
    }

    public static JsonNode parse(String body) {
        try {
            return MAPPER.readTree(body);
        } catch (IOException e) {
            throw new AssertionError("not JSON: " + body, e);
        }
    }

    public static String json(Map<String, ?> body) {
        try {
            return MAPPER.writeValueAsString(body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private HttpRequest.Builder request(String pathAndQuery) {
        return HttpRequest.newBuilder(URI.create(base + pathAndQuery)).header("Cookie", cookie);
    }

    /** Sends {@code request} with the tests' client; an I/O failure is unchecked, an interruption fails the test. */
    public static HttpResponse<String> send(HttpRequest request) {
        try {
            return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
