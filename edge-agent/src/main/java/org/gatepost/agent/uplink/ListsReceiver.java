package org.gatepost.agent.uplink;

/**
 * Where {@link MqttUplink} hands the hub's list messages ({@code gatepost/v1/hub/lists/#}, {@code docs/mqtt.md},
 * Lists) and its pending-retests list ({@link Topics#RETESTS}). Called on Paho's callback thread, one message at a time, in arrival order: it may parse and write to
 * the gate's database (a few milliseconds) but must not wait on the network or on other threads, and must not
 * throw.
 */
@FunctionalInterface
public interface ListsReceiver {
    /** Receives nothing: the uplink does not subscribe to the lists. */
    ListsReceiver NONE = (topic, payload) -> {};

    /** One message; {@code payload} is empty when a retained part was cleared. */
    void received(String topic, byte[] payload);
}
