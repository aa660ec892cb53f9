package org.gatepost.agent.contract;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Writing the gate's schema-v1 messages (entries, status, heartbeats): each an object that opens with
 * {@code "v":1}, its fields added in the contract's order, written compactly. Thread safe.
 */
final class ContractJson {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private ContractJson() {}

    /** A new message object holding {@code "v":1}. */
    static ObjectNode message() {
        ObjectNode n = MAPPER.createObjectNode();
        n.put("v", EntryJson.SCHEMA_VERSION);
        return n;
    }

    /** The message as compact JSON text, fields in the order they were added. */
    static String text(ObjectNode message) {
        try {
            return MAPPER.writeValueAsString(message);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot happen for a tree of plain values", e);
        }
    }
}
