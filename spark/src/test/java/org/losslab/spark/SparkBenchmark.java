package org.losslab.spark;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import org.losslab.data.DataSpec;
import org.losslab.data.Dataset;
import org.losslab.data.MnistData;
import org.losslab.preset.HiddenActivation;
import org.losslab.preset.Preset;
import org.losslab.search.CandidateResult;
import org.losslab.search.CandidateRunner;
import org.losslab.search.Search;
import org.losslab.search.SearchRequest;
import org.losslab.search.SearchSpec;

/**
 * bench/spark.sh: N equal-sized candidates (784-30-10, one epoch of 3,000 MNIST images) on the local runner with two
 * at a time and on a standalone cluster of two 1-core workers started here, in the same run: wall times, and the
 * time per candidate beyond its training. Not a test.
 */
public final class SparkBenchmark {

    private SparkBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        Path mnist = Path.of(args.length > 0 ? args[0] : "../shared/data/mnist");
        boolean full = Files.isDirectory(mnist);
        System.out.printf("data: %s%n", full ? mnist : "bundled sample (no " + mnist + ")");
        String sizes = System.getenv().getOrDefault("BENCH_CANDIDATES", "8,32");
        for (int n : java.util.Arrays.stream(sizes.split(",")).mapToInt(Integer::parseInt).toArray()) {
            SearchSpec spec = spec(n, full ? Dataset.MNIST : Dataset.SAMPLE);
            MnistData data = MnistData.load(DataSpec.of(spec.dataset()).withDataDir(full ? java.util.Optional.of(mnist)
                    : java.util.Optional.empty()).withLimits(spec.trainLimit(), spec.testLimit()));
            Path dir = Files.createTempDirectory("spark-bench");
            java.util.concurrent.atomic.AtomicLong localTraining = new java.util.concurrent.atomic.AtomicLong();
            CandidateRunner timed = job -> {
                long start = System.nanoTime();
                try {
                    return CandidateRunner.LOCAL.train(job);
                } finally {
                    localTraining.addAndGet(System.nanoTime() - start);
                }
            };
            long t0 = System.nanoTime();
            Search.Outcome local = Search.run(SearchRequest.of(spec, dir.resolve("local")).withData(data)
                    .withParallel(2).withRunner(timed));
            double localWall = (System.nanoTime() - t0) / 1e9;
            report("local runner, 2 at a time", n, localWall, local, 2, -1);
            System.out.printf(Locale.ROOT, "  Training.run %.1f s in all%n", localTraining.get() / 1e9);

            long c0 = System.nanoTime();
            try (LocalCluster cluster = LocalCluster.start(dir.resolve("cluster"), 2, 1, "2g", Duration.ofSeconds(60))) {
                double clusterUp = (System.nanoTime() - c0) / 1e9;
                long s0 = System.nanoTime();
                SparkOptions options = SparkOptions.of(cluster.masterUrl());
                // BENCH_SPARK_CONF="spark.executor.memory=1800m|spark.executor.extraJavaOptions=-XX:+UseParallelGC"
                // bench/spark.sh: Spark settings to try, separated by |
                for (String setting : System.getenv().getOrDefault("BENCH_SPARK_CONF", "").split("\\|")) {
                    if (!setting.isEmpty()) {
                        options = options.withSetting(setting.substring(0, setting.indexOf('=')),
                                setting.substring(setting.indexOf('=') + 1));
                        System.out.println("  with " + setting);
                    }
                }
                try (SparkRunner spark = SparkRunner.start(options)) {
                    double appUp = (System.nanoTime() - s0) / 1e9;
                    long r0 = System.nanoTime();
                    Search.Outcome onSpark = Search.run(SearchRequest.of(spec, dir.resolve("spark")).withData(data)
                            .withParallel(spark.slots()).withRunner(spark));
                    double wall = (System.nanoTime() - r0) / 1e9;
                    System.out.printf(Locale.ROOT, "  cluster start %.1f s, application start %.1f s (first executor"
                            + " registered)%n", clusterUp, appUp);
                    report("standalone cluster, 2 workers x 1 core", n, wall, onSpark, spark.slots(),
                            spark.overheadSeconds());
                    SparkRunner.Overhead o = spark.overhead();
                    System.out.printf(Locale.ROOT, "  Training.run on the executors %.1f s in all%n", o.training());
                    System.out.printf(Locale.ROOT, "  before the first candidate: the data broadcast and the executors "
                            + "prepared in %.1f s (in the wall time)%n", o.preparing());
                    System.out.printf(Locale.ROOT, "  Spark's part per candidate: submitting %.3f s, executor setup "
                                    + "%.3f s, checkpoints %.3f s, packing %.3f s, trip %.3f s, unpacking %.3f s%n",
                            o.submitting() / n, o.setup() / n, o.checkpoints() / n, o.packing() / n, o.trip() / n,
                            o.unpacking() / n);
                }
            }
        }
    }

    private static SearchSpec spec(int n, Dataset dataset) {
        List<Double> etas = new java.util.ArrayList<>();
        for (int i = 0; i < n / 4; i++) {
            etas.add(0.1 + 0.1 * i);
        }
        return SearchSpec.builder().presets(Preset.CROSS_ENTROPY_SIGMOID)
                .activations(HiddenActivation.SIGMOID, HiddenActivation.TANH, HiddenActivation.RELU,
                        HiddenActivation.SWISH)
                .hiddenSizes(30).eta(etas).epochs(Integer.parseInt(System.getenv().getOrDefault("BENCH_EPOCHS", "1"))).maxCandidates(n).dataset(dataset).trainLimit(3000)
                .testLimit(500).build();
    }

    private static void report(String what, int n, double wall, Search.Outcome outcome, int slots,
                               double sparkAdded) {
        double training = outcome.ranked().stream().mapToDouble(CandidateResult::seconds).sum();
        System.out.printf(Locale.ROOT, "%-40s %2d candidates: wall %6.1f s, epochs %6.1f s in all, idle or other "
                        + "%.2f s per candidate and slot%s%n", what, n, wall, training, (wall * slots - training) / n,
                sparkAdded >= 0 ? String.format(Locale.ROOT, "; Spark adds %.2f s per candidate", sparkAdded / n)
                        : "");
    }
}
