package org.gatepost.simulator.thermometer;

import org.gatepost.agent.testing.Await;
import org.gatepost.agent.device.TemperatureReading;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/** Collects a driver's readings (the listener runs on the driver's thread) and waits for particular values. */
final class Readings implements Consumer<TemperatureReading> {
    private final List<TemperatureReading> all = new CopyOnWriteArrayList<>();

    @Override
    public void accept(TemperatureReading reading) {
        all.add(reading);
    }

    /** Waits for a reading with these temperatures (to 0.01 °C) at index {@code from} or later; returns its index. */
    int awaitReading(double objectC, double ambientC, int from, Duration timeout) {
        int[] found = {-1};
        Await.until("a reading of object " + objectC + " °C, ambient " + ambientC + " °C", timeout, () -> {
            for (int i = from; i < all.size(); i++) {
                TemperatureReading r = all.get(i);
                if (Math.abs(r.objectC() - objectC) < 0.005 && Math.abs(r.ambientC() - ambientC) < 0.005) {
                    found[0] = i;
                    return true;
                }
            }
            return false;
        });
        return found[0];
    }

    int size() {
        return all.size();
    }

    int count() {
        return all.size();
    }

    List<TemperatureReading> since(int from) {
        return List.copyOf(all.subList(from, all.size()));
    }
}
