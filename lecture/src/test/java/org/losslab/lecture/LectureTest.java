package org.losslab.lecture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.losslab.data.DataSpec;
import org.losslab.data.Dataset;
import org.losslab.data.MnistData;
import org.losslab.experiment.RunRecord;
import org.losslab.preset.Preset;
import org.losslab.notebook.NotebookSchema;
import org.losslab.search.Search;

/**
 * The lecture on a tiny slice of the bundled sample: its searches, the report (valid notebook whose code compiles,
 * HTML page), the same numbers from the same seed, and a second run that reuses every finished candidate.
 */
class LectureTest {

    private static final LectureSpec TINY = LectureSpec.quick().withDataset(Dataset.SAMPLE).withEpochs(1)
            .withLimits(300, 100);
    private static MnistData data;
    @TempDir
    static Path shared;
    private static Lecture.Outcome first;

    @BeforeAll
    static void runOnce() throws Exception {
        data = MnistData.load(DataSpec.of(Dataset.SAMPLE).withLimits(300, 100));
        first = Lecture.run(request(TINY, shared, 2));
    }

    /** The tiny lecture named "tiny" in {@code root}'s models and notebooks folders, on the loaded data. */
    private static LectureRequest request(LectureSpec spec, Path root, int parallel) {
        return LectureRequest.of(spec).withName("tiny").withModels(root.resolve("models"))
                .withNotebooks(root.resolve("notebooks")).withParallel(parallel).withData(data);
    }

    /**
     * Every candidate's number, settings and test accuracy, by search and candidate. The costs of a network with L2
     * are compared to 1e-5 of their value (README: ND4J sums the L2 term in float over the run's threads, so it
     * moves in the sixth or seventh digit with the parallelism: 1.2e-6 measured); everything else to the last digit.
     */
    static Map<String, List<Object>> numbers(Lecture.Outcome outcome) {
        Map<String, List<Object>> numbers = new TreeMap<>();
        outcome.comparisons().forEach((name, search) -> search.ranked().forEach(r -> {
            boolean l2 = r.settings().lambda() > 0;
            numbers.put(name.id() + "/" + r.number(), List.of(r.settings(), r.status(),
                    String.valueOf(r.testAccuracy()), cost(r.validationCost().orElse(Double.NaN), l2),
                    r.metrics().stream().map(m -> List.of(cost(m.trainCost(), l2), m.validationAccuracy(),
                            m.meanAbsGradient(), m.meanAbsBiasGradient())).toList()));
        }));
        return numbers;
    }

    private static Object cost(double value, boolean l2) {
        return l2 ? new Close(value) : (Object) value;
    }

    /** A cost with an L2 term: equal to another within 1e-5 of its size. */
    private record Close(double value) {
        @Override
        public boolean equals(Object other) {
            return other instanceof Close close && Math.abs(close.value - value)
                    <= 1e-5 * Math.max(Math.abs(value), Math.abs(close.value));
        }

        @Override
        public int hashCode() {
            return 0;
        }
    }

    @Test
    void theLecturesSearchesAndTheBooksFigures() {
        assertThat(first.comparisons().keySet()).containsExactly(Lecture.Part.CROSS_ENTROPY, Lecture.Part.QUADRATIC,
                Lecture.Part.SOFTMAX, Lecture.Part.ACTIVATIONS, Lecture.Part.DEPTH, Lecture.Part.INITIALIZATION);
        assertThat(first.costs()).hasSize(6);
        assertThat(first.costs()).extracting(row -> row.result().settings().preset().id() + " "
                + row.result().settings().hidden() + " η=" + row.result().settings().eta()).containsExactly(
                "cross-entropy-sigmoid [30] η=0.5", "quadratic-sigmoid [30] η=3.0", "softmax-log-likelihood [30] η=0.5",
                "cross-entropy-sigmoid [100] η=0.5", "quadratic-sigmoid [100] η=3.0",
                "softmax-log-likelihood [100] η=0.5");
        assertThat(first.costs()).extracting(row -> row.book().map(Lecture.BookResult::accuracy).orElse(null))
                .containsExactly(0.9549, 0.9542, null, 0.9682, 0.9659, null);
        assertThat(first.activations()).extracting(row -> row.result().settings().activation().id())
                .containsExactly("sigmoid", "tanh", "relu", "swish");
        assertThat(first.activations()).allSatisfy(row -> assertThat(row.result().settings().preset())
                .isEqualTo(Preset.CROSS_ENTROPY_SIGMOID));
        assertThat(first.neuron()).hasSize(8);
        for (String chart : List.of("costs-accuracy.png", "activations-gradient.png", "activations-saturation.png",
                "neuron/neuron-output.png", "neuron/neuron-gradient.png", "quadratic/results.md",
                "activations/best.zip")) {
            assertThat(first.folder().resolve(chart)).isNotEmptyFile();
        }
    }

