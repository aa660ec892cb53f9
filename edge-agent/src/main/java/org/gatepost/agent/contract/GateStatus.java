package org.gatepost.agent.contract;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;

/**
 * The three retained gate statuses of {@code docs/mqtt.md} and their schema-v1 JSON
 * ({@code docs/contract/status-*.json}).
 */
public enum GateStatus {
    /** Published by the agent on every connect. */
    ONLINE("online", "connected"),
    /** Published by the agent on a clean stop. */
    SHUTDOWN("offline", "shutdown"),
    /** The agent's last will, published by the broker when the connection drops without a clean stop. */
    LOST("offline", "lost");

    private final String state;
    private final String reason;

    GateStatus(String state, String reason) {
        this.state = state;
        this.reason = reason;
    }

    public String state() {
        return state;
    }

    public String reason() {
        return reason;
    }

    /** The status payload; {@code at} renders like an entry's, UTC with three fraction digits. Thread safe. */
    public String toJson(String gate, String epoch, String boot, Instant at) {
        ObjectNode n = ContractJson.message();
        n.put("gate", gate);
        n.put("state", state);
        n.put("reason", reason);
        n.put("epoch", epoch);
        n.put("boot", boot);
        n.put("at", EntryJson.AT_FORMAT.format(at));
        return ContractJson.text(n);
    }
}
