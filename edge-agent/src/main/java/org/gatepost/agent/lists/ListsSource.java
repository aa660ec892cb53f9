package org.gatepost.agent.lists;

/** Where the checkpoint reads the lists it decides with. Thread safe; never blocks; never returns null. */
@FunctionalInterface
public interface ListsSource {
    /** The lists in force now ({@link GateLists#NONE} until any arrived). */
    GateLists current();
}
