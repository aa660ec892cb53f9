package org.gatepost.hub.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributes;
import java.util.ArrayList;
import java.util.List;
import org.gatepost.hub.Main;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code java -jar gatepost-hub.jar mosquitto-setup ...} through the hub's real command line. */
class MosquittoSetupCommandTest {
    @TempDir
    Path dir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        CommandLine cli = new CommandLine(new Main());
        cli.setOut(new PrintWriter(out));
        cli.setErr(new PrintWriter(err));
        return cli.execute(args);
    }

    private List<String> setupArgs(String... extra) throws Exception {
        String group =
                Files.readAttributes(dir, PosixFileAttributes.class).group().getName();
        List<String> args = new ArrayList<>(List.of(
                "mosquitto-setup",
                "--out",
                dir.resolve("out").toString(),
                "--gates",
                "north,south",
                "--data-dir",
                dir.toString(),
                "--log-file",
                dir.resolve("m.log").toString(),
                "--group",
                group));
        args.addAll(List.of(extra));
        return args;
    }

    @Test
    void writesTheSetupAndSaysWhatToDoNext() throws Exception {
        int rc = run(setupArgs("--port", "1884", "--tls-port", "8884", "--tls-self-signed", "--tls-host", "hub.lan")
                .toArray(String[]::new));
        assertEquals(0, rc, err.toString());
        String conf = Files.readString(dir.resolve("out/mosquitto.conf"));
        assertTrue(conf.contains("\nlistener 1884 127.0.0.1\n"), conf);
        assertTrue(conf.contains("\nlistener 8884\n"), conf);
        assertTrue(Files.readString(dir.resolve("out/credentials.txt")).contains("mqtt.url=ssl://hub.lan:8884"));
        assertTrue(out.toString().contains("credentials.txt"), out.toString());
        assertTrue(out.toString().contains("hub.lan, valid 825 days"), out.toString());
    }

    @Test
    void aTlsPortNeedsExactlyOneSourceOfCertificates() throws Exception {
        assertEquals(2, run(setupArgs("--tls-port", "8883").toArray(String[]::new)));
        assertTrue(err.toString().contains("--tls-self-signed"), err.toString());
        assertEquals(
                2,
                run(setupArgs("--tls-port", "8883", "--tls-self-signed", "--cafile", "/x")
                        .toArray(String[]::new)));
        assertEquals(2, run(setupArgs("--tls-host", "hub.lan").toArray(String[]::new)));
        assertFalse(Files.exists(dir.resolve("out")));
    }

    @Test
    void aBadGateIdIsAUsageError() throws Exception {
        List<String> args = setupArgs();
        args.set(args.indexOf("north,south"), "north,so/uth");
        assertEquals(2, run(args.toArray(String[]::new)));
        assertTrue(err.toString().contains("--gates: 'so/uth'"), err.toString());
    }

    private List<String> passwdUsers() throws Exception {
        return Files.readAllLines(dir.resolve("out/passwd")).stream()
                .map(l -> l.substring(0, l.indexOf(':')))
                .toList();
    }

    @Test
    void oneHubUserByDefault() throws Exception {
        assertEquals(0, run(setupArgs().toArray(String[]::new)), err.toString());
        assertEquals(List.of("gatepost-hub", "north", "south", "gatepost-hub-bulk"), passwdUsers());
        assertTrue(out.toString().contains("hub user 'gatepost-hub' written"), out.toString());
    }

    @Test
    void hubUsersCommaSeparatedOrRepeatedEachGetTheirUsersAndBlock() throws Exception {
        assertEquals(
                0,
                run(setupArgs("--hub-user", "gatepost-hub-1,gatepost-hub-2", "--hub-user", "gatepost-hub-3")
                        .toArray(String[]::new)),
                err.toString());
        assertEquals(
                List.of(
                        "gatepost-hub-1",
                        "gatepost-hub-2",
                        "gatepost-hub-3",
                        "north",
                        "south",
                        "gatepost-hub-1-bulk",
                        "gatepost-hub-2-bulk",
                        "gatepost-hub-3-bulk"),
                passwdUsers());
        String credentials = Files.readString(dir.resolve("out/credentials.txt"));
        for (String hub : List.of("gatepost-hub-1", "gatepost-hub-2", "gatepost-hub-3")) {
            assertTrue(credentials.contains("mqtt.username=" + hub + "\nmqtt.password="), credentials);
            assertTrue(credentials.contains("\nmqtt.client-id=" + hub + "\n"), credentials);
        }
        assertTrue(
                out.toString().contains("3 hub users 'gatepost-hub-1', 'gatepost-hub-2', 'gatepost-hub-3'"),
                out.toString());
    }

    @Test
    void hubUsersThatWouldShareABrokerUserAreAUsageErrorNamingTheOption() throws Exception {
        assertEquals(2, run(setupArgs("--hub-user", "hub-1,hub-1").toArray(String[]::new)));
        assertTrue(err.toString().contains("--hub-user: 'hub-1' is listed twice"), err.toString());
        assertEquals(
                2, run(setupArgs("--hub-user", "hub-1", "--hub-user", "north").toArray(String[]::new)));
        assertTrue(err.toString().contains("--hub-user: 'north' is also a gate id"), err.toString());
        assertEquals(2, run(setupArgs("--hub-user", "hub-1,monitor").toArray(String[]::new)));
        assertTrue(err.toString().contains("--hub-user: 'monitor' is the ACL's read-only user"), err.toString());
        assertEquals(2, run(setupArgs("--hub-user", "hub-1,hub-1-bulk").toArray(String[]::new)));
        assertTrue(
                err.toString().contains("--hub-user: 'hub-1-bulk' is the bulk session user of hub user 'hub-1'"),
                err.toString());
        assertEquals(2, run(setupArgs("--hub-user", "hub-1,,hub-2").toArray(String[]::new)));
        assertTrue(err.toString().contains("--hub-user: must be"), err.toString());
        assertFalse(Files.exists(dir.resolve("out")));
    }

    @Test
    void theHelpExplainsSeveralHubUsers() {
        assertEquals(0, run("mosquitto-setup", "--help"));
        String help = out.toString().replaceAll("\\s+", " ");
        assertTrue(help.contains("--hub-user=NAME[,NAME...]"), help);
        assertTrue(help.contains("comma separated or repeated (--hub-user gatepost-hub-1,gatepost-hub-2)"), help);
        assertTrue(help.contains("all with one random mqtt.share-group"), help);
    }

    @Test
    void theHubItselfStillRequiresItsConfig() {
        assertEquals(2, run());
        assertTrue(err.toString().contains("Missing required option: '--config=FILE'"), err.toString());
    }
}
