package org.gatepost.simulator.bench;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The benchmarks, keyed by the number of their first figure (5 makes figures 5 and 6; 2 also makes 5b).
 * {@link #run} runs the chosen ones one after the other (never in parallel: each wants the machine to itself)
 * and returns every figure they produced, ordered by figure id.
 */
final class BenchSuite {
    interface Bench {
        List<Figure> run(BenchEnv env) throws Exception;
    }

    static final Map<String, Bench> BENCHES = benches();

    private BenchSuite() {}

    private static Map<String, Bench> benches() {
        Map<String, Bench> m = new LinkedHashMap<>();
        m.put("1", ScanToSignalBench::run);
        m.put("2", BacklogDrainBench::run);
        m.put("3", AlertDuringDrainBench::run);
        m.put("4", HubIngestBench::run);
        m.put("5", FootprintBench::run);
        m.put("7", DecoderFigures::run);
        return m;
    }

    static List<Figure> run(BenchEnv env, Set<String> only) throws Exception {
        List<Figure> figures = new ArrayList<>();
        for (Map.Entry<String, Bench> b : BENCHES.entrySet()) {
            if (!only.isEmpty() && !only.contains(b.getKey())) {
                continue;
            }
            long t0 = System.nanoTime();
            List<Figure> produced = b.getValue().run(env);
            figures.addAll(produced);
            for (Figure f : produced) {
                env.say(
                        "%s %s = %s (target %s; %s; ratio %s)",
                        f.id(),
                        f.title(),
                        f.valueText(),
                        f.target() == null ? "-" : f.target().text(),
                        f.referenceText(),
                        f.ratioText());
                if (!f.detail().isEmpty()) {
                    env.say("   %s", f.detail());
                }
            }
            env.say("benchmark %s took %.1f s", b.getKey(), (System.nanoTime() - t0) / 1e9);
        }
        figures.sort(Comparator.comparing(Figure::id));
        return figures;
    }
}
