package org.gatepost.hub.deploy;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code gatepost-hub mosquitto-setup --out DIR --gates g1,g2 [...]}: writes a Mosquitto setup with
 * {@link MosquittoSetup} and tells the installer what to do next. Exit codes: 0 written, 1 a tool or file
 * failed, 2 a usage error (picocli's convention, as for the hub itself).
 */
@Command(
        name = "mosquitto-setup",
        mixinStandardHelpOptions = true,
        description = {
            "Writes mosquitto.conf, the password file, the ACL and credentials.txt for a list of gates"
                    + " (Mosquitto 2.x from Debian; docs/deployment.md).",
            "Generate them where the broker will read them (e.g. --out /etc/mosquitto/gatepost, as root):"
                    + " the config refers to the files by their absolute paths."
        })
public final class MosquittoSetupCommand implements Callable<Integer> {
    static final String ALL_INTERFACES = "all";

    @Spec
    private CommandSpec spec;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Directory to write into.")
    private Path out;

    @Option(
            names = "--gates",
            required = true,
            split = ",",
            paramLabel = "ID",
            description = "Gate ids (their gate.id), comma separated: one broker user each.")
    private List<String> gates;

    @Option(
            names = "--hub-user",
            split = ",",
            paramLabel = "NAME",
            defaultValue = SetupRequest.DEFAULT_HUB_USER,
            description = {
                "The hub's broker user, also its client id (default: ${DEFAULT-VALUE}); NAME-bulk, same"
                        + " password, is its bulk session.",
                "Several hub instances on one PostgreSQL: one user each, comma separated or repeated"
                        + " (--hub-user gatepost-hub-1,gatepost-hub-2); credentials.txt gets a block per instance, all with one random mqtt.share-group."
            })
    private List<String> hubUsers;

    @Option(
            names = "--port",
            paramLabel = "PORT",
            defaultValue = "" + SetupRequest.DEFAULT_PORT,
            description = "Plain MQTT port (default: ${DEFAULT-VALUE}); 0: no plain listener.")
    private int port;

    @Option(
            names = "--bind",
            paramLabel = "ADDRESS",
            defaultValue = SetupRequest.DEFAULT_BIND,
            description = "Address of the plain listener (default: ${DEFAULT-VALUE}, the hub on this machine only);"
                    + " '" + ALL_INTERFACES + "' for every interface.")
    private String bind;

    @Option(
            names = "--tls-port",
            paramLabel = "PORT",
            description =
                    "TLS port (8883 is usual); needs" + " --tls-self-signed or --cafile, --certfile and --keyfile.")
    private Integer tlsPort;

    @Option(
            names = "--tls-bind",
            paramLabel = "ADDRESS",
            defaultValue = ALL_INTERFACES,
            description = "Address of the TLS listener (default: every interface).")
    private String tlsBind;

    @Option(
            names = "--tls-self-signed",
            description = "Make a throwaway CA and server certificate with openssl" + " (tests and first installs).")
    private boolean selfSigned;

    @Option(
            names = "--tls-host",
            paramLabel = "NAME",
            description = "A name or address the gates use to reach"
                    + " the broker, for the self-signed certificate (repeatable; default: localhost, 127.0.0.1 and this"
                    + " machine's host name).")
    private List<String> tlsHosts = new ArrayList<>();

    @Option(names = "--cafile", paramLabel = "FILE", description = "PEM CA certificate that signed --certfile.")
    private Path cafile;

    @Option(names = "--certfile", paramLabel = "FILE", description = "PEM server certificate.")
    private Path certfile;

    @Option(names = "--keyfile", paramLabel = "FILE", description = "PEM server private key.")
    private Path keyfile;

    @Option(
            names = "--data-dir",
            paramLabel = "DIR",
            defaultValue = "/var/lib/mosquitto",
            description = "Mosquitto's persistence directory (default: ${DEFAULT-VALUE}).")
    private Path dataDir;

    @Option(
            names = "--log-file",
            paramLabel = "FILE",
            defaultValue = "/var/log/mosquitto/mosquitto.log",
            description = "Mosquitto's log file (default: ${DEFAULT-VALUE}).")
    private Path logFile;

    @Option(
            names = "--group",
            paramLabel = "GROUP",
            defaultValue = SetupRequest.DEFAULT_FILE_GROUP,
            description = "Group of the broker's user; passwd, acl and the server key become readable to it"
                    + " (default: ${DEFAULT-VALUE}).")
    private String group;

    @Option(names = "--force", description = "Replace the files of an earlier run (every password changes).")
    private boolean force;

    @Override
    public Integer call() {
        PrintWriter stdout = spec.commandLine().getOut();
        SetupRequest request;
        try {
            request = request();
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
        }
        try {
            Optional<SelfSignedCa> ca = selfSigned ? Optional.of(SelfSignedCa.find()) : Optional.empty();
            MosquittoSetup setup =
                    new MosquittoSetup(MosquittoPasswd.find(), ca, new SecureRandom(), Clock.systemUTC());
            MosquittoSetup.Result result = setup.run(request);
            SetupReport.print(stdout, request, result);
            return 0;
        } catch (SetupException e) {
            spec.commandLine().getErr().println("gatepost-hub mosquitto-setup: " + e.getMessage());
            return 1;
        }
    }

    private SetupRequest request() {
        Optional<SetupRequest.Listener> plain =
                port == 0 ? Optional.empty() : Optional.of(new SetupRequest.Listener(port, address(bind)));
        boolean files = cafile != null || certfile != null || keyfile != null;
        if (!selfSigned && !tlsHosts.isEmpty()) {
            throw new IllegalArgumentException("--tls-host: only with --tls-self-signed");
        }
        if (tlsPort == null && (selfSigned || files)) {
            throw new IllegalArgumentException(
                    "--tls-port: needed with --tls-self-signed or --cafile/--certfile/--keyfile");
        }
        Optional<SetupRequest.TlsListener> tls = Optional.empty();
        if (tlsPort != null) {
            if (selfSigned == files) {
                throw new IllegalArgumentException(
                        "--tls-port: give either --tls-self-signed or all of --cafile," + " --certfile and --keyfile");
            }
            SetupRequest.TlsSource source = selfSigned
                    ? new SetupRequest.SelfSigned(tlsHosts.isEmpty() ? defaultHosts() : tlsHosts)
                    : new SetupRequest.ExistingFiles(
                            absolute("--cafile", cafile),
                            absolute("--certfile", certfile),
                            absolute("--keyfile", keyfile));
            tls = Optional.of(
                    new SetupRequest.TlsListener(new SetupRequest.Listener(tlsPort, address(tlsBind)), source));
        }
        return new SetupRequest(
                out.toAbsolutePath().normalize(),
                gates,
                hubUsers,
                plain,
                tls,
                dataDir.toAbsolutePath().normalize(),
                logFile.toAbsolutePath().normalize(),
                group,
                force);
    }

    private static Path absolute(String option, Path p) {
        if (p == null) {
            throw new IllegalArgumentException(option + ": needed with the other TLS files");
        }
        return p.toAbsolutePath().normalize();
    }

    private static Optional<String> address(String value) {
        return value.equals(ALL_INTERFACES) ? Optional.empty() : Optional.of(value);
    }

    /** localhost, 127.0.0.1 and the machine's host name from /etc/hostname, when there is one. */
    static List<String> defaultHosts() {
        List<String> hosts = new ArrayList<>(List.of("localhost", "127.0.0.1"));
        try {
            String name = Files.readString(Path.of("/etc/hostname")).strip();
            if (name.matches("[A-Za-z0-9.-]{1,253}") && !hosts.contains(name)) {
                hosts.add(name);
            }
        } catch (IOException e) {
            // no host name file: loopback names only
        }
        return hosts;
    }
}
