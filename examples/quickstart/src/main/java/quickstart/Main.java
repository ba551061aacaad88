package quickstart;

import java.io.IOException;
import java.nio.file.Path;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.losslab.data.DataSpec;
import org.losslab.data.Dataset;
import org.losslab.experiment.Experiment;
import org.losslab.experiment.NeuronExperiment;
import org.losslab.experiment.NeuronRun;
import org.losslab.experiment.NeuronSpec;
import org.losslab.experiment.Training;
import org.losslab.preset.HiddenActivation;
import org.losslab.preset.NetworkSpec;
import org.losslab.preset.Networks;
import org.losslab.preset.Preset;

public final class Main {

    public static void main(String[] args) throws IOException {
        Path models = Path.of(args.length > 0 ? args[0] : "models");   // where runs go

        // The lecture's slow start: a saturated sigmoid neuron under the quadratic cost.
        NeuronRun slow = NeuronExperiment.run(
                NeuronSpec.lecture(Preset.QUADRATIC_SIGMOID, 2.0, 2.0, 0.15, 300));
        System.out.printf("output at epoch 150: %.3f%n", slow.at(150).output());   // 0.933

        // A 784-100-10 network: quadratic cost, tanh hidden units, η = 3.0, N(0,1) init.
        NetworkSpec spec = NetworkSpec.defaults()
                .withPreset(Preset.QUADRATIC_SIGMOID)
                .withActivation(HiddenActivation.TANH)
                .withHidden(100)
                .withEta(3.0);
        MultiLayerNetwork net = Networks.network(spec);   // a plain DL4J network
        System.out.println(net.summary());

        // Train it for 2 epochs on the bundled sample; the run lands in models/<run-id>/.
        Experiment experiment = Experiment.of(spec, DataSpec.of(Dataset.SAMPLE)).withEpochs(2);
        Training.Outcome run = Training.run(experiment, models);
        System.out.printf("test accuracy %.1f%%, model in %s%n",
                100 * run.record().testAccuracy().getAsDouble(), run.folder().resolve("model.zip"));
    }
}
