package invthink.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.OperatingSystemMXBean;

/**
 * CPU time this JVM has used, all threads together: the broker, the JIT compiler and the garbage
 * collector as well as the code measured. On a machine whose cores are all busy, throughput is
 * cores divided by CPU per record, so this says where a rate comes from.
 */
final class ProcessCpu {

    private ProcessCpu() {
    }

    /** Nanoseconds of CPU used so far, or -1 where the JVM does not tell. */
    static long nanos() {
        OperatingSystemMXBean os = ManagementFactory.getOperatingSystemMXBean();
        return os instanceof com.sun.management.OperatingSystemMXBean hotspot ? hotspot.getProcessCpuTime() : -1;
    }

    /** Microseconds of CPU per record between two readings of {@link #nanos}, or NaN where unknown. */
    static double microsPerRecord(long before, long after, long records) {
        return before < 0 || after < 0 || records == 0 ? Double.NaN : (after - before) / 1e3 / records;
    }
}
