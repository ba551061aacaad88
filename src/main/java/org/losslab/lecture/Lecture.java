package org.losslab.lecture;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.awt.Color;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.atomic.AtomicInteger;
import org.deeplearning4j.core.storage.StatsStorageRouter;
import org.losslab.data.MnistData;
import org.losslab.experiment.EpochMetrics;
import org.losslab.experiment.NeuronLecture;
import org.losslab.experiment.NeuronReports;
import org.losslab.experiment.NeuronRun;
import org.losslab.experiment.RunRecord;
import org.losslab.experiment.Training;
import org.losslab.io.AtomicFiles;
import org.losslab.io.FolderLock;
import org.losslab.io.BuildInfo;
import org.losslab.preset.HiddenActivation;
import org.losslab.preset.Initialization;
import org.losslab.preset.Preset;
import org.losslab.report.Charts;
import org.losslab.report.Document;
import org.losslab.report.HtmlPages;
import org.losslab.report.Notebooks;
import org.losslab.report.Numbers;
import org.losslab.search.Search;
import org.losslab.search.SearchSpec;

/**
 * The lecture "Losses and activations" end to end: the single-neuron runs, then four searches that run side by side
 * on one pool of threads (one candidate per core): quadratic + sigmoid at η 3.0, cross-entropy + sigmoid at η 0.5
 * and softmax + log-likelihood at η 0.5, each with 30 and 100 hidden neurons (large init, the book's chapter 1 and
 * 3 setting); and the hidden activations sigmoid, tanh, ReLU and swish under cross-entropy. The results go to
 * {@code models/<name>/}, the report to {@code notebooks-export/<name>.ipynb} and {@code .html}.
 *
 * <p>A run is resumable: {@code lecture.json} in its folder records the settings and the data's checksums, finished
 * candidates are reused and interrupted ones continue from their last completed epoch.
 */
public final class Lecture {

    /** The file in a lecture folder that records what the lecture runs on. */
    public static final String STATE_FILE = "lecture.json";
    /** The largest lecture record read; LossLab's are under 2 KB. */
    static final long STATE_MAX_BYTES = 1L << 20;

    /** The searches in the order they are reported. */
    public static final List<String> COMPARISONS = List.of("cross-entropy", "quadratic", "softmax", "activations");

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private Lecture() {
    }

    /**
     * A figure the book reports for MNIST, 784-n-10, mini-batches of 10, 30 epochs, test accuracy.
     *
     * @param preset   the cost (with its output activation)
     * @param hidden   hidden neurons
     * @param eta      learning rate
     * @param accuracy test accuracy
     * @param where    where the book reports it
     */
    public record BookResult(Preset preset, int hidden, double eta, double accuracy, String where) {
    }

    /** The book's figures: cross-entropy (chapter 3) vs quadratic (chapter 1), with 30 and 100 hidden neurons. */
    public static final List<BookResult> BOOK = List.of(
            new BookResult(Preset.CROSS_ENTROPY_SIGMOID, 30, 0.5, 0.9549, "chapter 3"),
            new BookResult(Preset.QUADRATIC_SIGMOID, 30, 3.0, 0.9542, "chapter 1"),
            new BookResult(Preset.CROSS_ENTROPY_SIGMOID, 100, 0.5, 0.9682, "chapter 3"),
            new BookResult(Preset.QUADRATIC_SIGMOID, 100, 3.0, 0.9659, "chapter 1"));

    /**
     * One of the lecture's searches.
     *
     * @param name   its folder name in the lecture folder
     * @param title  what it compares
     * @param search the search
     */
    public record Comparison(String name, String title, SearchSpec search) {
    }

