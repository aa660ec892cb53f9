package org.gatepost.hub.ops;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.gatepost.hub.testing.TestHubs;

/**
 * Runs {@code org.gatepost.hub.Main} in a JVM of its own, as {@code java -jar gatepost-hub.jar ARGS} runs it
 * (same classes, the test's class path), so locks held by the test's JVM count as another process's.
 */
final class HubCli {
    record Result(int exit, String out, String err) {

        @Override
        public String toString() {
            return "exit " + exit + "\n--- stdout\n" + out + "--- stderr\n" + err;
        }
    }

    private HubCli() {}

    static Result run(Path workDir, String... args) throws IOException, InterruptedException {
        return runWith(workDir, List.of(), args);
    }

    /** With {@code jvmFlags} before the class name (such as {@code -Duser.name=…}). */
    static Result runWith(Path workDir, List<String> jvmFlags, String... args)
            throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--enable-native-access=ALL-UNNAMED",
                "-cp",
                System.getProperty("java.class.path")));
        command.addAll(jvmFlags);
        command.add("org.gatepost.hub.Main");
        command.addAll(List.of(args));
        Path out = Files.createTempFile(workDir, "cli", ".out");
        Path err = Files.createTempFile(workDir, "cli", ".err");
        Process p = new ProcessBuilder(command)
                .directory(workDir.toFile())
                .redirectOutput(out.toFile())
                .redirectError(err.toFile())
                .start();
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("gatepost-hub " + String.join(" ", args) + " did not end in 60 s");
        }
        return new Result(
                p.exitValue(),
                Files.readString(out, StandardCharsets.UTF_8),
                Files.readString(err, StandardCharsets.UTF_8));
    }

    /** The keys of {@link TestHubs#config(Path, Map)} plus {@code extra}, written to {@code dir/hub.properties}. */
    static Path configFile(Path dir, Map<String, String> storeKeys, Map<String, String> extra) throws IOException {
        Map<String, String> keys = new HashMap<>(storeKeys);
        keys.put("community.secret", TestHubs.SECRET);
        keys.put("broker.data", dir.resolve("hub-broker").toString());
        keys.put("broker.port", "0");
        keys.put("http.host", "127.0.0.1");
        keys.put("http.port", "0");
        keys.put("admin.password", TestHubs.ADMIN_PASSWORD);
        keys.putAll(extra);
        keys.values().removeIf(String::isEmpty);
        StringBuilder b = new StringBuilder();
        keys.forEach((k, v) ->
                b.append(k).append('=').append(v.replace("\\", "\\\\")).append('\n'));
        Path file = dir.resolve("hub.properties");
        Files.writeString(file, b.toString(), StandardCharsets.UTF_8);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        return file;
    }
}
