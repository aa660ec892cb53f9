package org.gatepost.hub.auth;

import java.time.Duration;
import org.gatepost.hub.store.Account;

/** The outcome of a login attempt. */
public sealed interface LoginResult {
    /** Name and password matched. */
    record Success(Account account, Role role) implements LoginResult {}

    /** Unknown name or wrong password (deliberately not told apart). */
    record Refused() implements LoginResult {}

    /** Too many checks from this address, or for this name, lately; not checked. */
    record Throttled(Duration retryAfter) implements LoginResult {}

    /** As many password checks as the hub allows at once are running; not checked. */
    record Busy() implements LoginResult {}
}
