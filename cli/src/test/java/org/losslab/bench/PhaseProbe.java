package org.losslab.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import org.losslab.data.DataSpec;
import org.losslab.data.Dataset;
import org.losslab.data.MnistData;
import org.losslab.search.Search;
import org.losslab.search.SearchRequest;
import org.losslab.search.SearchSpec;

/**
 * Phases for an outside profiler (run by {@code bench/phases.sh}): {@code bench/search.sh}'s 4 equal candidates
 * one at a time, then two at a time, 4 rounds; prints each phase's start and end on CLOCK_MONOTONIC
 * ({@code System.nanoTime()} on Linux), the clock {@code perf record -k CLOCK_MONOTONIC} stamps its samples with.
 */
public final class PhaseProbe {
    public static void main(String[] args) throws Exception {
        org.losslab.nd4j.Nd4jSetup.install();
        MnistData full = MnistData.load(DataSpec.of(Dataset.MNIST).withDataDir(Path.of(args[0])));
        SearchSpec four = SearchBenchmark.fourEqualCandidates();
        for (int parallel : new int[] {1, 2, 1, 2, 1, 2, 1, 2}) {
            long start = System.nanoTime();
            Search.run(SearchRequest.of(four, Files.createTempDirectory("four")).withData(full).withParallel(parallel));
            long end = System.nanoTime();
            System.out.printf("PHASE p%d %.6f %.6f %.2f%n", parallel, start / 1e9, end / 1e9, (end - start) / 1e9);
        }
    }
}
