package org.gatepost.simulator.bench;

import java.util.List;

/** The figures as a plain-text table for the terminal: value, target, whether it is met, reference, ratio. */
final class FigureTable {
    private FigureTable() {}

    static String text(List<Figure> figures) {
        StringBuilder b = new StringBuilder();
        b.append(String.format(
                "%-4s %-50s %18s %-22s %-4s %12s  %s%n",
                "#", "figure", "value", "target", "met", "ratio", "reference (same run)"));
        for (Figure f : figures) {
            b.append(String.format(
                    "%-4s %-50s %18s %-22s %-4s %12s  %s%n",
                    f.id(),
                    cut(f.title(), 50),
                    f.valueText(),
                    f.target() == null ? "-" : f.target().text(),
                    f.meets(),
                    f.ratioText(),
                    f.referenceText()));
        }
        return b.toString();
    }

    private static String cut(String s, int n) {
        return s.length() <= n ? s : s.substring(0, n - 1) + "…";
    }
}
