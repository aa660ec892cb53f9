package org.gatepost.hub.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The example alert rules in {@code deploy/prometheus/} (docs/metrics.md) are valid and do what their tests say. */
class PrometheusRulesTest {
    static final Path DIR = Path.of("..", "deploy", "prometheus");

    @Test
    void theExampleRulesAreValid() throws Exception {
        Promtool.requireInstalled();
        Promtool.Result r = Promtool.run(
                "", "check", "rules", DIR.resolve("gatepost-rules.yml").toString());

        assertEquals(0, r.exit(), r.output());
        assertTrue(r.output().contains("SUCCESS: 8 rules found"), r.output());
    }

    @Test
    void theExampleRulesPassTheirUnitTests() throws Exception {
        Promtool.requireInstalled();
        Promtool.Result r = Promtool.run(
                "", "test", "rules", DIR.resolve("gatepost-rules.test.yml").toString());

        assertEquals(0, r.exit(), r.output());
    }
}
