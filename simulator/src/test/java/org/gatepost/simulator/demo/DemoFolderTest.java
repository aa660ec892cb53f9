package org.gatepost.simulator.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DemoFolderTest {
    @TempDir
    Path tmp;

    private static Set<String> run(String... gates) {
        Set<String> names = new LinkedHashSet<>(DemoFolder.database("hub.db"));
        names.add("broker");
        names.add("dev");
        for (String g : gates) {
            names.addAll(DemoFolder.database(g + ".db"));
        }
        return names;
    }

    /** Stands in for a demo run: creates some of the entries it announced, with content. */
    private static void makeFiles(Path dir, String... names) throws Exception {
        for (String n : names) {
            if (n.equals("broker") || n.equals("dev")) {
                Files.createDirectories(dir.resolve(n).resolve("inner"));
                Files.writeString(dir.resolve(n).resolve("inner").resolve("file"), "x");
            } else {
                Files.writeString(dir.resolve(n), "x");
            }
        }
    }

    private static List<String> listing(Path dir) throws Exception {
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void aNewFolderIsCreatedWithTheMarkerNamingWhatTheRunWillMake() throws Exception {
        Path dir = tmp.resolve("demo-data");
        DemoFolder.prepare(dir, run("north-gate"));
        assertEquals(List.of(DemoFolder.MARKER), listing(dir));
        assertEquals(run("north-gate"), DemoFolder.readMarker(dir.resolve(DemoFolder.MARKER)));
    }

    @Test
    void anEmptyExistingFolderIsAccepted() throws Exception {
        Path dir = Files.createDirectory(tmp.resolve("empty"));
        DemoFolder.prepare(dir, run("north-gate"));
        assertTrue(Files.isRegularFile(dir.resolve(DemoFolder.MARKER)));
    }

    @Test
    void aRerunDeletesOnlyWhatThePreviousRunsMarkerNames() throws Exception {
        Path dir = tmp.resolve("demo-data");
        DemoFolder.prepare(dir, run("north-gate", "south-gate"));
        makeFiles(dir, "hub.db", "hub.db-wal", "broker", "dev", "north-gate.db", "south-gate.db");
        Files.writeString(dir.resolve("notes.txt"), "mine"); // the user's own file, put there later
        Files.createDirectory(dir.resolve("photos"));

        DemoFolder.prepare(dir, run("north-gate")); // a run with one gate fewer

        assertEquals(List.of(DemoFolder.MARKER, "notes.txt", "photos"), listing(dir));
        assertEquals("mine", Files.readString(dir.resolve("notes.txt")));
        assertEquals(run("north-gate"), DemoFolder.readMarker(dir.resolve(DemoFolder.MARKER)));
    }

    @Test
    void aForeignNonEmptyFolderIsRefusedAndLeftUntouched() throws Exception {
        Path dir = Files.createDirectory(tmp.resolve("photos"));
        Files.writeString(dir.resolve("hub.db"), "not the demo's");
        Files.writeString(dir.resolve("holiday.jpg"), "jpeg");

        DemoFolder.RefusedException e =
                assertThrows(DemoFolder.RefusedException.class, () -> DemoFolder.prepare(dir, run("north-gate")));

        assertEquals(
                dir + " is not empty and has no .gatepost-demo file, so the demo did not make it and will not"
                        + " touch it; choose a new or empty folder",
                e.getMessage());
        assertEquals(List.of("holiday.jpg", "hub.db"), listing(dir));
        assertEquals("not the demo's", Files.readString(dir.resolve("hub.db")));
    }

    @Test
    void aFileInsteadOfAFolderIsRefused() throws Exception {
        Path file = Files.writeString(tmp.resolve("demo-data"), "a file");
        DemoFolder.RefusedException e =
                assertThrows(DemoFolder.RefusedException.class, () -> DemoFolder.prepare(file, run("north-gate")));
        assertEquals(file + " is not a folder", e.getMessage());
        assertEquals("a file", Files.readString(file));
    }

    @Test
    void aMarkerCannotNameAnythingOutsideItsFolder() throws Exception {
        Path outside = Files.writeString(tmp.resolve("precious.txt"), "keep");
        Path dir = Files.createDirectory(tmp.resolve("demo-data"));
        Path sub = Files.createDirectory(dir.resolve("sub"));
        Files.writeString(sub.resolve("keep.txt"), "keep");
        Files.writeString(
                dir.resolve(DemoFolder.MARKER),
                String.join(
                                "\n",
                                "# comment",
                                "../precious.txt",
                                tmp.resolve("precious.txt").toString(),
                                "sub/keep.txt",
                                "..",
                                ".",
                                "",
                                "hub.db")
                        + "\n");
        Files.writeString(dir.resolve("hub.db"), "demo's");

        DemoFolder.prepare(dir, run("north-gate"));

        assertEquals("keep", Files.readString(outside));
        assertEquals("keep", Files.readString(sub.resolve("keep.txt")));
        assertFalse(Files.exists(dir.resolve("hub.db")));
    }

    @Test
    void aSymbolicLinkTheDemoMadeIsRemovedNotFollowed() throws Exception {
        Path elsewhere = Files.createDirectory(tmp.resolve("elsewhere"));
        Files.writeString(elsewhere.resolve("keep.txt"), "keep");
        Path dir = tmp.resolve("demo-data");
        DemoFolder.prepare(dir, run("north-gate"));
        Files.createSymbolicLink(dir.resolve("dev"), elsewhere); // as socat's links are, in dev/

        DemoFolder.prepare(dir, run("north-gate"));

        assertFalse(Files.exists(dir.resolve("dev"), LinkOption.NOFOLLOW_LINKS));
        assertEquals("keep", Files.readString(elsewhere.resolve("keep.txt")));
    }
}
