package org.gatepost.simulator.thermometer;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.gatepost.agent.device.TemperatureReading;
import org.gatepost.agent.testing.Await;

/**
 * Collects a thermometer driver's readings (delivered on its reader or poller thread) and waits for particular
 * values; the serial and the Modbus thermometer's tests share it.
 */
public final class Readings implements Consumer<TemperatureReading> {
    private final List<TemperatureReading> all = new CopyOnWriteArrayList<>();

    @Override
    public void accept(TemperatureReading reading) {
        all.add(reading);
    }

    /**
     * Waits for a reading with these temperatures (to 0.005 °C; NaN matches NaN) at index {@code from} or
     * later; returns its index.
     */
    public int await(double objectC, double ambientC, int from, Duration timeout) {
        int[] found = {-1};
        Await.until(
                "a reading of object " + objectC + " °C, ambient " + ambientC + " °C; have " + all.size(),
                timeout,
                () -> {
                    for (int i = from; i < all.size(); i++) {
                        if (close(all.get(i).objectC(), objectC)
                                && close(all.get(i).ambientC(), ambientC)) {
                            found[0] = i;
                            return true;
                        }
                    }
                    return false;
                });
        return found[0];
    }

    public int size() {
        return all.size();
    }

    public List<TemperatureReading> since(int from) {
        return List.copyOf(all.subList(from, all.size()));
    }

    private static boolean close(double actual, double expected) {
        return Double.isNaN(expected) ? Double.isNaN(actual) : Math.abs(actual - expected) < 0.005;
    }
}
