package org.socketlab.bench.report;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/**
 * CPU used by processes that are not the benchmark's own during a measurement, in cores.
 *
 * <p>Why not the load average alone: an end-to-end run keeps both cores busy with its own load
 * generator and server processes, so the load average after it says nothing about whether
 * anyone else was running. What invalidates a measurement is <em>foreign</em> CPU use: the
 * machine's busy time ({@code /proc/stat}) minus the time of this JVM and its descendants
 * ({@code /proc/<pid>/stat}; a reaped child's time is in its parent's {@code cutime}). Linux
 * only; elsewhere every reading is NaN, and NaN is never quiet.
 */
public final class ForeignCpu {

    /** Clock ticks per second in {@code /proc} ({@code USER_HZ}; 100 on every Linux build in use). */
    private static final double TICKS_PER_SECOND = 100.0;

    /** One reading: the machine's busy ticks, this process tree's ticks, and when. */
    public record Snapshot(long machineBusyTicks, long ownTicks, long nanos) {
    }

    private ForeignCpu() {
    }

    /** This JVM's and its descendants' CPU ticks so far (-1 when unknown). */
    public static long ownTicks() {
        return ownTreeTicks();
    }

    public static Snapshot take() {
        return new Snapshot(machineBusyTicks(), ownTreeTicks(), System.nanoTime());
    }

    /** Cores' worth of CPU that others used between the two readings (NaN when unknown). */
    public static double foreignCores(Snapshot before, Snapshot after) {
        if (before.machineBusyTicks() < 0 || after.machineBusyTicks() < 0 || before.ownTicks() < 0 || after.ownTicks() < 0) {
            return Double.NaN;
        }
        double seconds = (after.nanos() - before.nanos()) / 1e9;
        if (seconds <= 0) {
            return Double.NaN;
        }
        long foreign = (after.machineBusyTicks() - before.machineBusyTicks()) - (after.ownTicks() - before.ownTicks());
        return Math.max(0, foreign) / TICKS_PER_SECOND / seconds;
    }

    private static long machineBusyTicks() {
        try {
            return busyTicks(Files.readAllLines(Path.of("/proc/stat")).get(0));
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    /**
     * user + nice + system + irq + softirq of the aggregate "cpu" line of {@code /proc/stat}.
     * Steal (time the hypervisor gave to other machines) is not work done on this machine.
     */
    static long busyTicks(String cpuLine) {
        String[] f = cpuLine.trim().split("\\s+");
        if (!f[0].equals("cpu")) {
            throw new IllegalArgumentException("not the aggregate cpu line of /proc/stat: " + cpuLine);
        }
        return Long.parseLong(f[1]) + Long.parseLong(f[2]) + Long.parseLong(f[3])
                + Long.parseLong(f[6]) + Long.parseLong(f[7]);
    }

    /** utime + stime + cutime + cstime of this JVM and every live descendant, or -1. */
    private static long ownTreeTicks() {
        ProcessHandle self = ProcessHandle.current();
        long selfTicks = processTicks(self.pid());
        if (selfTicks < 0) {
            return -1;
        }
        try (Stream<ProcessHandle> children = self.descendants()) {
            return selfTicks + children.mapToLong(p -> Math.max(0, processTicks(p.pid()))).sum();
        }
    }

    private static long processTicks(long pid) {
        try {
            return processTicks(Files.readString(Path.of("/proc/" + pid + "/stat")));
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    /** utime + stime + cutime + cstime of one {@code /proc/<pid>/stat} line. */
    static long processTicks(String stat) {
        // The command name (field 2) may hold spaces and parentheses: count fields after the last ')'.
        String[] f = stat.substring(stat.lastIndexOf(')') + 2).trim().split("\\s+");
        // After the name: state(3) ppid(4) ... utime(14) stime(15) cutime(16) cstime(17); f[0] is field 3.
        return Long.parseLong(f[11]) + Long.parseLong(f[12]) + Long.parseLong(f[13]) + Long.parseLong(f[14]);
    }
}
