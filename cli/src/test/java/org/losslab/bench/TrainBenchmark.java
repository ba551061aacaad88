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
import org.losslab.experiment.TrainingListener;
import org.losslab.preset.NetworkSpec;

/**
 * LossLab's side of {@code bench/train.sh} and {@code bench/numpy.sh}: 784-30-10 (or 784-H-10) cross-entropy + sigmoid, η 0.5, batch 10, 50,000 MNIST
 * images, through {@link Training} exactly as {@code losslab train} runs it; prints each epoch's training seconds.
 */
public final class TrainBenchmark {

    private TrainBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        Path mnist = Path.of(args[0]);
        int epochs = Integer.parseInt(args[1]);
        int threads = args.length > 2 ? Integer.parseInt(args[2]) : 1;
        int hidden = args.length > 3 ? Integer.parseInt(args[3]) : 30;
        DataSpec data = DataSpec.of(Dataset.MNIST).withDataDir(mnist);
        Experiment experiment = Experiment.of(NetworkSpec.defaults().withSeed(1)
                .withLayers(784, java.util.List.of(hidden), 10), data).withEpochs(epochs)
                .withThreads(threads);
        Path folder = Files.createTempDirectory("losslab-bench");
        Training.run(experiment, MnistData.load(data), folder, new TrainingListener() {
            @Override
            public void epochDone(EpochMetrics m, org.losslab.experiment.RunRecord record) {
                System.out.printf(Locale.ROOT, "losslab 784-%d-10 epoch %d: %.2f s  validation accuracy %.2f%%%n",
                        hidden, m.epoch(), m.seconds(), 100 * m.validationAccuracy());
            }
        });
    }
}
