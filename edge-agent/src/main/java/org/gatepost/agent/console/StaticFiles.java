package org.gatepost.agent.console;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;

/**
 * The console page: {@code index.html}, {@code console.css} and {@code console.js} from the resources beside this
 * class ({@code web/}), read once at start and kept in memory (a few kilobytes). Everything else is 404. Thread safe.
 */
final class StaticFiles implements HttpHandler {
    private record File(byte[] bytes, String type) {}

    private final Map<String, File> files;

    StaticFiles() {
        files = Map.of(
                "/", load("index.html", "text/html; charset=utf-8"),
                "/console.css", load("console.css", "text/css; charset=utf-8"),
                "/console.js", load("console.js", "text/javascript; charset=utf-8"));
    }

    private static File load(String name, String type) {
        try (InputStream in = StaticFiles.class.getResourceAsStream("web/" + name)) {
            if (in == null) {
                throw new IllegalStateException("missing resource web/" + name);
            }
            return new File(in.readAllBytes(), type);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void handle(HttpExchange ex) throws IOException {
        try (ex) {
            Http.securityHeaders(ex);
            File f = files.get(ex.getRequestURI().getPath());
            String method = ex.getRequestMethod();
            if (f == null || !(method.equals("GET") || method.equals("HEAD"))) {
                ex.sendResponseHeaders(404, -1);
                return;
            }
            ex.getResponseHeaders().set("Content-Type", f.type());
            ex.getResponseHeaders().set("Cache-Control", "no-cache");
            if (method.equals("HEAD")) {
                ex.sendResponseHeaders(200, -1);
                return;
            }
            ex.sendResponseHeaders(200, f.bytes().length);
            ex.getResponseBody().write(f.bytes());
        }
    }
}
