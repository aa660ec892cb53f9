package org.gatepost.hub.deploy;

import java.io.PrintWriter;
import java.nio.file.Path;

/** What {@code mosquitto-setup} prints when it is done: the files, and the installer's next steps. */
final class SetupReport {
    private SetupReport() {}

    static void print(PrintWriter out, SetupRequest r, MosquittoSetup.Result result) {
        Path dir = r.outDir();
        out.println("Mosquitto setup for " + r.gates().size() + " gate(s) and "
                + (r.hubUsers().size() == 1
                        ? "hub user '" + r.hubUsers().getFirst() + "'"
                        : r.hubUsers().size() + " hub users '" + String.join("', '", r.hubUsers()) + "'")
                + " written:");
        result.written().forEach(p -> out.println("  " + p));
        r.tls().ifPresent(t -> {
            if (t.source() instanceof SetupRequest.SelfSigned s) {
                out.println("Self-signed server certificate for " + String.join(", ", s.hosts()) + ", valid "
                        + SelfSignedCa.SERVER_DAYS + " days. Keep " + dir.resolve(MosquittoSetup.TLS_DIR + "/ca.key")
                        + " off the broker once you are done.");
            }
        });
        out.println("Next (docs/deployment.md):");
        out.println("  1. Point the broker at " + dir.resolve(MosquittoConf.CONF_FILE)
                + " (deploy/mosquitto-gatepost.conf) and restart it.");
        out.println("  2. Copy each block of " + dir.resolve(Credentials.FILE)
                + " into that machine's properties file, then delete it or lock it away.");
        if (r.hubUsers().size() > 1) {
            out.println("     Each hub instance takes its own block (with the common mqtt.share-group) and the same"
                    + " store.* keys.");
        }
        if (r.tls().isPresent()) {
            out.println("  3. Copy " + dir.resolve(TrustStore.FILE) + " to /etc/gatepost/ on the hub and every gate.");
        }
        if (!result.warnings().isEmpty()) {
            out.println("Warnings:");
            result.warnings().forEach(w -> out.println("  - " + w));
        }
        out.flush();
    }
}
