package org.losslab.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.losslab.data.DataSpec;
import org.losslab.data.Dataset;
import org.losslab.data.MnistData;
import org.losslab.preset.Preset;
import org.losslab.search.CandidateResult;
import org.losslab.search.CandidateStatus;
import org.losslab.search.Pruner;
import org.losslab.search.Search;
import org.losslab.search.SearchRequest;
import org.losslab.search.SearchSpec;

/**
 * Pruning (run by {@code bench/pruning.sh}): one 12-candidate search (3 presets × 4 η, 784-30-10, 10 epochs, on
 * MNIST) without a pruner, with the median rule and with successive halving, two candidates at a time, in the same
 * run, in {@code BENCH_ROUNDS} rounds (default 2, so that a drift in the machine's speed shows): the wall time, the
 * epochs trained, the candidates pruned, and the best candidate each found.
 */
public final class PruningBenchmark {

    private PruningBenchmark() {
    }

    static SearchSpec spec(int epochs, int trainLimit) {
        return SearchSpec.builder().presets(Preset.QUADRATIC_SIGMOID, Preset.CROSS_ENTROPY_SIGMOID,
                        Preset.SOFTMAX_LOG_LIKELIHOOD).hiddenSizes(30).eta(0.02, 0.2, 1.0, 3.0).epochs(epochs)
                .trainLimit(trainLimit).maxCandidates(12).build();
    }

    public static void main(String[] args) throws Exception {
        org.losslab.nd4j.Nd4jSetup.install(); // as ./losslab does
        int epochs = Integer.parseInt(System.getenv().getOrDefault("BENCH_EPOCHS", "10"));
        int trainLimit = Integer.parseInt(System.getenv().getOrDefault("BENCH_TRAIN_LIMIT", "0"));
        SearchSpec spec = spec(epochs, trainLimit);
        MnistData data = MnistData.load(DataSpec.of(Dataset.MNIST).withDataDir(Path.of(args[0]))
                .withLimits(trainLimit, 0));
        System.out.printf(Locale.ROOT, "12 candidates (3 presets x eta 0.02, 0.2, 1, 3), 784-30-10, %d epochs, "
                        + "%d training images, %s, 2 at a time%n", epochs, data.train().count(),
                data.location().isSample() ? "the bundled sample" : "MNIST");
        // a warm-up: the JIT compiles the training once before anything is timed
        Search.run(SearchRequest.of(spec.toBuilder().epochs(1).presets(Preset.CROSS_ENTROPY_SIGMOID).eta(0.5, 1.0).build(),
                Files.createTempDirectory("warm")).withData(data).withParallel(2));
        int rounds = Integer.parseInt(System.getenv().getOrDefault("BENCH_ROUNDS", "2"));
        List<CandidateResult> unpruned = null;
        for (int round = 1; round <= rounds; round++) {
            System.out.println("round " + round);
            for (Pruner pruner : List.of(Pruner.NONE, Pruner.median(), Pruner.successiveHalving())) {
                long start = System.nanoTime();
                Search.Outcome outcome = Search.run(SearchRequest.of(spec.toBuilder().pruner(pruner).build(),
                        Files.createTempDirectory("pruning")).withData(data).withParallel(2));
                double wall = (System.nanoTime() - start) / 1e9;
                if (unpruned == null) {
                    unpruned = outcome.ranked();
                }
                int trained = outcome.ranked().stream().mapToInt(r -> r.metrics().size()).sum();
                long pruned = outcome.ranked().stream().filter(r -> r.status() == CandidateStatus.PRUNED).count();
                CandidateResult best = outcome.best().orElseThrow();
                int rank = 1 + unpruned.stream().map(CandidateResult::number).toList().indexOf(best.number());
                System.out.printf(Locale.ROOT, "pruner %-6s wall %6.1f s, %3d of %d epochs trained, %2d pruned; "
                                + "best %s: validation %.2f%%, test %.2f%% (rank %d without pruning)%n", pruner.rule(), wall,
                        trained, 12 * epochs, pruned, best.label(), 100 * best.validationAccuracy().getAsDouble(),
                        100 * best.testAccuracy().getAsDouble(), rank);
                for (CandidateResult r : outcome.ranked()) {
                    if (r.status() == CandidateStatus.PRUNED) {
                        System.out.printf(Locale.ROOT, "    %s %s%n", r.label(), r.statusText());
                    }
                }
            }
        }
    }
}
