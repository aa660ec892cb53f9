package org.gatepost.hub.store;

import java.time.Instant;

/**
 * The current version of one published list.
 *
 * @param list        {@code residents}, {@code quarantine}, {@code blocked}, {@code badges} or {@code policy}
 * @param version     1 for the first, one more with every replacement
 * @param publishedAt when this version was made
 * @param items       how many items it has
 */
public record ListVersion(String list, long version, Instant publishedAt, long items) {}
