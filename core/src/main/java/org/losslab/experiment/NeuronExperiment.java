package org.losslab.experiment;

import java.util.ArrayList;
import java.util.List;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.params.DefaultParamInitializer;
import org.losslab.preset.Networks;
import org.losslab.preset.Preset;
import org.losslab.report.Numbers;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Sgd;

/**
 * Trains the lecture's single neuron with DL4J (double precision, plain SGD, one example per step) and records
 * every epoch.
 */
public final class NeuronExperiment {

    private NeuronExperiment() {
    }

    /**
     * {@return the DL4J network of a neuron spec: one input, one output unit (sigmoid, or DL4J's {@code IDENTITY}
     * when linear), weight and bias set from the spec}
     *
     * @param spec the spec
     */
    public static MultiLayerNetwork network(NeuronSpec spec) {
        MultiLayerConfiguration conf = new org.deeplearning4j.nn.conf.NeuralNetConfiguration.Builder()
                .dataType(DataType.DOUBLE)
                .updater(new Sgd(spec.eta()))
                .miniBatch(true)
                .list()
                .layer(Networks.outputLayer(spec.preset(), 1, 1)
                        .activation(spec.activation() == NeuronActivation.LINEAR ? Activation.IDENTITY
                                : Networks.outputActivation(spec.preset()))
                        .build())
                .build();
        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init();
        net.getLayer(0).getParam(DefaultParamInitializer.WEIGHT_KEY).assign(spec.w());
        net.getLayer(0).getParam(DefaultParamInitializer.BIAS_KEY).assign(spec.b());
        return net;
    }

    /**
     * Runs the spec and returns every epoch's state, labelled with {@code label}.
     *
     * @param spec the spec
     * @return every epoch of the run, before and after
     * @param label the run's name in tables and charts
     */
    public static NeuronRun run(String label, NeuronSpec spec) {
        MultiLayerNetwork net = network(spec);
        INDArray x = Nd4j.create(new double[][] {{spec.input()}});
        INDArray y = Nd4j.create(new double[][] {{spec.target()}});
        DataSet example = new DataSet(x, y);
        List<NeuronStep> steps = new ArrayList<>(spec.epochs() + 1);
        for (int epoch = 0; epoch <= spec.epochs(); epoch++) {
            steps.add(state(net, epoch, x, y));
            if (epoch < spec.epochs()) {
                net.fit(example);
            }
        }
        return new NeuronRun(label, spec, steps);
    }

    /**
     * Runs the spec with a label made from its settings.
     *
     * @param spec the spec
     * @return every epoch of the run, before and after
     */
    public static NeuronRun run(NeuronSpec spec) {
        return run(label(spec), spec);
    }

    /**
     * {@return a short label such as {@code quadratic w=0.6 b=0.9 η=0.15}, or {@code quadratic + linear w=2 b=2
     * η=0.15} for a linear output}
     *
     * @param spec the spec
     */
    public static String label(NeuronSpec spec) {
        String cost = spec.preset() == Preset.QUADRATIC_SIGMOID ? "quadratic" : "cross-entropy";
        if (spec.activation() == NeuronActivation.LINEAR) {
            cost += " + linear";
        }
        return cost + " w=" + Numbers.plain(spec.w()) + " b=" + Numbers.plain(spec.b()) + " η=" + Numbers.plain(spec.eta());
    }

    private static NeuronStep state(MultiLayerNetwork net, int epoch, INDArray x, INDArray y) {
        double w = net.getLayer(0).getParam(DefaultParamInitializer.WEIGHT_KEY).getDouble(0);
        double b = net.getLayer(0).getParam(DefaultParamInitializer.BIAS_KEY).getDouble(0);
        net.setInput(x);
        net.setLabels(y);
        net.computeGradientAndScore();
        Gradient gradient = net.gradient();
        double dCdw = gradient.getGradientFor("0_" + DefaultParamInitializer.WEIGHT_KEY).getDouble(0);
        double dCdb = gradient.getGradientFor("0_" + DefaultParamInitializer.BIAS_KEY).getDouble(0);
        double cost = net.score();
        double output = net.output(x, false).getDouble(0);
        return new NeuronStep(epoch, w, b, output, cost, dCdw, dCdb);
    }
}
