package org.losslab.preset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.deeplearning4j.nn.conf.layers.BaseLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;

class NetworksTest {

    @ParameterizedTest
    @EnumSource(HiddenActivation.class)
    void configurationHasTheSpecsLayers(HiddenActivation activation) {
        NetworkSpec spec = NetworkSpec.defaults().withHidden(30, 20).withActivation(activation)
                .withPreset(Preset.SOFTMAX_LOG_LIKELIHOOD);
        var conf = Networks.configuration(spec);
        assertThat(conf.getConfs()).hasSize(3);
        DenseLayer first = (DenseLayer) conf.getConf(0).getLayer();
        assertThat(first.getNIn()).isEqualTo(784);
        assertThat(first.getNOut()).isEqualTo(30);
        assertThat(first.getActivationFn()).isEqualTo(Networks.activation(activation).getActivationFunction());
        OutputLayer output = (OutputLayer) conf.getConf(2).getLayer();
        assertThat(output.getNIn()).isEqualTo(20);
        assertThat(output.getNOut()).isEqualTo(10);
        assertThat(output.getLossFn()).isEqualTo(Networks.lossFunction(Preset.SOFTMAX_LOG_LIKELIHOOD));
        assertThat(conf.getDataType()).isEqualTo(DataType.FLOAT);
    }

    @Test
    void largeInitDrawsWeightsAndBiasesFromStandardNormal() {
        MultiLayerNetwork net = Networks.network(NetworkSpec.defaults().withHidden(100).withSeed(3));
        INDArray weights = net.getLayer(0).getParam("W");
        INDArray biases = Nd4j.concat(1, net.getLayer(0).getParam("b"), net.getLayer(1).getParam("b"));
        assertThat(weights.meanNumber().doubleValue()).isCloseTo(0, within(0.01));
        assertThat(weights.stdNumber().doubleValue()).isCloseTo(1, within(0.01));
        // 110 biases: mean and standard deviation within about three standard errors.
        assertThat(biases.meanNumber().doubleValue()).isCloseTo(0, within(0.3));
        assertThat(biases.stdNumber().doubleValue()).isCloseTo(1, within(0.25));
    }

    @Test
    void scaledInitDividesWeightsBySqrtOfFanIn() {
        MultiLayerNetwork net = Networks.network(NetworkSpec.defaults().withHidden(100)
                .withInit(Initialization.SCALED).withSeed(3));
        assertThat(net.getLayer(0).getParam("W").stdNumber().doubleValue()).isCloseTo(1 / Math.sqrt(784),
                within(0.002));
        assertThat(net.getLayer(1).getParam("W").stdNumber().doubleValue()).isCloseTo(1 / Math.sqrt(100),
                within(0.02));
        assertThat(net.getLayer(0).getParam("b").stdNumber().doubleValue()).isCloseTo(1, within(0.3));
    }

    @Test
    void sameSeedSameParametersOtherSeedOthers() {
        NetworkSpec spec = NetworkSpec.defaults().withSeed(11);
        assertThat(Networks.network(spec).params()).isEqualTo(Networks.network(spec).params());
        assertThat(Networks.network(spec.withSeed(12)).params()).isNotEqualTo(Networks.network(spec).params());
    }

    /**
     * One SGD step on a mini-batch of m examples with λ: w → (1 − ηλ/n)w − (η/m)Σ∂Cₓ/∂w and b → b − (η/m)Σ∂Cₓ/∂b,
     * the book's rule, with ∂Cₓ taken from the same network without L2.
     */
    @ParameterizedTest
    @EnumSource(Preset.class)
    void oneStepFollowsTheBooksL2Rule(Preset preset) {
        double eta = 0.3;
        double lambda = 5.0;
        int n = 40;
        NetworkSpec plain = NetworkSpec.defaults().withLayers(3, List.of(4), 2).withPreset(preset).withEta(eta)
                .withDataType(DataType.DOUBLE).withSeed(5);
        MultiLayerNetwork withL2 = Networks.network(plain.withL2(lambda, n));
        MultiLayerNetwork withoutL2 = Networks.network(plain);
        withoutL2.setParams(withL2.params().dup());
        INDArray x = Nd4j.create(new double[][] {{0.1, -0.4, 0.9}, {0.7, 0.2, -0.3}, {-0.5, 0.5, 0.0}});
        INDArray y = Nd4j.create(new double[][] {{1, 0}, {0, 1}, {1, 0}});
        int m = 3;

        withoutL2.setInput(x);
        withoutL2.setLabels(y);
        withoutL2.computeGradientAndScore();
        INDArray summedGradient = withoutL2.gradient().gradient().dup(); // DL4J sums over the batch here
        INDArray before = withL2.params().dup();
        withL2.fit(new DataSet(x, y));
        INDArray after = withL2.params();

        long offset = 0;
        for (int layer = 0; layer < 2; layer++) {
            for (String key : List.of("W", "b")) {
                long length = withL2.getLayer(layer).getParam(key).length();
                for (long i = offset; i < offset + length; i++) {
                    double w = before.getDouble(i);
                    double decay = key.equals("W") ? 1 - eta * lambda / n : 1;
                    double expected = decay * w - eta / m * summedGradient.getDouble(i);
                    assertThat(after.getDouble(i)).as("%s layer %d %s[%d]", preset, layer, key, i - offset)
                            .isCloseTo(expected, within(1e-12));
                }
                offset += length;
            }
        }
        assertThat(((BaseLayer) withL2.getLayerWiseConfigurations().getConf(0).getLayer()).getRegularizationBias())
                .isEmpty();
    }
}
