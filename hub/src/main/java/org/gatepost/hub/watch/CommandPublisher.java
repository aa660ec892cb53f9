package org.gatepost.hub.watch;

/**
 * Publishes a command to a gate (QoS 1, not retained). Must not block: it hands the message to the MQTT
 * client and returns; delivery may still fail, which callers tolerate by repeating requests.
 */
@FunctionalInterface
public interface CommandPublisher {
    /** Throws when the message could not even be handed over (for example while disconnected). */
    void publish(String topic, byte[] payload) throws Exception;
}
