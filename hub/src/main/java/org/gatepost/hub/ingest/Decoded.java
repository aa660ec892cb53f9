package org.gatepost.hub.ingest;

import java.util.Optional;
import org.gatepost.hub.contract.BatchMessage;
import org.gatepost.hub.contract.ContractJson;
import org.gatepost.hub.contract.EntryMessage;
import org.gatepost.hub.contract.HeartbeatJson;
import org.gatepost.hub.contract.HeartbeatMessage;
import org.gatepost.hub.contract.InvalidPayloadException;
import org.gatepost.hub.contract.StatusMessage;
import org.gatepost.hub.contract.Topics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A received message parsed and validated, with no store access: what the ingest thread then writes. Decoding
 * is a pure function of topic and payload, so it runs on the thread that queues the message (Paho's callback
 * thread of its session, {@link IngestLanes}), beside the single ingest thread that writes.
 */
public sealed interface Decoded {

    /** A single entry ({@code entries} topic). */
    record Entry(EntryMessage entry) implements Decoded {}

    /** A backlog batch ({@code batch} topic). */
    record Batch(BatchMessage batch) implements Decoded {}

    /** A gate's status ({@code status} topic). */
    record Status(StatusMessage status) implements Decoded {}

    /** An empty retained status: the gate's status was cleared. */
    record ClearedStatus(String gate) implements Decoded {}

    /** A heartbeat ({@code heartbeat} topic). */
    record Heartbeat(HeartbeatMessage heartbeat) implements Decoded {}

    /** Not storable: kept aside as a dead letter with {@code reason} (names the bad field). */
    record Rejected(String reason) implements Decoded {}

    /** Decodes {@code m}; never throws (a bug in decoding is logged and the message rejected). */
    static Decoded of(String topic, byte[] payload) {
        try {
            return decode(topic, payload);
        } catch (InvalidPayloadException e) {
            return new Rejected(e.getMessage());
        } catch (RuntimeException e) {
            Log.log.error("event=ingest-bug action=message-set-aside topic={} error={}", topic, e.toString(), e);
            return new Rejected("internal error: " + e.getClass().getSimpleName());
        }
    }

    private static Decoded decode(String topic, byte[] payload) throws InvalidPayloadException {
        Optional<Topics.Ref> ref = Topics.parse(topic);
        if (ref.isEmpty()) {
            return new Rejected("unexpected topic");
        }
        String gate = ref.get().gate();
        return switch (ref.get().kind()) {
            case ENTRIES -> new Entry(ContractJson.parseEntry(payload, gate));
            case BATCH -> new Batch(ContractJson.parseBatch(payload, gate));
            case STATUS ->
                payload.length == 0 ? new ClearedStatus(gate) : new Status(ContractJson.parseStatus(payload, gate));
            case HEARTBEAT -> new Heartbeat(HeartbeatJson.parse(payload, gate));
            case ACK, COMMANDS -> new Rejected("unexpected topic");
        };
    }

    /** Holder of the interface's logger (interfaces cannot have private fields). */
    final class Log {
        private static final Logger log = LoggerFactory.getLogger(Decoded.class);

        private Log() {}
    }
}
