package org.gatepost.hub.web;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.staticfiles.Location;
import java.net.InetAddress;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import org.eclipse.jetty.http.BadMessageException;
import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.gatepost.hub.alert.BadgeNames;
import org.gatepost.hub.config.TrustedProxies;
import org.gatepost.hub.lists.Lists;
import org.gatepost.hub.store.HubStore;
import org.gatepost.hub.store.StoreException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The dashboard ({@code /}, static files from the classpath folder {@code web/}), its login page and the JSON
 * API under {@code /api} on Javalin. Everything but the login page, its assets and the health probe needs a
 * session ({@link AuthFilter}): the API answers 401 without one, pages redirect to {@code /login}. Every
 * response carries a strict Content-Security-Policy (same-origin only, no inline script). Errors are JSON:
 * 400 for a bad parameter (naming it), 401, 403, 404, 408 (a body that stopped arriving), 409, 413 (a JSON body
 * over {@value JsonBody#MAX_BYTES} bytes), 503 when the store fails, 500 otherwise. Slow clients are bounded by the
 * connector ({@link #IDLE_TIMEOUT}, {@link #MAX_CONNECTIONS_PER_ADDRESS}).
 * {@link #start} binds and returns; requests run on Jetty's threads.
 */
public final class WebServer implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(WebServer.class);
    static final String CSP = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self'; "
            + "connect-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'none'";

    /** Longer than the live feed's ping, so an open event stream is never idle that long. */
    static final Duration IDLE_TIMEOUT = Duration.ofSeconds(20);

    static final int MAX_CONNECTIONS_PER_ADDRESS = 32;

    static {
        if (IDLE_TIMEOUT.compareTo(LiveFeed.PING_INTERVAL) <= 0) {
            throw new IllegalStateException("the idle timeout must exceed the live feed's ping interval");
        }
    }

    private final Javalin app;

    private WebServer(Javalin app) {
        this.app = app;
    }

    /** Binds {@code host:port} (port 0: a free port) and starts serving. */
    public static WebServer start(
            String host, int port, HubStore store, Clock clock, RuntimeStatus runtime, Dashboard dashboard) {
        return start(host, port, store, clock, runtime, dashboard, null);
    }

    /** As above, with the lists for the gates under {@code /api/lists} ({@code lists} null: without them). */
    public static WebServer start(
            String host,
            int port,
            HubStore store,
            Clock clock,
            RuntimeStatus runtime,
            Dashboard dashboard,
            Lists lists) {
        return start(host, port, TrustedProxies.NONE, store, clock, runtime, dashboard, lists);
    }

    /**
     * As above, behind the reverse proxies {@code proxies}: a request from one of them is counted and audited under
     * the client its {@code X-Forwarded-For} names ({@link TrustedProxies#client}), and their connections are not
     * held to {@link #MAX_CONNECTIONS_PER_ADDRESS} (a proxy carries many browsers).
     */
    public static WebServer start(
            String host,
            int port,
            TrustedProxies proxies,
            HubStore store,
            Clock clock,
            RuntimeStatus runtime,
            Dashboard dashboard,
            Lists lists) {
        return start(host, port, proxies, store, clock, runtime, dashboard, lists, Optional.empty());
    }

    /**
     * As above, with {@code /metrics} for Prometheus when {@code metrics} is given ({@link MetricsRoute}; it also
     * hears of every request); without it {@code /metrics} answers 404.
     */
    public static WebServer start(
            String host,
            int port,
            TrustedProxies proxies,
            HubStore store,
            Clock clock,
            RuntimeStatus runtime,
            Dashboard dashboard,
            Lists lists,
            Optional<MetricsEndpoint> metrics) {
        return start(host, port, proxies, store, clock, runtime, dashboard, lists, metrics, Duration.ZERO);
    }

    /**
     * As above, with the entry retention ({@code retention.entries}; {@link Duration#ZERO}: forever), which bounds
     * how far back tracing ({@link TraceRoutes}) may look.
     */
    public static WebServer start(
            String host,
            int port,
            TrustedProxies proxies,
            HubStore store,
            Clock clock,
            RuntimeStatus runtime,
            Dashboard dashboard,
            Lists lists,
            Optional<MetricsEndpoint> metrics,
            Duration entryRetention) {
        ApiRoutes api = new ApiRoutes(store, clock, runtime);
        AuthFilter auth = new AuthFilter(dashboard.sessions());
        AuthRoutes login = new AuthRoutes(dashboard.accounts(), dashboard.sessions(), auth);
        AccountRoutes users = new AccountRoutes(dashboard.accounts());
        AlertRoutes alerts = new AlertRoutes(dashboard.alerts(), clock, dashboard.operatorEvents());
        BadgeNames badgeNames = lists == null ? hash -> Optional.empty() : lists::badgeName;
        EntryRoutes entries = new EntryRoutes(dashboard.entries(), badgeNames);
        ReportRoutes reports = new ReportRoutes(dashboard.entries(), clock);
        DailyReportRoutes daily = new DailyReportRoutes(dashboard.entries(), dashboard.duty(), clock);
        ExportRoutes exports = new ExportRoutes(dashboard.entries(), dashboard.alerts(), clock, badgeNames);
        TraceRoutes trace = new TraceRoutes(
                dashboard.entries(),
                lists == null ? TraceRoutes.Residents.NONE : lists::residents,
                dashboard.accounts().store(),
                exports,
                badgeNames,
                clock,
                entryRetention);
        ShiftRoutes shifts = new ShiftRoutes(dashboard.duty(), dashboard.alerts(), badgeNames, clock);
        dashboard.feed().useBadgeNames(badgeNames);
        Javalin app = Javalin.create(cfg -> {
            cfg.showJavalinBanner = false;
            cfg.jetty.addConnector((server, http) -> connector(server, http, host, port, proxies));
            metrics.ifPresent(m -> cfg.requestLogger.http((ctx, ms) -> m.metrics()
                    .request(ctx.method().name(), route(ctx), ctx.statusCode(), Duration.ofNanos((long)
                            (ms * 1_000_000)))));
            cfg.staticFiles.add(sf -> {
                sf.hostedPath = "/";
                sf.directory = "/web";
                sf.location = Location.CLASSPATH;
            });
        });
        app.before(ctx -> {
            ClientAddress.resolve(ctx, proxies);
            ctx.header("Content-Security-Policy", CSP);
            ctx.header("X-Content-Type-Options", "nosniff");
            ctx.header("Referrer-Policy", "no-referrer");
            if (ctx.path().startsWith("/api/")) {
                ctx.header("Cache-Control", "no-store");
            }
        });
        app.before(auth::before);
        app.beforeMatched(auth::roles);
        app.get("/login", login::page);
        app.get(MessageRoutes.PATH, new MessageRoutes()::messages);
        app.post("/api/login", login::login);
        app.post("/api/logout", login::logout);
        app.get("/api/session", login::session);
        app.post("/api/account/password", login::changePassword);
        app.get("/api/users", users::list, Access.OPERATOR);
        app.post("/api/users", users::create, Access.OPERATOR);
        app.get("/api/audit", users::audit, Access.OPERATOR);
        app.get("/api/gates", api::gates);
        app.get("/api/dead-letters", api::deadLetters);
        app.get("/api/entries", entries::list);
        app.get("/api/entries/{id}", entries::detail);
        app.get("/api/alerts", alerts::list);
        app.post("/api/alerts/{id}/acknowledge", alerts::acknowledge, Access.OPERATOR);
        app.post("/api/alerts/{id}/resolve", alerts::resolve, Access.OPERATOR);
        app.get("/api/reports", reports::report);
        app.get("/api/reports/daily.xlsx", daily::xlsx);
        app.get("/api/reports/daily.csv", daily::csv);
        app.get("/api/shifts", shifts::list);
        app.get("/api/shifts/handover", shifts::handOver);
        app.get("/api/export/entries.csv", exports::entries);
        app.get("/api/export/alerts.csv", exports::alerts);
        app.post("/api/trace/gate", trace::gate, Access.OPERATOR);
        app.post("/api/trace/person", trace::person, Access.OPERATOR);
        app.post("/api/trace/gate.csv", trace::gateCsv, Access.OPERATOR);
        app.post("/api/trace/person.csv", trace::personCsv, Access.OPERATOR);
        app.sse(AuthFilter.EVENTS_PATH, client -> dashboard.feed().subscribe(client, AuthFilter.session(client.ctx())));
        app.get("/api/health", ctx -> api.health(ctx, auth.optional(ctx).isPresent()));
        metrics.ifPresent(m -> app.get(MetricsRoute.PATH, new MetricsRoute(m.token(), m.metrics())::scrape));
        dashboard.passes().ifPresent(p -> {
            PassRoutes passes = new PassRoutes(p, clock);
            app.get("/api/passes", passes::list);
            app.post("/api/passes", passes::issue, Access.OPERATOR);
            app.get("/api/passes/{id}", passes::detail);
            app.post("/api/passes/{id}/revoke", passes::revoke, Access.OPERATOR);
            app.get("/api/passes/{id}/qr.png", passes::png, Access.OPERATOR);
            app.get("/api/passes/{id}/qr.svg", passes::svg, Access.OPERATOR);
        });
        dashboard.purges().ifPresent(p -> {
            PurgeRoutes purge = new PurgeRoutes(p);
            app.get("/api/purge", purge::status, Access.OPERATOR);
            app.post("/api/purge", purge::run, Access.OPERATOR);
        });
        if (lists != null) {
            ListRoutes listRoutes = new ListRoutes(lists);
            app.get("/api/lists", listRoutes::versions);
            app.get("/api/lists/residents", listRoutes::residents);
            app.get("/api/lists/quarantine", listRoutes::quarantine);
            app.get("/api/lists/blocked", listRoutes::blocked);
            app.get("/api/lists/badges", listRoutes::badges);
            app.get("/api/lists/policy", listRoutes::policy);
            app.put("/api/lists/policy", listRoutes::setPolicy, Access.OPERATOR);
            app.post("/api/lists/residents/import", listRoutes::importResidents, Access.OPERATOR);
            app.post("/api/lists/quarantine/import", listRoutes::importQuarantine, Access.OPERATOR);
            app.post("/api/lists/blocked/import", listRoutes::importBlocked, Access.OPERATOR);
            app.post("/api/lists/badges/import", listRoutes::importBadges, Access.OPERATOR);
        }
        app.exception(NotSignedInException.class, (e, ctx) -> {
            if (ctx.path().startsWith("/api/") || !ctx.method().name().equals("GET")) {
                error(ctx, 401, e.getMessage(), null);
            } else {
                ctx.redirect("/login");
            }
        });
        app.exception(ApiException.class, (e, ctx) -> {
            ObjectNode body = JsonViews.MAPPER.createObjectNode().put("error", e.getMessage());
            if (e.field() != null) {
                body.put("field", e.field());
            }
            ApiRoutes.send(ctx, e.status(), body);
        });
        app.exception(BadRequestException.class, (e, ctx) -> error(ctx, 400, e.getMessage(), e.parameter()));
        app.exception(BadMessageException.class, (e, ctx) -> {
            log.debug(
                    "event=bad-request path={} remote={} status={} reason=\"{}\"",
                    ctx.path(),
                    ClientAddress.of(ctx),
                    e.getCode(),
                    e.getReason());
            error(
                    ctx,
                    e.getCode(),
                    e.getCode() == 408 ? "the request body did not arrive in time" : "bad request",
                    null);
        });
        app.exception(StoreException.class, (e, ctx) -> {
            log.error("event=api-store-failure path={} reason={}", ctx.path(), e.getMessage());
            error(ctx, 503, "store unavailable", null);
        });
        app.exception(Exception.class, (e, ctx) -> {
            log.error("event=api-failure path={} error={}", ctx.path(), e.toString(), e);
            error(ctx, 500, "internal error", null);
        });
        app.error(404, ctx -> {
            if (ctx.path().startsWith("/api/") || ctx.path().equals(MetricsRoute.PATH)) {
                error(ctx, 404, "no such endpoint", null);
            }
        });
        app.start();
        log.info(
                "event=web-started host={} port={} metrics={}",
                host,
                app.port(),
                metrics.isPresent() ? MetricsRoute.PATH : "off");
        return new WebServer(app);
    }

    /**
     * The one listening connector: a connection silent for {@link #IDLE_TIMEOUT} is closed (idle between requests,
     * or in the middle of a request's headers or body), and one address holds at most
     * {@link #MAX_CONNECTIONS_PER_ADDRESS} connections (a trusted proxy any number). No minimum data rate: Jetty measures it from a body's first
     * byte to the handler's read, so a small body read late on a busy hub would be refused.
     */
    private static ServerConnector connector(
            Server server, HttpConfiguration http, String host, int port, TrustedProxies proxies) {
        http.setSendServerVersion(false);
        ServerConnector c = new ServerConnector(server, new HttpConnectionFactory(http));
        c.setHost(host);
        c.setPort(port);
        c.setIdleTimeout(IDLE_TIMEOUT.toMillis());
        c.addBean(new ConnectionsPerAddress(MAX_CONNECTIONS_PER_ADDRESS, proxies::trusts));
        return c;
    }

    /** The route template a request matched, for the metrics: bounded, never the raw path. */
    private static String route(Context ctx) {
        String matched = ctx.endpointHandlerPath();
        if (matched != null && !matched.isEmpty() && !matched.equals("*")) {
            return matched;
        }
        return ctx.statusCode() == 404 ? "unmatched" : "static";
    }

    public int port() {
        return app.port();
    }

    /** The connections the per-address cap counts as open from {@code address} (for tests). */
    int openConnectionsFrom(InetAddress address) {
        for (Connector c : app.jettyServer().server().getConnectors()) {
            ConnectionsPerAddress limits = c.getBean(ConnectionsPerAddress.class);
            if (limits != null) {
                return limits.openFrom(address);
            }
        }
        return 0;
    }

    @Override
    public void close() {
        app.stop();
    }

    private static void error(Context ctx, int status, String message, String parameter) {
        ObjectNode body = JsonViews.MAPPER.createObjectNode();
        body.put("error", message);
        if (parameter != null) {
            body.put("parameter", parameter);
        }
        ApiRoutes.send(ctx, status, body);
    }
}
