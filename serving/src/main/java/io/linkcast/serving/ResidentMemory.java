package io.linkcast.serving;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The process's resident memory, read from {@code /proc/self/status}. The JVM's own metrics miss most of
 * linkcast's memory: the models' tensors (libtorch), RocksDB's block caches and memtables, and glibc's arenas all
 * live outside the heap, and a native leak shows only here (one did: docs/results.md, "Figures behind the code").
 */
final class ResidentMemory {
    private static final Path STATUS = Path.of("/proc/self/status");

    private ResidentMemory() {
    }

    /** Resident bytes of this process, or NaN where {@code /proc} has no such line (not Linux). */
    static double bytes() {
        try {
            for (String line : Files.readAllLines(STATUS)) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024.0;
                }
            }
        } catch (IOException | NumberFormatException e) {
            return Double.NaN;
        }
        return Double.NaN;
    }

    /** Registers {@code linkcast_process_resident_bytes}. */
    static void bindTo(MeterRegistry registry) {
        Gauge.builder("linkcast_process_resident_bytes", ResidentMemory::bytes)
                .description("resident memory of the process, heap and native (tensors, RocksDB) together")
                .baseUnit("bytes").register(registry);
    }
}
