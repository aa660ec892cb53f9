package org.gatepost.simulator.demo;

import java.nio.file.Path;
import java.util.Properties;
import org.gatepost.agent.config.AgentConfig;
import org.gatepost.agent.config.ConfigException;
import org.gatepost.simulator.gate.SimulatedGate;

/** Builds the agent configuration for a simulated gate, as an installer would write it. */
public final class GateAgents {
    private GateAgents() {}

    /** Agent properties for {@code gate}: its emulated device ports, simulated GPIO, the given broker. */
    public static Properties properties(String gateId, SimulatedGate gate, String mqttUrl, String secret, Path store) {
        Properties p = new Properties();
        p.setProperty("gate.id", gateId);
        p.setProperty("community.secret", secret);
        p.setProperty("mqtt.url", mqttUrl);
        p.setProperty("store.path", store.toAbsolutePath().toString());
        p.setProperty("thermometer.port", gate.thermometerPortSpec());
        p.setProperty("thermometer.baud", String.valueOf(SimulatedGate.THERMOMETER_BAUD));
        p.setProperty("thermometer.offset", "0.9");
        p.setProperty("idcard.port", gate.idcardPortSpec());
        p.setProperty("idcard.baud", String.valueOf(SimulatedGate.IDCARD_BAUD));
        p.setProperty("gpio.mode", "mock");
        p.setProperty("console.bind", "127.0.0.1"); // the volunteer console on loopback (no PIN), any free port
        p.setProperty("console.port", "0");
        return p;
    }

    public static AgentConfig config(Properties p, Path baseDir) throws ConfigException {
        return AgentConfig.parse(p, baseDir);
    }
}
