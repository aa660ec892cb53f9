package org.gatepost.agent.config;

import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The volunteer console's web server ({@code console.*} keys, {@code docs/console.md}). Validated in the compact
 * constructor: a console reachable from the network needs a PIN.
 *
 * @param enabled        whether the agent serves the console ({@code console.enabled})
 * @param bind           IP address literal (or {@code localhost}) to listen on ({@code console.bind})
 * @param port           TCP port, 0 for any free one ({@code console.port})
 * @param pin            4–8 digits asked once per browser ({@code console.pin}); empty only on a loopback bind
 * @param sessionTimeout how long a browser stays signed in after the PIN ({@code console.session-timeout})
 */
public record ConsoleConfig(boolean enabled, String bind, int port, Optional<String> pin, Duration sessionTimeout) {
    public static final boolean DEFAULT_ENABLED = true;
    /** Where the console listens by default: every interface when a PIN is set, else this machine only. */
    public static final String DEFAULT_BIND = "0.0.0.0";

    public static final String DEFAULT_BIND_WITHOUT_PIN = "127.0.0.1";
    public static final int DEFAULT_PORT = 8088;
    public static final Duration DEFAULT_SESSION_TIMEOUT = Duration.ofHours(12);
    public static final Pattern PIN = Pattern.compile("[0-9]{4,8}");
    private static final Pattern IPV4 = Pattern.compile("(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})");
    private static final Pattern IPV6 = Pattern.compile("[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*");

    public ConsoleConfig {
        Objects.requireNonNull(bind, "bind");
        Objects.requireNonNull(pin, "pin");
        Objects.requireNonNull(sessionTimeout, "sessionTimeout");
        if (!isAddressLiteral(bind)) {
            throw new IllegalArgumentException("bind must be an IP address literal: " + bind);
        }
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port must be 0..65535: " + port);
        }
        if (pin.isPresent() && !PIN.matcher(pin.get()).matches()) {
            throw new IllegalArgumentException("pin must be 4-8 digits");
        }
        if (enabled && pin.isEmpty() && !isLoopback(bind)) {
            throw new IllegalArgumentException("pin is required when bind is not a loopback address");
        }
        if (!sessionTimeout.isPositive()) {
            throw new IllegalArgumentException("sessionTimeout must be positive: " + sessionTimeout);
        }
    }

    /** A console on loopback without a PIN, for tests and the demo: {@code 127.0.0.1}, port {@code port}. */
    public static ConsoleConfig loopback(int port) {
        return new ConsoleConfig(true, "127.0.0.1", port, Optional.empty(), DEFAULT_SESSION_TIMEOUT);
    }

    /** Reads the {@code console.*} keys. */
    public static ConsoleConfig parse(Properties2 c) throws ConfigException {
        boolean enabled = c.bool("console.enabled", DEFAULT_ENABLED);
        String pinText = c.string("console.pin", null);
        String bind = c.string("console.bind", pinText == null ? DEFAULT_BIND_WITHOUT_PIN : DEFAULT_BIND);
        if (!isAddressLiteral(bind)) {
            throw new ConfigException(
                    "console.bind",
                    "must be an IP address such as 0.0.0.0, 127.0.0.1 or 192.168.1.20, got '" + bind + "'");
        }
        int port = c.integer("console.port", DEFAULT_PORT, 0, 65535);
        if (pinText != null && !PIN.matcher(pinText).matches()) {
            throw new ConfigException("console.pin", "must be 4 to 8 digits"); // the value is a secret: not echoed
        }
        Optional<String> pin = Optional.ofNullable(pinText);
        if (enabled && pin.isEmpty() && !isLoopback(bind)) {
            throw new ConfigException(
                    "console.pin",
                    "is required when console.bind (" + bind + ") is not a loopback address:"
                            + " set 4 to 8 digits, or console.bind=127.0.0.1 for a screen on the agent's own machine, or console.enabled=false");
        }
        Duration timeout = c.duration(
                "console.session-timeout", DEFAULT_SESSION_TIMEOUT, Duration.ofMinutes(1), Duration.ofHours(720));
        return new ConsoleConfig(enabled, bind, port, pin, timeout);
    }

    /** Whether {@code bind} only accepts connections from this machine ({@code 127.x.x.x}, {@code ::1}, {@code localhost}). */
    public static boolean isLoopback(String bind) {
        String b = bind.toLowerCase(Locale.ROOT);
        return b.equals("localhost") || b.startsWith("127.") || b.equals("::1") || b.equals("0:0:0:0:0:0:0:1");
    }

    private static boolean isAddressLiteral(String bind) {
        if (bind.equalsIgnoreCase("localhost")) {
            return true;
        }
        var m = IPV4.matcher(bind);
        if (m.matches()) {
            for (int i = 1; i <= 4; i++) {
                if (Integer.parseInt(m.group(i)) > 255) {
                    return false;
                }
            }
            return true;
        }
        return IPV6.matcher(bind).matches();
    }

    @Override
    public String toString() {
        return "ConsoleConfig[enabled=" + enabled + " bind=" + bind + " port=" + port + " pin="
                + (pin.isPresent() ? "set" : "none") + " sessionTimeout=" + sessionTimeout + "]";
    }
}
