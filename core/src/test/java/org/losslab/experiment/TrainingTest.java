package org.losslab.experiment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.OptionalDouble;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.losslab.data.DataSpec;
import org.losslab.data.Dataset;
import org.losslab.data.MnistData;
import org.losslab.model.ModelZip;
import org.losslab.preset.HiddenActivation;
import org.losslab.preset.NetworkSpec;
import org.losslab.preset.Preset;

class TrainingTest {

    static final DataSpec SMALL = DataSpec.of(Dataset.SAMPLE).withLimits(1000, 300);
    static MnistData data;

    @BeforeAll
    static void load() {
        data = MnistData.load(SMALL);
    }

    static Experiment small(int epochs) {
        return Experiment.of(NetworkSpec.defaults().withSeed(7).withEta(0.5), SMALL).withEpochs(epochs);
    }

    @Test
    void loadedDataThatIsNotTheExperimentsIsRefusedBeforeAnythingIsMade(@TempDir Path dir) {
        Experiment other = small(1).withData(DataSpec.of(Dataset.SAMPLE).withLimits(500, 300));
        assertThatThrownBy(() -> Training.run(other, data, dir.resolve("run"), TrainingListener.NONE))
                .isInstanceOfSatisfying(org.losslab.io.SpecException.class, e -> assertThat(e.field())
                        .isEqualTo("data"))
                .hasMessage("data: names sample (trainLimit 500, testLimit 300) but the loaded data is sample "
                        + "(trainLimit 1000, testLimit 300)");
        assertThat(dir.resolve("run")).doesNotExist();
    }

    @Test
    void aRunLearnsAndLeavesItsFolder(@TempDir Path dir) throws IOException {
        Training.Outcome outcome = Training.run(small(3), data, dir.resolve("run"), TrainingListener.NONE);
        RunRecord record = outcome.record();
        assertThat(record.status()).isEqualTo(RunStatus.FINISHED);
        assertThat(record.metrics()).hasSize(3);
        assertThat(record.metrics()).extracting(EpochMetrics::epoch).containsExactly(1, 2, 3);
        EpochMetrics last = record.metrics().get(2);
        assertThat(last.validationAccuracy()).as("learns: far above chance").isGreaterThan(0.5);
        assertThat(record.metrics().get(0).trainCost()).isGreaterThan(last.trainCost());
        assertThat(last.meanAbsGradient()).hasSize(2).allSatisfy(g -> assertThat(g).isPositive());
        assertThat(last.saturation()).hasSize(2).allSatisfy(s -> assertThat(s.getAsDouble()).isBetween(0.0, 1.0));
        assertThat(record.testAccuracy().getAsDouble()).isGreaterThan(0.5);
        assertThat(record.data().sample()).isTrue();
        assertThat(record.data().folder()).as("the bundled sample has no folder").isEmpty();
        assertThat(record.data().train()).isEqualTo(1000);
        // What run.json holds reads back as the same record; an absent figure is JSON null, read as empty.
        assertThat(RunRecord.read(outcome.folder())).isEqualTo(record);
        String running = record.toJson().replaceFirst("\"testAccuracy\" : [0-9.E-]+", "\"testAccuracy\" : null");
        assertThat(RunRecord.fromJson(running, "run.json").testAccuracy()).isEmpty();
        assertThat(record.data().md5()).hasSize(4);
        assertThat(record.network().trainingSetSize()).isEqualTo(1000);

        Path folder = outcome.folder();
        assertThat(RunRecord.read(folder)).isEqualTo(record);
        ModelZip.Loaded loaded = ModelZip.load(folder);
        assertThat(loaded.network().params()).isEqualTo(outcome.network().params());
        assertThat(RunRecord.fromJson(loaded.runJson().get(), "zip")).isEqualTo(record);
        assertThat(ImageIO.read(folder.resolve("curves.png").toFile())).isNotNull();
        assertThat(folder.resolve("best.zip")).doesNotExist();
    }

    @Test
    void reluHasNoSaturationButSigmoidOutputsDo(@TempDir Path dir) throws IOException {
        Experiment relu = small(1).withNetwork(small(1).network().withActivation(HiddenActivation.RELU)
                .withPreset(Preset.SOFTMAX_LOG_LIKELIHOOD));
        EpochMetrics metrics = Training.run(relu, data, dir, TrainingListener.NONE).record().metrics().get(0);
        assertThat(metrics.saturation()).containsExactly(OptionalDouble.empty(), OptionalDouble.empty());
    }

