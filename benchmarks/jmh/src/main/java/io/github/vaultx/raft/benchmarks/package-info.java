/** Benchmarks: JMH facade overhead and the programs benchmarks/run.sh times side by side. */
@NullMarked
package io.github.vaultx.raft.benchmarks;

import org.jspecify.annotations.NullMarked;
