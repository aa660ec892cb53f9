package org.gatepost.hub.deploy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Adds users to a Mosquitto password file with Debian's own {@code mosquitto_passwd -b} (PBKDF2-SHA512,
 * {@code $7$} lines), so the hashes are exactly what the broker expects; nothing is hashed here. Blocking;
 * immutable and thread safe, but two calls on one file must not overlap (the tool rewrites the file).
 *
 * <p>{@code -b} puts the password on the tool's command line for the few milliseconds it runs: run the setup
 * on the broker machine, where other users cannot list processes, or change the passwords afterwards.
 */
public final class MosquittoPasswd {
    public static final Path DEBIAN_PATH = Path.of("/usr/bin/mosquitto_passwd");

    private final ExternalTool tool;

    public MosquittoPasswd(ExternalTool tool) {
        this.tool = tool;
    }

    /** Finds {@code mosquitto_passwd} (Debian package {@code mosquitto}). */
    public static MosquittoPasswd find() throws SetupException {
        return new MosquittoPasswd(ExternalTool.find("mosquitto_passwd", DEBIAN_PATH, "mosquitto"));
    }

    /** Adds {@code user} (or replaces its password) in {@code file}, which must exist (it may be empty). */
    public void add(Path file, String user, String password) throws SetupException {
        if (!Files.isRegularFile(file)) {
            throw new SetupException("password file " + file + " does not exist");
        }
        tool.run(
                file.getParent(),
                List.of("-b", file.toString(), user, password),
                "adding user " + user + " to " + file);
    }
}
