package org.gatepost.agent.config;

import java.net.URI;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * The health-status check ({@code docs/health.md}, keys in {@code docs/configuration.md}).
 *
 * @param provider      {@code health.provider}: {@link Provider#NONE} (the default: no check, entries without
 *                      {@code health}), {@link Provider#VOLUNTEER} or {@link Provider#HTTP}
 * @param url           {@code health.url}: the status service of the {@code http} provider; null otherwise
 * @param source        {@code health.source}: the entries' {@code health.source} for the {@code http} provider
 *                      (default {@code http}); {@code volunteer} for the volunteer provider
 * @param maxWait          {@code health.wait}: how long a decision waits for the colour, from the credential on; also
 *                      the http request's timeout. Default 3 s ({@code http}), 30 s ({@code volunteer})
 * @param yellowDenies  {@code health.yellow=deny} (the default): yellow is {@code deny-health}; {@code admit}: no effect
 * @param unknownDenies {@code health.unknown=deny}: no colour is {@code deny-health}; {@code admit} (the default): no effect
 */
public record HealthConfig(
        Provider provider, URI url, String source, Duration maxWait, boolean yellowDenies, boolean unknownDenies) {
    public enum Provider {
        NONE,
        VOLUNTEER,
        HTTP
    }

    public static final Duration DEFAULT_HTTP_WAIT = Duration.ofSeconds(3);
    public static final Duration DEFAULT_VOLUNTEER_WAIT = Duration.ofSeconds(30);
    public static final Duration MIN_WAIT = Duration.ofMillis(100);
    public static final Duration MAX_WAIT = Duration.ofSeconds(120);
    public static final String DEFAULT_HTTP_SOURCE = "http";
    public static final String VOLUNTEER_SOURCE = "volunteer";
    private static final Pattern SOURCE = Pattern.compile("[a-z][a-z0-9-]{0,31}");

    public HealthConfig {
        Objects.requireNonNull(provider, "provider");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(maxWait, "maxWait");
        if (provider == Provider.HTTP) {
            Objects.requireNonNull(url, "url");
        }
    }

    /** No health check: the gate behaves as without this feature. */
    public static HealthConfig none() {
        return new HealthConfig(Provider.NONE, null, DEFAULT_HTTP_SOURCE, DEFAULT_HTTP_WAIT, true, false);
    }

    public boolean enabled() {
        return provider != Provider.NONE;
    }

    static HealthConfig parse(Properties2 c) throws ConfigException {
        String p = c.string("health.provider", "none").toLowerCase(Locale.ROOT);
        Provider provider = switch (p) {
            case "none" -> Provider.NONE;
            case "volunteer" -> Provider.VOLUNTEER;
            case "http" -> Provider.HTTP;
            default -> throw new ConfigException("health.provider", "must be none, volunteer or http, got '" + p + "'");
        };
        String u = c.string("health.url", null);
        URI url = null;
        if (provider == Provider.HTTP) {
            if (u == null) {
                throw new ConfigException("health.url", "is required when health.provider is http");
            }
            try {
                url = URI.create(u);
            } catch (IllegalArgumentException e) {
                throw new ConfigException("health.url", "must be an http:// or https:// URL, got '" + u + "'");
            }
            if (!("http".equals(url.getScheme()) || "https".equals(url.getScheme())) || url.getHost() == null) {
                throw new ConfigException("health.url", "must be an http:// or https:// URL, got '" + u + "'");
            }
        } else if (u != null) {
            throw new ConfigException("health.url", "is set but health.provider is not http");
        }
        String source = c.string("health.source", DEFAULT_HTTP_SOURCE);
        if (!SOURCE.matcher(source).matches()) {
            throw new ConfigException(
                    "health.source",
                    "must be 1-32 lowercase letters, digits or '-' starting with a letter, got '" + source + "'");
        }
        if (provider == Provider.VOLUNTEER) {
            source = VOLUNTEER_SOURCE;
        }
        Duration maxWait = c.duration(
                "health.wait",
                provider == Provider.VOLUNTEER ? DEFAULT_VOLUNTEER_WAIT : DEFAULT_HTTP_WAIT,
                MIN_WAIT,
                MAX_WAIT);
        return new HealthConfig(
                provider,
                url,
                source,
                maxWait,
                denies(c, "health.yellow", "deny"),
                denies(c, "health.unknown", "admit"));
    }

    private static boolean denies(Properties2 c, String key, String fallback) throws ConfigException {
        String v = c.string(key, fallback).toLowerCase(Locale.ROOT);
        return switch (v) {
            case "deny" -> true;
            case "admit" -> false;
            default -> throw new ConfigException(key, "must be deny or admit, got '" + v + "'");
        };
    }
}
