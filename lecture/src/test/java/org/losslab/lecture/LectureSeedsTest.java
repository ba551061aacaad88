package org.losslab.lecture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.losslab.data.DataSpec;
import org.losslab.data.Dataset;
import org.losslab.data.MnistData;
import org.losslab.notebook.NotebookSchema;
import org.losslab.experiment.EpochMetrics;
import org.losslab.preset.HiddenActivation;
import org.losslab.preset.Preset;
import org.losslab.search.CandidateResult;
import org.losslab.search.CandidateSpace;
import org.losslab.search.CandidateStatus;

/** The lecture over several seeds: the seed table on the sample, and the spread of crafted results. */
class LectureSeedsTest {

    private static final LectureSpec TINY = LectureSpec.quick().withDataset(Dataset.SAMPLE).withEpochs(1)
            .withLimits(300, 100);
    private static final LectureSpec TWO = TINY.withSeeds(List.of(1L, 2L));
    private static MnistData data;
    @TempDir
    static Path shared;
    private static Lecture.Outcome two;

    @BeforeAll
    static void runOnce() throws Exception {
        data = MnistData.load(DataSpec.of(Dataset.SAMPLE).withLimits(300, 100));
        two = Lecture.run(request(TWO, shared));
    }

    private static LectureRequest request(LectureSpec spec, Path root) {
        return LectureRequest.of(spec).withName("seeds").withModels(root.resolve("models"))
                .withNotebooks(root.resolve("notebooks")).withParallel(2).withData(data);
    }

    @Test
    void theSeedTableGathersEverySettingOverTheSeeds() throws Exception {
        assertThat(two.searches().keySet()).containsExactly("cross-entropy-seed-1", "quadratic-seed-1",
                "softmax-seed-1", "activations-seed-1", "many-layers-seed-1", "initialization-seed-1",
                "cross-entropy-seed-2", "quadratic-seed-2", "softmax-seed-2", "activations-seed-2",
                "many-layers-seed-2", "initialization-seed-2");
        assertThat(two.costs()).hasSize(12);
        assertThat(two.activations()).hasSize(8);
        assertThat(two.depth()).hasSize(8);
        assertThat(two.initialization()).hasSize(4);
        assertThat(two.spreads()).hasSize(15);
        assertThat(two.spreads()).extracting(Lecture.Spread::label).containsExactly(
                "cross-entropy-sigmoid sigmoid 30 η=0.5", "quadratic-sigmoid sigmoid 30 η=3",
                "softmax-log-likelihood sigmoid 30 η=0.5", "cross-entropy-sigmoid sigmoid 100 η=0.5",
                "quadratic-sigmoid sigmoid 100 η=3", "softmax-log-likelihood sigmoid 100 η=0.5",
                "cross-entropy-sigmoid sigmoid 30 η=0.1", "cross-entropy-sigmoid tanh 30 η=0.1",
                "cross-entropy-sigmoid relu 30 η=0.1", "cross-entropy-sigmoid swish 30 η=0.1",
                "cross-entropy-sigmoid sigmoid 30 η=0.1 λ=5", "cross-entropy-sigmoid sigmoid 30-30 η=0.1 λ=5",
                "cross-entropy-sigmoid sigmoid 30-30-30 η=0.1 λ=5", "cross-entropy-sigmoid sigmoid 30-30-30-30 η=0.1 λ=5",
                "cross-entropy-sigmoid sigmoid 30 η=0.1 λ=5 large init");
        for (Lecture.Spread spread : two.spreads()) {
            assertThat(spread.rows()).extracting(Lecture.Row::seed).containsExactly(1L, 2L);
            assertThat(spread.rows()).extracting(row -> row.result().settings()).containsOnly(spread.setting());
            double a = spread.rows().get(0).result().testAccuracy().getAsDouble();
            double b = spread.rows().get(1).result().testAccuracy().getAsDouble();
            assertThat(spread.median().getAsDouble()).isEqualTo((a + b) / 2);
            assertThat(spread.min().getAsDouble()).isEqualTo(Math.min(a, b));
            assertThat(spread.max().getAsDouble()).isEqualTo(Math.max(a, b));
            assertThat(spread.stuck()).isEqualTo((int) spread.rows().stream().filter(Lecture.Row::stuck).count());
            assertThat(spread.sentence()).matches(spread.book().isPresent()
                    ? "the book's \\d+\\.\\d\\d% lies (inside|below|above) LossLab's 2-seed range "
                    + "\\d+\\.\\d\\d%–\\d+\\.\\d\\d%; (no seed|[12] of 2 seeds) stuck"
                    : "LossLab's 2-seed range \\d+\\.\\d\\d%–\\d+\\.\\d\\d%, median \\d+\\.\\d\\d%; "
                    + "(no seed|[12] of 2 seeds) stuck");
        }
        assertThat(two.spreads()).filteredOn(s -> s.book().isPresent()).hasSize(8);
        for (Lecture.Part part : Lecture.Part.values()) {
            assertThat(two.folder().resolve(LectureCharts.seedsChart(part))).isNotEmptyFile();
        }
    }

