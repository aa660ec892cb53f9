package org.gatepost.agent.pass;

import java.time.Instant;
import java.util.Objects;
import java.util.function.Predicate;

/**
 * Checks a scanned pass offline, in this order: well-formed and signed by a key of the {@code passes} list (else
 * {@link Outcome#FORGED}), not revoked ({@link Outcome#REVOKED}), inside its validity window
 * ({@code from <= now < to}, else {@link Outcome#EXPIRED}), and, for a one-use pass, not used (the hub's list or
 * this gate's own record, else {@link Outcome#USED}). Stateless; thread safe.
 */
public final class PassCheck {
    private PassCheck() {}

    public enum Outcome {
        VALID,
        FORGED,
        REVOKED,
        EXPIRED,
        USED
    }

    /**
     * @param token  the verified token; null when {@link Outcome#FORGED} (unverified content is never used)
     * @param reason for the log: what failed, never the content
     */
    public record Result(Outcome outcome, PassToken token, String reason) {
        public Result {
            Objects.requireNonNull(outcome, "outcome");
            if ((token == null) != (outcome == Outcome.FORGED)) {
                throw new IllegalArgumentException("a token exactly when not forged");
            }
        }
    }

    /** @param usedHere whether this gate recorded an admission with the pass id already */
    public static Result check(String text, PassList list, Instant now, Predicate<String> usedHere) {
        PassCodec.Parts parts;
        try {
            parts = PassCodec.parse(text);
        } catch (MalformedPassException e) {
            return new Result(Outcome.FORGED, null, "malformed: " + e.getMessage());
        }
        PassToken t = parts.token();
        var key = list.key(t.key());
        if (key.isEmpty()) {
            return new Result(Outcome.FORGED, null, "unknown key");
        }
        if (!PassCodec.verify(key.get(), parts.signed(), parts.signature())) {
            return new Result(Outcome.FORGED, null, "bad signature");
        }
        if (list.revoked().contains(t.id())) {
            return new Result(Outcome.REVOKED, t, "revoked");
        }
        if (now.isBefore(t.from())) {
            return new Result(Outcome.EXPIRED, t, "not valid yet");
        }
        if (!now.isBefore(t.to())) {
            return new Result(Outcome.EXPIRED, t, "expired");
        }
        if (t.oneUse() && (list.used().contains(t.id()) || usedHere.test(t.id()))) {
            return new Result(Outcome.USED, t, list.used().contains(t.id()) ? "used (hub)" : "used (this gate)");
        }
        return new Result(Outcome.VALID, t, "valid");
    }
}
