package org.gatepost.simulator.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** What the figures were measured on, for the report: CPUs, memory, the disk under the working directory, software. */
final class Machine {
    private Machine() {}

    /** The 1, 5 and 15 minute load averages now ({@code /proc/loadavg}): other work on the machine shows here. */
    static String loadAverage() {
        String[] f = read(Path.of("/proc/loadavg")).split("\\s+");
        return f.length >= 3 ? f[0] + " " + f[1] + " " + f[2] : "?";
    }

    /** Ordered label → value pairs. */
    static Map<String, String> describe(Path workDir) {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("CPUs (nproc)", Integer.toString(Runtime.getRuntime().availableProcessors()));
        m.put("CPU model", firstValue(Path.of("/proc/cpuinfo"), "model name"));
        m.put("Memory", memory());
        m.put("Disk (working directory)", disk(workDir));
        m.put("OS kernel", read(Path.of("/proc/sys/kernel/osrelease")));
        m.put("JDK", System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version"));
        m.put("SQLite", sqliteVersion());
        m.put("Mosquitto", command("/usr/sbin/mosquitto", "-h"));
        return m;
    }

    private static String memory() {
        String kb = firstValue(Path.of("/proc/meminfo"), "MemTotal")
                .replace("kB", "")
                .trim();
        try {
            return String.format(Locale.ROOT, "%.1f GiB", Long.parseLong(kb) / 1024.0 / 1024.0);
        } catch (NumberFormatException e) {
            return kb;
        }
    }

    private static String disk(Path dir) {
        String mount = command(
                "findmnt",
                "-n",
                "-o",
                "SOURCE,FSTYPE,OPTIONS",
                "-T",
                dir.toAbsolutePath().toString());
        String source = mount.split("\\s+")[0];
        String dev = source.startsWith("/dev/") ? source.substring(5).replaceAll("p?\\d+$", "") : "";
        String rotational = dev.isEmpty() ? "?" : read(Path.of("/sys/block", dev, "queue", "rotational"));
        String size = dev.isEmpty() ? "?" : command("lsblk", "-d", "-n", "-o", "SIZE", source);
        return mount + " (" + size.trim() + ", rotational=" + rotational + " as the kernel reports it)";
    }

    private static String sqliteVersion() {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite::memory:");
                Statement s = c.createStatement();
                ResultSet r = s.executeQuery("SELECT sqlite_version()")) {
            return r.next() ? r.getString(1) + " (sqlite-jdbc)" : "?";
        } catch (SQLException e) {
            return "?";
        }
    }

    private static String firstValue(Path file, String key) {
        try {
            for (String line : Files.readAllLines(file)) {
                if (line.startsWith(key)) {
                    return line.substring(line.indexOf(':') + 1).trim();
                }
            }
        } catch (IOException e) {
            return "?";
        }
        return "?";
    }

    private static String read(Path file) {
        try {
            return Files.readString(file).trim();
        } catch (IOException e) {
            return "?";
        }
    }

    private static String command(String... cmd) {
        try {
            Process p =
                    new ProcessBuilder(List.of(cmd)).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes()).trim();
            p.waitFor(5, TimeUnit.SECONDS);
            return out.lines().findFirst().orElse("?");
        } catch (IOException e) {
            return "?";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "?";
        }
    }
}
