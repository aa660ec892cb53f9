package org.gatepost.hub.store;

import java.util.List;

/** A list's current version with its items as compact JSON text, in list order. */
public record StoredList(ListVersion version, List<String> items) {
    public StoredList {
        items = List.copyOf(items);
    }
}
