package org.gatepost.hub.ingest;

/**
 * One MQTT message as received, not yet acknowledged to the broker.
 *
 * @param id          the MQTT packet id to acknowledge with
 * @param qos         0, 1 or 2; only QoS 1 and 2 are acknowledged
 * @param decoded     the payload parsed and validated ({@link Decoded#of}), or null until {@link IngestLanes} decodes
 *                    it on the thread that queues it; the ingest thread decodes a message that has none
 * @param arrivedNanos {@link System#nanoTime()} when the hub received it, for the ingest lag (docs/metrics.md)
 */
public record InboundMessage(String topic, byte[] payload, int id, int qos, Decoded decoded, long arrivedNanos) {

    /** A message not decoded yet, received now. */
    public InboundMessage(String topic, byte[] payload, int id, int qos) {
        this(topic, payload, id, qos, null, System.nanoTime());
    }

    /** A message received now. */
    public InboundMessage(String topic, byte[] payload, int id, int qos, Decoded decoded) {
        this(topic, payload, id, qos, decoded, System.nanoTime());
    }

    /** This message with its payload decoded (itself when it already is). */
    public InboundMessage decode() {
        return decoded != null
                ? this
                : new InboundMessage(topic, payload, id, qos, Decoded.of(topic, payload), arrivedNanos);
    }
}
