package org.gatepost.hub.lists;

/** Topic names of the lists the hub publishes ({@code docs/mqtt.md}, Lists). Stateless. */
public final class ListTopics {
    public static final String ROOT = "gatepost/v1/hub/lists/";
    public static final String MANIFEST = ROOT + "manifest";

    private ListTopics() {}

    /** {@code gatepost/v1/hub/lists/{list}/{part}}, part counted from 1. */
    public static String part(ListKind kind, int part) {
        return ROOT + kind.wire() + "/" + part;
    }
}
