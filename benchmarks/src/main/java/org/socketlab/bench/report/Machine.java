package org.socketlab.bench.report;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/** The machine a run happened on, as the README table states it. */
public record Machine(String cpu, int cores, String os, String jvm, double loadAverageAtStart) {

    public static Machine current() {
        String cpu = "unknown CPU";
        try {
            Path info = Path.of("/proc/cpuinfo");
            if (Files.isReadable(info)) {
                cpu = Files.readAllLines(info).stream().filter(l -> l.startsWith("model name"))
                        .map(l -> l.substring(l.indexOf(':') + 1).trim()).findFirst().orElse(cpu);
            }
        } catch (IOException e) {
            // keep "unknown CPU"
        }
        return new Machine(cpu, Runtime.getRuntime().availableProcessors(),
                System.getProperty("os.name") + " " + System.getProperty("os.version") + " " + System.getProperty("os.arch"),
                System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version"),
                ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
    }

    public String describe() {
        return String.format(Locale.ROOT, "%s, %d cores, %s, %s, load average %.1f at start", cpu, cores, os, jvm,
                loadAverageAtStart);
    }
}
