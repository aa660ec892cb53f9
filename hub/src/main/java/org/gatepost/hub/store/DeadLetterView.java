package org.gatepost.hub.store;

import java.time.Instant;

/**
 * A stored dead letter for display.
 *
 * @param payloadPreview the first {@link HubStore#DEAD_LETTER_PREVIEW_CHARS} characters of the stored (already
 *                       bounded and redacted) payload text
 * @param payloadBytes   size of the original payload in bytes
 */
public record DeadLetterView(
        long id, String topic, String reason, Instant receivedAt, String payloadPreview, long payloadBytes) {}
