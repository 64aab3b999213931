package org.socketlab.tcp;

import java.util.function.Supplier;
import java.util.stream.Stream;

/** A named way to make a fresh strategy, for parameterised tests. */
record StrategyCase(String name, Supplier<ConcurrencyStrategy> factory, boolean concurrent) {

    ConcurrencyStrategy create() {
        return factory.get();
    }

    @Override
    public String toString() {
        return name;
    }

    static Stream<StrategyCase> all() {
        return Stream.of(
                new StrategyCase("iterative", ConcurrencyStrategy::iterative, false),
                new StrategyCase("thread-per-connection", ConcurrencyStrategy::threadPerConnection, true),
                new StrategyCase("fixed-pool-16", () -> ConcurrencyStrategy.fixedPool(16), true),
                new StrategyCase("virtual-threads", ConcurrencyStrategy::virtualThreads, true));
    }

    static Stream<StrategyCase> concurrentOnes() {
        return all().filter(StrategyCase::concurrent);
    }
}
