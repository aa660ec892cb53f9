package org.gatepost.hub.deploy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.random.RandomGenerator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes a complete Mosquitto setup for a list of gates into one directory: {@code mosquitto.conf}, the
 * password file (through {@code mosquitto_passwd}: each gate, each hub instance and its bulk session), the ACL, {@code credentials.txt} with the generated
 * passwords (mode 600), and for TLS a trust store for Java clients plus, when asked, a throwaway CA and server
 * certificate ({@code tls/}). Blocking; not thread safe (one setup at a time per directory).
 *
 * <p>Refuses to replace an earlier run's files unless the request says so, because every password changes.
 * Fails with {@link SetupException} naming the tool or file; files written before the failure stay.
 */
public final class MosquittoSetup {
    private static final Logger log = LoggerFactory.getLogger(MosquittoSetup.class);
    public static final String TLS_DIR = "tls";

    /** What was written, and what the installer still has to do by hand. */
    public record Result(List<Path> written, List<String> warnings, Optional<TlsFiles> tls) {
        public Result {
            written = List.copyOf(written);
            warnings = List.copyOf(warnings);
        }
    }

    private final MosquittoPasswd passwd;
    private final Optional<SelfSignedCa> selfSignedCa;
    private final Credentials credentials;
    private final Clock clock;

    /** {@code selfSignedCa} is only needed for requests with {@link SetupRequest.SelfSigned}. */
    public MosquittoSetup(
            MosquittoPasswd passwd, Optional<SelfSignedCa> selfSignedCa, RandomGenerator random, Clock clock) {
        this.passwd = passwd;
        this.selfSignedCa = selfSignedCa;
        this.credentials = new Credentials(random);
        this.clock = clock;
    }

    public Result run(SetupRequest r) throws SetupException {
        Path out = r.outDir();
        refuseToOverwrite(r);
        try {
            Files.createDirectories(out);
        } catch (IOException e) {
            throw new SetupException("cannot create " + out + ": " + e.getMessage(), e);
        }
        Instant now = clock.instant();
        List<Path> written = new ArrayList<>();
        List<String> warnings = new ArrayList<>();
        Optional<TlsFiles> tls = Optional.empty();
        if (r.tls().isPresent()) {
            TlsFiles files = tlsFiles(r, written, warnings);
            Path trust = out.resolve(TrustStore.FILE);
            TrustStore.write(files.cafile(), trust);
            written.add(trust);
            tls = Optional.of(files);
        }
        Map<String, String> passwords = credentials.passwords(r.users());
        Path passwdFile = out.resolve(MosquittoConf.PASSWORD_FILE);
        SecureFiles.write(passwdFile, "", SecureFiles.OWNER_ONLY);
        for (Map.Entry<String, String> e : passwords.entrySet()) {
            passwd.add(passwdFile, e.getKey(), e.getValue());
        }
        for (String hubUser : r.hubUsers()) {
            passwd.add(passwdFile, AclFile.bulkUser(hubUser), passwords.get(hubUser));
        }
        shareWithBroker(passwdFile, r, warnings);
        written.add(passwdFile);
        Path acl = out.resolve(MosquittoConf.ACL_FILE);
        SecureFiles.write(acl, AclFile.render(r.hubUsers()), SecureFiles.OWNER_ONLY);
        shareWithBroker(acl, r, warnings);
        written.add(acl);
        Path conf = out.resolve(MosquittoConf.CONF_FILE);
        SecureFiles.write(conf, MosquittoConf.render(r, tls, now), SecureFiles.EVERYONE_READS);
        written.add(conf);
        Path creds = out.resolve(Credentials.FILE);
        SecureFiles.write(
                creds, Credentials.render(r, passwords, credentials.shareGroup(), now), SecureFiles.OWNER_ONLY);
        written.add(creds);
        if (!Files.isDirectory(r.dataDir())) {
            warnings.add("the persistence directory " + r.dataDir() + " does not exist yet: create it, writable by"
                    + " the broker's user");
        }
        log.info(
                "event=mosquitto-setup-written dir={} gates={} hubUsers={} tls={}",
                out,
                r.gates().size(),
                String.join(",", r.hubUsers()),
                tls.isPresent());
        return new Result(written, warnings, tls);
    }

    private TlsFiles tlsFiles(SetupRequest r, List<Path> written, List<String> warnings) throws SetupException {
        SetupRequest.TlsSource source = r.tls().orElseThrow().source();
        if (source instanceof SetupRequest.ExistingFiles f) {
            for (Path p : List.of(f.cafile(), f.certfile(), f.keyfile())) {
                if (!Files.isRegularFile(p)) {
                    throw new SetupException("TLS file " + p + " does not exist");
                }
            }
            return new TlsFiles(f.cafile(), f.certfile(), f.keyfile());
        }
        SetupRequest.SelfSigned s = (SetupRequest.SelfSigned) source;
        SelfSignedCa ca = selfSignedCa.orElseThrow(() -> new SetupException("a self-signed certificate needs openssl"));
        Path dir = r.outDir().resolve(TLS_DIR);
        TlsFiles files = ca.generate(dir, s.hosts());
        shareWithBroker(files.keyfile(), r, warnings);
        written.add(files.cafile());
        written.add(dir.resolve("ca.key"));
        written.add(files.certfile());
        written.add(files.keyfile());
        log.info(
                "event=tls-certificate-made dir={} hosts={} days={}",
                dir,
                String.join(",", s.hosts()),
                SelfSignedCa.SERVER_DAYS);
        return files;
    }

    private static void shareWithBroker(Path file, SetupRequest r, List<String> warnings) throws SetupException {
        SecureFiles.shareWithGroup(file, r.fileGroup()).ifPresent(why -> {
            warnings.add(why + ": make " + file + " readable by the broker's user, or Mosquitto will not start");
            log.warn(
                    "event=file-not-shared-with-broker-group file={} group={} reason=\"{}\"", file, r.fileGroup(), why);
        });
    }

    private static void refuseToOverwrite(SetupRequest r) throws SetupException {
        if (r.overwrite()) {
            return;
        }
        Path out = r.outDir();
        for (Path p : List.of(
                out.resolve(MosquittoConf.CONF_FILE),
                out.resolve(MosquittoConf.PASSWORD_FILE),
                out.resolve(MosquittoConf.ACL_FILE),
                out.resolve(Credentials.FILE),
                out.resolve(TrustStore.FILE),
                out.resolve(TLS_DIR))) {
            if (Files.exists(p)) {
                throw new SetupException(p + " exists from an earlier setup; pass --force to replace everything"
                        + " (every password changes and each gate needs its new one)");
            }
        }
    }
}
