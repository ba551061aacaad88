package org.losslab.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.losslab.data.DataSpec;
import org.losslab.data.Dataset;
import org.losslab.data.MnistData;
import org.losslab.preset.HiddenActivation;
import org.losslab.preset.Preset;
import org.losslab.search.CandidateResult;
import org.losslab.search.Search;
import org.losslab.search.SearchRequest;
import org.losslab.search.SearchSpec;

/**
 * Search overhead and parallel efficiency (run by {@code bench/search.sh}): 8 tiny candidates one after another
 * (wall time minus the candidates' own training time), then 4 equal 784-30-10 candidates on full MNIST, one
 * after another and two at a time, in alternating rounds.
 */
public final class SearchBenchmark {

    private static final int EPOCHS = 2;
    private static final int ROUNDS = 5;

    private SearchBenchmark() {
    }

    /** 4 equal 784-30-10 candidates of {@value #EPOCHS} epochs: 4 learning rates close together, the same work. */
    static SearchSpec fourEqualCandidates() {
        return SearchSpec.builder().eta(0.5, 0.51, 0.52, 0.53).epochs(EPOCHS).maxCandidates(4).build();
    }

    public static void main(String[] args) throws Exception {
        org.losslab.nd4j.Nd4jSetup.install(); // as ./losslab does
        Path mnist = Path.of(args[0]);
        MnistData sample = MnistData.load(DataSpec.of(Dataset.SAMPLE).withLimits(1000, 200));
        // 8 distinct tiny candidates: 2 presets x 2 activations x 2 learning rates, 1 epoch each.
        SearchSpec tiny = SearchSpec.builder().presets(Preset.QUADRATIC_SIGMOID, Preset.CROSS_ENTROPY_SIGMOID)
                .activations(HiddenActivation.SIGMOID, HiddenActivation.TANH).eta(0.5, 1.0).epochs(1)
                .maxCandidates(8).dataset(Dataset.SAMPLE).trainLimit(1000).testLimit(200).build();
        Search.run(SearchRequest.of(tiny, Files.createTempDirectory("warm")).withData(sample).withParallel(1)); // warm-up
        for (int round = 0; round < 3; round++) {
            long start = System.nanoTime();
            Search.Outcome outcome = Search.run(SearchRequest.of(tiny, Files.createTempDirectory("tiny")).withData(sample).withParallel(1));
            double wall = (System.nanoTime() - start) / 1e9;
            double training = outcome.ranked().stream().mapToDouble(CandidateResult::seconds).sum();
            System.out.printf(Locale.ROOT, "8 tiny candidates, one at a time: wall %.2f s, their training %.2f s, "
                    + "overhead per candidate %.3f s%n", wall, training, (wall - training) / 8);
        }

        MnistData full = MnistData.load(DataSpec.of(Dataset.MNIST).withDataDir(mnist));
        // 4 equal candidates: the same network under 4 learning rates close together (the same work per epoch),
        // 2 epochs each. One at a time and two at a time alternate, so that a drift in the machine's speed shows in
        // both; the ratio of each pair is printed, and their median at the end. The first pair warms the JIT up.
        SearchSpec four = fourEqualCandidates();
        var os = (com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory
                .getOperatingSystemMXBean();
        List<Double> ratios = new java.util.ArrayList<>();
        for (int round = 0; round <= ROUNDS; round++) {
            double[] walls = new double[3];
            for (int parallel : new int[] {1, 2}) {
                long start = System.nanoTime();
                long cpu = os.getProcessCpuTime();
                Search.run(SearchRequest.of(four, Files.createTempDirectory("four")).withData(full).withParallel(parallel));
                walls[parallel] = (System.nanoTime() - start) / 1e9;
                System.out.printf(Locale.ROOT, "%s4 candidates of 784-30-10, %d epochs on 50,000 images, %d at a "
                        + "time: wall %.2f s, %.2f cores busy%n", round == 0 ? "(warm-up) " : "", EPOCHS, parallel,
                        walls[parallel], (os.getProcessCpuTime() - cpu) / 1e9 / walls[parallel]);
            }
            if (round > 0) {
                ratios.add(walls[2] / walls[1]);
                System.out.printf(Locale.ROOT, "round %d: two at a time / one at a time = %.2f%n", round,
                        walls[2] / walls[1]);
            }
        }
        java.util.Collections.sort(ratios);
        System.out.printf(Locale.ROOT, "parallel efficiency (median of %d rounds): %.2f (target <= 0.6)%n",
                ratios.size(), ratios.get(ratios.size() / 2));
    }
}
