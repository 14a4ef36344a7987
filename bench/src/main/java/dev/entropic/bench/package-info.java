/**
 * Benchmarks of entropic: JMH benchmarks ({@code java -jar bench/target/entropic-bench.jar}) and
 * the in-process timing mains that the peer scripts in {@code bench/scripts/} call to compare
 * entropic with scipy, POT and others on the same data. Not a library: nothing here is API.
 */
package dev.entropic.bench;
