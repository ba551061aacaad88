package org.losslab.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import org.losslab.data.DataSpec;
import org.losslab.data.Dataset;
import org.losslab.data.MnistData;
import org.losslab.experiment.EpochMetrics;
import org.losslab.experiment.Experiment;
import org.losslab.experiment.Training;
import org.losslab.experiment.TrainingCost;
import org.losslab.experiment.TrainingListener;
import org.losslab.preset.NetworkSpec;

/**
 * LossLab's side of {@code bench/train.sh}, {@code bench/numpy.sh} and {@code bench/step.sh}: 784-30-10 (or 784-H-10)
 * cross-entropy + sigmoid, η 0.5, batch 10, 50,000 MNIST images, through {@link Training} exactly as {@code losslab
 * train} runs it; prints each epoch's training seconds (as its run record keeps them) and its whole time (the
 * evaluation after the mini-batches included).
 *
 * <p>Arguments: MNIST folder, epochs, threads (1), hidden units (30), training cost ({@code epoch-end}).
 */
public final class TrainBenchmark {

    private TrainBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        Path mnist = Path.of(args[0]);
        int epochs = Integer.parseInt(args[1]);
        int threads = args.length > 2 ? Integer.parseInt(args[2]) : 1;
        int hidden = args.length > 3 ? Integer.parseInt(args[3]) : 30;
        TrainingCost cost = args.length > 4 ? TrainingCost.parse(args[4]) : TrainingCost.EPOCH_END;
        DataSpec data = DataSpec.of(Dataset.MNIST).withDataDir(mnist);
        Experiment experiment = Experiment.of(NetworkSpec.defaults().withSeed(1)
                .withLayers(784, java.util.List.of(hidden), 10), data).withEpochs(epochs)
                .withThreads(threads).withTrainingCost(cost);
        Path folder = Files.createTempDirectory("losslab-bench");
        long[] started = {0};
        Training.run(experiment, MnistData.load(data), folder, new TrainingListener() {
            @Override
            public void epochStarted(int epoch, int epochs, int batches) {
                started[0] = System.nanoTime();
            }

            @Override
            public void epochDone(EpochMetrics m, org.losslab.experiment.RunRecord record) {
                System.out.printf(Locale.ROOT, "losslab 784-%d-10 epoch %d: %.2f s  (%.2f s with evaluation and checkpoint)  "
                                + "validation accuracy %.2f%%%n", hidden, m.epoch(), m.seconds(),
                        (System.nanoTime() - started[0]) / 1e9, 100 * m.validationAccuracy());
            }
        });
    }
}
