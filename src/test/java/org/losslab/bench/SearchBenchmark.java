package org.losslab.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.losslab.data.DataSpec;
import org.losslab.data.Dataset;
import org.losslab.data.MnistData;
import org.losslab.search.Search;
import org.losslab.search.SearchSpec;

/**
 * Search overhead and parallel efficiency (run by {@code bench/search.sh}): 8 tiny candidates one after another
 * (wall time minus the candidates' own training time), then 4 equal 784-30-10 candidates on full MNIST, one
 * after another and two at a time.
 */
public final class SearchBenchmark {

    private SearchBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        org.losslab.experiment.PerThreadSecureRandom.install(); // as ./losslab does
        Path mnist = Path.of(args[0]);
        MnistData sample = MnistData.load(DataSpec.of(Dataset.SAMPLE).withLimits(1000, 200));
        // 8 distinct tiny candidates: 2 presets x 2 activations x 2 learning rates, 1 epoch each.
        SearchSpec tiny = new SearchSpec(List.of("quadratic-sigmoid", "cross-entropy-sigmoid"),
                List.of("sigmoid", "tanh"), List.of(List.of(30)), List.of(0.5, 1.0), null, null, 1, 10, "large", 1L,
                "grid", "accuracy", 8, null, null, "sample", 1000, 200).validated();
        Search.run(tiny, sample, Files.createTempDirectory("warm"), 1, (r, d, t) -> { }); // warm-up
        for (int round = 0; round < 3; round++) {
            long start = System.nanoTime();
            Search.Outcome outcome = Search.run(tiny, sample, Files.createTempDirectory("tiny"), 1, (r, d, t) -> { });
            double wall = (System.nanoTime() - start) / 1e9;
            double training = outcome.ranked().stream().mapToDouble(Search.CandidateResult::seconds).sum();
            System.out.printf(Locale.ROOT, "8 tiny candidates, one at a time: wall %.2f s, their training %.2f s, "
                    + "overhead per candidate %.3f s%n", wall, training, (wall - training) / 8);
        }

        MnistData full = MnistData.load(DataSpec.of(Dataset.MNIST).withDataDir(mnist));
        // 4 equal candidates: the same network under 4 seeds' worth of names (4 λ values of 0 would merge), so
        // 4 learning rates close together: the same work per epoch.
        SearchSpec four = new SearchSpec(List.of("cross-entropy-sigmoid"), List.of("sigmoid"), List.of(List.of(30)),
                List.of(0.5, 0.51, 0.52, 0.53), null, null, 1, 10, "large", 1L, "grid", "accuracy", 4, null, null,
                "mnist", 0, 0).validated();
        var os = (com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory
                .getOperatingSystemMXBean();
        for (int parallel : new int[] {1, 2, 1, 2, 1, 2}) {
            long start = System.nanoTime();
            long cpu = os.getProcessCpuTime();
            Search.run(four, full, Files.createTempDirectory("four"), parallel, (r, d, t) -> { });
            double wall = (System.nanoTime() - start) / 1e9;
            double cores = (os.getProcessCpuTime() - cpu) / 1e9 / wall;
            System.out.printf(Locale.ROOT, "4 candidates of 784-30-10, 1 epoch on 50,000 images, %d at a time: "
                    + "wall %.2f s, %.2f cores busy%n", parallel, wall, cores);
        }
    }
}
