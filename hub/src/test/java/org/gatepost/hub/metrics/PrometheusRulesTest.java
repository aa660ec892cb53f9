package org.gatepost.hub.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The example alert rules in {@code deploy/prometheus/} (docs/metrics.md) are valid and do what their tests say. */
class PrometheusRulesTest {
    static final Path DIR = Path.of("..", "deploy", "prometheus");

    /** {@code promtool <command> rules <file>} on a file of {@link #DIR}. */
    private static Promtool.Result promtool(String command, String file) throws Exception {
        Promtool.requireInstalled();
        return Promtool.run("", command, "rules", DIR.resolve(file).toString());
    }

    @Test
    void theExampleRulesAreValid() throws Exception {
        Promtool.Result r = promtool("check", "gatepost-rules.yml");

        assertEquals(0, r.exit(), r.output());
        assertTrue(r.output().contains("SUCCESS: 8 rules found"), r.output());
    }

    @Test
    void theExampleRulesPassTheirUnitTests() throws Exception {
        Promtool.Result r = promtool("test", "gatepost-rules.test.yml");

        assertEquals(0, r.exit(), r.output());
    }
}
