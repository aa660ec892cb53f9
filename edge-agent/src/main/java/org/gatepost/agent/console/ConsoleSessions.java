package org.gatepost.agent.console;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Browsers signed in to the console with the PIN. A session lasts {@code timeout} from its sign-in (a volunteer
 * shift), whatever happens meanwhile; at most {@value #MAX_SESSIONS} live at once, the oldest is dropped first.
 * Without a PIN (a console bound to loopback) any PIN signs in. Thread safe.
 */
final class ConsoleSessions {
    static final int MAX_SESSIONS = 64;

    /** A signed-in browser: {@code token} is its cookie, {@code csrf} what every POST carries in a header. */
    record Session(String token, String csrf, Instant expires) {}

    /** The outcome of a sign-in attempt. */
    sealed interface Login {
        record Granted(Session session) implements Login {}

        record WrongPin() implements Login {}

        record Throttled(Duration retryAfter) implements Login {}
    }

    private final Optional<String> pin;
    private final Duration timeout;
    private final Clock clock;
    private final SecureRandom random;
    private final PinThrottle throttle = new PinThrottle();
    private final Map<String, Session> byToken = new LinkedHashMap<>();

    ConsoleSessions(Optional<String> pin, Duration timeout, Clock clock, SecureRandom random) {
        this.pin = pin;
        this.timeout = timeout;
        this.clock = clock;
        this.random = random;
    }

    boolean pinRequired() {
        return pin.isPresent();
    }

    Duration timeout() {
        return timeout;
    }

    Login login(String address, String typed) {
        Instant now = clock.instant();
        Optional<Duration> wait = throttle.lockedFor(address, now);
        if (wait.isPresent()) {
            return new Login.Throttled(wait.get());
        }
        if (pin.isPresent() && !matches(pin.get(), typed)) {
            throttle.failed(address, now);
            return new Login.WrongPin();
        }
        throttle.succeeded(address);
        Session s = new Session(token(), token(), now.plus(timeout));
        synchronized (byToken) {
            byToken.put(s.token(), s);
            if (byToken.size() > MAX_SESSIONS) {
                Iterator<String> oldest = byToken.keySet().iterator();
                oldest.next();
                oldest.remove();
            }
        }
        return new Login.Granted(s);
    }

    /** The live session of {@code token}; an expired one is forgotten. */
    Optional<Session> find(String token) {
        if (token == null) {
            return Optional.empty();
        }
        Instant now = clock.instant();
        synchronized (byToken) {
            Session s = byToken.get(token);
            if (s == null) {
                return Optional.empty();
            }
            if (!now.isBefore(s.expires())) {
                byToken.remove(token);
                return Optional.empty();
            }
            return Optional.of(s);
        }
    }

    void logout(String token) {
        synchronized (byToken) {
            byToken.remove(token);
        }
    }

    private static boolean matches(String expected, String typed) {
        if (typed == null) {
            return false;
        }
        return MessageDigest.isEqual(expected.getBytes(StandardCharsets.UTF_8), typed.getBytes(StandardCharsets.UTF_8));
    }

    private String token() {
        byte[] b = new byte[32];
        random.nextBytes(b);
        return HexFormat.of().formatHex(b);
    }
}
