package org.losslab.nd4j;

import java.nio.file.Path;
import java.util.List;
import org.losslab.data.DataSpec;
import org.losslab.data.Dataset;
import org.losslab.experiment.Experiment;
import org.losslab.experiment.Training;
import org.losslab.experiment.TrainingListener;
import org.losslab.preset.HiddenActivation;
import org.losslab.preset.NetworkSpec;
import org.losslab.preset.Preset;

/**
 * One short training into the run folder under {@code args[0]}, for a child JVM of {@link Nd4jTuningTest}: softmax
 * and log-likelihood, 784-20-10-10 tanh, λ 0.5, seed 5, 2 epochs on 600 images of the bundled sample.
 */
public final class TrainOnce {

    private TrainOnce() {
    }

    public static void main(String[] args) throws Exception {
        DataSpec data = DataSpec.of(Dataset.SAMPLE).withLimits(600, 200);
        NetworkSpec network = NetworkSpec.defaults().withPreset(Preset.SOFTMAX_LOG_LIKELIHOOD)
                .withLayers(784, List.of(20, 10), 10).withActivation(HiddenActivation.TANH).withEta(0.5)
                .withL2(0.5, NetworkSpec.BOOK_TRAINING_SET_SIZE).withSeed(5);
        Training.run(Experiment.of(network, data).withEpochs(2), Path.of(args[0]), TrainingListener.NONE);
    }
}
