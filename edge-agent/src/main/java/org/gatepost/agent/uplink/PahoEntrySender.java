package org.gatepost.agent.uplink;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.eclipse.paho.client.mqttv3.IMqttActionListener;
import org.eclipse.paho.client.mqttv3.IMqttToken;
import org.eclipse.paho.client.mqttv3.MqttAsyncClient;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.MqttMessage;
import org.gatepost.agent.contract.BatchJson;
import org.gatepost.agent.contract.Topics;
import org.gatepost.agent.store.StoredEntry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link EntrySender} on Paho: single entries on the gate's {@code entries} topic, backlog batches on its
 * {@code batch} topic, QoS 1, not retained. Never blocks: Paho reports the PUBACK (or the failure) through an
 * action listener on its callback thread. Called from the pump thread only.
 */
final class PahoEntrySender implements EntrySender {
    private static final Logger log = LoggerFactory.getLogger(PahoEntrySender.class);
    private static final int QOS = 1;
    private final MqttAsyncClient client;
    private final String gate;
    private final String epoch;
    private final String entriesTopic;
    private final String batchTopic;

    PahoEntrySender(MqttAsyncClient client, String gate, String epoch) {
        this.client = client;
        this.gate = gate;
        this.epoch = epoch;
        this.entriesTopic = Topics.entries(gate);
        this.batchTopic = Topics.batch(gate);
    }

    @Override
    public Outcome send(StoredEntry entry, Delivery delivery) {
        return publish(entriesTopic, entry.payload(), entry.seq(), delivery);
    }

    @Override
    public Outcome sendBatch(List<StoredEntry> entries, Delivery delivery) {
        return publish(
                batchTopic,
                BatchJson.toJson(gate, epoch, BatchCut.payloads(entries)),
                entries.getFirst().seq(),
                delivery);
    }

    private Outcome publish(String topic, String payload, long firstSeq, Delivery delivery) {
        MqttMessage message = new MqttMessage(payload.getBytes(StandardCharsets.UTF_8));
        message.setQos(QOS);
        message.setRetained(false);
        try {
            client.publish(topic, message, null, new IMqttActionListener() {
                @Override
                public void onSuccess(IMqttToken token) {
                    delivery.delivered();
                }

                @Override
                public void onFailure(IMqttToken token, Throwable cause) {
                    delivery.failed(cause);
                }
            });
            return Outcome.SENT;
        } catch (MqttException e) {
            if (e.getReasonCode() == MqttException.REASON_CODE_MAX_INFLIGHT) {
                return Outcome.BUSY;
            }
            log.debug(
                    "event=uplink-publish-refused gate={} seq={} cause=\"{}\"", gate, firstSeq, MqttUplink.describe(e));
            return Outcome.NOT_CONNECTED;
        }
    }
}
