package org.gatepost.agent.console;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.util.Optional;
import java.util.Set;
import org.gatepost.agent.checkpoint.VolunteerDesk;
import org.gatepost.agent.checkpoint.VolunteerDesk.ActionResult;
import org.gatepost.agent.console.ConsoleSessions.Login;
import org.gatepost.agent.console.ConsoleSessions.Session;
import org.gatepost.agent.entry.HealthColour;
import org.gatepost.agent.health.HealthDesk;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The console's JSON API under {@code /api/} ({@code docs/console.md}): session, state and the volunteer's actions.
 * Every request but {@code GET /api/session} and {@code POST /api/login} needs the session cookie; every POST but
 * the login also the session's CSRF token in {@value #CSRF_HEADER}, and an {@code Origin}, when the browser sends
 * one, of this server. Called on the server's HTTP threads; thread safe.
 */
final class ConsoleApi implements HttpHandler {
    static final String COOKIE = "gatepost_console";
    static final String CSRF_HEADER = "X-CSRF-Token";
    static final int MAX_BODY = 16 * 1024;
    private static final Set<String> HEALTH_ANSWERS = Set.of("green", "yellow", "red");
    private static final Logger LOG = LoggerFactory.getLogger(ConsoleApi.class);

    private final ObjectMapper json;
    private final VolunteerDesk desk;
    private final ConsoleSessions sessions;
    private final StateJson state;
    private final Clock clock;
    private final HealthDesk health;

    ConsoleApi(ObjectMapper json, VolunteerDesk desk, ConsoleStatus status, ConsoleSessions sessions, Clock clock) {
        this(json, desk, status, sessions, clock, HealthDesk.NONE);
    }

    ConsoleApi(
            ObjectMapper json,
            VolunteerDesk desk,
            ConsoleStatus status,
            ConsoleSessions sessions,
            Clock clock,
            HealthDesk health) {
        this.health = health;
        this.json = json;
        this.desk = desk;
        this.sessions = sessions;
        this.state = new StateJson(json, desk, status);
        this.clock = clock;
    }

    @Override
    public void handle(HttpExchange ex) throws IOException {
        try (ex) {
            Http.securityHeaders(ex);
            String route = ex.getRequestMethod() + " " + ex.getRequestURI().getPath();
            try {
                route(ex, route);
            } catch (BadRequest e) {
                reply(ex, 400, message(e.getMessage()));
            } catch (RuntimeException e) {
                LOG.error("event=console-request-failed route=\"{}\" reason={}", route, e.toString());
                reply(ex, 500, message("内部错误 Internal error"));
            }
        }
    }

    private void route(HttpExchange ex, String route) throws IOException, BadRequest {
        switch (route) {
            case "GET /api/session" -> session(ex);
            case "POST /api/login" -> login(ex);
            default -> {
                Optional<Session> s = sessions.find(Http.cookie(ex, COOKIE));
                if (s.isEmpty()) {
                    reply(ex, 401, message("请输入PIN Sign in with the PIN"));
                    return;
                }
                if (ex.getRequestMethod().equals("POST") && !postAllowed(ex, s.get())) {
                    reply(ex, 403, message("请求被拒绝 Request refused"));
                    return;
                }
                authorised(ex, route, s.get());
            }
        }
    }

    private void authorised(HttpExchange ex, String route, Session s) throws IOException, BadRequest {
        switch (route) {
            case "GET /api/state" -> reply(ex, 200, state.build(clock.instant()));
            case "POST /api/logout" -> {
                sessions.logout(s.token());
                ex.getResponseHeaders().add("Set-Cookie", COOKIE + "=; Path=/; HttpOnly; SameSite=Strict; Max-Age=0");
                reply(ex, 200, message("已退出 Signed out"));
            }
            case "POST /api/visitor" -> {
                JsonNode b = body(ex);
                VolunteerDesk.VisitorForm form = new VolunteerDesk.VisitorForm(
                        text(b, "name"), text(b, "phone"), text(b, "visiting"), text(b, "reason"));
                for (String field : new String[] {form.name(), form.phone(), form.visiting(), form.reason()}) {
                    if (IdNumberGuard.containsIdNumber(field)) {
                        throw new BadRequest("请勿输入身份证号 Do not type an ID number");
                    }
                }
                act(ex, "visitor", desk.registerVisitor(seq(b), form));
            }
            case "POST /api/override" -> {
                JsonNode b = body(ex);
                act(ex, "override", desk.override(seq(b), text(b, "reason"), text(b, "by")));
            }
            case "POST /api/mask" -> act(ex, "mask", desk.confirmMask());
            case "GET /api/health" -> reply(ex, 200, healthWaiting());
            case "POST /api/health" -> {
                JsonNode b = body(ex);
                String c = text(b, "colour");
                if (!HEALTH_ANSWERS.contains(c)) {
                    throw new BadRequest("colour must be green, yellow or red");
                }
                long id = seq(b, "id");
                boolean taken = health.answer(id, HealthColour.fromWire(c));
                act(
                        ex,
                        "health-" + c,
                        taken
                                ? ActionResult.done(0, "颜色已记录 Colour recorded")
                                : ActionResult.refused("该核验已结束 This check is no longer waiting"));
            }
            case "POST /api/duty" -> {
                String action = text(body(ex), "action");
                if (!action.equals("in") && !action.equals("out")) {
                    throw new BadRequest("action must be in or out");
                }
                act(ex, "duty-" + action, desk.armDuty(action.equals("in")));
            }
            default -> reply(ex, 404, message("not found"));
        }
    }

