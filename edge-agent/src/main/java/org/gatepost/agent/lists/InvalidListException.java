package org.gatepost.agent.lists;

/**
 * A list version that must not be applied: an item that breaks {@code docs/mqtt.md} (Lists, Items), a duplicate
 * key, or a wrong item count. The message names the list, version, item index and the problem, never a value
 * from the item (items carry names and hashes of people), so it may be logged as is.
 */
public final class InvalidListException extends Exception {
    private final String list;
    private final long version;
    private final int item;
    private final String problem;

    /** @param item the 0-based index of the bad item, or -1 when the problem is not one item's */
    public InvalidListException(String list, long version, int item, String problem) {
        super("list=" + list + " version=" + version + (item >= 0 ? " item=" + item : "") + " problem=\"" + problem
                + "\"");
        this.list = list;
        this.version = version;
        this.item = item;
        this.problem = problem;
    }

    public String list() {
        return list;
    }

    public long version() {
        return version;
    }

    /** The 0-based index of the bad item over all parts, or -1. */
    public int item() {
        return item;
    }

    public String problem() {
        return problem;
    }
}
