package org.losslab.bench;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.losslab.data.DataSpec;
import org.losslab.data.Dataset;
import org.losslab.data.IdxRecordReader;
import org.losslab.data.MiniBatches;
import org.losslab.data.MnistData;
import org.losslab.preset.NetworkSpec;
import org.losslab.preset.Networks;
import org.nd4j.linalg.dataset.api.iterator.DataSetIterator;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Data benchmarks (run by {@code bench/data.sh}): loading the full MNIST into memory, and one epoch of 784-30-10
 * cross-entropy training at batch 10 through the DataVec path and through the cached path.
 */
public final class DataBenchmark {

    private DataBenchmark() {
    }

    public static void main(String[] args) {
        Path mnist = Path.of(args.length > 0 ? args[0] : "../shared/data/mnist");
        int repeats = args.length > 1 ? Integer.parseInt(args[1]) : 8;
        Nd4j.create(1).addi(1); // start ND4J before timing anything
        DataSpec spec = DataSpec.of(Dataset.MNIST).withDataDir(mnist);

        System.out.println("== loading the full MNIST (70,000 images, .gz) into memory: read, check, split, "
                + "build one INDArray per split");
        MnistData data = null;
        for (int i = 0; i <= Math.min(repeats, 4); i++) {
            data = null;
            settle();
            long start = System.nanoTime();
            data = MnistData.load(spec);
            data.train().arrays();
            data.validation().arrays();
            data.test().arrays();
            double seconds = (System.nanoTime() - start) / 1e9;
            System.out.printf(Locale.ROOT, "load %d%s: %.3f s%n", i, i == 0 ? " (cold JIT)" : "", seconds);
        }

        System.out.println("== one epoch of batches (10 examples, arrays reused) without training: the data path's own cost");
        for (int round = 0; round <= Math.min(repeats, 4); round++) {
            for (boolean dataVec : new boolean[] {false, true}) {
                settle();
                DataSetIterator batches = iterator(data, dataVec);
                long start = System.nanoTime();
                long examples = 0;
                while (batches.hasNext()) {
                    examples += batches.next().numExamples();
                }
                double seconds = (System.nanoTime() - start) / 1e9;
                System.out.printf(Locale.ROOT, "round %d %-8s %d examples: %.3f s%s%n", round,
                        dataVec ? "DataVec" : "cached", examples, seconds, round == 0 ? " (warm-up)" : "");
            }
        }

        System.out.println("== one epoch of 784-30-10 cross-entropy, batch 10, 50,000 images (ND4J threads: "
                + System.getenv().getOrDefault("OMP_NUM_THREADS", "default") + ")");
        NetworkSpec net = NetworkSpec.defaults().withSeed(1);
        List<Double> cached = new ArrayList<>();
        List<Double> dataVec = new ArrayList<>();
        for (int round = 0; round <= repeats; round++) {
            // Alternate which path goes first, so that a trend (JIT, heap growth) does not favour one.
            boolean[] order = round % 2 == 0 ? new boolean[] {false, true} : new boolean[] {true, false};
            for (boolean viaDataVec : order) {
                settle();
                MultiLayerNetwork model = Networks.network(net);
                DataSetIterator batches = iterator(data, viaDataVec);
                long start = System.nanoTime();
                // LossLab's training loop: one fit per batch, on this thread (no prefetch thread).
                while (batches.hasNext()) {
                    model.fit(batches.next());
                }
                double seconds = (System.nanoTime() - start) / 1e9;
                System.out.printf(Locale.ROOT, "round %d %-8s epoch: %.2f s%s%n", round,
                        viaDataVec ? "DataVec" : "cached", seconds, round == 0 ? " (warm-up, not counted)" : "");
                if (round > 0) {
                    (viaDataVec ? dataVec : cached).add(seconds);
                }
            }
        }
        double cachedMedian = median(cached);
        double dataVecMedian = median(dataVec);
        System.out.printf(Locale.ROOT, "median epoch: cached %.2f s, DataVec %.2f s, DataVec/cached = %.3f%n",
                cachedMedian, dataVecMedian, dataVecMedian / cachedMedian);
    }

    /**
     * Frees the garbage of the previous measurement first: ND4J's native memory goes back only when its Java
     * objects are collected, and when too much is held JavaCPP stalls allocations to force collections.
     */
    private static void settle() {
        System.gc();
        System.runFinalization();
    }

    /** The two paths as LossLab's training loop uses them: batch arrays reused, no prefetch thread. */
    private static DataSetIterator iterator(MnistData data, boolean dataVec) {
        return dataVec ? IdxRecordReader.reusingIterator(data.train(), 10, 1, true)
                : new MiniBatches(data.train(), 10, 1, true).reusingBuffers();
    }

    private static double median(List<Double> values) {
        List<Double> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }
}