    @Test
    void theSameSeedGivesTheSameRunInOneJvm(@TempDir Path dir) throws IOException {
        Training.Outcome first = Training.run(small(2), data, dir.resolve("a"), TrainingListener.NONE);
        // Whatever else used ND4J's global random generator in between must not matter.
        org.nd4j.linalg.factory.Nd4j.getRandom().nextDouble();
        org.nd4j.linalg.factory.Nd4j.rand(5, 5);
        Training.Outcome second = Training.run(small(2), data, dir.resolve("b"), TrainingListener.NONE);
        assertThat(second.network().params()).isEqualTo(first.network().params());
        assertThat(withoutTimes(second.record().metrics())).isEqualTo(withoutTimes(first.record().metrics()));
        Training.Outcome other = Training.run(small(2).withNetwork(small(2).network().withSeed(8)), data,
                dir.resolve("c"), TrainingListener.NONE);
        assertThat(other.network().params()).isNotEqualTo(first.network().params());
    }

    @Test
    void earlyStoppingEndsTheRunAndKeepsTheBestModel(@TempDir Path dir) throws IOException {
        // η = 30 diverges, so accuracy stops improving at once.
        Experiment wild = small(12).withEarlyStop(2).withNetwork(small(12).network().withEta(30));
        Training.Outcome outcome = Training.run(wild, data, dir, TrainingListener.NONE);
        RunRecord record = outcome.record();
        assertThat(record.status()).isEqualTo(RunStatus.STOPPED_EARLY);
        assertThat(record.metrics().size()).isLessThan(12);
        int best = record.bestEpoch().getAsInt();
        assertThat(record.metrics().size()).isEqualTo(best + 2);
        assertThat(record.metrics().get(best - 1).validationAccuracy()).isEqualTo(
                record.metrics().stream().mapToDouble(EpochMetrics::validationAccuracy).max().orElseThrow());
        assertThat(dir.resolve("best.zip")).doesNotExist();
    }

    @Test
    void aListenerThatPrunesEndsTheRunAfterThatEpochForGood(@TempDir Path dir) throws IOException {
        java.util.List<Integer> asked = new java.util.ArrayList<>();
        Training.Outcome outcome = Training.run(small(5), data, dir, new TrainingListener() {
            @Override
            public boolean prune(EpochMetrics metrics, RunRecord record) {
                asked.add(metrics.epoch());
                return metrics.epoch() == 2;
            }
        });
        RunRecord record = outcome.record();
        assertThat(asked).containsExactly(1, 2);
        assertThat(record.status()).isEqualTo(RunStatus.PRUNED);
        assertThat(record.status().trained()).isFalse();
        assertThat(record.completedEpochs()).isEqualTo(2);
        assertThat(record.testAccuracy()).isEmpty();
        assertThat(RunRecord.read(dir)).isEqualTo(record);
        assertThat(ModelZip.load(dir.resolve("model.zip")).runJson()).hasValue(record.toJson());
        // the same two epochs as an unpruned run's first two
        Training.Outcome whole = Training.run(small(5), data, dir.resolve("whole"), TrainingListener.NONE);
        assertThat(withoutTimes(record.metrics())).isEqualTo(withoutTimes(whole.record().metrics().subList(0, 2)));
        assertThatThrownBy(() -> Training.resume(dir, TrainingListener.NONE))
                .hasMessageEndingWith("the run is already pruned; nothing to resume");
    }

    @Test
    void theLastEpochIsNeverOfferedForPruning(@TempDir Path dir) throws IOException {
        java.util.List<Integer> asked = new java.util.ArrayList<>();
        RunRecord record = Training.run(small(2), data, dir, new TrainingListener() {
            @Override
            public boolean prune(EpochMetrics metrics, RunRecord record) {
                asked.add(metrics.epoch());
                return metrics.epoch() == 2;
            }
        }).record();
        assertThat(asked).containsExactly(1);
        assertThat(record.status()).isEqualTo(RunStatus.FINISHED);
    }

    @Test
    void specsAreValidated() {
        assertThatThrownBy(() -> small(0)).hasMessageContaining("epochs").hasMessageContaining("0");
        assertThatThrownBy(() -> small(1).withBatchSize(0)).hasMessageStartingWith("batchSize: ");
        assertThatThrownBy(() -> small(1).withEarlyStop(-1)).hasMessageStartingWith("earlyStop: ");
        assertThatThrownBy(() -> small(1).withThreads(0)).hasMessageContaining("threads");
        assertThatThrownBy(() -> small(1).withNetwork(NetworkSpec.defaults().withLayers(100, List.of(5), 10)))
                .hasMessageContaining("784");
    }

    static List<List<Double>> withoutTimes(List<EpochMetrics> metrics) {
        return metrics.stream().map(m -> List.of(m.trainCost(), m.validationCost(), m.validationAccuracy(),
                m.meanAbsGradient().get(0), m.meanAbsGradient().get(1))).toList();
    }
}
