package org.gatepost.hub.auth;

import org.gatepost.hub.contract.InvalidFieldException;

/** An account request that breaks a rule (a bad name, role or password); names the field. */
public final class InvalidAccountException extends InvalidFieldException {
    public InvalidAccountException(String field, String problem) {
        super(field, problem);
    }
}
