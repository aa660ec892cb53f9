package org.gatepost.agent.config;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * One extra credential reader of a gate, besides the ID card reader of {@code idcard.*}. Configured as
 * {@code readers=NAME,...} and {@code reader.NAME.*} keys; see {@code docs/configuration.md}.
 *
 * @param name      the reader's name (letters, digits, '-'), used in logs and health reports
 * @param kind      which reader, from {@code reader.NAME.protocol}
 * @param port      serial port or {@code tcp://host:port}; null for Wiegand
 * @param baud      serial baud rate; 0 for Wiegand
 * @param lane      {@code in}, {@code out} or {@code both}
 * @param d0Pin     Wiegand D0 BCM pin, -1 otherwise
 * @param d1Pin     Wiegand D1 BCM pin, -1 otherwise
 * @param terminator QR: {@code cr}, {@code crlf}, {@code tab} or {@code none}; null otherwise
 * @param charset   QR: {@code gbk}, {@code utf-8} or {@code auto}; null otherwise
 * @param maxLength QR: longest accepted line in bytes; 0 otherwise
 * @param quiet     RDM6300: silence after which a tag counts as removed; QR: idle gap that ends a line
 *                  without terminator; Wiegand: inactivity that ends a frame
 */
public record ReaderConfig(
        String name,
        ReaderKind kind,
        String port,
        int baud,
        String lane,
        int d0Pin,
        int d1Pin,
        String terminator,
        String charset,
        int maxLength,
        Duration quiet) {
    public static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9-]{0,31}");
    public static final Duration DEFAULT_RDM6300_REMOVAL = Duration.ofMillis(500);
    public static final Duration DEFAULT_QR_IDLE_GAP = Duration.ofMillis(100);
    public static final Duration DEFAULT_WIEGAND_TIMEOUT = Duration.ofMillis(25);
    public static final int DEFAULT_QR_MAX_LENGTH = 2048;

    public ReaderConfig {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(lane, "lane");
        Objects.requireNonNull(quiet, "quiet");
    }

    /** The configured {@code reader.NAME.protocol} value, as logs and reports show it. */
    public String protocol() {
        return kind.wire();
    }

    /** Reads {@code readers} and each named reader's keys. An absent {@code readers} key means none. */
    static List<ReaderConfig> parse(Properties2 c) throws ConfigException {
        String list = c.string("readers", "");
        Set<String> names = new LinkedHashSet<>();
        for (String raw : list.split(",")) {
            String n = raw.trim();
            if (n.isEmpty()) {
                continue;
            }
            if (!NAME.matcher(n).matches()) {
                throw new ConfigException(
                        "readers", "reader name '" + n + "' must be lower-case letters, digits and '-'");
            }
            if (!names.add(n)) {
                throw new ConfigException("readers", "reader '" + n + "' is listed twice");
            }
        }
        List<ReaderConfig> out = new ArrayList<>();
        for (String n : names) {
            out.add(parseOne(c, n));
        }
        return List.copyOf(out);
    }

    private static ReaderConfig parseOne(Properties2 c, String n) throws ConfigException {
        String k = "reader." + n + ".";
        ReaderKind kind = ReaderKind.parse(k + "protocol", c.required(k + "protocol"));
        String lane = c.string(k + "lane", "both").toLowerCase(Locale.ROOT);
        if (!Set.of("in", "out", "both").contains(lane)) {
            throw new ConfigException(k + "lane", "must be in, out or both, got '" + lane + "'");
        }
        return switch (kind) {
            case WIEGAND -> {
                int d0 = c.integer(k + "d0", -1, 0, 27);
                int d1 = c.integer(k + "d1", -1, 0, 27);
                if (d0 < 0) {
                    throw new ConfigException(k + "d0", "is required for a Wiegand reader (BCM pin of D0)");
                }
                if (d1 < 0) {
                    throw new ConfigException(k + "d1", "is required for a Wiegand reader (BCM pin of D1)");
                }
                if (d0 == d1) {
                    throw new ConfigException(k + "d1", "must differ from d0");
                }
                yield new ReaderConfig(
                        n,
                        kind,
                        null,
                        0,
                        lane,
                        d0,
                        d1,
                        null,
                        null,
                        0,
                        c.duration(
                                k + "timeout", DEFAULT_WIEGAND_TIMEOUT, Duration.ofMillis(5), Duration.ofMillis(500)));
            }
            case QR -> {
                String term = c.string(k + "terminator", "crlf").toLowerCase(Locale.ROOT);
                if (!Set.of("cr", "crlf", "tab", "none").contains(term)) {
                    throw new ConfigException(k + "terminator", "must be cr, crlf, tab or none, got '" + term + "'");
                }
                String cs = c.string(k + "charset", "auto").toLowerCase(Locale.ROOT);
                if (!Set.of("gbk", "utf-8", "auto").contains(cs)) {
                    throw new ConfigException(k + "charset", "must be gbk, utf-8 or auto, got '" + cs + "'");
                }
                yield new ReaderConfig(
                        n,
                        kind,
                        c.required(k + "port"),
                        AgentConfig.baud(c, k + "baud", 9600),
                        lane,
                        -1,
                        -1,
                        term,
                        cs,
                        c.integer(k + "max-length", DEFAULT_QR_MAX_LENGTH, 16, 65536),
                        c.duration(k + "idle-gap", DEFAULT_QR_IDLE_GAP, Duration.ofMillis(10), Duration.ofSeconds(5)));
            }
            case RDM6300 ->
                serial(
                        n,
                        kind,
                        c.required(k + "port"),
                        AgentConfig.baud(c, k + "baud", 9600),
                        lane,
                        c.duration(
                                k + "removal",
                                DEFAULT_RDM6300_REMOVAL,
                                Duration.ofMillis(100),
                                Duration.ofSeconds(10)));
            case SAM ->
                serial(n, kind, c.required(k + "port"), AgentConfig.baud(c, k + "baud", 115200), lane, Duration.ZERO);
        };
    }

    /** A reader on a serial port without Wiegand pins or QR framing; {@code quiet} is its one timing value. */
    private static ReaderConfig serial(
            String name, ReaderKind kind, String port, int baud, String lane, Duration quiet) {
        return new ReaderConfig(name, kind, port, baud, lane, -1, -1, null, null, 0, quiet);
    }
}
