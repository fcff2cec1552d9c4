package io.lendx.ops;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import jakarta.inject.Singleton;

import java.lang.management.ManagementFactory;

/**
 * {@code jvm.allocated.bytes}: heap bytes allocated by the JVM's live threads so far. Divided by
 * the requests served in between, it is the allocation a request costs (bench/run.sh reports
 * it); Micrometer's own {@code jvm.gc.memory.allocated} only moves when a collection runs.
 */
@Singleton
public class AllocationMetrics implements MeterBinder {

    @Override
    public void bindTo(MeterRegistry registry) {
        if (!(ManagementFactory.getThreadMXBean() instanceof com.sun.management.ThreadMXBean threads)
                || !threads.isThreadAllocatedMemorySupported() || !threads.isThreadAllocatedMemoryEnabled()) {
            return;
        }
        FunctionCounter.builder("jvm.allocated.bytes", threads,
                        com.sun.management.ThreadMXBean::getTotalThreadAllocatedBytes)
                .description("Heap bytes allocated by live threads since start")
                .baseUnit("bytes")
                .register(registry);
    }
}
