package org.gatepost.hub.ack;

/** Publishes a retained QoS 1 message and blocks until the broker has accepted it (or a timeout). */
public interface RetainedPublisher {
    /** Throws when the message was not accepted; the caller may try again later. */
    void publishRetained(String topic, byte[] payload) throws Exception;
}