    private void session(HttpExchange ex) throws IOException {
        ObjectNode n = json.createObjectNode();
        n.put("pin_required", sessions.pinRequired());
        Optional<Session> s = sessions.find(Http.cookie(ex, COOKIE));
        n.put("signed_in", s.isPresent());
        s.ifPresent(session -> n.put("csrf_token", session.csrf()));
        reply(ex, 200, n);
    }

    private void login(HttpExchange ex) throws IOException, BadRequest {
        if (!sameOrigin(ex)) {
            reply(ex, 403, message("请求被拒绝 Request refused"));
            return;
        }
        String address = ex.getRemoteAddress().getAddress().getHostAddress();
        JsonNode b = body(ex);
        String pin = b.path("pin").asText("");
        Login result = sessions.login(address, pin);
        switch (result) {
            case Login.Granted g -> {
                LOG.info("event=console-signed-in address={}", address);
                ex.getResponseHeaders()
                        .add(
                                "Set-Cookie",
                                COOKIE + "=" + g.session().token() + "; Path=/; HttpOnly; SameSite=Strict; Max-Age="
                                        + sessions.timeout().toSeconds());
                ObjectNode n = json.createObjectNode();
                n.put("csrf_token", g.session().csrf());
                reply(ex, 200, n);
            }
            case Login.WrongPin w -> {
                LOG.warn("event=console-wrong-pin address={}", address);
                reply(ex, 401, message("PIN错误 Wrong PIN"));
            }
            case Login.Throttled t -> {
                long seconds = Math.max(1, (t.retryAfter().toMillis() + 999) / 1000);
                ex.getResponseHeaders().add("Retry-After", String.valueOf(seconds));
                reply(ex, 429, message("尝试次数过多，请" + seconds + "秒后再试 Too many attempts: wait " + seconds + " s"));
            }
        }
    }

    private void act(HttpExchange ex, String action, ActionResult r) throws IOException {
        LOG.info("event=console-action action={} ok={} seq={}", action, r.ok(), r.seq());
        ObjectNode n = json.createObjectNode();
        n.put("ok", r.ok());
        n.put("seq", r.seq());
        n.put("message", r.message());
        reply(ex, r.ok() ? 200 : 409, n);
    }

    private boolean postAllowed(HttpExchange ex, Session s) {
        String token = ex.getRequestHeaders().getFirst(CSRF_HEADER);
        return token != null
                && sameOrigin(ex)
                && MessageDigest.isEqual(
                        token.getBytes(StandardCharsets.UTF_8), s.csrf().getBytes(StandardCharsets.UTF_8));
    }

    /** No {@code Origin} (a non-browser client) or one naming the host the request was sent to. */
    private static boolean sameOrigin(HttpExchange ex) {
        String origin = ex.getRequestHeaders().getFirst("Origin");
        if (origin == null) {
            return true;
        }
        String host = ex.getRequestHeaders().getFirst("Host");
        try {
            URI o = URI.create(origin);
            String authority = o.getPort() == -1 ? o.getHost() : o.getHost() + ":" + o.getPort();
            return host != null && host.equalsIgnoreCase(authority);
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private JsonNode body(HttpExchange ex) throws IOException, BadRequest {
        byte[] bytes;
        try (InputStream in = ex.getRequestBody()) {
            bytes = in.readNBytes(MAX_BODY + 1);
        }
        if (bytes.length > MAX_BODY) {
            throw new BadRequest("body too large");
        }
        if (bytes.length == 0) {
            return json.createObjectNode();
        }
        try {
            JsonNode n = json.readTree(bytes);
            if (n == null || !n.isObject()) {
                throw new BadRequest("body must be a JSON object");
            }
            return n;
        } catch (JsonProcessingException e) {
            throw new BadRequest("body must be a JSON object");
        }
    }

    private static String text(JsonNode b, String field) throws BadRequest {
        JsonNode v = b.get(field);
        if (v == null || !v.isTextual()) {
            throw new BadRequest(field + " is required");
        }
        return v.asText().strip();
    }

    private static long seq(JsonNode b) throws BadRequest {
        return seq(b, "seq");
    }

    private static long seq(JsonNode b, String field) throws BadRequest {
        JsonNode v = b.get(field);
        if (v == null || !v.canConvertToLong() || !v.isIntegralNumber()) {
            throw new BadRequest(field + " is required");
        }
        return v.asLong();
    }

    /** {@code {"waiting": [{"id", "masked", "kind", "since"}]}}: the checks waiting for the volunteer, oldest first. */
    private ObjectNode healthWaiting() {
        ObjectNode n = json.createObjectNode();
        var arr = n.putArray("waiting");
        for (HealthDesk.Waiting w : health.waiting()) {
            arr.addObject()
                    .put("id", w.id())
                    .put("masked", w.masked())
                    .put("kind", w.kind())
                    .put("since", w.since().toString());
        }
        return n;
    }

    private ObjectNode message(String text) {
        ObjectNode n = json.createObjectNode();
        n.put("message", text);
        return n;
    }

    private void reply(HttpExchange ex, int status, JsonNode body) throws IOException {
        byte[] bytes = json.writeValueAsBytes(body);
        ex.getResponseHeaders().set("Content-Type", "application/json; charset=utf-8");
        ex.getResponseHeaders().set("Cache-Control", "no-store");
        ex.sendResponseHeaders(status, bytes.length);
        ex.getResponseBody().write(bytes);
    }

    /** A request the API cannot read; the message goes back to the page. */
    static final class BadRequest extends Exception {
        BadRequest(String message) {
            super(message);
        }
    }
}
