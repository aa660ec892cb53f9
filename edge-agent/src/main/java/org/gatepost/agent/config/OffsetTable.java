package org.gatepost.agent.config;

import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A calibration table of offsets by measuring distance, {@code thermometer.offset-table=10cm:0.89,30cm:1.36,50cm:2.41}
 * (the GY-MCU90614 figures of a Chinese screening SDK), and the distance the thermometer is mounted at,
 * {@code thermometer.distance=30cm}. Between rows the offset is interpolated linearly; outside the table the
 * nearest row applies.
 */
final class OffsetTable {
    private static final Pattern ROW = Pattern.compile("\\s*(\\d+(?:\\.\\d+)?)\\s*cm\\s*:\\s*(-?\\d+(?:\\.\\d+)?)\\s*");
    private static final Pattern DISTANCE = Pattern.compile("\\s*(\\d+(?:\\.\\d+)?)\\s*cm\\s*");

    private OffsetTable() {}

    /** The offset from the table at the configured distance, or {@code fallback} when no table is set. */
    static double offset(Properties2 c, double fallback) throws ConfigException {
        String table = c.string("thermometer.offset-table", null);
        String distance = c.string("thermometer.distance", null);
        if (table == null) {
            if (distance != null) {
                throw new ConfigException("thermometer.distance", "needs thermometer.offset-table");
            }
            return fallback;
        }
        if (c.string("thermometer.offset", null) != null) {
            throw new ConfigException("thermometer.offset-table", "set either thermometer.offset or a table, not both");
        }
        TreeMap<Double, Double> rows = new TreeMap<>();
        for (String row : table.split(",")) {
            Matcher m = ROW.matcher(row);
            if (!m.matches()) {
                throw new ConfigException(
                        "thermometer.offset-table", "rows look like 30cm:1.36, got '" + row.trim() + "'");
            }
            double off = Double.parseDouble(m.group(2));
            if (off < -5 || off > 5) {
                throw new ConfigException("thermometer.offset-table", "offset " + off + " is outside -5..5 °C");
            }
            rows.put(Double.parseDouble(m.group(1)), off);
        }
        if (distance == null) {
            throw new ConfigException("thermometer.distance", "is required with thermometer.offset-table (e.g. 30cm)");
        }
        Matcher d = DISTANCE.matcher(distance);
        if (!d.matches()) {
            throw new ConfigException("thermometer.distance", "must look like 30cm, got '" + distance + "'");
        }
        return interpolate(rows, Double.parseDouble(d.group(1)));
    }

    static double interpolate(TreeMap<Double, Double> rows, double x) {
        Map.Entry<Double, Double> lo = rows.floorEntry(x);
        Map.Entry<Double, Double> hi = rows.ceilingEntry(x);
        if (lo == null) {
            return hi.getValue();
        }
        if (hi == null || lo.getKey().equals(hi.getKey())) {
            return lo.getValue();
        }
        double f = (x - lo.getKey()) / (hi.getKey() - lo.getKey());
        return lo.getValue() + f * (hi.getValue() - lo.getValue());
    }
}
