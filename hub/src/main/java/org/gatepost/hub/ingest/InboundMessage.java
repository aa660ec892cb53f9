package org.gatepost.hub.ingest;

/**
 * One MQTT message as received, not yet acknowledged to the broker.
 *
 * @param id  the MQTT packet id to acknowledge with
 * @param qos 0, 1 or 2; only QoS 1 and 2 are acknowledged
 */
public record InboundMessage(String topic, byte[] payload, int id, int qos) {
}
