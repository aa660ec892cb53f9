package org.gatepost.hub.web;

import java.time.Duration;

/**
 * What {@code /metrics} serves (docs/metrics.md) and what the web server reports to it. Called on Jetty's threads:
 * implementations must be thread safe; {@link #request} must be fast and must not throw.
 */
public interface Metrics {
    /** The Prometheus text exposition format, version 0.0.4. */
    String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

    /** Every metric now, in {@link #CONTENT_TYPE}; may read the database (bounded, see docs/metrics.md). */
    String scrape();

    /** One HTTP request answered; {@code route} is the matched route's path template, never the raw path. */
    void request(String method, String route, int status, Duration took);
}
