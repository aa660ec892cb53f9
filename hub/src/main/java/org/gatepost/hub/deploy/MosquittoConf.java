package org.gatepost.hub.deploy;

import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;

/**
 * The text of {@code mosquitto.conf} for Mosquitto 2.0 (Debian 12's 2.0.11). Pure and thread safe. Why each
 * value is what it is: {@code docs/deployment.md}, "Why these Mosquitto settings".
 */
public final class MosquittoConf {
    /**
     * Per client, beyond the in-flight ones. The hub's session holds everything the gates send while the hub
     * is away: a day of ten busy gates (about 20,000 entries each) even if every entry came singly.
     */
    public static final int MAX_QUEUED_MESSAGES = 200_000;
    /** A memory ceiling for the same queue (batches are up to ~200 KB each): 256 MiB. */
    public static final long MAX_QUEUED_BYTES = 256L * 1024 * 1024;
    /**
     * With {@code autosave_on_changes true}, the broker rewrites its whole database after this many changes
     * (queued messages, retained messages, subscriptions). One save per change costs quadratic writes while a
     * queue grows (measured: 5,000 queued messages wrote 10 GB); see the deployment notes.
     */
    public static final int AUTOSAVE_CHANGES = 1_000;
    /**
     * Messages the broker sends a client before it waits for acknowledgements (Mosquitto's default is 20). The hub
     * acknowledges after its commit, and with a thousand gates publishing, Mosquitto 2.0 then delivered about ten
     * windows a second: ~200 entries/s at 20, ~2,000 at 200, the hub's full rate at 1,000 (figure 4 in
     * docs/performance.md). Gates receive only acks, lists and commands, so the window never matters for them.
     */
    public static final int MAX_INFLIGHT_MESSAGES = 1_000;
    /**
     * Bytes in flight to one client: bounds what the hub holds in memory unacknowledged when many gates drain
     * their backlogs at once (a batch is up to ~140 KB: ~120 batches, against 1,000 single entries).
     */
    public static final long MAX_INFLIGHT_BYTES = 16L * 1024 * 1024;

    public static final String PERSISTENT_CLIENT_EXPIRATION = "30d";
    public static final String TLS_MIN_VERSION = "tlsv1.2";
    public static final String PASSWORD_FILE = "passwd";
    public static final String ACL_FILE = "acl";
    public static final String CONF_FILE = "mosquitto.conf";

    private MosquittoConf() {}

    /** The config for {@code request}; {@code tlsFiles} is present exactly when the request has a TLS listener. */
    public static String render(SetupRequest request, Optional<TlsFiles> tlsFiles, Instant now) {
        if (request.tls().isPresent() != tlsFiles.isPresent()) {
            throw new IllegalArgumentException("TLS files must be given exactly when a TLS listener is configured");
        }
        Path out = request.outDir();
        StringBuilder b = new StringBuilder();
        b.append("# Mosquitto 2.x configuration for Gatepost, written by `gatepost-hub mosquitto-setup` at ")
                .append(now)
                .append(".\n")
                .append("# Why each value: docs/deployment.md. Run: mosquitto -c ")
                .append(out.resolve(CONF_FILE))
                .append("\n\n")
                .append("# Who may connect: users from the password file only; the ACL (%u patterns) keeps each gate\n")
                .append("# to its own topics.\n")
                .append("per_listener_settings false\n")
                .append("allow_anonymous false\n")
                .append("password_file ")
                .append(out.resolve(PASSWORD_FILE))
                .append('\n')
                .append("acl_file ")
                .append(out.resolve(ACL_FILE))
                .append("\n\n")
                .append("# Sessions and queues: the hub's session keeps what the gates send while the hub is away.\n")
                .append("persistent_client_expiration ")
                .append(PERSISTENT_CLIENT_EXPIRATION)
                .append('\n')
                .append("max_inflight_messages ")
                .append(MAX_INFLIGHT_MESSAGES)
                .append('\n')
                .append("max_inflight_bytes ")
                .append(MAX_INFLIGHT_BYTES)
                .append('\n')
                .append("max_queued_messages ")
                .append(MAX_QUEUED_MESSAGES)
                .append('\n')
                .append("max_queued_bytes ")
                .append(MAX_QUEUED_BYTES)
                .append("\n\n")
                .append(
                        "# Persistence: sessions, queues and retained messages survive a restart, and a kill -9 loses\n")
                .append("# at most the last ")
                .append(AUTOSAVE_CHANGES)
                .append(" changes (the gates' outboxes resend those entries).\n")
                .append("persistence true\n")
                .append("persistence_location ")
                .append(request.dataDir())
                .append("/\n")
                .append("autosave_on_changes true\n")
                .append("autosave_interval ")
                .append(AUTOSAVE_CHANGES)
                .append("\n\n")
                .append("log_dest file ")
                .append(request.logFile())
                .append('\n')
                .append("log_timestamp_format %Y-%m-%dT%H:%M:%S\n")
                .append("connection_messages true\n\n")
                .append(
                        "# Listeners. use_username_as_clientid belongs to each listener: a client's id is its user name,\n")
                .append("# so no gate can take over another's session. (Written above the first listener it would\n")
                .append("# open an extra default listener on port 1883.)\n");
        request.plain().ifPresent(l -> listener(b, l));
        request.tls().ifPresent(t -> {
            listener(b, t.listener());
            TlsFiles f = tlsFiles.orElseThrow();
            b.append("cafile ")
                    .append(f.cafile())
                    .append('\n')
                    .append("certfile ")
                    .append(f.certfile())
                    .append('\n')
                    .append("keyfile ")
                    .append(f.keyfile())
                    .append('\n')
                    .append("tls_version ")
                    .append(TLS_MIN_VERSION)
                    .append('\n');
        });
        return b.toString();
    }

    private static void listener(StringBuilder b, SetupRequest.Listener l) {
        b.append("\nlistener ").append(l.port());
        l.bind().ifPresent(a -> b.append(' ').append(a));
        b.append('\n').append("use_username_as_clientid true\n");
    }
}
