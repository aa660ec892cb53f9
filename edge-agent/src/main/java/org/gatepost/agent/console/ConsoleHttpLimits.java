package org.gatepost.agent.console;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Time and size limits for the JDK's HTTP server behind the console. The JDK reads them from system properties
 * once, when its first server is made, for the whole JVM: {@link #apply()} sets each one that is not already
 * set (a {@code -D} on the command line wins) and must run before the first {@code HttpServer.create}; the agent's
 * {@code Main} calls it first thing, and {@link ConsoleServer} once more when its class loads. Idempotent, thread
 * safe.
 */
public final class ConsoleHttpLimits {
    /** Seconds a request (from its connection's first byte to the handler's answer) may take before it is closed. */
    public static final long MAX_REQUEST_SECONDS = 10;
    /** Seconds sending one response may take. */
    public static final long MAX_RESPONSE_SECONDS = 30;
    /** Connections open at once; beyond that the server stops accepting until one closes. */
    public static final int MAX_CONNECTIONS = 256;

    public static final int MAX_REQUEST_HEADERS = 64;
    /** Bytes of request header names and values (the JDK counts 32 more per header line). */
    public static final int MAX_REQUEST_HEADER_BYTES = 16 * 1024;
    /** How often the JDK looks for idle connections, including new ones that have sent nothing (its default: 10 s). */
    public static final long IDLE_CHECK_MILLIS = 1000;

    private ConsoleHttpLimits() {}

    /** The properties and the values {@link #apply()} sets. */
    public static Map<String, String> properties() {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("sun.net.httpserver.maxReqTime", Long.toString(MAX_REQUEST_SECONDS));
        p.put("sun.net.httpserver.maxRspTime", Long.toString(MAX_RESPONSE_SECONDS));
        p.put("jdk.httpserver.maxConnections", Integer.toString(MAX_CONNECTIONS));
        p.put("sun.net.httpserver.maxReqHeaders", Integer.toString(MAX_REQUEST_HEADERS));
        p.put("sun.net.httpserver.maxReqHeaderSize", Integer.toString(MAX_REQUEST_HEADER_BYTES));
        p.put("sun.net.httpserver.clockTick", Long.toString(IDLE_CHECK_MILLIS));
        return p;
    }

    public static synchronized void apply() {
        properties().forEach((key, value) -> {
            if (System.getProperty(key) == null) {
                System.setProperty(key, value);
            }
        });
    }
}
