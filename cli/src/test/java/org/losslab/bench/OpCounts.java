package org.losslab.bench;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.losslab.data.DataSpec;
import org.losslab.data.Dataset;
import org.losslab.data.MiniBatches;
import org.losslab.data.MnistData;
import org.losslab.nd4j.Nd4jSetup;
import org.losslab.preset.NetworkSpec;
import org.losslab.preset.Networks;
import org.nd4j.linalg.api.ops.executioner.OpExecutioner;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.profiler.OpProfiler;

/**
 * Issue 18's first measurement: how many of ND4J's native operations one mini-batch of {@code fit} costs, and which,
 * for 784-H-10 cross-entropy + sigmoid at batch 10 (the plain DL4J step, no LossLab listeners). ND4J's
 * {@link OpProfiler} counts every operation the executioner runs.
 *
 * <p>Arguments: MNIST folder, hidden units (30), batches to count (500, after 200 of warm-up).
 */
public final class OpCounts {

    private OpCounts() {
    }

    public static void main(String[] args) {
        Path mnist = Path.of(args[0]);
        int hidden = args.length > 1 ? Integer.parseInt(args[1]) : 30;
        int batches = args.length > 2 ? Integer.parseInt(args[2]) : 500;
        Nd4jSetup.install();
        DataSpec data = DataSpec.of(Dataset.MNIST).withDataDir(mnist);
        MnistData loaded = MnistData.load(data);
        MultiLayerNetwork net = Networks.network(NetworkSpec.defaults().withSeed(1)
                .withLayers(784, java.util.List.of(hidden), 10));
        MiniBatches feed = new MiniBatches(loaded.train(), 10, 1, true).reusingBuffers();
        for (int i = 0; i < 200; i++) {
            net.fit(feed.next());
        }
        Map<String, Long> byName = new TreeMap<>();
        OpProfiler.getInstance().reset();
        OpProfiler.getInstance().setOpCounter(new org.nd4j.linalg.profiler.data.StringCounter() {
            @Override
            public long incrementCount(String key) {
                byName.merge(key, 1L, Long::sum);
                return super.incrementCount(key);
            }
        });
        Nd4j.getExecutioner().setProfilingMode(OpExecutioner.ProfilingMode.OPERATIONS);
        long start = System.nanoTime();
        for (int i = 0; i < batches; i++) {
            net.fit(feed.next());
        }
        double micros = (System.nanoTime() - start) / 1e3 / batches;
        Nd4j.getExecutioner().setProfilingMode(OpExecutioner.ProfilingMode.DISABLED);
        OpProfiler profiler = OpProfiler.getInstance();
        System.out.printf(Locale.ROOT, "784-%d-10, batch 10: %.1f native operations per mini-batch (%d in %d batches),"
                        + " %.0f µs a batch with the profiler on%n", hidden, profiler.getInvocationsCount()
                        / (double) batches, profiler.getInvocationsCount(), batches, micros);
        byName.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed())
                .forEach(e -> System.out.printf(Locale.ROOT, "  %-40s %6.2f a batch%n", e.getKey(),
                        e.getValue() / (double) batches));
    }
}