    @Test
    void theResultsFileHasOneRowPerNetworkWithItsSettingAndSeed() throws Exception {
        List<String> lines = Files.readAllLines(two.folder().resolve("results.csv"));
        assertThat(lines.get(0)).isEqualTo("part,preset,activation,hidden,eta,lambda,init,seed,status,stuck,"
                + "validation_accuracy,test_accuracy,book_test_accuracy,output_saturation,epochs,seconds,run");
        assertThat(lines).hasSize(1 + 12 + 8 + 8 + 2);
        Lecture.Row quadratic100seed2 = two.costs().stream().filter(r -> r.seed() == 2
                && r.result().settings().preset() == Preset.QUADRATIC_SIGMOID
                && r.result().settings().hidden().equals(List.of(100))).findFirst().orElseThrow();
        String expected = String.format(java.util.Locale.ROOT, "quadratic,quadratic-sigmoid,sigmoid,100,3,0,large,2,"
                        + "finished,%s,%s,%s,0.9659,", quadratic100seed2.stuck(),
                quadratic100seed2.result().validationAccuracy().getAsDouble(),
                quadratic100seed2.result().testAccuracy().getAsDouble());
        assertThat(lines).anySatisfy(line -> assertThat(line).startsWith(expected)
                .endsWith(",1," + line.split(",")[15] + ",quadratic-seed-2/candidate-00"
                        + quadratic100seed2.result().number()));
        assertThat(lines.stream().skip(1).map(line -> line.split(",")[7])).containsOnly("1", "2");
        assertThat(lines.stream().skip(1).filter(line -> line.startsWith("activations,"))).hasSize(8)
                .allSatisfy(line -> assertThat(line).contains(",scaled,"));
    }

    @Test
    void theReportCarriesTheSeedTableAndItsCellsShowWhatItSaved(@TempDir Path scratch) throws Exception {
        String json = Files.readString(two.notebook().orElseThrow());
        assertThat(two.notebook().orElseThrow()).hasFileName("seeds.ipynb");
        assertThat(NotebookSchema.errors(json)).isEmpty();
        assertThat(json).contains("Over 2 seeds").contains("seeds 1, 2, every MNIST setting trained once per seed")
                .contains(".withSeeds(List.of(1L, 2L))").contains(two.spreads().get(4).sentence());
        String html = Files.readString(two.html().orElseThrow());
        assertThat(html).contains("Over 2 seeds").contains(two.spreads().get(4).sentence())
                .contains("each seed's test accuracy per setting");
        org.losslab.notebook.NotebookRun.assertRunsAsSaved(two.notebook().orElseThrow(), two.folder(), shared, scratch);
    }

