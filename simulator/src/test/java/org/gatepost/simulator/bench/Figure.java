package org.gatepost.simulator.bench;

import java.util.Locale;
import java.util.Objects;

/**
 * One measured figure of the benchmark suite, with its target (if the issue set one) and the reference it is
 * compared with, measured in the same run.
 *
 * @param id        short stable key, e.g. {@code 1b}; the smoke test checks that each expected one is present
 * @param title     what was measured, for the report
 * @param value     the measurement, in {@code unit}
 * @param unit      e.g. {@code ms}, {@code entries/s}, {@code MB}
 * @param target    the goal, or null when there is none
 * @param reference what the value is compared with, or null
 * @param detail    how it was measured (sample size, conditions), for the report
 */
public record Figure(
        String id, String title, double value, String unit, Target target, Reference reference, String detail) {

    /**
     * A goal: {@code value} must be at most (or at least) {@code bound}; with {@code aboveReference} it must
     * also exceed the reference.
     */
    public record Target(boolean atMost, double bound, boolean aboveReference, String text) {
        public static Target atMost(double bound, String text) {
            return new Target(true, bound, false, text);
        }

        public static Target atLeast(double bound, String text) {
            return new Target(false, bound, false, text);
        }

        public static Target atLeastAndAboveReference(double bound, String text) {
            return new Target(false, bound, true, text);
        }

        boolean met(double value, Reference reference) {
            boolean bounded = atMost ? value <= bound : value >= bound;
            return bounded && (!aboveReference || reference != null && value > reference.value());
        }
    }

    /** A reference measured in the same run; the figure's ratio is {@code value / reference.value}. */
    public record Reference(String label, double value, String unit) {
        public Reference {
            Objects.requireNonNull(label, "label");
            Objects.requireNonNull(unit, "unit");
        }
    }

    public Figure {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(unit, "unit");
        detail = detail == null ? "" : detail;
    }

    /**
     * Whether the value is a usable measurement: finite and above zero (bytes allocated, unit {@code B}, may be
     * zero), and so is the reference.
     */
    public boolean sane() {
        boolean valueOk = Double.isFinite(value) && (value > 0 || value == 0 && unit.equals("B"));
        return valueOk && (reference == null || Double.isFinite(reference.value()) && reference.value() > 0);
    }

    /** {@code value / reference}; NaN without a reference. */
    public double ratio() {
        return reference == null || reference.value() == 0 ? Double.NaN : value / reference.value();
    }

    /** "yes", "no", or "-" without a target. */
    public String meets() {
        if (target == null) {
            return "-";
        }
        return target.met(value, reference) ? "yes" : "no";
    }

    public String valueText() {
        return number(value) + " " + unit;
    }

    public String referenceText() {
        return reference == null ? "-" : reference.label() + ": " + number(reference.value()) + " " + reference.unit();
    }

    public String ratioText() {
        double r = ratio();
        if (Double.isNaN(r)) {
            return "-";
        }
        return r >= 100 ? String.format(Locale.ROOT, "%,.0f×", r) : String.format(Locale.ROOT, "%.2f×", r);
    }

    /** A number with a precision that suits its size. */
    static String number(double v) {
        if (!Double.isFinite(v)) {
            return String.valueOf(v);
        }
        double a = Math.abs(v);
        if (a >= 1000) {
            return String.format(Locale.ROOT, "%,.0f", v);
        }
        if (a >= 100) {
            return String.format(Locale.ROOT, "%.0f", v);
        }
        if (a >= 10) {
            return String.format(Locale.ROOT, "%.1f", v);
        }
        if (a >= 1) {
            return String.format(Locale.ROOT, "%.2f", v);
        }
        return String.format(Locale.ROOT, "%.3g", v);
    }
}
