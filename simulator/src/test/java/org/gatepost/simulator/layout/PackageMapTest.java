package org.gatepost.simulator.layout;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The package map of {@code docs/development.md} is a promise: every package of the agent and the hub is in its
 * table, every dependency the code has between two packages is one the table allows (directly or through the
 * packages it names, "and everything below them"), and no two packages of any module depend on each other, even
 * through others. The dependencies are read from the sources' imports and qualified names; the composition roots
 * (the classes directly in {@code org.gatepost.agent} and {@code org.gatepost.hub}) may use everything.
 */
class PackageMapTest {
    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    private static final Path MAP = ROOT.resolve("docs/development.md");

    @ParameterizedTest(name = "{0}: every dependency between packages is one the map allows")
    @ValueSource(strings = {"agent", "hub"})
    void everyDependencyIsOneTheDocumentedMapAllows(String module) {
        Map<String, Set<String>> code = dependencies(module);
        Map<String, Set<String>> map = documentedMap(module);
        List<String> problems = new ArrayList<>();
        for (String pkg : code.keySet()) {
            if (!map.containsKey(pkg)) {
                problems.add("package " + pkg + " is missing from the table");
            }
        }
        code.forEach((from, targets) -> {
            Set<String> allowed = closure(map, from);
            for (String to : targets) {
                if (!allowed.contains(to)) {
                    problems.add(
                            from + " -> " + to + " is not allowed by the table (" + from + " may use " + allowed + ")");
                }
            }
        });
        assertEquals(List.of(), problems, "docs/development.md#package-map against " + module + "'s imports");
    }

    @ParameterizedTest(name = "{0}: no cycle between packages")
    @ValueSource(strings = {"agent", "hub", "simulator"})
    void noTwoPackagesDependOnEachOther(String module) {
        Map<String, Set<String>> code = dependencies(module);
        assertTrue(code.size() > 3, "read the packages of " + module + ": " + code.keySet());
        for (String pkg : code.keySet()) {
            for (String other : code.get(pkg)) {
                assertTrue(
                        !closure(code, other).contains(pkg),
                        module + ": " + pkg + " -> " + other + " and " + other + " leads back to " + pkg);
            }
        }
    }

    @Test
    void theCheckFindsACycleAndAForbiddenDependency() {
        Map<String, Set<String>> graph = Map.of("a", Set.of("b"), "b", Set.of("c"), "c", Set.of("a"));
        assertTrue(closure(graph, "b").contains("a"), "a -> b -> c -> a is found from b");
        Map<String, Set<String>> map = Map.of("store", Set.of("contract"), "contract", Set.of());
        assertTrue(!closure(map, "contract").contains("store"), "contract may not use store");
        assertTrue(closure(map, "store").contains("contract"));
    }

    /** What {@code from} may use: the packages its row names, and what those may use, transitively. */
    private static Set<String> closure(Map<String, Set<String>> graph, String from) {
        Set<String> seen = new TreeSet<>();
        List<String> todo = new ArrayList<>(graph.getOrDefault(from, Set.of()));
        while (!todo.isEmpty()) {
            String next = todo.remove(todo.size() - 1);
            if (seen.add(next)) {
                todo.addAll(graph.getOrDefault(next, Set.of()));
            }
        }
        return seen;
    }

    /** Package (first segment under org.gatepost.MODULE) to the packages its main sources use. */
    private static Map<String, Set<String>> dependencies(String module) {
        String base = "org.gatepost." + module;
        Path sources = ROOT.resolve(folder(module))
                .resolve("src/main/java/org/gatepost")
                .resolve(module);
        Pattern uses =
                Pattern.compile("(?<![\\w.])" + Pattern.quote(base) + "\\.([a-z_]\\w*)(?:\\.[a-z_]\\w*)*\\.[A-Z]");
        Map<String, Set<String>> graph = new TreeMap<>();
        try (Stream<Path> files = Files.walk(sources)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                Path relative = sources.relativize(file);
                if (relative.getNameCount() < 2) {
                    continue; // a composition root
                }
                String from = relative.getName(0).toString();
                Set<String> targets = graph.computeIfAbsent(from, k -> new TreeSet<>());
                String text = Files.readString(file).replaceAll("(?s)/\\*.*?\\*/|//[^\\n]*", "");
                Matcher m = uses.matcher(text);
                while (m.find()) {
                    if (!m.group(1).equals(from)) {
                        targets.add(m.group(1));
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return graph;
    }

    private static String folder(String module) {
        return module.equals("agent") ? "edge-agent" : module;
    }

    /** The "Package map" table for a module: each package of the first column to the packages of the third. */
    private static Map<String, Set<String>> documentedMap(String module) {
        String text;
        try {
            text = Files.readString(MAP);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        int start = text.indexOf("(`org.gatepost." + module + "`)", text.indexOf("## Package map"));
        assertTrue(start > 0, "docs/development.md has the package map of " + module);
        int end = text.indexOf("\n\n", text.indexOf("| --- |", start));
        Map<String, Set<String>> map = new TreeMap<>();
        Pattern name = Pattern.compile("`([a-z]\\w*)`");
        for (String row : text.substring(start, end).split("\n")) {
            if (!row.startsWith("| `")) {
                continue;
            }
            String[] cells = row.split("\\|");
            Set<String> mayUse = new TreeSet<>();
            name.matcher(cells[3]).results().forEach(r -> mayUse.add(r.group(1)));
            String packages = cells[1].contains("(") ? cells[1].substring(0, cells[1].indexOf('(')) : cells[1];
            name.matcher(packages).results().forEach(r -> map.put(r.group(1), mayUse));
        }
        assertTrue(map.size() > 5, "read the table of " + module + ": " + map);
        return map;
    }
}
