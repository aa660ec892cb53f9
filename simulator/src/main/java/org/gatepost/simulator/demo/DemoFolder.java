package org.gatepost.simulator.demo;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The demo's {@code --data} folder. The demo deletes only what it made itself: before it creates anything it
 * writes the marker file {@value #MARKER}, which names every entry of the folder the run will create; the next
 * run deletes exactly the entries its predecessor's marker names, and nothing else. A folder that is neither
 * new, empty nor marked is refused and left as it is. Not thread safe; one demo per folder.
 */
public final class DemoFolder {
    public static final String MARKER = ".gatepost-demo";
    private static final String HEADER =
            "# gatepost-demo 1: made by ./gatepost demo. The next demo run with this folder"
                    + " deletes the entries named below (and nothing else).";
    /** SQLite's companions of a database file, created and removed by SQLite itself. */
    private static final List<String> SQLITE_SIDE_FILES = List.of("", "-wal", "-shm", "-journal");

    private final Path dir;

    private DemoFolder(Path dir) {
        this.dir = dir;
    }

    /**
     * Makes {@code dir} ready for a run that creates {@code entries} (names directly inside it; a SQLite database's
     * name stands for its side files too, see {@link #database}): creates it when missing, deletes what the
     * previous demo run's marker names, and writes the marker for this run.
     *
     * @throws RefusedException when {@code dir} is a file, or a folder with entries and no marker
     */
    public static DemoFolder prepare(Path dir, Set<String> entries) throws RefusedException, IOException {
        if (Files.exists(dir, LinkOption.NOFOLLOW_LINKS) && !Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
            throw new RefusedException(dir + " is not a folder");
        }
        Files.createDirectories(dir);
        Path marker = dir.resolve(MARKER);
        if (Files.isRegularFile(marker, LinkOption.NOFOLLOW_LINKS)) {
            for (String name : readMarker(marker)) {
                deleteTree(dir.resolve(name));
            }
        } else if (!isEmpty(dir)) {
            throw new RefusedException(dir + " is not empty and has no " + MARKER + " file, so the demo did not make it"
                    + " and will not touch it; choose a new or empty folder");
        }
        writeMarker(marker, entries);
        return new DemoFolder(dir);
    }

    /** The names a SQLite database called {@code fileName} may occupy: the file, its -wal, -shm and -journal. */
    public static List<String> database(String fileName) {
        return SQLITE_SIDE_FILES.stream().map(s -> fileName + s).toList();
    }

    public Path path() {
        return dir;
    }

    /** The names in a marker: one per line; blank lines, {@code #} comments and anything not a plain name are skipped. */
    static Set<String> readMarker(Path marker) throws IOException {
        Set<String> names = new LinkedHashSet<>();
        for (String line : Files.readAllLines(marker, StandardCharsets.UTF_8)) {
            String name = line.strip();
            if (plainName(name)) {
                names.add(name);
            }
        }
        return names;
    }

    private static boolean plainName(String name) {
        return !name.isEmpty()
                && !name.startsWith("#")
                && !name.contains("/")
                && !name.contains("\\")
                && !name.equals(".")
                && !name.equals("..")
                && !name.equals(MARKER);
    }

    private static void writeMarker(Path marker, Set<String> entries) throws IOException {
        List<String> lines = new ArrayList<>();
        lines.add(HEADER);
        for (String e : entries) {
            if (!plainName(e)) {
                throw new IllegalArgumentException("not a plain file name: " + e);
            }
            lines.add(e);
        }
        Path tmp = marker.resolveSibling(MARKER + ".tmp");
        Files.write(tmp, lines, StandardCharsets.UTF_8);
        Files.move(tmp, marker, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    private static boolean isEmpty(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.findAny().isEmpty();
        }
    }

    /** Deletes {@code p} and, for a folder, everything in it; a symbolic link is removed, never followed. */
    private static void deleteTree(Path p) throws IOException {
        if (!Files.exists(p, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try (Stream<Path> s = Files.walk(p)) {
            for (Path q : s.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(q);
            }
        }
    }

    /** The folder may not be used: the message says why, in one line, naming the folder. */
    public static final class RefusedException extends Exception {
        RefusedException(String message) {
            super(message);
        }
    }
}
