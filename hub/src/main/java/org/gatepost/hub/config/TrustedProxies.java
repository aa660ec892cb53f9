package org.gatepost.hub.config;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import org.eclipse.jetty.util.InetAddressPattern;
import org.eclipse.jetty.util.InetAddressSet;

/**
 * The reverse proxies (nginx, HAProxy) in front of the hub, from {@code http.trusted-proxies}: IP addresses and CIDR
 * ranges ({@code 10.0.0.5}, {@code 10.0.0.0/24}, {@code ::1}, {@code fd00::/8}). Only a connection from one of them
 * may name the client through {@code X-Forwarded-For}; anyone else's header is ignored, so a client cannot pick the
 * address its login attempts are counted under. Immutable; thread safe.
 */
public final class TrustedProxies {
    /** No proxy is trusted: the connection's address is the client. */
    public static final TrustedProxies NONE = new TrustedProxies(List.of(), new InetAddressSet());

    private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");
    private static final Pattern IPV6 = Pattern.compile("[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*");
    private static final Pattern PREFIX = Pattern.compile("\\d{1,3}");
    /** Entries of {@code X-Forwarded-For} looked at, from the right; a longer header is a client's invention. */
    static final int MAX_HOPS = 16;

    private final List<String> patterns;
    private final InetAddressSet set;

    private TrustedProxies(List<String> patterns, InetAddressSet set) {
        this.patterns = patterns;
        this.set = set;
    }

    /**
     * Parses addresses and CIDR ranges. Only literals: a host name would need a DNS lookup at every start and could
     * change under the hub.
     *
     * @throws IllegalArgumentException naming the first entry that is not an address or a range
     */
    public static TrustedProxies parse(List<String> entries) {
        InetAddressSet set = new InetAddressSet();
        for (String e : entries) {
            String s = e.strip();
            int slash = s.indexOf('/');
            String address = slash < 0 ? s : s.substring(0, slash);
            if (literal(address).isEmpty()
                    || (slash >= 0 && !PREFIX.matcher(s.substring(slash + 1)).matches())) {
                throw new IllegalArgumentException("'" + s + "' is not an IP address or CIDR range (such as 10.0.0.5 "
                        + "or 10.0.0.0/24); list them separated by commas");
            }
            try {
                InetAddressPattern.from(s);
            } catch (IllegalArgumentException ex) {
                throw new IllegalArgumentException("'" + s + "' is not a valid range: " + ex.getMessage(), ex);
            }
            set.add(s);
        }
        return new TrustedProxies(entries.stream().map(String::strip).toList(), set);
    }

    /** Whether connections from {@code address} are from a trusted proxy. */
    public boolean trusts(InetAddress address) {
        return address != null && !patterns.isEmpty() && set.test(address);
    }

    /**
     * The client of a request that arrived from {@code remote} with the given {@code X-Forwarded-For} values (in
     * header order; each may list several addresses). Unless {@code remote} is trusted, {@code remote}. Otherwise the
     * addresses are read from the right (the hop nearest the hub first), passing over trusted proxies; the first one
     * that is not trusted is the client. An entry that is not an IP address ends the walk at the last address a
     * trusted proxy vouched for, as does a header longer than {@value #MAX_HOPS} hops.
     */
    public String client(String remote, List<String> forwardedFor) {
        Optional<InetAddress> hop = literal(remote);
        if (hop.isEmpty() || !trusts(hop.get())) {
            return remote;
        }
        String client = hop.get().getHostAddress();
        List<String> entries = forwardedFor.stream()
                .flatMap(v -> Arrays.stream(v.split(",")))
                .map(String::strip)
                .filter(x -> !x.isEmpty())
                .toList();
        for (int i = entries.size() - 1, seen = 0; i >= 0 && seen < MAX_HOPS; i--, seen++) {
            Optional<InetAddress> a = literal(entries.get(i));
            if (a.isEmpty()) {
                return client;
            }
            client = a.get().getHostAddress();
            if (!trusts(a.get())) {
                return client;
            }
        }
        return client;
    }

    /** An IPv4 or IPv6 literal (IPv6 possibly in brackets), never looked up in DNS. */
    static Optional<InetAddress> literal(String text) {
        if (text == null) {
            return Optional.empty();
        }
        String s = text.startsWith("[") && text.endsWith("]") ? text.substring(1, text.length() - 1) : text;
        boolean v4 = IPV4.matcher(s).matches();
        if (s.length() > 45 || !(v4 || IPV6.matcher(s).matches())) {
            return Optional.empty();
        }
        if (v4 && Arrays.stream(s.split("\\.")).anyMatch(octet -> Integer.parseInt(octet) > 255)) {
            return Optional.empty();
        }
        try {
            return Optional.of(InetAddress.getByName(s)); // a literal: parsed, no lookup
        } catch (UnknownHostException e) {
            return Optional.empty();
        }
    }

    @Override
    public String toString() {
        return patterns.toString();
    }
}
