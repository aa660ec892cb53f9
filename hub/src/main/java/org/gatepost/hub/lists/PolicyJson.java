package org.gatepost.hub.lists;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** The policy item as JSON ({@code docs/mqtt.md}, Lists, policy), both ways. Strict: unknown fields are refused. */
public final class PolicyJson {
    private static final Set<String> FIELDS = Set.of(
            "threshold_c", "enforcement", "measure_only", "mask", "retest_rest_s", "duplicate_window_s", "exit_quota");
    private static final Set<String> QUOTA_FIELDS = Set.of("per", "count", "period", "windows");

    private PolicyJson() {}

    public static ObjectNode write(Policy p) {
        ObjectNode n = JsonNodeFactory.instance.objectNode();
        n.put("threshold_c", p.thresholdC());
        n.put("enforcement", p.enforcement());
        n.put("measure_only", p.measureOnly());
        n.put("mask", p.mask());
        n.put("retest_rest_s", p.retestRestS());
        n.put("duplicate_window_s", p.duplicateWindowS());
        if (p.exitQuota().isEmpty()) {
            n.putNull("exit_quota");
        } else {
            Policy.ExitQuota q = p.exitQuota().get();
            ObjectNode o = n.putObject("exit_quota");
            o.put("per", q.per());
            o.put("count", q.count());
            o.put("period", q.period());
            q.windows().forEach(o.putArray("windows")::add);
        }
        return n;
    }

    /** Every field is required ({@code exit_quota} may be null). */
    public static Policy read(JsonNode n) throws InvalidPolicyException {
        if (n == null || !n.isObject()) {
            throw new InvalidPolicyException("policy", "must be a JSON object");
        }
        known(n, FIELDS, "");
        double threshold = number(n, "threshold_c", "threshold_c");
        String enforcement = text(n, "enforcement", "enforcement");
        boolean measureOnly = bool(n, "measure_only");
        String mask = text(n, "mask", "mask");
        int retest = integer(n, "retest_rest_s", "retest_rest_s");
        int duplicate = integer(n, "duplicate_window_s", "duplicate_window_s");
        JsonNode q = n.get("exit_quota");
        if (q == null) {
            throw new InvalidPolicyException("exit_quota", "is required (null for no quota)");
        }
        Optional<Policy.ExitQuota> quota = q.isNull() ? Optional.empty() : Optional.of(quota(q));
        try {
            return new Policy(threshold, enforcement, measureOnly, mask, retest, duplicate, quota);
        } catch (IllegalArgumentException e) {
            throw rule(e);
        }
    }

    private static Policy.ExitQuota quota(JsonNode q) throws InvalidPolicyException {
        if (!q.isObject()) {
            throw new InvalidPolicyException("exit_quota", "must be an object or null");
        }
        known(q, QUOTA_FIELDS, "exit_quota.");
        JsonNode w = q.get("windows");
        if (w == null || !w.isArray()) {
            throw new InvalidPolicyException("exit_quota.windows", "must be an array of HH:MM-HH:MM (may be empty)");
        }
        List<String> windows = new ArrayList<>();
        for (int i = 0; i < w.size(); i++) {
            if (!w.get(i).isTextual()) {
                throw new InvalidPolicyException("exit_quota.windows[" + i + "]", "must be a string");
            }
            windows.add(w.get(i).textValue());
        }
        try {
            return new Policy.ExitQuota(
                    text(q, "per", "exit_quota.per"),
                    integer(q, "count", "exit_quota.count"),
                    text(q, "period", "exit_quota.period"),
                    windows);
        } catch (IllegalArgumentException e) {
            throw rule(e);
        }
    }

    private static InvalidPolicyException rule(IllegalArgumentException e) {
        String m = e.getMessage();
        int colon = m.indexOf(": ");
        return new InvalidPolicyException(m.substring(0, colon), m.substring(colon + 2));
    }

    private static void known(JsonNode n, Set<String> allowed, String prefix) throws InvalidPolicyException {
        for (Iterator<String> it = n.fieldNames(); it.hasNext(); ) {
            String f = it.next();
            if (!allowed.contains(f)) {
                throw new InvalidPolicyException(prefix + (f.length() > 40 ? f.substring(0, 40) : f), "unknown field");
            }
        }
    }

    private static double number(JsonNode n, String name, String field) throws InvalidPolicyException {
        JsonNode v = n.get(name);
        if (v == null || !v.isNumber()) {
            throw new InvalidPolicyException(field, "must be a number");
        }
        return v.doubleValue();
    }

    private static int integer(JsonNode n, String name, String field) throws InvalidPolicyException {
        JsonNode v = n.get(name);
        if (v == null || !v.canConvertToInt() || !v.isIntegralNumber()) {
            throw new InvalidPolicyException(field, "must be an integer");
        }
        return v.intValue();
    }

    private static String text(JsonNode n, String name, String field) throws InvalidPolicyException {
        JsonNode v = n.get(name);
        if (v == null || !v.isTextual()) {
            throw new InvalidPolicyException(field, "must be a string");
        }
        return v.textValue();
    }

    private static boolean bool(JsonNode n, String name) throws InvalidPolicyException {
        JsonNode v = n.get(name);
        if (v == null || !v.isBoolean()) {
            throw new InvalidPolicyException(name, "must be true or false");
        }
        return v.booleanValue();
    }
}
