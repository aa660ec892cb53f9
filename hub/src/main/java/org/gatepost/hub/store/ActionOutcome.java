package org.gatepost.hub.store;

/** What became of an acknowledge or resolve request. Only {@link #DONE} wrote anything. */
public enum ActionOutcome {
    DONE,
    NO_SUCH_ALERT,
    ALREADY_ACKNOWLEDGED,
    ALREADY_RESOLVED
}
