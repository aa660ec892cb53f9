package org.gatepost.simulator.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The benchmark suite at its smoke scale: every figure of {@code docs/performance.md} can still be produced,
 * with real processes, and is a sane number. Deliberately no assertion on any figure's size: wall-clock
 * targets belong to {@code ./gatepost bench} on a known machine, not to CI.
 */
class BenchSmokeTest {
    private static final Set<String> FIGURES = new TreeSet<>(List.of(
            "1a",
            "1b",
            "2",
            "3",
            "4a",
            "4b",
            "4c",
            "4d",
            "4e",
            "5a",
            "5b",
            "5c",
            "5d",
            "5e",
            "5f",
            "6a",
            "6b",
            "7a",
            "7a-alloc",
            "7b",
            "7b-alloc",
            "7c",
            "7c-alloc",
            "7d",
            "7d-alloc",
            "7e",
            "7e-alloc",
            "7f",
            "7f-alloc"));

    @TempDir
    Path dir;

    @Test
    void everyFigureIsProducedAsASaneNumberWithItsReference() throws Exception {
        List<Figure> figures = BenchSuite.run(new BenchEnv(Scale.SMOKE, dir, System.out), Set.of());

        Set<String> produced = new TreeSet<>();
        for (Figure f : figures) {
            produced.add(f.id());
        }
        assertEquals(FIGURES, produced, "the figures produced");
        for (Figure f : figures) {
            assertTrue(f.sane(), "figure " + f.id() + " is a sane number: " + f.valueText() + ", " + f.referenceText());
            boolean allocation = f.id().endsWith("-alloc");
            assertTrue(
                    allocation || f.reference() != null, "figure " + f.id() + " has a reference measured in the run");
        }
        System.out.print(FigureTable.text(figures));
    }
}
