package org.losslab.bench;

import java.io.File;
import java.nio.file.Path;
import java.util.Arrays;
import org.deeplearning4j.util.ModelSerializer;
import org.losslab.model.ModelZip;

/**
 * A model zip loaded in a warm JVM: LossLab's checked reader ({@code ModelZip.load}) against DL4J's
 * {@code ModelSerializer} (network and normaliser), alternating, so both see the same machine. Prints the medians.
 * Run by {@code bench/load-filter.sh}.
 */
public final class LoadBenchmark {

    private LoadBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        Path model = Path.of(args[0]);
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 200;
        File file = model.toFile();
        for (int i = 0; i < 20; i++) { // warm-up
            ModelZip.load(model);
            ModelSerializer.restoreMultiLayerNetwork(file, true);
            ModelSerializer.restoreNormalizerFromFile(file);
        }
        double[] checked = new double[rounds];
        double[] plain = new double[rounds];
        for (int i = 0; i < rounds; i++) {
            long start = System.nanoTime();
            ModelZip.load(model);
            checked[i] = (System.nanoTime() - start) / 1e6;
            start = System.nanoTime();
            ModelSerializer.restoreMultiLayerNetwork(file, true);
            ModelSerializer.restoreNormalizerFromFile(file);
            plain[i] = (System.nanoTime() - start) / 1e6;
        }
        System.out.printf("warm load of %s, median of %d: ModelZip.load %.2f ms, ModelSerializer %.2f ms%n",
                model.getFileName(), rounds, median(checked), median(plain));
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted.length % 2 == 1 ? sorted[sorted.length / 2]
                : (sorted[sorted.length / 2 - 1] + sorted[sorted.length / 2]) / 2;
    }
}
