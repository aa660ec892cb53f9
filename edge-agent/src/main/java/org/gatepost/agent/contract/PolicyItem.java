package org.gatepost.agent.contract;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads the one item of the {@code policy} list ({@code docs/mqtt.md}, Lists, policy) into a {@link ListPolicy}. */
public final class PolicyItem {
    static final double MIN_THRESHOLD_C = 35.0;
    static final double MAX_THRESHOLD_C = 42.0;
    static final int MAX_REST_S = 3600;
    static final int MAX_QUOTA_COUNT = 100;
    /** More windows than a day can sensibly hold; bounds the work of one check. */
    static final int MAX_WINDOWS = 48;

    private static final Pattern WINDOW = Pattern.compile("(\\d\\d):(\\d\\d)-(\\d\\d):(\\d\\d)");

    private PolicyItem() {}

    public static ListPolicy parse(ItemFields f) throws ItemFields.Problem {
        double threshold = f.number("threshold_c", MIN_THRESHOLD_C, MAX_THRESHOLD_C);
        ListPolicy.Enforcement enforcement = "hard".equals(f.word("enforcement", "hard", "soft"))
                ? ListPolicy.Enforcement.HARD
                : ListPolicy.Enforcement.SOFT;
        boolean measureOnly = f.bool("measure_only");
        ListPolicy.Mask mask = "must-wear".equals(f.word("mask", "must-wear", "reminder"))
                ? ListPolicy.Mask.MUST_WEAR
                : ListPolicy.Mask.REMINDER;
        int rest = f.integer("retest_rest_s", 0, MAX_REST_S);
        int duplicate = f.integer("duplicate_window_s", 0, MAX_REST_S);
        if (f.node("exit_quota") == null) {
            throw new ItemFields.Problem("exit_quota: missing");
        }
        Optional<ListPolicy.ExitQuota> quota =
                f.has("exit_quota") ? Optional.of(quota(f.node("exit_quota"))) : Optional.empty();
        return new ListPolicy(
                threshold,
                enforcement,
                measureOnly,
                mask,
                Duration.ofSeconds(rest),
                Duration.ofSeconds(duplicate),
                quota);
    }

    private static ListPolicy.ExitQuota quota(JsonNode node) throws ItemFields.Problem {
        ItemFields q;
        try {
            q = ItemFields.of(node);
        } catch (ItemFields.Problem p) {
            throw new ItemFields.Problem("exit_quota: must be null or an object");
        }
        try {
            ListPolicy.ExitQuota.Per per = "person".equals(q.word("per", "person", "household"))
                    ? ListPolicy.ExitQuota.Per.PERSON
                    : ListPolicy.ExitQuota.Per.HOUSEHOLD;
            int count = q.integer("count", 1, MAX_QUOTA_COUNT);
            ListPolicy.ExitQuota.Period period = "day".equals(q.word("period", "day", "week"))
                    ? ListPolicy.ExitQuota.Period.DAY
                    : ListPolicy.ExitQuota.Period.WEEK;
            return new ListPolicy.ExitQuota(per, count, period, windows(q.node("windows")));
        } catch (ItemFields.Problem p) {
            throw new ItemFields.Problem("exit_quota." + p.getMessage());
        }
    }

    private static List<ListPolicy.Window> windows(JsonNode node) throws ItemFields.Problem {
        if (node == null || !node.isArray()) {
            throw new ItemFields.Problem("windows: must be an array");
        }
        if (node.size() > MAX_WINDOWS) {
            throw new ItemFields.Problem("windows: more than " + MAX_WINDOWS);
        }
        List<ListPolicy.Window> out = new ArrayList<>();
        for (int i = 0; i < node.size(); i++) {
            JsonNode w = node.get(i);
            Matcher m = w.isTextual() ? WINDOW.matcher(w.textValue()) : null;
            if (m == null || !m.matches()) {
                throw new ItemFields.Problem("windows[" + i + "]: must be HH:MM-HH:MM");
            }
            int start = minute(m.group(1), m.group(2));
            int end = minute(m.group(3), m.group(4));
            if (start < 0 || start >= 1440 || end < 0 || start >= end) {
                throw new ItemFields.Problem("windows[" + i + "]: must be 00:00..24:00 with start before end");
            }
            out.add(new ListPolicy.Window(start, end));
        }
        return out;
    }

    /** Minutes after midnight; 24:00 is 1440; -1 for an impossible time. */
    private static int minute(String hh, String mm) {
        int h = Integer.parseInt(hh);
        int m = Integer.parseInt(mm);
        if (h == 24 && m == 0) {
            return 1440;
        }
        if (h > 23 || m > 59) {
            return -1;
        }
        return h * 60 + m;
    }
}
