package org.gatepost.hub.mqtt;

import java.util.Optional;

/** Where and as whom the hub connects. {@code password} is never logged. */
public record MqttSettings(String url, String clientId, Optional<String> username, Optional<String> password) {
    @Override
    public String toString() {
        return "MqttSettings[url=" + url + ", clientId=" + clientId + ", username=" + username.orElse("(none)") + "]";
    }
}
