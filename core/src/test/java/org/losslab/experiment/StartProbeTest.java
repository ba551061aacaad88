package org.losslab.experiment;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.losslab.data.MnistData;
import org.losslab.preset.Initialization;
import org.losslab.preset.NetworkSpec;
import org.losslab.preset.Networks;
import org.losslab.preset.Preset;

/** The start of a run (epoch 0) and the book's chapter 5 point: earlier sigmoid layers learn more slowly. */
class StartProbeTest {

    private static MnistData data;

    @BeforeAll
    static void load() {
        data = MnistData.load(TrainingTest.SMALL);
    }

    private static NetworkSpec deep(long seed) {
        return NetworkSpec.defaults().withPreset(Preset.CROSS_ENTROPY_SIGMOID).withHidden(30, 30, 30, 30)
                .withInit(Initialization.SCALED).withEta(0.1).withSeed(seed);
    }

    @Test
    void earlierLayersLearnMoreSlowlyAtTheStart() {
        for (long seed = 1; seed <= 3; seed++) {
            MultiLayerNetwork net = Networks.network(deep(seed));
            EpochMetrics start = StartProbe.start(net, data, 10);
            assertThat(start.epoch()).isZero();
            assertThat(start.meanAbsBiasGradient()).hasSize(5);
            assertThat(start.meanAbsGradient()).hasSize(5);
            List<Double> hidden = start.meanAbsBiasGradient().subList(0, 4);
            // the book's chapter 5 figure: each hidden layer learns several times more slowly than the next
            for (int layer = 0; layer < 3; layer++) {
                assertThat(hidden.get(layer)).as("seed %d: layer %d slower than layer %d", seed, layer + 1, layer + 2)
                        .isLessThan(hidden.get(layer + 1));
            }
            assertThat(hidden.get(3) / hidden.get(0)).as("seed %d: last over first hidden layer", seed)
                    .isGreaterThan(10);
            assertThat(start.validationAccuracy()).as("untrained: about chance").isBetween(0.0, 0.3);
            assertThat(start.saturation()).hasSize(5);
            assertThat(start.seconds()).isZero();
        }
    }

    @Test
    void theLargeInitSaturatesHiddenUnitsFromTheStart() {
        NetworkSpec scaled = NetworkSpec.defaults().withPreset(Preset.CROSS_ENTROPY_SIGMOID).withHidden(30)
                .withInit(Initialization.SCALED).withSeed(5);
        double scaledShare = StartProbe.start(Networks.network(scaled), data, 10).saturation().get(0).getAsDouble();
        double largeShare = StartProbe.start(Networks.network(scaled.withInit(Initialization.LARGE)), data, 10)
                .saturation().get(0).getAsDouble();
        assertThat(largeShare).as("N(0, 1) weights: z ~ N(0, ~100)").isGreaterThan(0.5);
        assertThat(scaledShare).as("N(0, 1/√n_in) weights").isLessThan(0.1);
    }

    @Test
    void theProbeChangesNothingAndEveryRunRecordsItsStart(@TempDir Path dir) throws IOException {
        MultiLayerNetwork net = Networks.network(deep(2));
        var before = net.params().dup();
        StartProbe.start(net, data, 10);
        assertThat(net.params()).isEqualTo(before);

        Experiment experiment = TrainingTest.small(1);
        RunRecord record = Training.run(experiment, data, dir.resolve("run"), TrainingListener.NONE).record();
        assertThat(record.start()).isPresent();
        assertThat(record.start().get().epoch()).isZero();
        assertThat(StartProbe.withStart(record)).extracting(EpochMetrics::epoch).containsExactly(0, 1);
        assertThat(record.metrics().get(0).meanAbsBiasGradient()).hasSize(2).allSatisfy(g -> assertThat(g)
                .isPositive());
        // it is kept in run.json and read back
        assertThat(RunRecord.read(dir.resolve("run")).start()).isEqualTo(record.start());
        // a record of an older LossLab, without the start or the bias gradients, still reads
        var tree = (com.fasterxml.jackson.databind.node.ObjectNode) new com.fasterxml.jackson.databind.ObjectMapper()
                .readTree(record.toJson());
        tree.remove("start");
        tree.get("metrics").forEach(m -> ((com.fasterxml.jackson.databind.node.ObjectNode) m)
                .remove("meanAbsBiasGradient"));
        String old = tree.toString();
        assertThat(old).doesNotContain("meanAbsBiasGradient").doesNotContain("\"start\"");
        RunRecord older = RunRecord.fromJson(old, "old run.json");
        assertThat(older.start()).isEmpty();
        assertThat(older.metrics().get(0).meanAbsBiasGradient()).isEmpty();
    }
}