    @Test
    void theFirstSeedOfSeveralIsTheOneSeedLectureAndASecondRunReusesEverything(@TempDir Path other)
            throws Exception {
        Lecture.Outcome one = Lecture.run(request(TINY, other));
        assertThat(LectureTest.numbers(two)).isEqualTo(LectureTest.numbers(one));
        Lecture.Outcome again = Lecture.run(request(TWO, shared));
        assertThat(again.reused()).isEqualTo(30);
        assertThat(again.spreads()).extracting(Lecture.Spread::sentence)
                .isEqualTo(two.spreads().stream().map(Lecture.Spread::sentence).toList());
        assertThatThrownBy(() -> Lecture.run(request(TINY.withSeeds(List.of(1L, 3L)), shared)))
                .isInstanceOf(Lecture.OtherSettingsException.class).hasMessageContaining("seeds");
    }

    /** A crafted network: its test accuracy, and whether its outputs ended saturated (stuck). */
    private static Lecture.Row row(long seed, double accuracy, boolean stuck) {
        double validation = stuck ? 0.8 : accuracy;
        return row(seed, accuracy, epochs(30, validation, stuck ? 0.95 : 0.2));
    }

    /** {@code count} epochs with the same validation accuracy and output saturation. */
    private static List<EpochMetrics> epochs(int count, double validation, double outputSaturation) {
        return java.util.stream.IntStream.rangeClosed(1, count).mapToObj(e -> new EpochMetrics(e, 0.1, 0.1,
                validation, 1, List.of(0.1, 0.1), List.of(OptionalDouble.of(0.5),
                OptionalDouble.of(outputSaturation)))).toList();
    }

    /** A crafted quadratic 784-100-10 network with these epochs. */
    private static Lecture.Row row(long seed, double accuracy, List<EpochMetrics> metrics) {
        LectureSpec spec = LectureSpec.full().withSeeds(List.of(1L, 2L, 3L, 4L, 5L));
        Lecture.Comparison comparison = Lecture.comparison(spec, Lecture.Part.QUADRATIC, seed);
        CandidateSpace.Settings settings = new CandidateSpace.Settings(Preset.QUADRATIC_SIGMOID,
                HiddenActivation.SIGMOID, List.of(100), 3.0, 0);
        double validation = metrics.get(metrics.size() - 1).validationAccuracy();
        CandidateResult result = CandidateResult.trained(2, settings, CandidateStatus.FINISHED,
                new CandidateResult.Scores(validation, validation, 0.1, accuracy), metrics, 10,
                Path.of("candidate-002"));
        return new Lecture.Row(comparison, result, Lecture.BOOK.stream().filter(b -> b.hidden() == 100
                && b.preset() == Preset.QUADRATIC_SIGMOID).findFirst());
    }

    private static Lecture.Spread spread(Lecture.Row... rows) {
        return new Lecture.Spread(Lecture.Part.QUADRATIC, rows[0].result().settings(), List.of(rows), rows[0].book());
    }

    /** Stuck only on evidence that lasts: 5 epochs at least, the last 3 all saturated and below 90%. */
    @Test
    void aNetworkIsStuckOnlyWhenTheLastEpochsAllShowIt() {
        assertThat(row(1, 0.8, epochs(30, 0.8, 0.95)).stuck()).isTrue();
        assertThat(row(1, 0.8, epochs(5, 0.8, 0.95)).stuck()).isTrue();
        assertThat(row(1, 0.8, epochs(4, 0.8, 0.95)).stuck()).as("too short to tell").isFalse();
        assertThat(row(1, 0.8, epochs(1, 0.8, 0.95)).stuck()).as("one epoch: not trained yet").isFalse();
        List<EpochMetrics> recovered = new ArrayList<>(epochs(9, 0.8, 0.95));
        recovered.add(epochs(10, 0.93, 0.6).get(9));
        assertThat(row(1, 0.93, recovered).stuck()).as("its last epoch learnt the digits").isFalse();
        List<EpochMetrics> late = new ArrayList<>(epochs(8, 0.95, 0.3));
        late.addAll(epochs(10, 0.8, 0.95).subList(8, 10));
        assertThat(row(1, 0.8, late).stuck()).as("two bad epochs of the last three").isFalse();
        assertThat(Lecture.STUCK_RULE).contains("last 3 epochs").contains("at least 5");
    }