    /** The lecture's four searches for these settings. */
    public static List<Comparison> comparisons(LectureSpec spec) {
        return List.of(
                new Comparison("cross-entropy", "cross-entropy + sigmoid, η 0.5",
                        search(spec, Preset.CROSS_ENTROPY_SIGMOID, List.of(HiddenActivation.SIGMOID),
                                List.of(30, 100), 0.5, Initialization.LARGE)),
                new Comparison("quadratic", "quadratic + sigmoid, η 3.0",
                        search(spec, Preset.QUADRATIC_SIGMOID, List.of(HiddenActivation.SIGMOID),
                                List.of(30, 100), 3.0, Initialization.LARGE)),
                new Comparison("softmax", "softmax + log-likelihood, η 0.5",
                        search(spec, Preset.SOFTMAX_LOG_LIKELIHOOD, List.of(HiddenActivation.SIGMOID),
                                List.of(30, 100), 0.5, Initialization.LARGE)),
                // ReLU and swish die or diverge from the large init at η 0.5 (docs/benchmarks.md): the activations
                // are compared from the scaled init at η 0.1, where all four learn.
                new Comparison("activations", "hidden activations under cross-entropy, scaled init, η 0.1",
                        search(spec, Preset.CROSS_ENTROPY_SIGMOID, List.of(HiddenActivation.values()), List.of(30),
                                0.1, Initialization.SCALED)));
    }

    private static SearchSpec search(LectureSpec spec, Preset preset, List<HiddenActivation> activations,
                                     List<Integer> hidden, double eta, Initialization init) {
        return new SearchSpec(List.of(preset.id()), activations.stream().map(HiddenActivation::id).toList(),
                hidden.stream().map(List::of).toList(), List.of(eta), null, List.of(0.0), spec.epochs(), 10,
                init.id(), spec.seed(), "grid", "accuracy", activations.size() * hidden.size(), null, null,
                spec.dataset(), spec.trainLimit(), spec.testLimit()).validated();
    }

    /** Hears how the lecture goes; every method has an empty default. Called from worker threads, one at a time. */
    public interface Listener {
        /** Before training: {@code finished} of {@code total} candidates are already done from an earlier run. */
        default void started(int total, int finished, int interrupted) {
        }

        /** The single-neuron runs are done. */
        default void neuronDone(List<NeuronRun> runs) {
        }

        /** A candidate of a comparison is done; {@code done} of {@code total} over all comparisons are. */
        default void candidateDone(Comparison comparison, Search.CandidateResult result, int done, int total) {
        }
    }

    /**
     * A row of a results table.
     *
     * @param comparison the search it comes from
     * @param result     the candidate
     * @param book       the book's figure for it, or null
     */
    public record Row(Comparison comparison, Search.CandidateResult result, BookResult book) {

        /** The share of saturated output units after the last epoch, or null (softmax, or no epoch). */
        public Double outputSaturation() {
            List<EpochMetrics> metrics = result.metrics();
            if (metrics.isEmpty()) {
                return null;
            }
            List<Double> saturation = metrics.get(metrics.size() - 1).saturation();
            return saturation.isEmpty() ? null : saturation.get(saturation.size() - 1);
        }

        /**
         * Whether the network got stuck the way the lecture describes: at least 90% of its (sigmoid) output units
         * saturated after the last epoch and a validation accuracy below 90%, so σ′ has all but stopped the
         * learning of some digits.
         */
        public boolean stuck() {
            Double saturated = outputSaturation();
            return saturated != null && saturated >= 0.9 && result.validationAccuracy() != null
                    && result.validationAccuracy() < 0.9;
        }
    }

    /**
     * A finished lecture.
     *
     * @param name        its name
     * @param folder      its models folder
     * @param spec        its settings
     * @param data        the data it ran on
     * @param neuron      the single-neuron runs
     * @param comparisons the searches, by name
     * @param costs       the cost comparison, as rows: per hidden size, cross-entropy, quadratic, softmax
     * @param activations the activation comparison, as rows
     * @param notebook    the notebook written
     * @param html        the HTML page written
     * @param reused      candidates reused from an earlier, interrupted run
     */
    public record Outcome(String name, Path folder, LectureSpec spec, MnistData data, List<NeuronRun> neuron,
                          Map<String, Search.Outcome> comparisons, List<Row> costs, List<Row> activations,
                          Path notebook, Path html, int reused) {
    }

