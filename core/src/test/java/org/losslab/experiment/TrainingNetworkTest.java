package org.losslab.experiment;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.dropout.Dropout;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.losslab.data.DataSpec;
import org.losslab.data.Dataset;
import org.losslab.data.MiniBatches;
import org.losslab.data.MnistData;
import org.losslab.nd4j.Nd4jSetup;
import org.losslab.preset.HiddenActivation;
import org.losslab.preset.Initialization;
import org.losslab.preset.NetworkSpec;
import org.losslab.preset.Networks;
import org.losslab.preset.Preset;
import org.nd4j.linalg.api.ops.executioner.OpExecutioner;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.profiler.OpProfiler;
import org.nd4j.linalg.profiler.data.StringCounter;

/**
 * The training network's cuts ({@link TrainingNetwork}, {@link TrainingDenseLayer}) give DL4J's own weights to the
 * bit, for each preset and hidden activation, and make fewer matrix products: one fewer per hidden layer (the
 * pre-activations are not computed again), one more fewer for the first layer (its unread input gradient).
 */
class TrainingNetworkTest {

    static MnistData data;

    @BeforeAll
    static void load() {
        Nd4jSetup.install();
        data = MnistData.load(DataSpec.of(Dataset.SAMPLE).withLimits(300, 100));
    }

    static Stream<Arguments> networks() {
        NetworkSpec base = NetworkSpec.defaults().withSeed(3).withEta(0.5);
        return Stream.of(
                Arguments.of("cross-entropy, sigmoid, 784-30-10", base),
                Arguments.of("quadratic, tanh, 784-20-15-10, λ 5", base.withPreset(Preset.QUADRATIC_SIGMOID)
                        .withActivation(HiddenActivation.TANH).withLayers(784, List.of(20, 15), 10)
                        .withL2(5, 300)),
                Arguments.of("softmax, relu, 784-30-10", base.withPreset(Preset.SOFTMAX_LOG_LIKELIHOOD)
                        .withActivation(HiddenActivation.RELU).withEta(0.1)),
                Arguments.of("cross-entropy, swish, 784-16-12-10", base.withActivation(HiddenActivation.SWISH)
                        .withInit(Initialization.SCALED).withLayers(784, List.of(16, 12), 10)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("networks")
    void theWeightsAreDl4jsToTheBit(String name, NetworkSpec spec) {
        MultiLayerNetwork plain = Networks.network(spec);
        TrainingNetwork cut = TrainingNetwork.of(Networks.network(spec), iteration -> iteration % 7 == 0);
        assertThat(Stream.of(cut.getLayers()).limit(cut.getnLayers() - 1).map(Layer::getClass).distinct())
                .containsExactly(TrainingDenseLayer.class);
        MiniBatches plainFeed = new MiniBatches(data.train(), 10, 3, true);
        MiniBatches cutFeed = new MiniBatches(data.train(), 10, 3, true);
        for (int step = 0; step < 30; step++) {
            plain.fit(plainFeed.next());
            cut.fit(cutFeed.next());
            if (step % 7 == 0) {
                assertThat(plain.score()).as("step %d's score", step).isFinite();
                assertThat(cut.score()).as("step %d's score", step).isEqualTo(plain.score());
            }
        }
        assertThat(cut.params().data().asFloat()).isEqualTo(plain.params().data().asFloat());
        assertThat(cut.plain().output(data.test().arrays().getFeatures()).data().asFloat())
                .isEqualTo(plain.output(data.test().arrays().getFeatures()).data().asFloat());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("networks")
    void eachHiddenLayerMakesOneProductFewerAndTheFirstTwo(String name, NetworkSpec spec) {
        int hidden = spec.hidden().size();
        double plain = productsPerStep(() -> TrainingNetwork.of(Networks.network(spec), iteration -> false), false);
        double cut = productsPerStep(() -> TrainingNetwork.of(Networks.network(spec), iteration -> false), true);
        assertThat(plain - cut).isEqualTo(hidden + 1.0);
    }

    @Test
    void layersWithDropoutStayDl4jsOwn() {
        NetworkSpec spec = NetworkSpec.defaults().withSeed(3);
        MultiLayerNetwork network = Networks.network(spec);
        network.getLayerWiseConfigurations().getConf(0).getLayer().setIDropout(new Dropout(0.5));
        TrainingNetwork cut = TrainingNetwork.of(network, iteration -> false);
        assertThat(cut.getLayer(0).getClass())
                .isEqualTo(org.deeplearning4j.nn.layers.feedforward.dense.DenseLayer.class);
    }

    /** Matrix products per training step (ND4J's op profiler), with the training layers on or off. */
    private static double productsPerStep(Supplier<TrainingNetwork> network, boolean trainingLayers) {
        String before = System.getProperty(TrainingNetwork.LAYER_SWITCH);
        System.setProperty(TrainingNetwork.LAYER_SWITCH, Boolean.toString(trainingLayers));
        TrainingNetwork net;
        try {
            net = network.get();
        } finally {
            if (before == null) {
                System.clearProperty(TrainingNetwork.LAYER_SWITCH);
            } else {
                System.setProperty(TrainingNetwork.LAYER_SWITCH, before);
            }
        }
        MiniBatches feed = new MiniBatches(data.train(), 10, 3, true);
        net.fit(feed.next());
        Map<String, Long> byName = new TreeMap<>();
        OpProfiler.getInstance().reset();
        OpProfiler.getInstance().setOpCounter(new StringCounter() {
            @Override
            public long incrementCount(String key) {
                byName.merge(key, 1L, Long::sum);
                return super.incrementCount(key);
            }
        });
        int steps = 20;
        Nd4j.getExecutioner().setProfilingMode(OpExecutioner.ProfilingMode.OPERATIONS);
        try {
            for (int i = 0; i < steps; i++) {
                net.fit(feed.next());
            }
        } finally {
            Nd4j.getExecutioner().setProfilingMode(OpExecutioner.ProfilingMode.DISABLED);
            OpProfiler.getInstance().reset();
        }
        long products = byName.entrySet().stream().filter(e -> e.getKey().contains("mmul")
                || e.getKey().contains("matmul") || e.getKey().contains("gemm")).mapToLong(Map.Entry::getValue).sum();
        assertThat(products).as("products counted in %s", byName).isPositive();
        return products / (double) steps;
    }
}
