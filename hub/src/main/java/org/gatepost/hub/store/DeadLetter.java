package org.gatepost.hub.store;

import java.time.Instant;

/**
 * A message the hub could not ingest, kept for an operator.
 *
 * @param payload      the payload as text, already bounded and redacted by the caller
 * @param payloadBytes the original payload size in bytes
 */
public record DeadLetter(String topic, String payload, long payloadBytes, String reason, Instant receivedAt) {}
