package org.gatepost.agent.contract;

import java.util.regex.Pattern;

/** Topic names of the agent–hub contract ({@code docs/mqtt.md}). */
public final class Topics {
    public static final String ROOT = "gatepost/v1/gates/";
    /** Parts and manifest of the hub's lists, hub → every gate, QoS 1, retained. */
    public static final String LISTS_ROOT = "gatepost/v1/hub/lists/";

    public static final String LISTS_FILTER = LISTS_ROOT + "#";
    /** The hub's pending-retests list, hub → every gate, QoS 1, retained; handed to the lists receiver too. */
    public static final String RETESTS = "gatepost/v1/hub/retests";
    /** The hub's end-of-emergency purge, hub → every gate, QoS 1, retained (docs/mqtt.md, "End of the emergency"). */
    public static final String HUB_PURGE = "gatepost/v1/hub/purge";

    /** Gate ids: also the gate's MQTT client id and username, and the {@code {gateId}} of its topics. */
    public static final Pattern GATE_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_-]{0,63}");

    private Topics() {}

    /** Entries, agent → hub, QoS 1, not retained. */
    public static String entries(String gateId) {
        return ROOT + gateId + "/entries";
    }

    /** Gate status, agent (and broker, as the will) → hub, QoS 1, retained. */
    public static String status(String gateId) {
        return ROOT + gateId + "/status";
    }

    /** Cumulative acknowledgement, hub → agent, QoS 1, retained. */
    public static String ack(String gateId) {
        return ROOT + gateId + "/ack";
    }

    /** Several consecutive entries while a backlog drains, agent → hub, QoS 1, not retained. */
    public static String batch(String gateId) {
        return ROOT + gateId + "/batch";
    }

    /** Gate health, agent → hub, QoS 0, not retained. */
    public static String heartbeat(String gateId) {
        return ROOT + gateId + "/heartbeat";
    }

    /** The gate's report of a purge, agent → hub, QoS 1, retained. */
    public static String purged(String gateId) {
        return ROOT + gateId + "/purged";
    }

    /** Requests to the gate such as {@code resend}, hub → agent, QoS 1, not retained. */
    public static String commands(String gateId) {
        return ROOT + gateId + "/commands";
    }
}
