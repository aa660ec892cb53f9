package org.gatepost.simulator.faults;

import static org.gatepost.simulator.faults.FaultRig.await;
import static org.gatepost.simulator.faults.FaultRig.sleep;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributes;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.gatepost.agent.testing.FreePorts;
import org.gatepost.hub.Hub;
import org.gatepost.hub.deploy.MosquittoPasswd;
import org.gatepost.hub.deploy.MosquittoSetup;
import org.gatepost.hub.deploy.SetupRequest;
import org.gatepost.hub.testing.MosquittoProcess;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Fault case 8: a gate's credentials used to publish as another gate. The broker is Mosquitto configured by
 * the hub's own {@code mosquitto-setup} (a user and password per gate, the ACL); the gate runs as its own process
 * with its credentials. A forged entry on another gate's topic is refused by the ACL; a forged entry on the
 * gate's own topic that claims another gate is caught by the hub's payload check and kept aside.
 */
class AclBrokerCaseTest {
    @TempDir
    Path dir;

    @Test
    void aGatesCredentialsCannotPublishAsAnotherGate() throws Exception {
        int port = FreePorts.pick();
        Path setupDir = dir.resolve("setup");
        Files.createDirectories(dir.resolve("data"));
        String group =
                Files.readAttributes(dir, PosixFileAttributes.class).group().getName();
        new MosquittoSetup(MosquittoPasswd.find(), Optional.empty(), new SecureRandom(), Clock.systemUTC())
                .run(new SetupRequest(
                        setupDir,
                        List.of("acl-gate", "other-gate"),
                        "gatepost-hub",
                        Optional.of(new SetupRequest.Listener(port, Optional.of("127.0.0.1"))),
                        Optional.empty(),
                        dir.resolve("data"),
                        dir.resolve("mosquitto.log"),
                        group,
                        false));
        Path conf = setupDir.resolve("mosquitto.conf");
        Properties creds = credentials(setupDir.resolve("credentials.txt"));
        try (MosquittoProcess mosquitto =
                MosquittoProcess.start(conf, List.of(port))) { // adds "user root" (CI runs as root)
            String url = "tcp://127.0.0.1:" + port;
            try (Hub hub = FaultRig.hub(
                            dir.resolve("hub.db"),
                            url,
                            Map.of(
                                    "mqtt.username",
                                    "gatepost-hub",
                                    "mqtt.password",
                                    creds.getProperty("gatepost-hub")));
                    FaultRig rig = new FaultRig(dir.resolve("gate"), "acl-gate", url)) {
                Path cfg = dir.resolve("gate").resolve("acl-gate.properties");
                Files.writeString(
                        cfg,
                        Files.readString(cfg) + "mqtt.username=acl-gate\nmqtt.password=" + creds.getProperty("acl-gate")
                                + "\n");
                rig.gate.aim(35.7);
                rig.startAgent();
                for (int i = 1; i <= 30; i++) {
                    rig.scan(i);
                    sleep(60);
                }
                Path hubDb = dir.resolve("hub.db");
                await("the gate's own entries at the hub", 30_000, () -> count(hubDb, "acl-gate") >= 30);
                long deadBefore = FaultRig.hubCount(hubDb, "SELECT COUNT(*) FROM dead_letters", null);

                String forged = entry("other-gate", 1);
                MqttClient attacker = new MqttClient(url, "acl-gate", new MemoryPersistence());
                MqttConnectOptions o = new MqttConnectOptions();
                o.setUserName("acl-gate");
                o.setPassword(creds.getProperty("acl-gate").toCharArray());
                attacker.connect(o);
                attacker.publish(
                        "gatepost/v1/gates/other-gate/entries", forged.getBytes(StandardCharsets.UTF_8), 1, false);
                attacker.publish(
                        "gatepost/v1/gates/acl-gate/entries", forged.getBytes(StandardCharsets.UTF_8), 1, false);
                attacker.disconnect();
                attacker.close();
                await("the forged payload on its own topic kept aside", 15_000, () -> {
                    try {
                        return FaultRig.hubCount(hubDb, "SELECT COUNT(*) FROM dead_letters", null) == deadBefore + 1;
                    } catch (Exception e) {
                        return false;
                    }
                });
                for (int i = 31; i <= 40; i++) {
                    rig.scan(i);
                    sleep(60);
                }
                await(
                        "the gate to carry on after being bumped off by the forger",
                        30_000,
                        () -> count(hubDb, "acl-gate") >= 40);
                long otherGate = count(hubDb, "other-gate");
                long dead = FaultRig.hubCount(hubDb, "SELECT COUNT(*) FROM dead_letters", null) - deadBefore;
                System.out.printf(
                        "fault-case=8 forged-publish acl-refused=1 hub-gate-check-dead-letters=%d "
                                + "entries-as-other-gate=%d own-entries=%d%n",
                        dead, otherGate, count(hubDb, "acl-gate"));
                assertEquals(0, otherGate, "nothing stored as the other gate");
                assertEquals(1, dead, "the payload claiming another gate on the gate's own topic is kept aside");
                rig.agent().stop();
            }
        }
    }

    private static long count(Path hubDb, String gate) {
        try {
            return FaultRig.hubSeqs(hubDb, gate).size();
        } catch (Exception e) {
            return -1;
        }
    }

    /** credentials.txt holds {@code mqtt.username=U} / {@code mqtt.password=P} pairs; returns user -> password. */
    private static Properties credentials(Path file) throws IOException {
        Properties users = new Properties();
        List<String> lines = Files.readAllLines(file);
        for (int i = 0; i + 1 < lines.size(); i++) {
            if (lines.get(i).startsWith("mqtt.username=") && lines.get(i + 1).startsWith("mqtt.password=")) {
                users.setProperty(lines.get(i).substring(14), lines.get(i + 1).substring(14));
            }
        }
        return users;
    }

    private static String entry(String gate, long seq) throws IOException {
        String admit = Files.readString(Path.of("../docs/contract/entry-admit.json"));
        return admit.replace("north-gate", gate)
                .replace("\"seq\": 41", "\"seq\": " + seq)
                .replace("-41\"", "-" + seq + "\"");
    }
}
