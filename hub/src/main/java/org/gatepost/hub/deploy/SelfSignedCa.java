package org.gatepost.hub.deploy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Makes a throwaway CA and a server certificate signed by it with the {@code openssl} command (EC P-256), for
 * tests and first installs: {@code ca.crt}, {@code ca.key}, {@code server.crt}, {@code server.key} in the
 * given directory. The server certificate names every host in its subjectAltName (IP addresses as IP
 * entries), because clients check the name they connected to. Blocking; immutable and thread safe.
 */
public final class SelfSignedCa {
    public static final Path DEBIAN_PATH = Path.of("/usr/bin/openssl");
    public static final int CA_DAYS = 3650;
    /** About 27 months; renew (run the setup again, or use your own CA) before it runs out. */
    public static final int SERVER_DAYS = 825;

    private static final Pattern IP = Pattern.compile("[0-9.]+|.*:.*");

    private final ExternalTool openssl;

    public SelfSignedCa(ExternalTool openssl) {
        this.openssl = openssl;
    }

    /** Finds {@code openssl} (Debian package {@code openssl}). */
    public static SelfSignedCa find() throws SetupException {
        return new SelfSignedCa(ExternalTool.find("openssl", DEBIAN_PATH, "openssl"));
    }

    /** Writes the four files into {@code dir} (created if missing); the private keys are mode 600. */
    public TlsFiles generate(Path dir, List<String> hosts) throws SetupException {
        TlsFiles files = new TlsFiles(dir.resolve("ca.crt"), dir.resolve("server.crt"), dir.resolve("server.key"));
        Path caKey = dir.resolve("ca.key");
        Path caConf = dir.resolve("ca.cnf");
        Path serverConf = dir.resolve("server.cnf");
        Path csr = dir.resolve("server.csr");
        Path serial = dir.resolve("ca.srl");
        try {
            Files.createDirectories(dir);
            Files.writeString(caConf, caConfig());
            Files.writeString(serverConf, serverConfig(hosts));
        } catch (IOException e) {
            throw new SetupException("cannot write the openssl configuration in " + dir + ": " + e.getMessage(), e);
        }
        try {
            openssl.run(
                    dir,
                    List.of(
                            "req",
                            "-x509",
                            "-new",
                            "-config",
                            caConf.toString(),
                            "-newkey",
                            "ec",
                            "-pkeyopt",
                            "ec_paramgen_curve:prime256v1",
                            "-nodes",
                            "-keyout",
                            caKey.toString(),
                            "-out",
                            files.cafile().toString(),
                            "-days",
                            String.valueOf(CA_DAYS)),
                    "making the CA");
            openssl.run(
                    dir,
                    List.of(
                            "req",
                            "-new",
                            "-config",
                            serverConf.toString(),
                            "-newkey",
                            "ec",
                            "-pkeyopt",
                            "ec_paramgen_curve:prime256v1",
                            "-nodes",
                            "-keyout",
                            files.keyfile().toString(),
                            "-out",
                            csr.toString()),
                    "making the server key");
            openssl.run(
                    dir,
                    List.of(
                            "x509",
                            "-req",
                            "-in",
                            csr.toString(),
                            "-CA",
                            files.cafile().toString(),
                            "-CAkey",
                            caKey.toString(),
                            "-CAcreateserial",
                            "-CAserial",
                            serial.toString(),
                            "-days",
                            String.valueOf(SERVER_DAYS),
                            "-extfile",
                            serverConf.toString(),
                            "-extensions",
                            "v3_server",
                            "-out",
                            files.certfile().toString()),
                    "signing the server certificate");
            SecureFiles.restrict(caKey);
            SecureFiles.restrict(files.keyfile());
        } finally {
            deleteQuietly(caConf, serverConf, csr, serial);
        }
        return files;
    }

    static String caConfig() {
        return """
                [req]
                distinguished_name = dn
                prompt = no
                x509_extensions = v3_ca
                [dn]
                CN = Gatepost MQTT CA (throwaway, from gatepost-hub mosquitto-setup)
                [v3_ca]
                basicConstraints = critical,CA:TRUE
                keyUsage = critical,keyCertSign,cRLSign
                subjectKeyIdentifier = hash
                """;
    }

    static String serverConfig(List<String> hosts) {
        String san = hosts.stream()
                .map(h -> (IP.matcher(h).matches() ? "IP:" : "DNS:") + h)
                .collect(Collectors.joining(","));
        return """
                [req]
                distinguished_name = dn
                prompt = no
                [dn]
                CN = %s
                [v3_server]
                basicConstraints = critical,CA:FALSE
                keyUsage = critical,digitalSignature,keyEncipherment
                extendedKeyUsage = serverAuth
                subjectAltName = %s
                authorityKeyIdentifier = keyid
                """.formatted(hosts.getFirst(), san);
    }

    private static void deleteQuietly(Path... paths) {
        for (Path p : paths) {
            try {
                Files.deleteIfExists(p);
            } catch (IOException ignored) {
                // only scratch files
            }
        }
    }
}
