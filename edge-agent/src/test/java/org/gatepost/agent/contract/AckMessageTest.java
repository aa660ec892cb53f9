package org.gatepost.agent.contract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AckMessageTest {

    @Test
    void parsesTheContractExample() throws Exception {
        byte[] json = Files.readAllBytes(Path.of("..", "docs", "contract", "ack.json"));
        assertEquals(new AckMessage("3f9a1c2e7b5d4e60", 42), AckMessage.parse(json));
    }

    @Test
    void ignoresUnknownFields() throws Exception {
        assertEquals(
                new AckMessage("3f9a1c2e7b5d4e60", 7),
                AckMessage.parse(bytes("{\"v\":1,\"epoch\":\"3f9a1c2e7b5d4e60\",\"upTo\":7,\"hub\":\"hub-0\"}")));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(
            delimiter = '|',
            value = {
                "not json                                         | not-json",
                "''                                               | not-an-object",
                "[1,2]                                            | not-an-object",
                "{\"epoch\":\"e\",\"upTo\":1}                     | unsupported-version",
                "{\"v\":2,\"epoch\":\"e\",\"upTo\":1}             | unsupported-version",
                "{\"v\":\"1\",\"epoch\":\"e\",\"upTo\":1}         | unsupported-version",
                "{\"v\":1,\"upTo\":1}                             | bad-epoch",
                "{\"v\":1,\"epoch\":7,\"upTo\":1}                 | bad-epoch",
                "{\"v\":1,\"epoch\":\"\",\"upTo\":1}              | bad-epoch",
                "{\"v\":1,\"epoch\":\"e\"}                        | bad-upTo",
                "{\"v\":1,\"epoch\":\"e\",\"upTo\":\"5\"}         | bad-upTo",
                "{\"v\":1,\"epoch\":\"e\",\"upTo\":-1}            | bad-upTo",
                "{\"v\":1,\"epoch\":\"e\",\"upTo\":2.5}           | bad-upTo",
                "{\"v\":1,\"epoch\":\"e\",\"upTo\":99999999999999999999} | bad-upTo",
            })
    void rejectsMalformedAcksWithAReason(String payload, String reason) {
        MalformedAckException e = assertThrows(MalformedAckException.class, () -> AckMessage.parse(bytes(payload)));
        assertEquals(reason, e.reason());
    }

    private static byte[] bytes(String s) throws IOException {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
