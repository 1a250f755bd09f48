package dev.blueprint.bench;

import java.util.Arrays;

/** Throughput and latency percentiles of one measured run. */
record Stats(long requests, double seconds, long p50Micros, long p99Micros) {
    static Stats of(long[] latenciesNanos, double seconds) {
        long[] sorted = latenciesNanos.clone();
        Arrays.sort(sorted);
        return new Stats(sorted.length, seconds, percentile(sorted, 0.50) / 1000, percentile(sorted, 0.99) / 1000);
    }

    double throughput() {
        return requests / seconds;
    }

    private static long percentile(long[] sorted, double p) {
        return sorted.length == 0 ? 0 : sorted[Math.min(sorted.length - 1, (int) Math.ceil(p * sorted.length) - 1)];
    }
}
