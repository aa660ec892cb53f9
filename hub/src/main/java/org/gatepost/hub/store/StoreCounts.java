package org.gatepost.hub.store;

/** Row counts for the health endpoint. {@code openAlerts}: neither resolved nor acknowledged. */
public record StoreCounts(long gates, long entries, long alerts, long openAlerts, long deadLetters) {}
