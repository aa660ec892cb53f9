package org.gatepost.hub.mqtt;

import java.util.List;
import org.gatepost.hub.contract.Topics;

/**
 * What the hub's two MQTT sessions (live and bulk, docs/mqtt.md) subscribe to, and whether their sessions are
 * persistent. Immutable.
 *
 * <ul>
 *   <li>{@link #single()}: one hub (SQLite, or the embedded broker): persistent sessions ({@code cleanSession=false})
 *   on the plain filters, so the broker queues the gates' messages while the hub restarts; the live session drops
 *   the batch filter an older hub subscribed it to.</li>
 *   <li>{@link #shared(String)}: one of several hub instances on one PostgreSQL: every filter as the shared
 *   subscription {@code $share/<group>/<filter>}, so the broker hands each message to one instance of the group,
 *   and clean sessions, so nothing waits at the broker for an instance that died: what was in flight to it is
 *   never acknowledged (the hub acknowledges only after its commit) and the gates send it again
 *   (docs/reliability.md).</li>
 * </ul>
 *
 * @param cleanSession whether both sessions are clean ({@code cleanSession=true})
 * @param live         the live session's filters
 * @param liveDropped  filters the live session unsubscribes after subscribing (left over in a persistent session)
 * @param bulk         the bulk session's filters
 */
public record HubSubscriptions(boolean cleanSession, List<String> live, List<String> liveDropped, List<String> bulk) {
    public static final String SHARE_PREFIX = "$share/";

    public HubSubscriptions {
        live = List.copyOf(live);
        liveDropped = List.copyOf(liveDropped);
        bulk = List.copyOf(bulk);
    }

    public static HubSubscriptions single() {
        return new HubSubscriptions(
                false, Topics.HUB_LIVE_SUBSCRIPTIONS, Topics.HUB_BULK_SUBSCRIPTIONS, Topics.HUB_BULK_SUBSCRIPTIONS);
    }

    /** {@code group} is a valid share name (no '/', '+', '#'; checked by the configuration). */
    public static HubSubscriptions shared(String group) {
        return new HubSubscriptions(
                true,
                share(group, Topics.HUB_LIVE_SUBSCRIPTIONS),
                List.of(),
                share(group, Topics.HUB_BULK_SUBSCRIPTIONS));
    }

    /** {@code $share/<group>/<filter>} for each filter. */
    static List<String> share(String group, List<String> filters) {
        return filters.stream().map(f -> SHARE_PREFIX + group + "/" + f).toList();
    }
}
