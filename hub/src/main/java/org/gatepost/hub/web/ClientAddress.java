package org.gatepost.hub.web;

import io.javalin.http.Context;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;
import org.gatepost.hub.config.TrustedProxies;

/**
 * The address a request is counted and audited under (login throttle, audit log, logs): the connection's address,
 * or the client a trusted proxy names ({@link TrustedProxies#client}). The web server works it out once per request,
 * before any other handler.
 */
final class ClientAddress {
    private static final String ATTRIBUTE = "gatepost.client-address";
    static final String FORWARDED_FOR = "X-Forwarded-For";

    private ClientAddress() {}

    /** Works out the request's client through {@code proxies} and keeps it with the request. */
    static void resolve(Context ctx, TrustedProxies proxies) {
        Enumeration<String> forwarded = ctx.req().getHeaders(FORWARDED_FOR);
        ctx.attribute(ATTRIBUTE, proxies.client(ctx.ip(), forwarded == null ? List.of() : Collections.list(forwarded)));
    }

    /** The request's client address; the connection's when {@link #resolve} did not run. */
    static String of(Context ctx) {
        String a = ctx.attribute(ATTRIBUTE);
        return a != null ? a : ctx.ip();
    }
}
