package org.gatepost.simulator.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * What every benchmark gets: its scale, a fresh working directory per benchmark (databases, ptys, logs)
 * and where to print progress.
 */
record BenchEnv(Scale scale, Path workDir, PrintStream progress) {

    /** An empty directory for one benchmark's files (what an earlier run left there is deleted). */
    Path dir(String name) throws IOException {
        Path d = workDir.resolve(name);
        if (Files.exists(d)) {
            try (Stream<Path> all = Files.walk(d)) {
                for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(p);
                }
            }
        }
        return Files.createDirectories(d);
    }

    void say(String format, Object... args) {
        progress.printf("bench: " + format + "%n", args);
        progress.flush();
    }
}