    /** The whole lecture: many layers with the book's chapter 5 figures, the two initialisations, softmax's sums. */
    @Test
    void theDeepPartsTheInitialisationsAndSoftmax() throws Exception {
        assertThat(first.depth()).extracting(row -> row.result().settings().hidden()).containsExactly(List.of(30),
                List.of(30, 30), List.of(30, 30, 30), List.of(30, 30, 30, 30));
        assertThat(first.depth()).extracting(row -> row.book().orElseThrow().accuracy())
                .containsExactly(0.9648, 0.9690, 0.9657, 0.9653);
        assertThat(first.depth()).allSatisfy(row -> {
            assertThat(row.result().settings().eta()).isEqualTo(0.1);
            assertThat(row.result().settings().lambda()).isEqualTo(5.0);
            assertThat(row.comparison().search().init()).isEqualTo(org.losslab.preset.Initialization.SCALED);
            // epoch 0, the start, and every epoch after it, each with a speed per layer
            List<org.losslab.experiment.EpochMetrics> all = Lecture.withStart(row.result());
            assertThat(all).extracting(org.losslab.experiment.EpochMetrics::epoch).containsExactly(0, 1);
            assertThat(all).allSatisfy(m -> assertThat(m.meanAbsBiasGradient())
                    .hasSize(row.result().settings().hidden().size() + 1));
        });
        // the deepest network at its start: each hidden layer slower than the next
        List<Double> speeds = Lecture.withStart(first.depth().get(3).result()).get(0).meanAbsBiasGradient();
        assertThat(speeds.get(0)).isLessThan(speeds.get(1));
        assertThat(speeds.get(1)).isLessThan(speeds.get(2));
        assertThat(speeds.get(2)).isLessThan(speeds.get(3));

        assertThat(first.initialization()).extracting(row -> row.comparison().part())
                .containsExactly(Lecture.Part.INITIALIZATION, Lecture.Part.DEPTH);
        assertThat(first.initialization().get(0).comparison().search().init())
                .isEqualTo(org.losslab.preset.Initialization.LARGE);
        assertThat(first.initialization().get(1).result()).isEqualTo(first.depth().get(0).result());
        double largeStart = Lecture.withStart(first.initialization().get(0).result()).get(0).saturation().get(0)
                .getAsDouble();
        double scaledStart = Lecture.withStart(first.initialization().get(1).result()).get(0).saturation().get(0)
                .getAsDouble();
        assertThat(largeStart).as("N(0, 1) weights saturate the hidden units").isGreaterThan(scaledStart + 0.3);

        SoftmaxCheck softmax = first.softmax().orElseThrow();
        assertThat(softmax.examples()).isEqualTo(100);
        assertThat(softmax.right().size() + softmax.wrong().size()).isEqualTo(100);
        assertThat(softmax.allPositive()).isTrue();
        assertThat(softmax.largestDeviation()).isLessThan(1e-5);
        assertThat(softmax.right()).allSatisfy(v -> assertThat(v).isBetween(0.0, Math.log(10) + 1e-9)
                .as("the right digit has the largest output, so a_y > 1/10"));

        for (String chart : List.of(LectureCharts.DEPTH_CHART, LectureCharts.DEPTH_ACCURACY_CHART,
                LectureCharts.INITIALIZATION_CHART, LectureCharts.SOFTMAX_CHART)) {
            assertThat(first.folder().resolve(chart)).isNotEmptyFile();
        }
        List<String> results = Files.readAllLines(first.folder().resolve("results.csv"));
        assertThat(results).hasSize(1 + 6 + 4 + 4 + 1);
        assertThat(results).anyMatch(line -> line.startsWith("many-layers,cross-entropy-sigmoid,sigmoid,30-30-30-30,"
                + "0.1,5,scaled,1,"));
        assertThat(results).anyMatch(line -> line.startsWith("initialization,cross-entropy-sigmoid,sigmoid,30,0.1,5,"
                + "large,1,"));
        String html = Files.readString(first.html().orElseThrow());
        List<String> order = List.of("The question", "1. One neuron", "2. Entropy and cross-entropy", "3. MNIST",
                "4. Hidden activations", "5. Many layers", "6. A wrong initialisation", "7. Softmax", "8. All of it");
        int at = -1;
        for (String heading : order) {
            int next = html.indexOf(heading);
            assertThat(next).as("%s after the previous part", heading).isGreaterThan(at);
            at = next;
        }
        assertThat(html).contains("2.585 bits").contains("1.000 bits").contains("96.48%").contains("96.53%")
                .contains("under 87%").contains("quadratic + linear w=2 b=2 η=0.15");
    }

