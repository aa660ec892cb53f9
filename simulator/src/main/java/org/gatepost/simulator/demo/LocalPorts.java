package org.gatepost.simulator.demo;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.UnknownHostException;
import java.util.Optional;
import java.util.regex.Pattern;

/** Checks, before anything starts, that the demo's servers will be able to listen where they are told to. */
final class LocalPorts {
    private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");

    private LocalPorts() {}

    /** {@code text} as an IP address when it is an IPv4 or IPv6 literal; never a name lookup. */
    static Optional<InetAddress> literal(String text) {
        if (!IPV4.matcher(text).matches() && !text.contains(":")) {
            return Optional.empty();
        }
        try {
            return Optional.of(InetAddress.getByName(text));
        } catch (UnknownHostException e) {
            return Optional.empty();
        }
    }

    /**
     * Why a server could not listen on {@code address:port} now ({@code "Address already in use"}), or empty when it
     * could: binds a socket for a moment, with SO_REUSEADDR as the servers do (a port some closed connection still
     * holds in TIME_WAIT is free). Port 0 checks the address alone.
     */
    static Optional<String> bindProblem(InetAddress address, int port) {
        try (ServerSocket s = new ServerSocket()) {
            s.setReuseAddress(true);
            s.bind(new InetSocketAddress(address, port));
            return Optional.empty();
        } catch (IOException e) {
            return Optional.of(e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
        }
    }
}
