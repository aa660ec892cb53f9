package org.gatepost.hub.contract;

import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/** Topic names of the v1 contract ({@code docs/mqtt.md}). Stateless. */
public final class Topics {
    public static final String ROOT = "gatepost/v1/gates/";
    public static final String ENTRIES_FILTER = ROOT + "+/entries";
    public static final String STATUS_FILTER = ROOT + "+/status";
    public static final String BATCH_FILTER = ROOT + "+/batch";
    public static final String HEARTBEAT_FILTER = ROOT + "+/heartbeat";
    /** The gates' purge reports (docs/mqtt.md, "End of the emergency"), retained; read by the live session. */
    public static final String PURGED_FILTER = ROOT + "+/purged";
    /** The hub's purge command to every gate, retained (docs/mqtt.md, "End of the emergency"). */
    public static final String HUB_PURGE = "gatepost/v1/hub/purge";
    /** Everything the hub subscribes to. */
    public static final List<String> HUB_SUBSCRIPTIONS =
            List.of(ENTRIES_FILTER, STATUS_FILTER, BATCH_FILTER, HEARTBEAT_FILTER, PURGED_FILTER);
    /** The hub's live session: everything but the backlog (docs/mqtt.md, "The hub's two sessions"). */
    public static final List<String> HUB_LIVE_SUBSCRIPTIONS =
            List.of(ENTRIES_FILTER, STATUS_FILTER, HEARTBEAT_FILTER, PURGED_FILTER);
    /** The hub's bulk session: the gates' backlogs only. */
    public static final List<String> HUB_BULK_SUBSCRIPTIONS = List.of(BATCH_FILTER);
    /** Appended to the hub's client id and user name for its bulk session. */
    public static final String BULK_SUFFIX = "-bulk";
    /** Gate ids: also the gate's MQTT client id and username. */
    public static final Pattern GATE_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_-]{0,63}");

    /** What a topic carries. */
    public enum Kind {
        ENTRIES,
        STATUS,
        ACK,
        BATCH,
        HEARTBEAT,
        COMMANDS
    }

    /** A parsed topic: which gate, which kind. */
    public record Ref(String gate, Kind kind) {}

    private Topics() {}

    public static String ack(String gate) {
        return ROOT + gate + "/ack";
    }

    public static String entries(String gate) {
        return ROOT + gate + "/entries";
    }

    public static String status(String gate) {
        return ROOT + gate + "/status";
    }

    public static String batch(String gate) {
        return ROOT + gate + "/batch";
    }

    public static String heartbeat(String gate) {
        return ROOT + gate + "/heartbeat";
    }

    public static String commands(String gate) {
        return ROOT + gate + "/commands";
    }

    /** The gate of a {@code gatepost/v1/gates/{gate}/purged} topic; empty for any other topic. */
    public static Optional<String> purgedGate(String topic) {
        if (topic == null || !topic.startsWith(ROOT) || !topic.endsWith("/purged")) {
            return Optional.empty();
        }
        String gate = topic.substring(ROOT.length(), topic.length() - "/purged".length());
        return GATE_ID.matcher(gate).matches() ? Optional.of(gate) : Optional.empty();
    }

    /** Parses {@code gatepost/v1/gates/{gate}/{kind}}; empty for any other topic or an invalid gate id. */
    public static Optional<Ref> parse(String topic) {
        if (topic == null || !topic.startsWith(ROOT)) {
            return Optional.empty();
        }
        String rest = topic.substring(ROOT.length());
        int slash = rest.indexOf('/');
        if (slash < 0) {
            return Optional.empty();
        }
        String gate = rest.substring(0, slash);
        if (!GATE_ID.matcher(gate).matches()) {
            return Optional.empty();
        }
        Kind kind = switch (rest.substring(slash + 1)) {
            case "entries" -> Kind.ENTRIES;
            case "status" -> Kind.STATUS;
            case "ack" -> Kind.ACK;
            case "batch" -> Kind.BATCH;
            case "heartbeat" -> Kind.HEARTBEAT;
            case "commands" -> Kind.COMMANDS;
            default -> null;
        };
        return kind == null ? Optional.empty() : Optional.of(new Ref(gate, kind));
    }
}
