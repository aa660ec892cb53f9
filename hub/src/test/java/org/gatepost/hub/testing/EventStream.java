package org.gatepost.hub.testing;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The hub's server-sent event stream {@code /api/events}, opened as a session and read as raw lines: each event
 * ({@code event:} name, {@code data:} JSON, blank line) is queued as it arrives, on the HTTP client's thread.
 */
public final class EventStream implements AutoCloseable {
    private final BlockingQueue<String[]> events = new LinkedBlockingQueue<>();
    private final CompletableFuture<HttpResponse<Stream<String>>> stream;

    private EventStream(CompletableFuture<HttpResponse<Stream<String>>> stream) {
        this.stream = stream;
    }

    /** Opens the stream of the hub serving HTTP on {@code port}, with {@code session}'s cookie. */
    public static EventStream open(int port, ApiSession session) {
        HttpRequest req = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/events"))
                .header("Cookie", session.cookie())
                .header("Accept", "text/event-stream")
                .build();
        EventStream s = new EventStream(HttpClient.newHttpClient().sendAsync(req, HttpResponse.BodyHandlers.ofLines()));
        s.stream.thenAccept(r -> {
            String[] current = new String[2];
            r.body().forEach(line -> {
                if (line.startsWith("event: ")) {
                    current[0] = line.substring(7);
                } else if (line.startsWith("data: ")) {
                    current[1] = line.substring(6);
                } else if (line.isEmpty() && current[0] != null) {
                    s.events.add(new String[] {current[0], current[1]});
                    current[0] = null;
                }
            });
        });
        return s;
    }

    /** The data of the next event named {@code name}, skipping others; fails when none comes within {@code wait}. */
    public JsonNode next(String name, Duration wait) throws InterruptedException {
        long deadline = System.nanoTime() + wait.toNanos();
        while (System.nanoTime() < deadline) {
            String[] e = events.poll(10, TimeUnit.MILLISECONDS);
            if (e != null && e[0].equals(name)) {
                return ApiSession.parse(e[1]);
            }
        }
        throw new AssertionError("no '" + name + "' event within " + wait.toMillis() + " ms");
    }

    @Override
    public void close() {
        stream.cancel(true);
    }
}
