package org.losslab.preset;

import java.util.Random;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.distribution.NormalDistribution;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.params.DefaultParamInitializer;
import org.deeplearning4j.nn.weights.WeightInit;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Sgd;
import org.nd4j.linalg.lossfunctions.ILossFunction;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/**
 * The thin builder from a {@link NetworkSpec} to DL4J. It returns DL4J's own builders and objects, so a user who
 * needs more than a preset continues with the DL4J API ({@link #listBuilder(NetworkSpec)}).
 */
public final class Networks {

    private Networks() {
    }

    /**
     * {@return the DL4J loss function of a preset}
     *
     * @param preset the preset (cost and output activation)
     */
    public static ILossFunction lossFunction(Preset preset) {
        return switch (preset) {
            case QUADRATIC_SIGMOID -> new QuadraticCost();
            case CROSS_ENTROPY_SIGMOID -> LossFunctions.LossFunction.XENT.getILossFunction();
            case SOFTMAX_LOG_LIKELIHOOD -> LossFunctions.LossFunction.NEGATIVELOGLIKELIHOOD.getILossFunction();
        };
    }

    /**
     * {@return the DL4J output activation of a preset}
     *
     * @param preset the preset (cost and output activation)
     */
    public static Activation outputActivation(Preset preset) {
        return switch (preset) {
            case QUADRATIC_SIGMOID, CROSS_ENTROPY_SIGMOID -> Activation.SIGMOID;
            case SOFTMAX_LOG_LIKELIHOOD -> Activation.SOFTMAX;
        };
    }

    /**
     * {@return the DL4J activation of a hidden activation}
     *
     * @param activation the hidden activation
     */
    public static Activation activation(HiddenActivation activation) {
        return switch (activation) {
            case SIGMOID -> Activation.SIGMOID;
            case TANH -> Activation.TANH;
            case RELU -> Activation.RELU;
            case SWISH -> Activation.SWISH;
        };
    }

    /**
     * {@return a DL4J output-layer builder for a preset}
     *
     * @param preset the preset (cost and output activation)
     * @param nIn the layer's inputs
     * @param nOut the layer's units
     */
    public static OutputLayer.Builder outputLayer(Preset preset, int nIn, int nOut) {
        return new OutputLayer.Builder(lossFunction(preset))
                .activation(outputActivation(preset))
                .nIn(nIn)
                .nOut(nOut);
    }

    /**
     * The global DL4J settings of a spec: seed, data type, plain SGD with η on the mini-batch mean gradient,
     * weight initialisation and L2 (λ/n, weights only).
     *
     * @param spec the spec
     * @return the global DL4J settings of a spec: seed, data type, plain SGD with η on the mini-batch mean gradient,
     *         weight initialisation and L2 (λ/n, weights only)
     */
    public static NeuralNetConfiguration.Builder globalBuilder(NetworkSpec spec) {
        NeuralNetConfiguration.Builder builder = new NeuralNetConfiguration.Builder()
                .seed(spec.seed())
                .dataType(spec.dataType())
                .updater(new Sgd(spec.eta()))
                .miniBatch(true);
        switch (spec.init()) {
            case LARGE -> builder.weightInit(new NormalDistribution(0, 1));
            case SCALED -> builder.weightInit(WeightInit.NORMAL);
        }
        if (spec.lambda() > 0) {
            builder.l2(spec.l2Coefficient());
        }
        return builder;
    }

    /**
     * DL4J's list builder with every layer of the spec added; add to it or call {@code build()}.
     *
     * @param spec the spec
     * @return DL4J's builder with the spec's layers, to add to before {@code build()}
     */
    public static NeuralNetConfiguration.ListBuilder listBuilder(NetworkSpec spec) {
        NeuralNetConfiguration.ListBuilder list = globalBuilder(spec).list();
        int nIn = spec.inputs();
        for (int size : spec.hidden()) {
            list.layer(new DenseLayer.Builder().nIn(nIn).nOut(size).activation(activation(spec.activation())).build());
            nIn = size;
        }
        list.layer(outputLayer(spec.preset(), nIn, spec.outputs()).build());
        return list;
    }

    /**
     * {@return the DL4J configuration of a spec}
     *
     * @param spec the spec
     */
    public static MultiLayerConfiguration configuration(NetworkSpec spec) {
        return listBuilder(spec).build();
    }

    /**
     * {@return an initialised network: DL4J's weight initialisation, then N(0, 1) biases drawn from the spec's seed}
     *
     * @param spec the spec
     */
    public static MultiLayerNetwork network(NetworkSpec spec) {
        MultiLayerNetwork net = new MultiLayerNetwork(configuration(spec));
        net.init();
        gaussianBiases(net, spec.seed());
        return net;
    }

    /**
     * Sets every layer's bias to N(0, 1) values drawn from {@code seed} (DL4J has no Gaussian bias
     * initialisation).
     *
     * @param net the network
     * @param seed the seed
     */
    public static void gaussianBiases(MultiLayerNetwork net, long seed) {
        Random random = new Random(seed ^ 0x5DEECE66DL);
        for (int i = 0; i < net.getnLayers(); i++) {
            INDArray bias = net.getLayer(i).getParam(DefaultParamInitializer.BIAS_KEY);
            double[] values = new double[(int) bias.length()];
            for (int j = 0; j < values.length; j++) {
                values[j] = random.nextGaussian();
            }
            bias.assign(Nd4j.create(values, bias.shape()).castTo(bias.dataType()));
        }
    }
}
