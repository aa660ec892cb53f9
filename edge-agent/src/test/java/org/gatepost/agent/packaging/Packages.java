package org.gatepost.agent.packaging;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;

/** Helpers for the package tests: dpkg-deb, and Java runtimes older and newer than 21. */
final class Packages {
    private static final Pattern RELEASE_VERSION = Pattern.compile("(?m)^JAVA_VERSION=\"(\\d+)");

    private Packages() {}

    record Result(int status, String out, String err) {}

    /** The newest {@code NAME_*_all.deb} in {@code target} (every build stamps a new version). */
    static Path newestDeb(Path target, String name) throws IOException {
        try (Stream<Path> s = Files.list(target)) {
            return s.filter(p -> p.getFileName().toString().matches(Pattern.quote(name) + "_[^_]+_all\\.deb"))
                    .max(Comparator.comparing(p -> p.toFile().lastModified()))
                    .orElseThrow(() -> new AssertionError(
                            "no " + name + "_*_all.deb in " + target.toAbsolutePath() + ": run mvn package"));
        }
    }

    /** Path to mode and owner ({@code -rw-r----- root/root}) of every regular file in {@code deb}. */
    static Map<String, String> contents(Path deb) throws Exception {
        Map<String, String> files = new LinkedHashMap<>();
        for (String line : run("dpkg-deb", "--contents", deb.toString()).lines().toList()) {
            String[] f = line.trim().split("\\s+");
            if (f[0].startsWith("-")) {
                files.put(f[f.length - 1].substring(1), f[0] + " " + f[1]);
            }
        }
        return files;
    }

    /** The text of {@code path} inside {@code deb}. */
    static String fileIn(Path deb, String path) throws Exception {
        Path dir = Files.createTempDirectory("deb");
        try {
            run("dpkg-deb", "--extract", deb.toString(), dir.toString());
            return Files.readString(dir.resolve(path.substring(1)));
        } finally {
            run("rm", "-rf", dir.toString());
        }
    }

    static String run(String... command) throws Exception {
        Result r = exec(List.of(command));
        assertTrue(r.status() == 0, String.join(" ", command) + " failed: " + r);
        return r.out();
    }

    static Result exec(List<String> command) throws Exception {
        return exec(command, Map.of());
    }

    static Result exec(List<String> command, Map<String, String> env) throws Exception {
        ProcessBuilder pb = new ProcessBuilder(command);
        pb.environment().putAll(env);
        Process p = pb.start();
        p.getOutputStream().close();
        CompletableFuture<String> out = CompletableFuture.supplyAsync(() -> read(p.getInputStream()));
        CompletableFuture<String> err = CompletableFuture.supplyAsync(() -> read(p.getErrorStream()));
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            fail(command + " did not finish in 120 s");
        }
        return new Result(p.exitValue(), out.get(), err.get());
    }

    private static String read(InputStream in) {
        try (in) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The java binary running this test (21 or newer, as the build requires). */
    static String thisJava() {
        return ProcessHandle.current().info().command().orElseThrow();
    }

    /**
     * A java binary older than 21: the machine's {@code /usr/bin/java} (Debian 12's openjdk-17) or any under
     * {@code /usr/lib/jvm}. Without one the test is skipped, except under CI, which installs openjdk-17 (.ci/run).
     */
    static Path olderJava() throws IOException {
        List<Path> homes = new ArrayList<>();
        Path onPath = Path.of("/usr/bin/java");
        if (Files.isExecutable(onPath)) {
            homes.add(onPath.toRealPath().getParent().getParent());
        }
        if (Files.isDirectory(Path.of("/usr/lib/jvm"))) {
            try (Stream<Path> s = Files.list(Path.of("/usr/lib/jvm"))) {
                s.sorted().forEach(homes::add);
            }
        }
        for (Path home : homes) {
            Path release = home.resolve("release");
            Path java = home.resolve("bin/java");
            if (!Files.isReadable(release) || !Files.isExecutable(java)) {
                continue;
            }
            Matcher m = RELEASE_VERSION.matcher(Files.readString(release));
            if (m.find() && Integer.parseInt(m.group(1)) < 21) {
                return java;
            }
        }
        if ("true".equals(System.getenv("CI"))) {
            fail("no Java older than 21 on this machine; .ci/run installs openjdk-17");
        }
        Assumptions.abort("no Java older than 21 on this machine (apt-get install openjdk-17-jre-headless)");
        return null;
    }
}
