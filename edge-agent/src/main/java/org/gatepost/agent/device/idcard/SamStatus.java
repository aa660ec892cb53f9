package org.gatepost.agent.device.idcard;

import java.util.Optional;

/**
 * SAM status codes (SW3 of a response) with their meaning. Spec values from the reader SDKs; see
 * {@code docs/protocols/id-card-sam.md}.
 */
public enum SamStatus {
    SUCCESS(0x90, "success"),
    NO_CONTENT(0x91, "card has no content for this item"),
    FIND_SUCCESS(0x9F, "find card success"),
    FIND_FAILED(0x80, "find card failed (no card)"),
    SELECT_FAILED(0x81, "select card failed"),
    READ_FAILED(0x41, "read card failed"),
    CHECKSUM_ERROR(0x10, "received data checksum error"),
    LENGTH_ERROR(0x11, "received data length error"),
    COMMAND_ERROR(0x21, "received command error"),
    NOT_PERMITTED(0x23, "operation not permitted"),
    UNRECOGNISED_ERROR(0x24, "unrecognised error"),
    CARD_AUTH_FAILED(0x31, "card failed to authenticate the SAM"),
    SAM_AUTH_FAILED(0x32, "SAM failed to authenticate the card"),
    VERIFY_ERROR(0x33, "information verification error"),
    CARD_NOT_FOUND_YET(0x34, "card not found yet, operation not possible"),
    UNKNOWN_CARD_TYPE(0x40, "unrecognised card type"),
    RANDOM_FAILED(0x47, "get-random-number failed"),
    WRITE_FAILED(0x50, "write card failed"),
    SELF_TEST_FAILED(0x60, "SAM self-test failed, cannot accept commands"),
    LOGIN_FAILED(0x61, "user login failed"),
    NOT_AUTHORISED(0x66, "SAM not authorised");

    private final int code;
    private final String description;

    SamStatus(int code, String description) {
        this.code = code;
        this.description = description;
    }

    public int code() {
        return code;
    }

    public String description() {
        return description;
    }

    public static Optional<SamStatus> of(int code) {
        for (SamStatus s : values()) {
            if (s.code == code) {
                return Optional.of(s);
            }
        }
        return Optional.empty();
    }

    /** The description of {@code code}, or {@code unknown status 0xNN}. */
    public static String describe(int code) {
        return of(code).map(SamStatus::description).orElse(String.format("unknown status 0x%02X", code & 0xFF));
    }
}
