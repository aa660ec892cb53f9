package org.gatepost.hub.mqtt;

/** An MQTT operation (create, ack, publish) failed; the message says which and why. */
public final class MqttLinkException extends Exception {
    public MqttLinkException(String message, Throwable cause) {
        super(message, cause);
    }
}
