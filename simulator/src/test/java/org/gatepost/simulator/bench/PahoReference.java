package org.gatepost.simulator.bench;

import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.eclipse.paho.client.mqttv3.IMqttActionListener;
import org.eclipse.paho.client.mqttv3.IMqttToken;
import org.eclipse.paho.client.mqttv3.MqttAsyncClient;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;

/**
 * Figure 2's reference: bare Paho QoS 1 publishers sending one message per entry, timed from the first publish
 * to the last PUBACK, on a topic nobody subscribes to (the broker only has to accept). The blocking one is the
 * plain way to publish an outbox with Paho ({@link MqttClient#publish} returns once the broker acknowledged);
 * the pipelined one keeps {@value #WINDOW} messages awaiting their PUBACK (the most the agent's own window may
 * be configured to) and shows what the broker alone can take.
 */
final class PahoReference {
    static final int WINDOW = 100;

    /** Messages per second of each publisher. */
    record Rates(double blocking, double pipelined) {}

    private PahoReference() {}

    static Rates measure(String url, String topic, List<byte[]> payloads) throws MqttException, InterruptedException {
        return new Rates(blocking(url, topic, payloads), pipelined(url, topic, payloads));
    }

    private static double blocking(String url, String topic, List<byte[]> payloads) throws MqttException {
        MqttClient client = new MqttClient(url, "bench-paho-blocking", new MemoryPersistence());
        MqttConnectOptions o = new MqttConnectOptions();
        o.setCleanSession(true);
        o.setMaxInflight(WINDOW); // one is ever in flight; room for Paho's late bookkeeping (see below)
        client.connect(o);
        try {
            long t0 = System.nanoTime();
            for (byte[] p : payloads) {
                while (true) {
                    try {
                        client.publish(topic, p, 1, false);
                        break;
                    } catch (MqttException e) {
                        if (e.getReasonCode() != MqttException.REASON_CODE_MAX_INFLIGHT) {
                            throw e;
                        }
                        Thread.onSpinWait(); // Paho 1.2.5 may count a message in flight after its PUBACK returned
                    }
                }
            }
            return payloads.size() / ((System.nanoTime() - t0) / 1e9);
        } finally {
            client.disconnect();
            client.close();
        }
    }

    private static double pipelined(String url, String topic, List<byte[]> payloads)
            throws MqttException, InterruptedException {
        MqttAsyncClient client = new MqttAsyncClient(url, "bench-paho-pipelined", new MemoryPersistence());
        MqttConnectOptions o = new MqttConnectOptions();
        o.setCleanSession(true);
        o.setMaxInflight(2 * WINDOW); // Paho frees a slot only after the success callback that frees ours
        client.connect(o).waitForCompletion(10_000);
        Semaphore window = new Semaphore(WINDOW);
        CountDownLatch all = new CountDownLatch(payloads.size());
        AtomicReference<Throwable> failure = new AtomicReference<>();
        IMqttActionListener acked = new IMqttActionListener() {
            @Override
            public void onSuccess(IMqttToken token) {
                window.release();
                all.countDown();
            }

            @Override
            public void onFailure(IMqttToken token, Throwable e) {
                failure.compareAndSet(null, e);
                window.release();
                all.countDown();
            }
        };
        try {
            long t0 = System.nanoTime();
            for (byte[] p : payloads) {
                window.acquire();
                while (true) {
                    try {
                        client.publish(topic, p, 1, false, null, acked);
                        break;
                    } catch (MqttException e) {
                        if (e.getReasonCode() != MqttException.REASON_CODE_MAX_INFLIGHT) {
                            throw e;
                        }
                        Thread.onSpinWait(); // as above: Paho's count lags its callbacks
                    }
                }
            }
            if (!all.await(10, TimeUnit.MINUTES)) {
                throw new IllegalStateException("reference publisher timed out");
            }
            long nanos = System.nanoTime() - t0;
            if (failure.get() != null) {
                throw new IllegalStateException("reference publish failed", failure.get());
            }
            return payloads.size() / (nanos / 1e9);
        } finally {
            client.disconnect().waitForCompletion(5_000);
            client.close();
        }
    }
}
