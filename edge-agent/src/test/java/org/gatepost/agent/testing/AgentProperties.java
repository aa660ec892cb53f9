package org.gatepost.agent.testing;

import java.util.Properties;

/** Agent files for config tests: the keys every agent file needs, and what a test adds or overrides. */
public final class AgentProperties {
    private AgentProperties() {}

    /**
     * The keys without which AgentConfig refuses a file (gate, community secret, thermometer and ID card reader;
     * no console PIN), then {@code keyValues} as key, value, key, value….
     */
    public static Properties required(String... keyValues) {
        Properties p = new Properties();
        p.setProperty("gate.id", "north-gate");
        p.setProperty("community.secret", "0123456789abcdef");
        p.setProperty("thermometer.port", "/dev/ttyUSB0");
        p.setProperty("idcard.port", "tcp://127.0.0.1:4001");
        for (int i = 0; i < keyValues.length; i += 2) {
            p.setProperty(keyValues[i], keyValues[i + 1]);
        }
        return p;
    }

    /** The required keys and a console PIN: the smallest file of a gate with its console on. */
    public static Properties minimal() {
        return required("console.pin", "2468");
    }
}
