package org.gatepost.simulator.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The repository's {@code ./gatepost} script, run with bash, with stand-ins for mvn and java that record any call. */
class GatepostScriptTest {
    private static final Path SCRIPT =
            Path.of("..", "gatepost").toAbsolutePath().normalize();

    @TempDir
    Path tmp;

    private record Run(int exit, List<String> out, List<String> err) {}

    private Run gatepost(String... args) throws Exception {
        Path bin = Files.createDirectories(tmp.resolve("bin"));
        for (String tool : List.of("mvn", "java", "javac")) {
            Path fake = bin.resolve(tool);
            Files.writeString(
                    fake, "#!/bin/sh\necho \"" + tool + " $*\" >> " + tmp.resolve("calls.txt") + "\nexit 1\n");
            Files.setPosixFilePermissions(fake, PosixFilePermissions.fromString("rwxr-xr-x"));
        }
        List<String> cmd = new ArrayList<>(List.of("bash", SCRIPT.toString()));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd)
                .redirectOutput(tmp.resolve("out.txt").toFile())
                .redirectError(tmp.resolve("err.txt").toFile());
        pb.environment().put("PATH", bin + ":/usr/bin:/bin");
        pb.environment().put("JAVA_HOME", bin.toString());
        Process p = pb.start();
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "./gatepost did not end");
        return new Run(
                p.exitValue(),
                Files.readAllLines(tmp.resolve("out.txt"), StandardCharsets.UTF_8),
                Files.readAllLines(tmp.resolve("err.txt"), StandardCharsets.UTF_8));
    }

    @Test
    void anUnknownCommandSaysSoInOneLineAndBuildsNothing() throws Exception {
        Run r = gatepost("frobnicate", "--gates", "2");
        assertEquals(List.of("gatepost: unknown command 'frobnicate'; './gatepost help' lists the commands"), r.err());
        assertEquals(List.of(), r.out());
        assertEquals(2, r.exit());
        assertFalse(Files.exists(tmp.resolve("calls.txt")), "./gatepost ran mvn or java for an unknown command");
    }

    @Test
    void helpListsTheCommandsWithoutBuilding() throws Exception {
        Run r = gatepost("help");
        assertEquals(0, r.exit());
        assertEquals(List.of(), r.err());
        assertTrue(
                r.out().stream().anyMatch(l -> l.startsWith("  ./gatepost demo [--gates N] [--bind ADDR]")),
                r.out().toString());
        assertFalse(
                r.out().stream().anyMatch(l -> l.contains("set -euo")), r.out().toString());
        assertFalse(Files.exists(tmp.resolve("calls.txt")));
    }
}
