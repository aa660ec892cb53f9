package org.gatepost.agent.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SecretFileCheckTest {
    private static final Set<String> SECRETS = Set.of("community.secret", "console.pin");

    @TempDir
    Path dir;

    private Path file(String text, String mode) throws Exception {
        Path f = dir.resolve("config.properties");
        Files.writeString(f, text);
        Files.setPosixFilePermissions(f, PosixFilePermissions.fromString(mode));
        return f;
    }

    @Test
    void namesTheFileAndTheSecretKeysWhenOthersMayReadItButNeverTheValues() throws Exception {
        Path f = file("community.secret=0123456789abcdef-very-secret\nconsole.pin=1234\nother=x\n", "rw-r--r--");

        SecretFileCheck.Exposure e = SecretFileCheck.check(f, SECRETS).orElseThrow();

        assertEquals(List.of("community.secret", "console.pin"), e.keys());
        assertEquals(
                "file=" + f + " mode=rw-r--r-- keys=community.secret,console.pin fix=\"chmod 600 " + f + "\"",
                e.toString());
        assertFalse(e.toString().contains("very-secret"));
    }

    /** The test's process owns the file, so its group needs no access. */
    @Test
    void groupReadableCountsWhenThisProcessOwnsTheFile() throws Exception {
        assertTrue(SecretFileCheck.check(file("community.secret=s\n", "rw-r-----"), SECRETS)
                .isPresent());
    }

    @Test
    void saysNothingForAnOwnerOnlyFileOrOneWithoutSecrets() throws Exception {
        assertTrue(SecretFileCheck.check(file("community.secret=s\n", "rw-------"), SECRETS)
                .isEmpty());
        assertTrue(SecretFileCheck.check(file("other=x\ncommunity.secret=\n", "rw-r--r--"), SECRETS)
                .isEmpty());
    }
}
