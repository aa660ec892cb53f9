package org.gatepost.agent.device.modbus;

/**
 * An exchange produced no usable reply from the addressed slave. {@link #reason()} is a kebab-case token for
 * logs and counters: {@code timeout}, {@code truncated}, {@code bad-crc} or {@code wrong-slave}.
 */
final class ModbusReplyException extends Exception {
    private final String reason;

    ModbusReplyException(String reason) {
        super(reason, null, false, false);
        this.reason = reason;
    }

    String reason() {
        return reason;
    }
}