    /** The tiny profile's figures are docs/figures/lecture-tiny.json's, to the digit: the docs cannot go stale. */
    @Test
    void theTinyLecturesFiguresAreTheDocumentedOnes() throws Exception {
        LectureFigures documented = LectureFigures.read(DocsFiguresTest.FIGURES.resolve("lecture-tiny.json"));
        assertThat(LectureFigures.of(first, documented.command()).networks())
                .as("the code's figures changed: run bench/figures.sh and commit docs/figures")
                .isEqualTo(documented.networks());
    }

    @Test
    void theNotebookIsValidAndCarriesTheResultsAndProvenance() throws Exception {
        String json = Files.readString(first.notebook().orElseThrow());
        assertThat(first.notebook().orElseThrow()).hasFileName("tiny.ipynb");
        assertThat(NotebookSchema.errors(json)).isEmpty();
        JsonNode notebook = new ObjectMapper().readTree(json);
        assertThat(notebook.at("/metadata/losslab/settings/seed").asLong()).isEqualTo(1);
        assertThat(notebook.at("/metadata/losslab/data/md5/train-images-idx3-ubyte.gz").asText())
                .isEqualTo(data.files().get(0).md5());
        assertThat(notebook.at("/metadata/losslab/run ids/quadratic/0").asText())
                .isEqualTo("tiny/quadratic/candidate-001");
        assertThat(notebook.at("/metadata/losslab/commit").asText()).isNotBlank();
        int images = 0;
        for (JsonNode cell : notebook.get("cells")) {
            for (JsonNode output : cell.path("outputs")) {
                if (output.at("/data/image~1png").isTextual()) {
                    images++;
                }
            }
        }
        assertThat(images).as("charts embedded as PNG outputs").isGreaterThanOrEqualTo(5);
        assertThat(json).contains("95.49%").contains("96.59%").contains("\\\\frac{\\\\partial C}{\\\\partial w}")
                .contains("Not the book's setting");

        String html = Files.readString(first.html().orElseThrow());
        assertThat(html).contains("<math display=\"block\">").contains("95.49%").contains("<h2>Provenance</h2>")
                .contains(data.files().get(0).md5()).doesNotContain("<script");
    }

    /**
     * The notebook is its own code: run in order in JShell from the notebook's folder, its cells show exactly the
     * outputs it saved, and write nothing outside the lecture's folder (not the notebook, not its HTML page).
     */
    @Test
    void theNotebooksCellsRunInJShellShowWhatItSavedAndWriteOnlyInTheLecturesFolder(@TempDir Path scratch)
            throws Exception {
        int cells = org.losslab.notebook.NotebookRun.assertRunsAsSaved(first.notebook().orElseThrow(),
                first.folder(), shared, scratch);
        assertThat(cells).isGreaterThanOrEqualTo(10);
    }

    /**
     * The default offline lecture: MNIST asked for, none found, the bundled sample standing in. Its notebook asks for
     * the data the same way (no download), so its cells open that lecture and show what it saved.
     */
    @Test
    void aLectureOnTheSampleStandingInForMnistHasANotebookThatRuns(@TempDir Path root, @TempDir Path scratch)
            throws Exception {
        Path nowhere = Files.createDirectories(root.resolve("no-mnist-here"));
        MnistData standIn = MnistData.load(DataSpec.of(Dataset.MNIST).withHome(nowhere)
                .withEnvironment(Map.of()).withDownload(false).withLimits(300, 100));
        assertThat(standIn.location().isSample()).as("no MNIST: the sample stands in").isTrue();
        Lecture.Outcome lecture = Lecture.run(LectureRequest.of(TINY.withDataset(Dataset.MNIST)).withName("offline")
                .withModels(root.resolve("models")).withNotebooks(root.resolve("notebooks")).withParallel(2)
                .withData(standIn));
        assertThat(Files.readString(lecture.notebook().orElseThrow())).contains(".withDownload(false)");
        org.losslab.notebook.NotebookRun.assertRunsAsSaved(lecture.notebook().orElseThrow(), lecture.folder(), root,
                scratch);
    }

