package org.losslab.bench;

import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import org.losslab.data.DataSpec;
import org.losslab.data.Dataset;
import org.losslab.data.MnistData;
import org.losslab.search.Search;
import org.losslab.search.SearchRequest;
import org.losslab.search.SearchSpec;

/**
 * Parallel trainings in one JVM (run by {@code bench/parallel.sh}): 8 equal candidates, PARALLEL at a time, a line
 * per candidate with its epoch times and the collector's count and time so far. Arguments: MNIST_DIR PARALLEL
 * gc|nogc [per-thread]; {@code gc} calls System.gc() after every candidate, {@code per-thread} installs
 * LossLab's per-thread SecureRandom before anything else. (Since {@code Nd4jSetup}, a search installs it at its start
 * too, so without {@code per-thread} only the data's loading draws its UUIDs from the JDK's generator; the figures in
 * docs/benchmarks.md were taken before.)
 */
public final class DriftProbe {
    public static void main(String[] args) throws Exception {
        if (args.length > 3) {
            org.losslab.nd4j.Nd4jSetup.install();
        }
        System.out.println("UUIDs from " + new java.security.SecureRandom().getAlgorithm());
        MnistData full = MnistData.load(DataSpec.of(Dataset.MNIST).withDataDir(Path.of(args[0])));
        int parallel = Integer.parseInt(args[1]);
        boolean gc = args[2].equals("gc");
        SearchSpec spec = SearchSpec.builder().eta(0.5, 0.51, 0.52, 0.53, 0.54, 0.55, 0.56, 0.57).epochs(2)
                .maxCandidates(8).build();
        long start = System.nanoTime();
        Search.run(SearchRequest.of(spec, Files.createTempDirectory("drift")).withData(full).withParallel(parallel)
                .withListener((r, done, total) -> {
            if (gc) {
                System.gc();
            }
            long count = 0;
            long millis = 0;
            for (GarbageCollectorMXBean bean : ManagementFactory.getGarbageCollectorMXBeans()) {
                count += bean.getCollectionCount();
                millis += bean.getCollectionTime();
            }
            System.out.printf(Locale.ROOT, "%s p%d candidate %d done at %.1f s: epochs %s s; GCs so far %d, %.1f s%n",
                    gc ? "gc" : "nogc", parallel, r.number(), (System.nanoTime() - start) / 1e9,
                    r.metrics().stream().map(m -> String.format(Locale.ROOT, "%.1f", m.seconds())).toList(), count,
                    millis / 1e3);
        }));
    }
}
