package org.gatepost.hub.lists;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.gatepost.hub.store.StoreException;

/** Takes an import's valid items one at a time, in file order, so they need not all be held. */
@FunctionalInterface
public interface ItemSink {
    void accept(ObjectNode item) throws StoreException;
}
