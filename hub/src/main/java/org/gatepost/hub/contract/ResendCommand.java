package org.gatepost.hub.contract;

/**
 * The hub's request to a gate to publish the entries {@code from..to} (inclusive) of {@code epoch} again
 * ({@code gatepost/v1/gates/{gate}/commands}; see {@code docs/contract/command-resend.json}).
 *
 * @param id unique per request, for the logs of both sides
 */
public record ResendCommand(String gate, String id, String epoch, long from, long to) {
    public static final String COMMAND = "resend";

    public ResendCommand {
        if (from < 1 || to < from) {
            throw new IllegalArgumentException("resend range must be 1 <= from <= to, got " + from + ".." + to);
        }
    }

    /**
     * A request with the id {@code resend-{gate}-{epoch}-{from}-{to}} for the first attempt, with
     * {@code -{attempt}} appended for later attempts.
     */
    public static ResendCommand of(String gate, String epoch, long from, long to, int attempt) {
        String id = "resend-" + gate + "-" + epoch + "-" + from + "-" + to + (attempt > 1 ? "-" + attempt : "");
        return new ResendCommand(gate, id, epoch, from, to);
    }
}