    /**
     * Runs the lecture into {@code models/<name>/} with {@code parallel} candidates at a time, and writes its report
     * to {@code notebooks/<name>.ipynb} and {@code .html}. Training statistics also go to {@code live} when it is not
     * null (the browser UI).
     *
     * @throws IllegalArgumentException when the folder holds a lecture with other settings or data
     */
    public static Outcome run(LectureSpec spec, MnistData data, Path models, Path notebooks, String name,
                              int parallel, Listener listener, StatsStorageRouter live)
            throws IOException, InterruptedException {
        spec.validated();
        if (parallel < 1) {
            throw new IllegalArgumentException("parallel: must be >= 1, got " + parallel);
        }
        checkName(name);
        Path folder = models.resolve(name);
        Map<String, Object> state = state(spec, data);
        checkState(folder, state);
        try (FolderLock lock = FolderLock.acquire(folder, "lecture")) {
            return runLocked(spec, data, folder, notebooks, name, parallel, listener, live, state);
        }
    }

    /** The longest lecture name: its notebook's temporary file, {@code .NAME.ipynb.<13>.part}, fits in 255 bytes. */
    public static final int MAX_NAME = 200;

    /**
     * Checks a lecture's name before anything is made: it names a folder and two files, so letters, digits,
     * {@code .}, {@code _} and {@code -} only, not starting with a dot, at most {@value #MAX_NAME} characters.
     */
    public static void checkName(String name) {
        if (name == null || name.isBlank() || !name.matches("[A-Za-z0-9._-]+") || name.startsWith(".")) {
            throw new IllegalArgumentException("name: letters, digits, '.', '_' and '-' only, got '" + name + "'");
        }
        if (name.length() > MAX_NAME) {
            throw new IllegalArgumentException("name: at most " + MAX_NAME + " characters (it names files), got "
                    + name.length());
        }
    }

    private static Outcome runLocked(LectureSpec spec, MnistData data, Path folder, Path notebooks, String name,
                                     int parallel, Listener listener, StatsStorageRouter live,
                                     Map<String, Object> state) throws IOException, InterruptedException {
        AtomicFiles.writeString(folder.resolve(STATE_FILE), JSON.writeValueAsString(state));

        List<Comparison> comparisons = comparisons(spec);
        int total = 0;
        int finished = 0;
        int interrupted = 0;
        for (Comparison comparison : comparisons) {
            int count = Search.candidates(comparison.search()).size();
            total += count;
            for (int number = 1; number <= count; number++) {
                Path run = Search.candidateFolder(folder.resolve(comparison.name()), number);
                if (Files.isRegularFile(run.resolve("run.json"))) {
                    if (RunRecord.read(run).status().equals(RunRecord.RUNNING)) {
                        interrupted++;
                    } else {
                        finished++;
                    }
                }
            }
        }
        listener.started(total, finished, interrupted);

        List<NeuronRun> neuron = NeuronLecture.run();
        NeuronReports.writeAll(folder.resolve("neuron"), neuron);
        listener.neuronDone(neuron);

        Map<String, Search.Outcome> outcomes = new LinkedHashMap<>();
        ExecutorService pool = Search.pool(parallel);
        try {
            AtomicInteger done = new AtomicInteger();
            int all = total;
            List<Search.Running> running = new ArrayList<>();
            for (Comparison comparison : comparisons) {
                running.add(Search.start(comparison.search(), data, folder.resolve(comparison.name()), pool, true,
                        (result, d, t) -> {
                            synchronized (done) {
                                listener.candidateDone(comparison, result, done.incrementAndGet(), all);
                            }
                        }, live));
            }
            for (int i = 0; i < comparisons.size(); i++) {
                outcomes.put(comparisons.get(i).name(), running.get(i).finish());
            }
        } finally {
            pool.shutdownNow();
        }

        List<Row> costs = costRows(comparisons, outcomes);
        List<Row> activations = outcomes.get("activations").ranked().stream()
                .sorted(java.util.Comparator.comparingInt(Search.CandidateResult::number))
                .map(r -> new Row(comparisons.get(3), r, null)).toList();
        costChart(folder.resolve("costs-accuracy.png"), costs);
        activationCharts(folder, activations);

        Files.createDirectories(notebooks);
        Path notebook = notebooks.resolve(name + ".ipynb");
        Path html = notebooks.resolve(name + ".html");
        Outcome outcome = new Outcome(name, folder, spec, data, neuron, outcomes, costs, activations, notebook, html,
                finished + interrupted);
        Document document = LectureReport.document(outcome, notebooks, provenance(outcome));
        Notebooks.write(document, notebook);
        HtmlPages.write(document, html);
        return outcome;
    }

