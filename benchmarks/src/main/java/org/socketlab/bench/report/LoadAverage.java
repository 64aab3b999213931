package org.socketlab.bench.report;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The one-minute load average, read before and after every measurement. A row measured above
 * {@link #QUIET_PER_CORE} per core is noisy: on a shared machine neither wall-clock nor CPU-time
 * ratios hold (issue 19: tables measured at load 10–23 were wrong by 2× at 16 B), so such rows
 * are marked, warned about and never published.
 */
public final class LoadAverage {

    /** Highest load per core at which a measurement still counts. */
    public static final double QUIET_PER_CORE = 1.0;

    private LoadAverage() {
    }

    /** The one-minute load average now ({@code /proc/loadavg}, else the OS bean; NaN when unknown). */
    public static double now() {
        try {
            Path proc = Path.of("/proc/loadavg");
            if (Files.isReadable(proc)) {
                return Double.parseDouble(Files.readString(proc).trim().split("\\s+")[0]);
            }
        } catch (IOException | RuntimeException e) {
            // fall through to the OS bean
        }
        double load = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
        return load < 0 ? Double.NaN : load;
    }

    /**
     * Highest CPU, in cores per core of the machine, that other processes may use during an
     * end-to-end or memory measurement ({@link ForeignCpu}): a tenth of the machine.
     */
    public static final double FOREIGN_PER_CORE = 0.1;

    /**
     * For a measurement whose own processes load the machine (an end-to-end run keeps every core
     * busy by design, so the load average after it is the benchmark's own, and the one before it
     * still carries the previous run's): quiet when other processes used at most
     * {@link #FOREIGN_PER_CORE} of the machine during it. The load averages are recorded beside.
     */
    public static boolean quietWhileLoaded(double foreignCores) {
        int cores = Runtime.getRuntime().availableProcessors();
        return !Double.isNaN(foreignCores) && foreignCores <= FOREIGN_PER_CORE * cores;
    }

    /** True when both readings are known and at most {@link #QUIET_PER_CORE} × cores. */
    public static boolean quiet(double before, double after) {
        double limit = QUIET_PER_CORE * Runtime.getRuntime().availableProcessors();
        return !Double.isNaN(before) && !Double.isNaN(after) && before <= limit && after <= limit;
    }
}
