package org.socketlab.bench.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Issue 19: the busy-machine rule for runs that load the machine themselves counts only others' CPU. */
class ForeignCpuTest {

    @Test
    void busyTicks_sumUserNiceSystemIrqSoftirq_notIdleIowaitOrSteal() {
        //             user nice system idle  iowait irq softirq steal guest guest_nice
        String line = "cpu  100  20   30     9000  500    4   6       700   0     0";
        assertThat(ForeignCpu.busyTicks(line)).isEqualTo(100 + 20 + 30 + 4 + 6);
        assertThatThrownBy(() -> ForeignCpu.busyTicks("cpu0 1 2 3 4 5 6 7 8"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void processTicks_readUtimeStimeCutimeCstime_evenWhenTheNameHoldsSpacesAndParentheses() {
        // pid (comm) state ppid pgrp session tty tpgid flags minflt cminflt majflt cmajflt utime stime cutime cstime ...
        String stat = "4242 (java (main) x) S 1 4242 4242 0 -1 4194560 10 0 0 0 111 22 3 4 20 0 30 0 5 6";
        assertThat(ForeignCpu.processTicks(stat)).isEqualTo(111 + 22 + 3 + 4);
    }

    @Test
    void foreignCores_isTheMachinesBusyTimeMinusOurOwn_perSecond() {
        ForeignCpu.Snapshot before = new ForeignCpu.Snapshot(1_000, 400, 0);
        ForeignCpu.Snapshot after = new ForeignCpu.Snapshot(1_000 + 300, 400 + 150, 2_000_000_000L);
        // 300 busy ticks in 2 s, 150 of them ours: 150 foreign ticks = 1.5 s of CPU over 2 s = 0.75 cores.
        assertThat(ForeignCpu.foreignCores(before, after)).isEqualTo(0.75);
        assertThat(ForeignCpu.foreignCores(new ForeignCpu.Snapshot(-1, 0, 0), after)).isNaN();
    }

    @Test
    @Timeout(10)
    void ownTicks_growWhileThisJvmSpins() {
        if (!Files.isReadable(Path.of("/proc/self/stat"))) {
            return; // not Linux: ForeignCpu reports NaN, which is never quiet (asserted above)
        }
        long before = ForeignCpu.ownTicks();
        long cpuBefore = java.lang.management.ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime();
        long sink = 0;
        while (java.lang.management.ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime() - cpuBefore < 300_000_000L) {
            sink += System.nanoTime() % 7;
        }
        long spun = ForeignCpu.ownTicks() - before;
        assertThat(sink).isNotNegative();
        // 300 ms of this thread's CPU is 30 ticks at USER_HZ 100; allow for the tick granularity.
        assertThat(spun).as("own ticks after spinning 300 ms of CPU").isGreaterThanOrEqualTo(25);
    }
}
