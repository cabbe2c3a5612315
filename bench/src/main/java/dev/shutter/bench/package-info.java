/** Benchmarks: programs that drive Shutter and write their figures to {@code bench/RESULTS.md}. */
package dev.shutter.bench;