    /** The same run catches a notebook whose saved output is not what its cell shows. */
    @Test
    void aSavedOutputThatItsCellDoesNotShowIsCaught(@TempDir Path scratch) throws Exception {
        Path notebook = first.notebook().orElseThrow();
        Path tampered = notebook.resolveSibling("tampered.ipynb");
        String json = Files.readString(notebook);
        assertThat(json).contains("all finished");
        Files.writeString(tampered, json.replaceFirst("all finished", "all finished twice"));
        try {
            assertThatThrownBy(() -> org.losslab.notebook.NotebookRun.assertRunsAsSaved(tampered, first.folder(),
                    first.folder(), scratch)).isInstanceOf(AssertionError.class).hasMessageContaining("cell 3");
        } finally {
            Files.delete(tampered);
        }
    }

    @Test
    void aSecondRunReusesEveryFinishedCandidate() throws Exception {
        Map<Path, String> created = new TreeMap<>();
        for (Search.Outcome search : first.comparisons().values()) {
            search.ranked().forEach(r -> created.put(r.folder().orElseThrow(),
                    RunRecord.read(r.folder().orElseThrow()).created()));
        }
        int[] seen = new int[3];
        Lecture.Outcome again = Lecture.run(request(TINY, shared, 2).withListener(new LectureListener() {
                    @Override
                    public void started(int total, int finished, int interrupted) {
                        seen[0] = total;
                        seen[1] = finished;
                        seen[2] = interrupted;
                    }
                }));
        assertThat(seen).containsExactly(15, 15, 0);
        assertThat(again.reused()).isEqualTo(15);
        created.forEach((folder, time) -> assertThat(RunRecord.read(folder).created()).as("%s untouched", folder)
                .isEqualTo(time));
        assertThat(numbers(again)).isEqualTo(numbers(first));
    }

    @Test
    void theSameSeedGivesTheSameNumbersInAnotherFolder(@TempDir Path other) throws Exception {
        Lecture.Outcome second = Lecture.run(request(TINY, other, 1));
        assertThat(second.reused()).isZero();
        assertThat(numbers(second)).isEqualTo(numbers(first));
    }

    @Test
    void aFolderOfOtherSettingsIsRefusedBeforeAnythingTrains() {
        assertThatThrownBy(() -> Lecture.run(request(TINY.withSeed(2), shared, 2)))
                .isInstanceOf(Lecture.OtherSettingsException.class)
                .hasMessageContaining("tiny holds a lecture run with other settings")
                .hasMessageContaining("seed=1").hasMessageContaining("seed=2").hasMessageNotContaining("--");
    }

    @Test
    void specsAreValidatedFieldByField() {
        assertThatThrownBy(() -> new LectureSpec(null, Dataset.MNIST, 10, 0, 0, 1))
                .hasMessage("profile: must be given");
        assertThatThrownBy(() -> LectureSpec.quick().withEpochs(0))
                .isInstanceOfSatisfying(org.losslab.io.SpecException.class, e -> assertThat(e.field()).isEqualTo("epochs"))
                .hasMessage("epochs: must be > 0, got 0");
        assertThatThrownBy(() -> LectureSpec.quick().withLimits(-1, 0))
                .hasMessage("trainLimit: must be >= 0 (0 = all), got -1");
        assertThat(LectureSpec.quick()).isEqualTo(new LectureSpec(LectureSpec.Profile.QUICK, Dataset.MNIST, 10,
                10_000, 2_000, 1));
        assertThat(LectureSpec.full().isBookSetting()).isTrue();
        assertThat(LectureSpec.full().withEpochs(10).isBookSetting()).isFalse();
        assertThat(LectureSpec.quick().name()).isEqualTo("lecture-quick");
        assertThat(LectureSpec.full().withDataset(Dataset.FASHION_MNIST).withSeed(7).name())
                .isEqualTo("lecture-full-fashion-mnist-seed7");
    }
}
