package org.gatepost.hub;

/** The hub could not start; the message names the part (store, broker, MQTT client, web) and the cause. */
public final class HubStartException extends Exception {
    public HubStartException(String message, Throwable cause) {
        super(message, cause);
    }
}
