package org.losslab.spark;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.losslab.data.Dataset;
import org.losslab.experiment.EpochMetrics;
import org.losslab.experiment.RunRecord;
import org.losslab.model.ModelZip;
import org.losslab.preset.HiddenActivation;
import org.losslab.preset.Preset;
import org.losslab.search.Search;
import org.losslab.search.SearchSpec;

/** What the Spark tests search, and how they compare two searches to the last bit. */
final class SparkRuns {

    /** Four candidates on the bundled sample: two activations × two η. */
    static final SearchSpec FOUR = SearchSpec.builder().presets(Preset.CROSS_ENTROPY_SIGMOID)
            .activations(HiddenActivation.SIGMOID, HiddenActivation.RELU).hiddenSizes(20).eta(0.5, 3.0).epochs(2)
            .maxCandidates(10).dataset(Dataset.SAMPLE).trainLimit(600).testLimit(200).build();

    private SparkRuns() {
    }

    /** Leaves in {@code folder} the first candidate of {@link #FOUR} stopped after its first epoch of two. */
    static void trainOneEpochOfTwo(Path folder) throws IOException {
        org.losslab.data.MnistData data = org.losslab.data.MnistData.load(Search.dataSpec(FOUR));
        try {
            org.losslab.experiment.Training.run(Search.experiment(FOUR, Search.candidates(FOUR).get(0)), data,
                    folder, new org.losslab.experiment.TrainingListener() {
                        @Override
                        public void epochDone(EpochMetrics metrics, RunRecord record) {
                            throw new IllegalStateException("stopped");
                        }
                    });
        } catch (IllegalStateException expected) {
            // as a killed process leaves it
        }
    }

    /** Leaves in {@code folder} the first candidate of {@link #FOUR}, trained for one epoch and finished. */
    static void trainOneEpoch(Path folder) throws IOException {
        org.losslab.data.MnistData data = org.losslab.data.MnistData.load(Search.dataSpec(FOUR));
        org.losslab.experiment.Training.run(Search.experiment(FOUR, Search.candidates(FOUR).get(0)).withEpochs(1),
                data, folder, org.losslab.experiment.TrainingListener.NONE);
    }

    /** Every candidate of {@code actual} has the metrics and the parameters of the same candidate of {@code expected}. */
    static void assertSameRuns(Search.Outcome expected, Search.Outcome actual) throws IOException {
        assertThat(actual.ranked()).hasSameSizeAs(expected.ranked());
        for (int number = 1; number <= expected.ranked().size(); number++) {
            Path want = Search.candidateFolder(expected.folder(), number);
            Path got = Search.candidateFolder(actual.folder(), number);
            RunRecord a = RunRecord.read(want);
            RunRecord b = RunRecord.read(got);
            assertThat(b.status()).isEqualTo(a.status());
            assertThat(b.network()).isEqualTo(a.network());
            assertThat(b.data()).isEqualTo(a.data());
            assertThat(b.testAccuracy()).isEqualTo(a.testAccuracy());
            assertThat(figures(b.metrics())).isEqualTo(figures(a.metrics()));
            float[] wantParams = ModelZip.load(want.resolve("model.zip")).network().params().toFloatVector();
            float[] gotParams = ModelZip.load(got.resolve("model.zip")).network().params().toFloatVector();
            assertThat(java.util.Arrays.equals(gotParams, wantParams)).as("candidate %d's parameters", number)
                    .isTrue();
            assertThat(got.resolve("stats.dl4j")).isNotEmptyFile();
        }
        List<String> want = withoutTimes(expected.folder().resolve("results.csv"));
        assertThat(withoutTimes(actual.folder().resolve("results.csv"))).isEqualTo(want);
        assertThat(actual.folder().resolve("best.zip")).exists();
    }

    /** An epoch's figures without its time. */
    private static List<List<Object>> figures(List<EpochMetrics> metrics) {
        return metrics.stream().map(m -> List.<Object>of(m.epoch(), m.trainCost(), m.validationCost(),
                m.validationAccuracy(), m.meanAbsGradient(), m.saturation())).toList();
    }

    /** results.csv without its seconds column. */
    static List<String> withoutTimes(Path csv) throws IOException {
        List<String> lines = Files.readAllLines(csv);
        int seconds = List.of(lines.get(0).split(",")).indexOf("seconds");
        return lines.stream().map(line -> {
            List<String> cells = new java.util.ArrayList<>(List.of(line.split(",", -1)));
            if (seconds >= 0) {
                cells.remove(seconds);
            }
            return String.join(",", cells);
        }).toList();
    }
}
