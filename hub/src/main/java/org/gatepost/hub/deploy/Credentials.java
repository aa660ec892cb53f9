package org.gatepost.hub.deploy;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.random.RandomGenerator;

/**
 * Random broker passwords and the {@code credentials.txt} that carries them to each machine's properties
 * file. Pure apart from the injected random source; not thread safe (the random source may not be).
 */
final class Credentials {
    static final String FILE = "credentials.txt";
    static final int PASSWORD_LENGTH = 32;
    /** Letters and digits only: safe in a properties file and on a command line, ~190 bits in 32 characters. */
    private static final String ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

    static final String HOST_PLACEHOLDER = "HUB-HOST";
    static final String SHARE_GROUP_PREFIX = "gatepost-hubs-";
    /** ~95 bits: letters and digits, as in a password. */
    static final int SHARE_GROUP_RANDOM = 16;

    private static final List<String> LOOPBACK = List.of("localhost", "127.0.0.1", "::1");

    private final RandomGenerator random;

    Credentials(RandomGenerator random) {
        this.random = random;
    }

    /** A fresh password per user, in the order given. */
    Map<String, String> passwords(List<String> users) {
        Map<String, String> result = new LinkedHashMap<>();
        for (String u : users) {
            result.put(u, randomText(PASSWORD_LENGTH));
        }
        return result;
    }

    /**
     * A shared-subscription group name for the hub instances ({@code mqtt.share-group}) that the gates cannot
     * guess. Mosquitto 2.0 lets any user join any group and then drops the group's messages its ACL keeps from
     * that member, so a gate in the hubs' group would take a share of the messages from the hubs.
     */
    String shareGroup() {
        return SHARE_GROUP_PREFIX + randomText(SHARE_GROUP_RANDOM);
    }

    private String randomText(int length) {
        StringBuilder b = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            b.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
        }
        return b.toString();
    }

    /** The text of credentials.txt: one properties block per machine (each hub instance, each gate). */
    static String render(SetupRequest r, Map<String, String> passwords, String shareGroup, Instant now) {
        StringBuilder b = new StringBuilder();
        b.append("# Gatepost MQTT credentials, written by `gatepost-hub mosquitto-setup` at ")
                .append(now)
                .append(".\n")
                .append(
                        "# SECRET. Copy each block into that machine's properties file, then delete this file or lock\n")
                .append(
                        "# it away. The broker keeps only PBKDF2 hashes (passwd): these passwords cannot be recovered.\n")
                .append("# Replace ")
                .append(HOST_PLACEHOLDER)
                .append(" with the broker's name or address as its TLS certificate names it.\n\n");
        hubBlocks(b, r, passwords, shareGroup);
        String gateUrl = gateUrl(r);
        for (String gate : r.gates()) {
            b.append("# --- gate ")
                    .append(gate)
                    .append(": /etc/gatepost/agent.properties on that gate ---\n")
                    .append("gate.id=")
                    .append(gate)
                    .append('\n')
                    .append("mqtt.url=")
                    .append(gateUrl)
                    .append('\n')
                    .append("mqtt.username=")
                    .append(gate)
                    .append('\n')
                    .append("mqtt.password=")
                    .append(passwords.get(gate))
                    .append("\n\n");
        }
        if (r.tls().isPresent()) {
            b.append("# TLS: give every Java client (hub and gates) the broker's CA: copy ")
                    .append(TrustStore.FILE)
                    .append(" and start Java with\n# -Djavax.net.ssl.trustStore=/etc/gatepost/")
                    .append(TrustStore.FILE)
                    .append(" (docs/deployment.md).\n");
        }
        return b.toString();
    }

    /**
     * One block per hub instance. With several, each instance also needs the same {@code store.*} keys and
     * {@code mqtt.share-group}, and an instance on another machine than the broker cannot use a loopback URL.
     */
    private static void hubBlocks(StringBuilder b, SetupRequest r, Map<String, String> passwords, String shareGroup) {
        boolean several = r.hubUsers().size() > 1;
        if (several) {
            b.append("# ")
                    .append(r.hubUsers().size())
                    .append(" hub instances on one PostgreSQL database: each takes its own")
                    .append(
                            " block below (they share\n# mqtt.share-group), and all take the same store.url, store.username")
                    .append(" and store.password (docs/hub.md).\n");
            b.append(remoteHubUrl(r)
                    .map(u -> "# A hub on another machine than the broker uses mqtt.url=" + u
                            + (r.tls().isPresent() ? " and the trust store (below)" : "") + ".\n")
                    .orElse("# The broker listens on loopback only: run every hub on its machine, or re-run with"
                            + " --tls-port or --bind.\n"));
            b.append('\n');
        }
        for (String hub : r.hubUsers()) {
            b.append(
                            several
                                    ? "# --- hub " + hub
                                            + ": /etc/gatepost/hub.properties on that instance's machine ---\n"
                                    : "# --- hub: /etc/gatepost/hub.properties ---\n")
                    .append("mqtt.url=")
                    .append(hubUrl(r))
                    .append('\n')
                    .append("mqtt.username=")
                    .append(hub)
                    .append('\n')
                    .append("mqtt.password=")
                    .append(passwords.get(hub))
                    .append('\n')
                    .append("mqtt.client-id=")
                    .append(hub)
                    .append('\n')
                    .append("mqtt.share-group=")
                    .append(shareGroup)
                    .append("\n\n");
        }
    }

    /** How a hub on another machine reaches the broker: TLS if there is a listener, else a plain one not on loopback. */
    private static Optional<String> remoteHubUrl(SetupRequest r) {
        if (r.tls().isPresent()) {
            return Optional.of(gateUrl(r));
        }
        SetupRequest.Listener l = r.plain().orElseThrow();
        if (l.bind().filter(h -> LOOPBACK.contains(h) || h.startsWith("127.")).isPresent()) {
            return Optional.empty();
        }
        String host =
                l.bind().filter(h -> !h.equals("0.0.0.0") && !h.equals("::")).orElse(HOST_PLACEHOLDER);
        return Optional.of("tcp://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + l.port());
    }

    /** The hub sits beside the broker: plain on loopback when there is a plain listener, else TLS. */
    private static String hubUrl(SetupRequest r) {
        if (r.plain().isPresent()) {
            SetupRequest.Listener l = r.plain().get();
            String host = l.bind()
                    .filter(h -> !h.equals("0.0.0.0") && !h.equals("::"))
                    .orElse("127.0.0.1");
            return "tcp://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + l.port();
        }
        SetupRequest.TlsListener t = r.tls().orElseThrow();
        return "ssl://" + tlsHost(t, true) + ":" + t.listener().port();
    }

    private static String gateUrl(SetupRequest r) {
        if (r.tls().isPresent()) {
            SetupRequest.TlsListener t = r.tls().get();
            return "ssl://" + tlsHost(t, false) + ":" + t.listener().port();
        }
        return "tcp://" + HOST_PLACEHOLDER + ":" + r.plain().orElseThrow().port();
    }

    private static String tlsHost(SetupRequest.TlsListener t, boolean local) {
        if (!(t.source() instanceof SetupRequest.SelfSigned s)) {
            return HOST_PLACEHOLDER;
        }
        Optional<String> pick = local
                ? s.hosts().stream()
                        .filter(LOOPBACK::contains)
                        .filter(h -> !h.contains(":"))
                        .findFirst()
                : s.hosts().stream()
                        .filter(h -> !LOOPBACK.contains(h) && !h.contains(":"))
                        .findFirst();
        return pick.orElse(HOST_PLACEHOLDER);
    }
}