    /** What a lecture folder is bound to: the settings and the data's checksums. */
    private static Map<String, Object> state(LectureSpec spec, MnistData data) {
        Map<String, Object> state = new LinkedHashMap<>();
        state.put("spec", JSON.convertValue(spec, Map.class));
        state.put("dataset", data.dataset().id());
        state.put("sample", data.location().isSample());
        state.put("md5", Training.md5(data));
        return state;
    }

    @SuppressWarnings("unchecked")
    private static void checkState(Path folder, Map<String, Object> state) throws IOException {
        Path file = folder.resolve(STATE_FILE);
        if (!Files.isRegularFile(file)) {
            return;
        }
        Map<String, Object> stored;
        try {
            if (Files.size(file) > STATE_MAX_BYTES) {
                throw new IllegalArgumentException(file + ": larger than " + org.losslab.io.Bounded.bytes(
                        STATE_MAX_BYTES) + "; not a lecture record (remove the folder or use another name)");
            }
            stored = org.losslab.io.StrictJson.mapper().readValue(Files.readString(file), Map.class);
            if (stored == null) {
                throw new IllegalArgumentException(file + ": holds null, not a lecture record (remove the folder or "
                        + "use another name)");
            }
        } catch (IOException e) {
            throw new IllegalArgumentException(file + ": not a lecture record (" + e.getMessage().lines().findFirst()
                    .orElse("") + "); remove the folder or use another name", e);
        }
        Map<String, Object> now = JSON.readValue(JSON.writeValueAsString(state), Map.class);
        if (!now.equals(stored)) {
            List<String> differences = new ArrayList<>();
            for (String key : now.keySet()) {
                if (!java.util.Objects.equals(now.get(key), stored.get(key))) {
                    differences.add(key + " " + stored.get(key) + " then, " + now.get(key) + " now");
                }
            }
            throw new IllegalArgumentException(folder + " holds a lecture run with other settings or data ("
                    + String.join("; ", differences) + "); use --restart to run it again from scratch, or --name "
                    + "for another folder");
        }
    }

    private static List<Row> costRows(List<Comparison> comparisons, Map<String, Search.Outcome> outcomes) {
        List<Row> rows = new ArrayList<>();
        for (int hidden : List.of(30, 100)) {
            for (Comparison comparison : comparisons.subList(0, 3)) {
                for (Search.CandidateResult result : outcomes.get(comparison.name()).ranked()) {
                    if (result.settings().hidden().equals(List.of(hidden))) {
                        BookResult book = BOOK.stream().filter(b -> b.preset() == result.settings().preset()
                                && b.hidden() == hidden).findFirst().orElse(null);
                        rows.add(new Row(comparison, result, book));
                    }
                }
            }
        }
        return rows;
    }

    private static final Map<Preset, Color> PRESET_COLORS = Map.of(Preset.CROSS_ENTROPY_SIGMOID,
            new Color(31, 119, 180), Preset.QUADRATIC_SIGMOID, new Color(214, 39, 40), Preset.SOFTMAX_LOG_LIKELIHOOD,
            new Color(44, 160, 44));

    private static void costChart(Path png, List<Row> rows) throws IOException {
        List<List<Charts.Line>> panels = new ArrayList<>();
        for (int hidden : List.of(30, 100)) {
            List<Charts.Line> lines = new ArrayList<>();
            for (Row row : rows) {
                Search.CandidateResult r = row.result();
                if (r.settings().hidden().equals(List.of(hidden)) && !r.metrics().isEmpty()) {
                    lines.add(new Charts.Line(r.settings().preset().id() + " η=" + Numbers.plain(r.settings().eta()),
                            epochs(r.metrics()), r.metrics().stream()
                            .mapToDouble(EpochMetrics::validationAccuracy).toArray(),
                            PRESET_COLORS.get(r.settings().preset())));
                }
            }
            panels.add(lines);
        }
        if (panels.get(0).isEmpty() || panels.get(1).isEmpty()) {
            return;
        }
        Charts.twoPanelChart(png, "Validation accuracy per epoch", "epoch", "30 hidden neurons", panels.get(0),
                "100 hidden neurons", panels.get(1));
    }

