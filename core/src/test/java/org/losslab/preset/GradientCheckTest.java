package org.losslab.preset;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.deeplearning4j.gradientcheck.GradientCheckUtil;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** DL4J's numerical gradient check for every preset × hidden activation on a tiny net, with and without L2. */
class GradientCheckTest {

    private static DataType previousDefault;

    @BeforeAll
    static void doublePrecision() {
        previousDefault = Nd4j.dataType();
        Nd4j.setDefaultDataTypes(DataType.DOUBLE, DataType.DOUBLE);
    }

    @AfterAll
    static void restorePrecision() {
        Nd4j.setDefaultDataTypes(previousDefault, previousDefault);
    }

    static Stream<Arguments> presetsByActivations() {
        return Stream.of(Preset.values()).flatMap(preset -> Stream.of(HiddenActivation.values())
                .flatMap(activation -> Stream.of(Arguments.of(preset, activation, 0.0),
                        Arguments.of(preset, activation, 2.0))));
    }

    @ParameterizedTest(name = "{0} {1} lambda={2}")
    @MethodSource("presetsByActivations")
    void backpropMatchesFiniteDifferences(Preset preset, HiddenActivation activation, double lambda) {
        // GradientCheckUtil wants plain SGD with learning rate 1 and double precision.
        NetworkSpec spec = NetworkSpec.defaults().withLayers(4, List.of(5, 3), 3).withPreset(preset)
                .withActivation(activation).withInit(Initialization.SCALED).withEta(1.0).withL2(lambda, 10)
                .withDataType(DataType.DOUBLE).withSeed(12345);
        MultiLayerNetwork net = Networks.network(spec);
        Random random = new Random(7);
        int examples = 6;
        double[][] x = new double[examples][4];
        double[][] y = new double[examples][3];
        for (int i = 0; i < examples; i++) {
            for (int j = 0; j < 4; j++) {
                x[i][j] = random.nextDouble() * 2 - 1;
            }
            y[i][random.nextInt(3)] = 1;
        }
        INDArray input = Nd4j.create(x);
        INDArray labels = Nd4j.create(y);
        boolean passed = GradientCheckUtil.checkGradients(new GradientCheckUtil.MLNConfig().net(net)
                .input(input).labels(labels).epsilon(1e-6).maxRelError(1e-3).minAbsoluteError(1e-8)
                .print(GradientCheckUtil.PrintMode.FAILURES_ONLY).exitOnFirstError(true));
        assertThat(passed).as("gradient check for %s, %s, λ=%s", preset, activation, lambda).isTrue();
    }
}
