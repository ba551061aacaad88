package org.losslab.experiment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

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
    void bothTrainingCostsTrainTheWeightsOfDl4jsOwnFitToTheBit(@TempDir Path dir) throws IOException {
        Training.Outcome epochEnd = Training.run(small(2), data, dir.resolve("epoch-end"), TrainingListener.NONE);
        Training.Outcome batchMean = Training.run(small(2).withTrainingCost(TrainingCost.MINI_BATCH_MEAN), data,
                dir.resolve("mini-batch-mean"), TrainingListener.NONE);
        // DL4J alone: the same network, data order and steps through MultiLayerNetwork.fit, nothing of LossLab's.
        org.deeplearning4j.nn.multilayer.MultiLayerNetwork plain = org.losslab.preset.Networks.network(
                Training.network(small(2), data));
        org.losslab.data.MiniBatches batches = new org.losslab.data.MiniBatches(data.train(), 10,
                small(2).network().seed(), true);
        for (int epoch = 0; epoch < 2; epoch++) {
            while (batches.hasNext()) {
                plain.fit(batches.next());
            }
            batches.reset();
        }
        assertThat(epochEnd.network().getClass()).isEqualTo(plain.getClass());
        assertThat(epochEnd.network().params().data().asFloat()).isEqualTo(plain.params().data().asFloat());
        assertThat(batchMean.network().params().data().asFloat()).isEqualTo(plain.params().data().asFloat());
        for (int i = 0; i < 2; i++) {
            EpochMetrics a = epochEnd.record().metrics().get(i);
            EpochMetrics b = batchMean.record().metrics().get(i);
            assertThat(List.of(a.validationCost(), a.validationAccuracy(), a.meanAbsGradient()))
                    .isEqualTo(List.of(b.validationCost(), b.validationAccuracy(), b.meanAbsGradient()));
            assertThat(a.trainCost()).as("a different figure").isNotEqualTo(b.trainCost());
        }
        assertThat(epochEnd.record().trainingCost()).isEqualTo(TrainingCost.EPOCH_END);
        assertThat(batchMean.record().trainingCost()).isEqualTo(TrainingCost.MINI_BATCH_MEAN);
        assertThat(epochEnd.record().testCost()).isEqualTo(batchMean.record().testCost());
    }

    @Test
    void theEpochEndCostIsTheBooksCostOverEveryTrainingImage(@TempDir Path dir) throws IOException {
        // λ = 5 (λ/n = 0.005 per weight): the L2 term ½(λ/n)Σw² is part of the figure, as in the book's total_cost.
        Experiment experiment = small(1).withNetwork(small(1).network().withLambda(5));
        Training.Outcome outcome = Training.run(experiment, data, dir, TrainingListener.NONE);
        org.deeplearning4j.nn.multilayer.MultiLayerNetwork net = outcome.network();
        org.nd4j.linalg.dataset.DataSet train = data.train().arrays();
        float[] a = net.output(train.getFeatures(), false).data().asFloat();
        float[] y = train.getLabels().data().asFloat();
        double cross = 0;
        for (int i = 0; i < a.length; i++) {
            cross -= y[i] * Math.log(a[i]) + (1 - y[i]) * Math.log(1 - a[i]);
        }
        double squares = 0;
        for (int layer = 0; layer < net.getnLayers(); layer++) {
            for (float w : net.getParam(layer + "_W").dup().data().asFloat()) {
                squares += (double) w * w;
            }
        }
        double book = cross / data.train().count() + 0.5 * 5 / data.train().count() * squares;
        EpochMetrics metrics = outcome.record().metrics().get(0);
        assertThat(metrics.trainCost()).isCloseTo(book, within(1e-5 * book));
        // DL4J's own score of all training images in one batch gives the same figure.
        assertThat(metrics.trainCost()).isCloseTo(net.score(train, false), within(1e-6 * book));
    }

    @Test
    void theUisScoreChartStillGetsEachReportedMiniBatchsScore(@TempDir Path dir) throws IOException {
        Training.Outcome outcome = Training.run(small(1), data, dir, TrainingListener.NONE);
        org.deeplearning4j.ui.model.storage.FileStatsStorage stats = StatsFiles.open(dir.resolve(Training.STATS_FILE));
        try {
            String session = outcome.record().id();
            List<org.deeplearning4j.core.storage.Persistable> updates = stats.getAllUpdatesAfter(session,
                    "StatsListener", Training.STATS_WORKER, 0);
            assertThat(updates).isNotEmpty();
            // The UI's model page knows DL4J's classes only; the network trained is DL4J's.
            assertThat(stats.getAllStaticInfos(session, "StatsListener")).singleElement().satisfies(info -> assertThat(
                    ((org.deeplearning4j.ui.model.stats.api.StatsInitializationReport) info).getModelClassName())
                    .isEqualTo(org.deeplearning4j.nn.multilayer.MultiLayerNetwork.class.getName()));
            assertThat(updates).allSatisfy(u -> assertThat(
                    ((org.deeplearning4j.ui.model.stats.api.StatsReport) u).getScore()).isFinite().isPositive());
        } finally {
            stats.close();
        }
    }

    @Test
    void aRecordOfAnOlderLossLabHadTheMiniBatchMean(@TempDir Path dir) throws IOException {
        RunRecord record = Training.run(small(1), data, dir, TrainingListener.NONE).record();
        String older = record.toJson().replaceFirst("\\s*\"trainingCost\" : \"epoch-end\",", "");
        assertThat(older).doesNotContain("trainingCost");
        assertThat(RunRecord.fromJson(older, "run.json").trainingCost()).isEqualTo(TrainingCost.MINI_BATCH_MEAN);
        assertThat(RunRecord.fromJson(record.toJson(), "run.json")).isEqualTo(record);
        assertThatThrownBy(() -> TrainingCost.parse("median"))
                .hasMessage("trainingCost: unknown value 'median'; expected one of epoch-end, mini-batch-mean");
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
