package org.gatepost.hub.web;

import org.gatepost.hub.ingest.IngestStats;

/** Live facts for {@code /api/health}. Called from HTTP threads: implementations must be thread safe and fast. */
public interface RuntimeStatus {
    boolean mqttConnected();

    IngestStats ingest();
}
