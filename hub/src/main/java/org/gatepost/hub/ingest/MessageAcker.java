package org.gatepost.hub.ingest;

/**
 * Acknowledges a received message to the broker (the MQTT PUBACK), which tells the broker it may forget it.
 * Called from the ingest thread only after the message's effects are committed. Must not block for long.
 */
public interface MessageAcker {
    /** Throws when the ack could not be sent; the broker will then redeliver, which ingest tolerates. */
    void ack(InboundMessage message) throws Exception;
}
