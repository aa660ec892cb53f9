package org.gatepost.hub.deploy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributes;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManagerFactory;
import org.gatepost.hub.testing.MosquittoProcess;

/**
 * The setup under test, for real: {@link MosquittoSetup} writes a config for gates g1 and g2 into a
 * temporary folder (plain listener on loopback, TLS listener with a self-signed certificate for localhost),
 * and a real Mosquitto runs it.
 */
final class GeneratedBroker implements AutoCloseable {
    static final String HUB = "gatepost-hub";
    static final List<String> GATES = List.of("g1", "g2");
    static final String MONITOR_PASSWORD = "monitor-password-1";

    final Path dir;
    final int port;
    final int tlsPort;
    final MosquittoSetup.Result result;
    final MosquittoProcess process;
    private final String credentials;

    private GeneratedBroker(Path dir, int port, int tlsPort, MosquittoSetup.Result result, MosquittoProcess process)
            throws IOException {
        this.dir = dir;
        this.port = port;
        this.tlsPort = tlsPort;
        this.result = result;
        this.process = process;
        this.credentials = Files.readString(dir.resolve("setup").resolve(Credentials.FILE));
    }

    /** A request for g1 and g2 writing into {@code dir/setup}, persisting into {@code dir/data}. */
    static SetupRequest request(Path dir, int port, int tlsPort) throws IOException {
        return request(dir, port, tlsPort, List.of(HUB));
    }

    /** The same for the hub instances {@code hubUsers}. */
    static SetupRequest request(Path dir, int port, int tlsPort, List<String> hubUsers) throws IOException {
        String ownGroup =
                Files.readAttributes(dir, PosixFileAttributes.class).group().getName();
        Files.createDirectories(dir.resolve("data"));
        return new SetupRequest(
                dir.resolve("setup"),
                GATES,
                hubUsers,
                Optional.of(new SetupRequest.Listener(port, Optional.of("127.0.0.1"))),
                Optional.of(new SetupRequest.TlsListener(
                        new SetupRequest.Listener(tlsPort, Optional.empty()),
                        new SetupRequest.SelfSigned(List.of("localhost", "127.0.0.1")))),
                dir.resolve("data"),
                dir.resolve("mosquitto.log"),
                ownGroup,
                false);
    }

    static MosquittoSetup setup() throws SetupException {
        return new MosquittoSetup(
                MosquittoPasswd.find(), Optional.of(SelfSignedCa.find()), new SecureRandom(), Clock.systemUTC());
    }

    static GeneratedBroker start(Path dir) throws Exception {
        return start(dir, List.of(HUB));
    }

    /** The broker of a setup for the hub instances {@code hubUsers}. */
    static GeneratedBroker start(Path dir, List<String> hubUsers) throws Exception {
        int port = MosquittoProcess.freePort();
        int tlsPort = MosquittoProcess.freePort();
        MosquittoSetup.Result result = setup().run(request(dir, port, tlsPort, hubUsers));
        // The read-only user docs/deployment.md tells an installer to add by hand.
        MosquittoPasswd.find()
                .add(dir.resolve("setup").resolve(MosquittoConf.PASSWORD_FILE), AclFile.MONITOR_USER, MONITOR_PASSWORD);
        MosquittoProcess process =
                MosquittoProcess.start(dir.resolve("setup").resolve(MosquittoConf.CONF_FILE), List.of(port, tlsPort));
        return new GeneratedBroker(dir, port, tlsPort, result, process);
    }

    String url() {
        return "tcp://127.0.0.1:" + port;
    }

    String tlsUrl() {
        return "ssl://localhost:" + tlsPort;
    }

    /** The password credentials.txt gives {@code user}. */
    String password(String user) {
        return passwordIn(credentials, user);
    }

    /** The hub instances' {@code mqtt.share-group} from credentials.txt. */
    String shareGroup() {
        return credentials
                .lines()
                .filter(l -> l.startsWith("mqtt.share-group="))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no mqtt.share-group in credentials.txt:\n" + credentials))
                .substring("mqtt.share-group=".length());
    }

    static String passwordIn(String credentials, String user) {
        List<String> lines = credentials.lines().toList();
        int i = lines.indexOf("mqtt.username=" + user);
        if (i < 0 || i + 1 >= lines.size() || !lines.get(i + 1).startsWith("mqtt.password=")) {
            throw new AssertionError("no password for " + user + " in credentials.txt:\n" + credentials);
        }
        return lines.get(i + 1).substring("mqtt.password=".length());
    }

    BrokerClient.Builder client(String user) {
        return BrokerClient.to(url()).as(user, password(user));
    }

    Path trustStore() {
        return dir.resolve("setup").resolve(TrustStore.FILE);
    }

    /** TLS that trusts exactly the generated trust store, as -Djavax.net.ssl.trustStore would. */
    SSLSocketFactory tls() throws IOException, GeneralSecurityException {
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(trustStore())) {
            store.load(in, null);
        }
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(store);
        SSLContext ctx = SSLContext.getInstance("TLS");
        ctx.init(null, tmf.getTrustManagers(), new SecureRandom());
        return ctx.getSocketFactory();
    }

    String log() throws IOException {
        Path log = dir.resolve("mosquitto.log");
        return Files.exists(log) ? Files.readString(log) : "";
    }

    @Override
    public void close() {
        process.close();
    }
}
