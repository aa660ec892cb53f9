package org.gatepost.hub.lists;

import org.gatepost.hub.contract.InvalidFieldException;

/** A policy document breaks a rule of {@code docs/mqtt.md} (Lists, policy); {@link #field()} names where. */
public final class InvalidPolicyException extends InvalidFieldException {
    public InvalidPolicyException(String field, String message) {
        super(field, message);
    }
}
