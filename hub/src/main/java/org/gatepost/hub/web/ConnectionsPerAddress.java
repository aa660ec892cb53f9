package org.gatepost.hub.web;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import org.eclipse.jetty.io.Connection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Caps the connections one client address holds open at once: a connection beyond {@code max} is closed as soon as
 * it opens, before a byte of it is read, so one address cannot take all of Jetty's request threads with slow or
 * stalled requests. Logs one WARN when an address first goes over the cap, and nothing more until it is back
 * under. Addresses that {@code exempt} accepts (trusted reverse proxies, which carry many clients) are not capped.
 * Jetty calls it on its selector threads; thread safe (one lock, short calls).
 */
final class ConnectionsPerAddress implements Connection.Listener {
    private static final Logger log = LoggerFactory.getLogger(ConnectionsPerAddress.class);

    private final int max;
    private final Predicate<InetAddress> exempt;
    private final Map<InetAddress, Integer> open = new HashMap<>();
    private final Set<InetAddress> refusing = new HashSet<>();

    ConnectionsPerAddress(int max) {
        this(max, a -> false);
    }

    ConnectionsPerAddress(int max, Predicate<InetAddress> exempt) {
        if (max < 1) {
            throw new IllegalArgumentException("max must be at least 1, got " + max);
        }
        this.max = max;
        this.exempt = exempt;
    }

    @Override
    public void onOpened(Connection connection) {
        InetAddress address = address(connection);
        if (address == null || exempt.test(address)) {
            return;
        }
        boolean over;
        boolean first = false;
        synchronized (this) {
            int n = open.merge(address, 1, Integer::sum);
            over = n > max;
            if (over) {
                first = refusing.add(address);
            }
        }
        if (over) {
            if (first) {
                log.warn(
                        "event=http-connections-refused remote={} reason=over-per-address-limit limit={}",
                        address.getHostAddress(),
                        max);
            }
            connection.getEndPoint().close();
        }
    }

    @Override
    public void onClosed(Connection connection) {
        InetAddress address = address(connection);
        if (address == null) {
            return;
        }
        synchronized (this) {
            Integer n = open.computeIfPresent(address, (a, c) -> c > 1 ? c - 1 : null);
            if (n == null || n < max) {
                refusing.remove(address);
            }
        }
    }

    /** Open connections from {@code address} (for tests). */
    synchronized int openFrom(InetAddress address) {
        return open.getOrDefault(address, 0);
    }

    private static InetAddress address(Connection connection) {
        SocketAddress remote = connection.getEndPoint().getRemoteSocketAddress();
        return remote instanceof InetSocketAddress inet ? inet.getAddress() : null;
    }
}
