package org.gatepost.hub.testing;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.gatepost.hub.contract.ContractJson;
import org.gatepost.hub.contract.EntryMessage;
import org.gatepost.hub.contract.InvalidPayloadException;
import org.gatepost.hub.contract.StatusMessage;

/** The shared contract examples in {@code docs/contract/}, read from the module directory as Maven runs tests. */
public final class Contract {
    public static final Path DIR = Path.of("..", "docs", "contract");
    public static final String GATE = "north-gate";
    public static final String EPOCH = "3f9a1c2e7b5d4e60";
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private Contract() {}

    public static byte[] bytes(String file) {
        try {
            return Files.readAllBytes(DIR.resolve(file));
        } catch (IOException e) {
            throw new UncheckedIOException(
                    "contract example missing: " + DIR.resolve(file).toAbsolutePath(), e);
        }
    }

    public static ObjectNode json(String file) {
        try {
            return (ObjectNode) MAPPER.readTree(bytes(file));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@code entry-admit.json} renumbered to {@code seq} (id follows) in the given epoch. */
    public static byte[] admitWithSeq(String epoch, long seq) {
        ObjectNode n = json("entry-admit.json");
        n.put("epoch", epoch);
        n.put("seq", seq);
        n.put("id", GATE + "-" + epoch + "-" + seq);
        return n.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** A contract example moved to another gate: {@code gate} and {@code id} rewritten. */
    public static byte[] forGate(String file, String gate) {
        ObjectNode n = json(file);
        n.put("gate", gate);
        if (n.has("seq")) {
            n.put(
                    "id",
                    gate + "-" + n.get("epoch").textValue() + "-" + n.get("seq").longValue());
        }
        return n.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** {@code entry-admit.json} moved to {@code gate} and renumbered to {@code seq}. */
    public static byte[] admitWithSeq(String gate, String epoch, long seq) {
        ObjectNode n = json("entry-admit.json");
        n.put("gate", gate);
        n.put("epoch", epoch);
        n.put("seq", seq);
        n.put("id", gate + "-" + epoch + "-" + seq);
        return n.toString().getBytes(StandardCharsets.UTF_8);
    }

    public static EntryMessage entry(byte[] payload) {
        try {
            return ContractJson.parseEntry(payload, GATE);
        } catch (InvalidPayloadException e) {
            throw new AssertionError("contract example rejected: " + e.getMessage(), e);
        }
    }

    public static EntryMessage entry(String file) {
        return entry(bytes(file));
    }

    public static StatusMessage status(String file) {
        try {
            return ContractJson.parseStatus(bytes(file), GATE);
        } catch (InvalidPayloadException e) {
            throw new AssertionError("contract example rejected: " + e.getMessage(), e);
        }
    }
}
