package org.gatepost.simulator.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Writes the measured part of {@code docs/performance.md}: the machine, the command, and the table of figures.
 * Only the text between {@link #BEGIN} and {@link #END} is replaced, so the analysis written around it by hand
 * survives a new run; a file without the markers gets the section appended.
 */
final class PerformanceReport {
    static final String BEGIN = "<!-- bench:begin (written by ./gatepost bench; edit outside these markers) -->";
    static final String END = "<!-- bench:end -->";

    private PerformanceReport() {}

    static void write(
            Path file, List<Figure> figures, Map<String, String> machine, String command, Scale scale, double seconds)
            throws IOException {
        String section = section(figures, machine, command, scale, seconds);
        String text = Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8) : "# Performance\n\n";
        int b = text.indexOf(BEGIN);
        int e = text.indexOf(END);
        String updated = b >= 0 && e > b
                ? text.substring(0, b) + section + text.substring(e + END.length())
                : text + (text.endsWith("\n") ? "\n" : "\n\n") + section + "\n";
        Files.writeString(file, updated, StandardCharsets.UTF_8);
    }

    static String section(
            List<Figure> figures, Map<String, String> machine, String command, Scale scale, double seconds) {
        StringBuilder b = new StringBuilder(BEGIN).append("\n\n");
        b.append(String.format(
                Locale.ROOT,
                "Measured %s with `%s` (scale `%s`, %.0f s).%n%n",
                Instant.now().truncatedTo(ChronoUnit.SECONDS),
                command,
                scale.name(),
                seconds));
        b.append("| Machine | |\n| --- | --- |\n");
        machine.forEach(
                (k, v) -> b.append("| ").append(k).append(" | ").append(cell(v)).append(" |\n"));
        b.append("\n| # | Figure | Value | Target | Met | Reference, measured in the same run | Ratio |\n");
        b.append("| --- | --- | ---: | --- | --- | --- | ---: |\n");
        for (Figure f : figures) {
            b.append("| ")
                    .append(f.id())
                    .append(" | ")
                    .append(cell(f.title()))
                    .append(" | ")
                    .append(f.valueText())
                    .append(" | ")
                    .append(f.target() == null ? "-" : cell(f.target().text()))
                    .append(" | ")
                    .append(f.meets())
                    .append(" | ")
                    .append(cell(f.referenceText()))
                    .append(" | ")
                    .append(f.ratioText())
                    .append(" |\n");
        }
        b.append("\nHow each was measured in this run:\n\n");
        for (Figure f : figures) {
            if (!f.detail().isEmpty()) {
                b.append("- **")
                        .append(f.id())
                        .append("** ")
                        .append(cell(f.detail()))
                        .append('\n');
            }
        }
        return b.append('\n').append(END).toString();
    }

    private static String cell(String s) {
        return s.replace("|", "\\|").replace("\n", " ");
    }
}