    @Test
    void whereTheBooksFigureLiesAgainstTheSeedsRange() {
        Lecture.Spread five = spread(row(1, 0.796, true), row(2, 0.962, false), row(3, 0.967, false),
                row(4, 0.781, true), row(5, 0.965, false));
        assertThat(five.median().getAsDouble()).isEqualTo(0.962);
        assertThat(five.stuck()).isEqualTo(2);
        assertThat(five.sentence()).isEqualTo("the book's 96.59% lies inside LossLab's 5-seed range 78.10%–96.70%; "
                + "2 of 5 seeds stuck");
        Lecture.Spread high = spread(row(1, 0.9670, false), row(2, 0.9700, false));
        assertThat(high.median().getAsDouble()).isCloseTo(0.9685, org.assertj.core.data.Offset.offset(1e-12));
        assertThat(high.sentence()).isEqualTo("the book's 96.59% lies below LossLab's 2-seed range 96.70%–97.00%; "
                + "no seed stuck");
        assertThat(spread(row(1, 0.90, false)).sentence()).startsWith("the book's 96.59% lies above LossLab's "
                + "1-seed range 90.00%–90.00%");
        Lecture.Row diverged = new Lecture.Row(row(2, 0.5, false).comparison(), CandidateResult.diverged(2,
                row(2, 0.5, false).result().settings(), "cost not finite at epoch 3", List.of(), 1,
                Path.of("candidate-002")), row(2, 0.5, false).book());
        assertThat(spread(row(1, 0.96, false), diverged).sentence()).isEqualTo("the book's 96.59% lies above "
                + "LossLab's 2-seed range 96.00%–96.00% (1 of 2 trained); no seed stuck");
        assertThat(spread(diverged).median()).isEmpty();
        assertThat(spread(diverged).sentence()).isEqualTo("no seed trained to its end");
    }

    @Test
    void seedsAreValidatedAndNameTheRun() {
        assertThat(LectureSpec.quick().seeds()).containsExactly(1L);
        assertThat(LectureSpec.quick().withSeed(4).withSeedCount(3).seeds()).containsExactly(4L, 5L, 6L);
        assertThat(LectureSpec.full().withSeedCount(5).name()).isEqualTo("lecture-full-seeds-5");
        assertThat(LectureSpec.full().withSeeds(List.of(3L, 8L, 9L)).name()).isEqualTo("lecture-full-seeds-3-8-9");
        assertThat(LectureSpec.quick().withSeedCount(1).name()).isEqualTo("lecture-quick");
        assertThat(LectureSpec.quick().toJsonMap()).containsEntry("seed", 1L).doesNotContainKey("seeds");
        assertThat(LectureSpec.quick().withSeedCount(2).toJsonMap()).containsEntry("seeds", List.of(1L, 2L))
                .doesNotContainKey("seed");
        assertThatThrownBy(() -> LectureSpec.quick().withSeeds(List.of(1L, 1L)))
                .hasMessage("seeds: each seed once, got [1, 1]");
        assertThatThrownBy(() -> LectureSpec.quick().withSeeds(List.of())).hasMessageStartingWith("seeds: ");
        assertThatThrownBy(() -> LectureSpec.quick().withSeedCount(0)).hasMessage("seeds: from 1 to 100 seeds, got 0");
        assertThatThrownBy(() -> Lecture.comparison(TWO, Lecture.Part.QUADRATIC, 7))
                .hasMessage("seed: 7 is none of the lecture's seeds [1, 2]");
        List<Lecture.Comparison> searches = Lecture.searches(TWO);
        assertThat(searches).extracting(Lecture.Comparison::seed).containsExactly(1L, 1L, 1L, 1L, 1L, 1L, 2L, 2L, 2L, 2L,
                2L, 2L);
        assertThat(new ArrayList<>(Lecture.comparisons(TINY).values())).extracting(Lecture.Comparison::name)
                .containsExactly("cross-entropy", "quadratic", "softmax", "activations", "many-layers",
                        "initialization");
        assertThat(Optional.of(Lecture.comparison(TWO, Lecture.Part.SOFTMAX, 2).search().seed())).hasValue(2L);
    }
}
