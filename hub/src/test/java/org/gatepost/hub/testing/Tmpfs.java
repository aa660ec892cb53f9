package org.gatepost.hub.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * A small disk for a test that fills one: a tmpfs of a fixed size mounted on a new folder. Mounting needs root: off
 * root (a developer's machine) the test is reported skipped; with {@code CI=true}, where the tests run as root, it
 * fails instead, so that the case always runs in CI. {@link #close()} unmounts lazily ({@code umount -l}).
 */
public final class Tmpfs implements AutoCloseable {
    private final Path dir;

    private Tmpfs(Path dir) {
        this.dir = dir;
    }

    /** Mounts a tmpfs of {@code mib} MiB on {@code dir}, made first. */
    public static Tmpfs mount(Path dir, int mib) throws IOException, InterruptedException {
        Files.createDirectories(dir);
        boolean root = "root".equals(System.getProperty("user.name"));
        assertTrue(root || !"true".equals(System.getenv("CI")), "CI=true but not root: this case must run in CI");
        assumeTrue(root, "needs root to mount a tmpfs");
        assertEquals(
                0,
                run("mount", "-t", "tmpfs", "-o", "size=" + mib + "M", "tmpfs", dir.toString()),
                "mounting a tmpfs failed");
        return new Tmpfs(dir);
    }

    /** The mounted folder. */
    public Path dir() {
        return dir;
    }

    @Override
    public void close() throws IOException, InterruptedException {
        run("umount", "-l", dir.toString());
    }

    /** Runs {@code command}, printing its output if it fails; its exit code, -1 after 10 s. */
    private static int run(String... command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        if (!p.waitFor(10, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            return -1;
        }
        if (p.exitValue() != 0) {
            System.out.println(String.join(" ", command) + " failed: " + output);
        }
        return p.exitValue();
    }
}
