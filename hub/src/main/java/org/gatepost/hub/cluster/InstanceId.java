package org.gatepost.hub.cluster;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.HexFormat;
import java.util.random.RandomGenerator;

/**
 * The id of one running hub instance, as the leases and the cluster bus name it: {@code <mqtt.client-id>@<host>#<hex>}.
 * The random part makes a restarted instance a new holder, so a second process started with the same configuration
 * never renews the first one's leases.
 */
public final class InstanceId {
    private InstanceId() {}

    public static String of(String clientId, RandomGenerator random) {
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            host = "unknown-host";
        }
        return clientId + "@" + host + "#"
                + HexFormat.of().toHexDigits(random.nextInt()).substring(0, 6);
    }
}
