package org.gatepost.agent.contract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ResendCommandTest {

    @Test
    void parsesTheContractExample() throws Exception {
        byte[] json = Files.readAllBytes(Path.of("..", "docs", "contract", "command-resend.json"));
        assertEquals(
                new ResendCommand("resend-north-gate-3f9a1c2e7b5d4e60-44-57", "3f9a1c2e7b5d4e60", 44, 57),
                ResendCommand.parse(json));
    }

    @Test
    void aSingleEntryRangeAndUnknownFieldsAreFine() throws Exception {
        assertEquals(
                new ResendCommand("r", "e", 5, 5),
                ResendCommand.parse(bytes(
                        "{\"v\":1,\"command\":\"resend\",\"id\":\"r\",\"epoch\":\"e\",\"from\":5,\"to\":5,\"x\":1}")));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(
            delimiter = '|',
            value = {
                "not json                                                                      | not-json",
                "[1]                                                                           | not-an-object",
                "{\"command\":\"resend\",\"epoch\":\"e\",\"from\":1,\"to\":2}                  | unsupported-version",
                "{\"v\":2,\"command\":\"resend\",\"epoch\":\"e\",\"from\":1,\"to\":2}          | unsupported-version",
                "{\"v\":1,\"epoch\":\"e\",\"from\":1,\"to\":2}                                 | bad-command",
                "{\"v\":1,\"command\":\"reboot\",\"epoch\":\"e\"}                              | unknown-command",
                "{\"v\":1,\"command\":\"resend\",\"id\":7,\"epoch\":\"e\",\"from\":1,\"to\":2} | bad-id",
                "{\"v\":1,\"command\":\"resend\",\"from\":1,\"to\":2}                          | bad-epoch",
                "{\"v\":1,\"command\":\"resend\",\"epoch\":\"\",\"from\":1,\"to\":2}           | bad-epoch",
                "{\"v\":1,\"command\":\"resend\",\"epoch\":\"e\",\"to\":2}                     | bad-from",
                "{\"v\":1,\"command\":\"resend\",\"epoch\":\"e\",\"from\":0,\"to\":2}           | bad-from",
                "{\"v\":1,\"command\":\"resend\",\"epoch\":\"e\",\"from\":\"1\",\"to\":2}      | bad-from",
                "{\"v\":1,\"command\":\"resend\",\"epoch\":\"e\",\"from\":1,\"to\":2.5}        | bad-to",
                "{\"v\":1,\"command\":\"resend\",\"epoch\":\"e\",\"from\":9,\"to\":3}          | bad-range",
            })
    void rejectsWhatItWillNotActOnWithAReason(String payload, String reason) {
        MalformedCommandException e =
                assertThrows(MalformedCommandException.class, () -> ResendCommand.parse(bytes(payload)));
        assertEquals(reason, e.reason());
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
