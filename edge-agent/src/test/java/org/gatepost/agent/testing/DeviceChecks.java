package org.gatepost.agent.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.Function;
import org.gatepost.agent.device.Device;
import org.gatepost.agent.device.DeviceHealth;
import org.gatepost.agent.device.DeviceHealth.State;
import org.gatepost.agent.device.serial.MemorySerialLink;

/** Checks every serial driver's tests make the same way: its listener contract and its close contract. */
public final class DeviceChecks {
    private DeviceChecks() {}

    /** Starts {@code device} on {@code links}; returns the device end once the device reports CONNECTED. */
    public static MemorySerialLink startAndAwaitConnected(Device device, PluggableLinks links, Duration timeout)
            throws InterruptedException {
        device.start();
        MemorySerialLink deviceEnd = links.nextDeviceEnd(timeout);
        Await.until("CONNECTED", timeout, () -> device.health().state() == State.CONNECTED, device::health);
        return deviceEnd;
    }

    /** Waits until {@code device} reports that opening its link failed ({@code lastError} "open-failed"). */
    public static void awaitOpenFailed(Device device, Duration timeout) {
        Await.until(
                "a failed open",
                timeout,
                () -> "open-failed".equals(device.health().lastError()),
                device::health);
    }

    /**
     * Unplugs {@code links}, waits until {@code device} reports DISCONNECTED, plugs them in again and returns the
     * device end of the link the device opens next.
     */
    public static MemorySerialLink unplugAndReplug(Device device, PluggableLinks links, Duration timeout)
            throws InterruptedException {
        links.unplug();
        Await.until("DISCONNECTED", timeout, () -> device.health().state() == State.DISCONNECTED, device::health);
        links.plugIn();
        return links.nextDeviceEnd(timeout);
    }

    /**
     * Starts {@code device} with {@code links} unplugged, waits until an open has failed and asserts it
     * DISCONNECTED; then plugs them in and returns the device end of the link the device opens.
     */
    public static MemorySerialLink startUnpluggedUntilAnOpenFails(Device device, PluggableLinks links, Duration timeout)
            throws InterruptedException {
        links.unplug();
        device.start();
        awaitOpenFailed(device, timeout);
        assertEquals(State.DISCONNECTED, device.health().state());
        links.plugIn();
        return links.nextDeviceEnd(timeout);
    }

    /** The next value a listener put in {@code delivered}; fails naming {@code what} if none comes in time. */
    public static <T> T next(BlockingQueue<T> delivered, Duration timeout, String what) throws InterruptedException {
        T value = delivered.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
        assertNotNull(value, "no " + what + " within " + timeout);
        return value;
    }

    /** A listener that hands each value to {@code sink} and then throws on the first call only: a listener bug. */
    public static <T> Consumer<T> throwingOnFirstCall(Consumer<T> sink) {
        AtomicInteger calls = new AtomicInteger();
        return value -> {
            sink.accept(value);
            if (calls.incrementAndGet() == 1) {
                throw new IllegalStateException("listener bug");
            }
        };
    }

    /**
     * Asserts the health after one frame, an unplug, a replug and one more frame: CONNECTED, one reconnect, both
     * frames counted, and the link opened twice.
     */
    public static void assertOneFrameEachSideOfOneReconnect(Device device, PluggableLinks links) {
        DeviceHealth health = device.health();
        assertEquals(State.CONNECTED, health.state());
        assertEquals(1, health.reconnects());
        assertEquals(2, health.frames());
        assertEquals(2, links.opens());
    }

    /**
     * Starts the driver {@code named} makes, under a name unique to this call, on {@code links}, waits for its
     * link, then {@linkplain #assertCloseIsFinalAndIdempotent(Device, String, MemorySerialLink) closes it twice
     * and checks the close}.
     */
    public static void assertCloseIsFinalAndIdempotent(
            Function<String, ? extends Device> named, String prefix, PluggableLinks links) throws Exception {
        String name = prefix + "-close-" + System.nanoTime();
        Device own = named.apply(name);
        own.start();
        assertCloseIsFinalAndIdempotent(own, name, links.nextDeviceEnd(Await.DEFAULT_TIMEOUT));
    }

    /**
     * Closes {@code device} twice and asserts that the close is complete and idempotent: the host end of
     * {@code deviceEnd} is closed, no thread named {@code name + "-reader"} is left, the health says
     * DISCONNECTED and the device cannot be started again.
     */
    public static void assertCloseIsFinalAndIdempotent(Device device, String name, MemorySerialLink deviceEnd)
            throws Exception {
        device.close();
        device.close();

        assertThrows(IOException.class, () -> deviceEnd.read(new byte[1], 0, 1), "the host end was closed");
        assertTrue(
                Thread.getAllStackTraces().keySet().stream()
                        .noneMatch(t -> t.getName().equals(name + "-reader")),
                "reader thread still running");
        assertEquals(State.DISCONNECTED, device.health().state());
        assertThrows(IllegalStateException.class, device::start);
    }
}
