package org.gatepost.agent.device;

import java.time.Instant;
import java.util.Objects;

/**
 * A credential presented at a reader other than the ID card reader: an RFID tag, a Wiegand card, a QR or
 * barcode text. {@code number} is the raw credential (tag id in decimal, Wiegand facility/card, scanned text)
 * and must never be logged or leave the gate: the agent hashes it at once. {@link #toString()} masks it.
 *
 * @param reader configured name of the reader that produced it (for lanes and health)
 * @param kind   {@code rfid}, {@code wiegand} or {@code qr}
 */
public record CredentialRead(String reader, String kind, String number, Instant at) {
    public static final String KIND_RFID = "rfid";
    public static final String KIND_WIEGAND = "wiegand";
    public static final String KIND_QR = "qr";

    public CredentialRead {
        Objects.requireNonNull(reader, "reader");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(number, "number");
        Objects.requireNonNull(at, "at");
    }

    @Override
    public String toString() {
        return "CredentialRead[reader=" + reader + " kind=" + kind + " number=(" + number.length() + " chars) at=" + at
                + "]";
    }
}
