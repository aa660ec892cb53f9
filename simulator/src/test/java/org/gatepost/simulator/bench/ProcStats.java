package org.gatepost.simulator.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Reads a Linux process's (or the calling thread's) counters from {@code /proc}: resident memory from
 * {@code status} and bytes sent towards the storage layer from {@code io}. Stateless.
 */
final class ProcStats {
    private ProcStats() {}

    /** {@code VmRSS} in bytes: resident memory now. */
    static long rssBytes(long pid) throws IOException {
        return statusKb(pid, "VmRSS:") * 1024;
    }

    /** {@code VmHWM} in bytes: the highest resident memory of the process's life. */
    static long peakRssBytes(long pid) throws IOException {
        return statusKb(pid, "VmHWM:") * 1024;
    }

    /** {@code write_bytes} of the process: bytes it caused to be written to storage (page-cache pages dirtied). */
    static long writeBytes(long pid) throws IOException {
        return ioField(Path.of("/proc", Long.toString(pid), "io"), "write_bytes:");
    }

    /** {@code write_bytes} of the calling thread only ({@code /proc/thread-self/io}). */
    static long threadWriteBytes() throws IOException {
        return ioField(Path.of("/proc/thread-self/io"), "write_bytes:");
    }

    /** CPU time the process has used, user and system, in nanoseconds ({@code /proc/<pid>/stat}, clock ticks of 10 ms). */
    static long cpuNanos(long pid) throws IOException {
        String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
        String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return (Long.parseLong(f[11]) + Long.parseLong(f[12])) * 10_000_000L;
    }

    private static long statusKb(long pid, String key) throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
            if (line.startsWith(key)) {
                return Long.parseLong(line.substring(key.length()).trim().split("\\s+")[0]);
            }
        }
        throw new IOException(key + " missing from /proc/" + pid + "/status");
    }

    private static long ioField(Path file, String key) throws IOException {
        for (String line : Files.readAllLines(file)) {
            if (line.startsWith(key)) {
                return Long.parseLong(line.substring(key.length()).trim());
            }
        }
        throw new IOException(key + " missing from " + file + " (kernel without task I/O accounting?)");
    }
}
