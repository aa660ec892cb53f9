package org.gatepost.agent.health;

import java.util.concurrent.CompletableFuture;
import org.gatepost.agent.entry.Credential;
import org.gatepost.agent.entry.HealthColour;
import org.gatepost.agent.entry.HealthStatus;

/**
 * Asks for a person's health colour ({@code docs/health.md}). The seam between the gate and whatever knows the
 * colour: a volunteer looking at the person's phone ({@link VolunteerHealthProvider}), or a status service
 * ({@link HttpHealthProvider}; the simulator provides one; a real one needs a government authorisation).
 *
 * <p>{@link #check} never blocks: it returns a future at once. The future completes on the provider's own thread,
 * possibly never; the checkpoint bounds its wait ({@code health.wait}) and records {@link HealthColour#UNKNOWN}
 * when nothing came, then cancels the future. A provider turns its own failures into {@code UNKNOWN} or leaves
 * the future incomplete; it never completes it exceptionally on purpose. Implementations are thread safe.
 */
public interface HealthStatusProvider {
    /**
     * Starts a check for {@code credential}. A provider sends no more of the credential than {@code docs/health.md}
     * says: the keyed hash to a service, the masked form to the console.
     */
    CompletableFuture<HealthStatus> check(Credential credential);

    /** The entry's {@code health.source} for this provider's answers (and for {@code unknown} after its wait). */
    String source();
}
