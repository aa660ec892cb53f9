package org.gatepost.hub.deploy;

import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.gatepost.hub.contract.Topics;

/**
 * What {@link MosquittoSetup} writes: validated once, immutable, thread safe. A violation throws
 * {@link IllegalArgumentException} naming the command-line option.
 *
 * @param outDir    where mosquitto.conf, passwd, acl, credentials.txt (and tls/) are written; also the
 *                  directory the generated config refers to, so generate where the broker will read them
 * @param gates     gate ids, one broker user each; they match {@link Topics#GATE_ID}
 * @param hubUsers  the hubs' broker users, one per hub instance (several share one PostgreSQL database); each is
 *                  also that instance's client id (through {@code use_username_as_clientid}) and has a bulk
 *                  session user {@link AclFile#bulkUser} with the same password
 * @param plain     the plain MQTT listener, if any
 * @param tls       the TLS listener and where its certificates come from, if any
 * @param dataDir   Mosquitto's {@code persistence_location}
 * @param logFile   Mosquitto's log file
 * @param fileGroup the broker's group: passwd, acl and a generated server key are made readable to it
 * @param overwrite replace files a previous run wrote (every password changes)
 */
public record SetupRequest(
        Path outDir,
        List<String> gates,
        List<String> hubUsers,
        Optional<Listener> plain,
        Optional<TlsListener> tls,
        Path dataDir,
        Path logFile,
        String fileGroup,
        boolean overwrite) {
    public static final String DEFAULT_HUB_USER = "gatepost-hub";
    public static final int DEFAULT_PORT = 1883;
    public static final String DEFAULT_BIND = "127.0.0.1";
    public static final Path DEFAULT_DATA_DIR = Path.of("/var/lib/mosquitto");
    public static final Path DEFAULT_LOG_FILE = Path.of("/var/log/mosquitto/mosquitto.log");
    /** The user and group Debian's mosquitto package runs the broker as. */
    public static final String DEFAULT_FILE_GROUP = "mosquitto";

    /** Same rule as the hub's {@code mqtt.client-id}: the user name becomes the client id. */
    private static final Pattern HUB_USER = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]{0,63}");
    /** Host names, IPv4 and IPv6 literals; nothing that could break a config line. */
    private static final Pattern HOST = Pattern.compile("[A-Za-z0-9.:-]{1,253}");

    /** A listener: {@code bind} empty means every interface (IPv4 and IPv6). */
    public record Listener(int port, Optional<String> bind) {
        public Listener {
            Objects.requireNonNull(bind, "bind");
            if (port < 1 || port > 65535) {
                throw new IllegalArgumentException("port: must be 1..65535, got " + port);
            }
            bind.ifPresent(b -> checkHost("bind address", b));
        }
    }

    /** Where the TLS listener's CA, certificate and key come from. */
    public sealed interface TlsSource permits SelfSigned, ExistingFiles {}

    /** Generate a throwaway CA and a server certificate naming {@code hosts} (DNS names or IP addresses). */
    public record SelfSigned(List<String> hosts) implements TlsSource {
        public SelfSigned {
            hosts = List.copyOf(hosts);
            if (hosts.isEmpty()) {
                throw new IllegalArgumentException("--tls-host: the certificate must name at least one host");
            }
            hosts.forEach(h -> checkHost("--tls-host", h));
        }
    }

    /** Certificates the installer already has; the paths are written into mosquitto.conf as given. */
    public record ExistingFiles(Path cafile, Path certfile, Path keyfile) implements TlsSource {
        public ExistingFiles {
            checkAbsolute("--cafile", cafile);
            checkAbsolute("--certfile", certfile);
            checkAbsolute("--keyfile", keyfile);
        }
    }

    public record TlsListener(Listener listener, TlsSource source) {
        public TlsListener {
            Objects.requireNonNull(listener, "listener");
            Objects.requireNonNull(source, "source");
        }
    }

    public SetupRequest {
        checkAbsolute("--out", outDir);
        checkAbsolute("--data-dir", dataDir);
        checkAbsolute("--log-file", logFile);
        Objects.requireNonNull(plain, "plain");
        Objects.requireNonNull(tls, "tls");
        gates = List.copyOf(gates);
        if (gates.isEmpty()) {
            throw new IllegalArgumentException("--gates: name at least one gate");
        }
        HashSet<String> seen = new HashSet<>();
        for (String g : gates) {
            if (!Topics.GATE_ID.matcher(g).matches()) {
                throw new IllegalArgumentException("--gates: '" + g + "' is not a gate id (1..64 letters, digits,"
                        + " '_', '-', starting with a letter or digit)");
            }
            if (!seen.add(g)) {
                throw new IllegalArgumentException("--gates: '" + g + "' is listed twice");
            }
        }
        if (seen.contains(AclFile.MONITOR_USER)) {
            throw new IllegalArgumentException("--gates: '" + AclFile.MONITOR_USER + "' is the ACL's read-only user");
        }
        hubUsers = List.copyOf(hubUsers);
        checkHubUsers(hubUsers, seen);
        if (plain.isEmpty() && tls.isEmpty()) {
            throw new IllegalArgumentException("--port/--tls-port: configure at least one listener");
        }
        if (plain.isPresent()
                && tls.isPresent()
                && plain.get().port() == tls.get().listener().port()) {
            throw new IllegalArgumentException(
                    "--tls-port: must differ from --port " + plain.get().port());
        }
        if (fileGroup == null || fileGroup.isBlank()) {
            throw new IllegalArgumentException("--group: must name a group");
        }
    }

    /** A setup for one hub instance, whose broker user is {@code hubUser}. */
    public SetupRequest(
            Path outDir,
            List<String> gates,
            String hubUser,
            Optional<Listener> plain,
            Optional<TlsListener> tls,
            Path dataDir,
            Path logFile,
            String fileGroup,
            boolean overwrite) {
        this(
                outDir,
                gates,
                List.of(Objects.requireNonNull(hubUser, "hubUser")),
                plain,
                tls,
                dataDir,
                logFile,
                fileGroup,
                overwrite);
    }

    /** Every broker user with a password of its own: the hubs first, then the gates, each in the given order. */
    public List<String> users() {
        return Stream.concat(hubUsers.stream(), gates.stream()).toList();
    }

    /** The hub users' bulk session users ({@link AclFile#bulkUser}), in the order of {@link #hubUsers}. */
    public List<String> bulkUsers() {
        return hubUsers.stream().map(AclFile::bulkUser).toList();
    }

    /**
     * Each hub user and its bulk user must be a broker user of its own: a name shared with a gate, the monitor
     * or another hub would share that user's client id and ACL block.
     */
    private static void checkHubUsers(List<String> hubUsers, Set<String> gates) {
        if (hubUsers.isEmpty()) {
            throw new IllegalArgumentException("--hub-user: name at least one hub user");
        }
        Set<String> hubs = new HashSet<>();
        for (String hub : hubUsers) {
            if (hub == null || !HUB_USER.matcher(hub).matches()) {
                throw new IllegalArgumentException(
                        "--hub-user: must be 1..64 letters, digits, '_', '.', '-', got '" + hub + "'");
            }
            if (!hubs.add(hub)) {
                throw new IllegalArgumentException(
                        "--hub-user: '" + hub + "' is listed twice; each hub instance" + " needs a user of its own");
            }
            if (gates.contains(hub)) {
                throw new IllegalArgumentException("--hub-user: '" + hub + "' is also a gate id");
            }
            if (hub.equals(AclFile.MONITOR_USER)) {
                throw new IllegalArgumentException(
                        "--hub-user: '" + AclFile.MONITOR_USER + "' is the ACL's read-only user");
            }
        }
        for (String hub : hubUsers) {
            String bulk = AclFile.bulkUser(hub);
            if (hubs.contains(bulk)) {
                throw new IllegalArgumentException(
                        "--hub-user: '" + bulk + "' is the bulk session user of hub user '" + hub + "'");
            }
            if (gates.contains(bulk)) {
                throw new IllegalArgumentException(
                        "--gates: '" + bulk + "' is the bulk session user of hub user '" + hub + "'");
            }
        }
    }

    private static void checkHost(String option, String host) {
        if (!HOST.matcher(host).matches()) {
            throw new IllegalArgumentException(option + ": '" + host + "' is not a host name or IP address");
        }
    }

    private static void checkAbsolute(String option, Path path) {
        if (path == null || !path.isAbsolute()) {
            throw new IllegalArgumentException(option + ": must be an absolute path, got " + path);
        }
        if (path.toString().chars().anyMatch(c -> Character.isWhitespace(c) || c == '#')) {
            throw new IllegalArgumentException(
                    option + ": Mosquitto's config cannot hold a path with spaces or '#'," + " got " + path);
        }
    }
}
