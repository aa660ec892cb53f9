package org.gatepost.agent.device.wiegand;

/** Lines that a test plays edges into, with the edge times it chooses. Not thread safe. */
final class FakeWiegandLines implements WiegandLines {
    private Listener listener;
    private boolean closed;

    @Override
    public void listen(Listener listener) {
        if (this.listener != null) {
            throw new IllegalStateException("listener already set");
        }
        this.listener = listener;
    }

    @Override
    public String name() {
        return "fake:d0,d1";
    }

    @Override
    public void close() {
        closed = true;
    }

    boolean closed() {
        return closed;
    }

    /** Sends {@code bits} with the first edge at {@code startNanos}, one every {@code intervalNanos}; returns the last edge time. */
    long send(String bits, long startNanos, long intervalNanos) {
        String s = Bits.clean(bits);
        long t = startNanos;
        for (int i = 0; i < s.length(); i++) {
            t = startNanos + i * intervalNanos;
            listener.bit(s.charAt(i) - '0', t);
        }
        return t;
    }

    void bothLow(long nanos) {
        listener.bothLow(nanos);
    }
}
