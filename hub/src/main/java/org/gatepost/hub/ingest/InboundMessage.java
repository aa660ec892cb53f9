package org.gatepost.hub.ingest;

/**
 * One MQTT message as received, not yet acknowledged to the broker.
 *
 * @param id      the MQTT packet id to acknowledge with
 * @param qos     0, 1 or 2; only QoS 1 and 2 are acknowledged
 * @param decoded the payload parsed and validated ({@link Decoded#of}), or null until {@link IngestLanes} decodes
 *                it on the thread that queues it; the ingest thread decodes a message that has none
 */
public record InboundMessage(String topic, byte[] payload, int id, int qos, Decoded decoded) {

    /** A message not decoded yet. */
    public InboundMessage(String topic, byte[] payload, int id, int qos) {
        this(topic, payload, id, qos, null);
    }

    /** This message with its payload decoded (itself when it already is). */
    public InboundMessage decode() {
        return decoded != null ? this : new InboundMessage(topic, payload, id, qos, Decoded.of(topic, payload));
    }
}