    private static void activationCharts(Path folder, List<Row> rows) throws IOException {
        List<Charts.Line> hiddenGradient = new ArrayList<>();
        List<Charts.Line> outputGradient = new ArrayList<>();
        List<Charts.Line> hiddenSaturation = new ArrayList<>();
        List<Charts.Line> outputSaturation = new ArrayList<>();
        for (Row row : rows) {
            Search.CandidateResult r = row.result();
            List<EpochMetrics> metrics = r.metrics().stream().filter(m -> Double.isFinite(m.validationAccuracy()))
                    .toList();
            if (metrics.isEmpty()) {
                continue;
            }
            String name = r.settings().activation().id();
            double[] epochs = epochs(metrics);
            hiddenGradient.add(new Charts.Line(name, epochs, layer(metrics, 0, true), null));
            outputGradient.add(new Charts.Line(name, epochs, layer(metrics, 1, true), null));
            double[] saturated = layer(metrics, 0, false);
            if (saturated != null) {
                hiddenSaturation.add(new Charts.Line(name, epochs, saturated, null));
            }
            outputSaturation.add(new Charts.Line(name, epochs, layer(metrics, 1, false), null));
        }
        if (hiddenGradient.isEmpty()) {
            return;
        }
        Charts.twoPanelChart(folder.resolve("activations-gradient.png"), "Mean |∂C/∂w| per epoch", "epoch",
                "hidden layer", hiddenGradient, "output layer", outputGradient);
        if (hiddenSaturation.isEmpty()) {
            return;
        }
        Charts.twoPanelChart(folder.resolve("activations-saturation.png"), "Saturated units per epoch", "epoch",
                "hidden layer (sigmoid, tanh)", hiddenSaturation, "output layer (sigmoid)", outputSaturation);
    }

    /** Per epoch, a layer's mean |∂C/∂w| or saturated fraction; null when the layer has no saturation figure. */
    private static double[] layer(List<EpochMetrics> metrics, int layer, boolean gradient) {
        double[] values = new double[metrics.size()];
        for (int i = 0; i < values.length; i++) {
            List<Double> perLayer = gradient ? metrics.get(i).meanAbsGradient() : metrics.get(i).saturation();
            Double value = perLayer.size() > layer ? perLayer.get(layer) : null;
            if (value == null) {
                return null;
            }
            values[i] = value;
        }
        return values;
    }

    private static double[] epochs(List<EpochMetrics> metrics) {
        return metrics.stream().mapToDouble(EpochMetrics::epoch).toArray();
    }

    /** Versions, commit, settings, seeds, data checksums and run ids of a finished lecture. */
    static Map<String, Object> provenance(Outcome outcome) {
        Map<String, Object> provenance = new LinkedHashMap<>(BuildInfo.versions());
        provenance.put("lecture", outcome.name());
        provenance.put("settings", JSON.convertValue(outcome.spec(), Map.class));
        provenance.put("seeds", Map.of("networks and shuffles", outcome.spec().seed(),
                "single neuron", "no randomness: the lecture's fixed starts"));
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("dataset", outcome.data().dataset().id());
        data.put("source", outcome.data().location().source());
        data.put("bundled sample", outcome.data().location().isSample());
        data.put("train", outcome.data().train().count());
        data.put("validation", outcome.data().validation().count());
        data.put("test", outcome.data().test().count());
        data.put("md5", Training.md5(outcome.data()));
        provenance.put("data", data);
        Map<String, List<String>> runs = new LinkedHashMap<>();
        for (Map.Entry<String, Search.Outcome> entry : outcome.comparisons().entrySet()) {
            runs.put(entry.getKey(), entry.getValue().ranked().stream()
                    .sorted(java.util.Comparator.comparingInt(Search.CandidateResult::number))
                    .map(r -> outcome.name() + "/" + entry.getKey() + "/"
                            + Search.candidateFolder(Path.of(""), r.number()).getFileName())
                    .toList());
        }
        provenance.put("run ids", runs);
        return provenance;
    }
}
