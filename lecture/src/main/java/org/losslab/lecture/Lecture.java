package org.losslab.lecture;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.atomic.AtomicInteger;
import org.deeplearning4j.core.storage.StatsStorageRouter;
import org.losslab.data.MnistData;
import org.losslab.experiment.EpochMetrics;
import org.losslab.experiment.NeuronLecture;
import org.losslab.experiment.NeuronReports;
import org.losslab.experiment.NeuronRun;
import org.losslab.io.FolderLock;
import org.losslab.io.SpecException;
import org.losslab.nd4j.Nd4jSetup;
import org.losslab.preset.Choices;
import org.losslab.preset.HiddenActivation;
import org.losslab.preset.Initialization;
import org.losslab.preset.Preset;
import org.losslab.notebook.Document;
import org.losslab.notebook.HtmlPages;
import org.losslab.notebook.Notebooks;
import org.losslab.search.CandidateResult;
import org.losslab.search.CandidateRunner;
import org.losslab.search.Search;
import org.losslab.search.SearchRequest;
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

    /** The lecture's four searches, in the order they are reported; {@link #id()} names each one's folder. */
    public enum Part implements Choices.Named {
        /** Cross-entropy + sigmoid at η 0.5, 30 and 100 hidden neurons: the book's chapter 3. */
        CROSS_ENTROPY("cross-entropy"),
        /** Quadratic + sigmoid at η 3.0, 30 and 100 hidden neurons: the book's chapter 1. */
        QUADRATIC("quadratic"),
        /** Softmax + log-likelihood at η 0.5, 30 and 100 hidden neurons. */
        SOFTMAX("softmax"),
        /** The four hidden activations under cross-entropy. */
        ACTIVATIONS("activations");

        private final String id;

        Part(String id) {
            this.id = id;
        }

        @Override
        public String id() {
            return id;
        }

        @Override
        public String toString() {
            return id;
        }

        /** @return whether this part compares the costs (next to the book's figures) */
        public boolean comparesCosts() {
            return this != ACTIVATIONS;
        }
    }

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
     * @param part   which one
     * @param title  what it compares
     * @param search the search
     */
    public record Comparison(Part part, String title, SearchSpec search) {
        /** @return its folder name in the lecture folder */
        public String name() {
            return part.id();
        }
    }

    /**
     * @param spec the lecture's settings
     * @return the lecture's four searches for these settings, by part, in the order they are reported
     */
    public static Map<Part, Comparison> comparisons(LectureSpec spec) {
        Map<Part, Comparison> all = new java.util.EnumMap<>(Part.class);
        for (Part part : Part.values()) {
            all.put(part, comparison(spec, part));
        }
        return all;
    }

    /**
     * @param spec the lecture's settings
     * @param part which search
     * @return that search of the lecture
     */
    public static Comparison comparison(LectureSpec spec, Part part) {
        return switch (part) {
            case CROSS_ENTROPY -> new Comparison(part, "cross-entropy + sigmoid, η 0.5",
                    search(spec, Preset.CROSS_ENTROPY_SIGMOID, List.of(HiddenActivation.SIGMOID), 0.5,
                            Initialization.LARGE, 30, 100));
            case QUADRATIC -> new Comparison(part, "quadratic + sigmoid, η 3.0",
                    search(spec, Preset.QUADRATIC_SIGMOID, List.of(HiddenActivation.SIGMOID), 3.0,
                            Initialization.LARGE, 30, 100));
            case SOFTMAX -> new Comparison(part, "softmax + log-likelihood, η 0.5",
                    search(spec, Preset.SOFTMAX_LOG_LIKELIHOOD, List.of(HiddenActivation.SIGMOID), 0.5,
                            Initialization.LARGE, 30, 100));
            // ReLU and swish die or diverge from the large init at η 0.5 (docs/benchmarks.md): the activations
            // are compared from the scaled init at η 0.1, where all four learn.
            case ACTIVATIONS -> new Comparison(part, "hidden activations under cross-entropy, scaled init, η 0.1",
                    search(spec, Preset.CROSS_ENTROPY_SIGMOID, List.of(HiddenActivation.values()), 0.1,
                            Initialization.SCALED, 30));
        };
    }

    private static SearchSpec search(LectureSpec spec, Preset preset, List<HiddenActivation> activations,
                                     double eta, Initialization init, Integer... hidden) {
        return SearchSpec.builder().presets(preset).activations(activations).hiddenSizes(hidden).eta(eta)
                .epochs(spec.epochs()).init(init).seed(spec.seed())
                .maxCandidates(activations.size() * hidden.length).dataset(spec.dataset())
                .trainLimit(spec.trainLimit()).testLimit(spec.testLimit()).build();
    }

    /**
     * A row of a results table.
     *
     * @param comparison the search it comes from
     * @param result     the candidate
     * @param book       the book's figure for it, when the book has one
     */
    public record Row(Comparison comparison, CandidateResult result, Optional<BookResult> book) {

        /** @return the share of saturated output units after the last epoch (none for softmax, or no epoch) */
        public OptionalDouble outputSaturation() {
            List<EpochMetrics> metrics = result.metrics();
            if (metrics.isEmpty()) {
                return OptionalDouble.empty();
            }
            List<OptionalDouble> saturation = metrics.get(metrics.size() - 1).saturation();
            return saturation.isEmpty() ? OptionalDouble.empty() : saturation.get(saturation.size() - 1);
        }

        /** @return LossLab's test accuracy minus the book's, in points, when both are there */
        public OptionalDouble pointsFromBook() {
            return book.isPresent() && result.testAccuracy().isPresent()
                    ? OptionalDouble.of(100 * (result.testAccuracy().getAsDouble() - book.get().accuracy()))
                    : OptionalDouble.empty();
        }

        /**
         * Whether the network got stuck the way the lecture describes: at least 90% of its (sigmoid) output units
         * saturated after the last epoch and a validation accuracy below 90%, so σ′ has all but stopped the
         * learning of some digits.
         *
         * @return whether the network got stuck the way the lecture describes: at least 90% of its (sigmoid) output
         *         units saturated after the last epoch and a validation accuracy below 90%, so σ′ has all but stopped
         *         the learning of some digits
         */
        public boolean stuck() {
            OptionalDouble saturated = outputSaturation();
            return saturated.isPresent() && saturated.getAsDouble() >= 0.9 && result.validationAccuracy().isPresent()
                    && result.validationAccuracy().getAsDouble() < 0.9;
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
                          Map<Part, Search.Outcome> comparisons, List<Row> costs, List<Row> activations,
                          Path notebook, Path html, int reused) {
    }

    /**
     * Runs the lecture into {@code models/<name>/} with {@code parallel} candidates at a time, and writes its report
     * to {@code notebooks/<name>.ipynb} and {@code .html} (all of it as {@code request} says). A lecture that was
     * interrupted continues where it stopped: finished candidates are reused, interrupted ones resume.
     *
     * @param request what to run, where, and who hears about it
     * @return the results, with the paths of the notebook and the HTML report
     * @throws IllegalArgumentException when the folder holds a lecture with other settings or data
     */
    public static Outcome run(LectureRequest request) throws IOException, InterruptedException {
        LectureSpec spec = request.spec();
        MnistData data = request.data().isPresent() ? request.data().get() : MnistData.load(spec.dataSpec());
        data.check(spec.dataSpec(), "data");
        Nd4jSetup.install();
        Path folder = request.models().resolve(request.name());
        Map<String, Object> state = LectureFolder.state(spec, data);
        LectureFolder.check(folder, state);
        try (FolderLock lock = FolderLock.acquire(folder, "lecture")) {
            return runLocked(spec, data, folder, request.notebooks(), request.name(), request.parallel(),
                    request.listener(), request.live(), request.runner(), state);
        }
    }

    /**
     * A lecture folder that holds a run of other settings or data than asked for: nothing is trained in it. The
     * message lists what differs; {@link #folder()} is the folder to discard or to leave for another name.
     */
    public static final class OtherSettingsException extends org.losslab.io.OtherSettingsException {
        private static final long serialVersionUID = 1L;

        OtherSettingsException(Path folder, String differences) {
            super(folder, differences, folder + " holds a lecture run with other settings or data (" + differences
                    + "); discard it to run it again from scratch, or give another name");
        }
    }

    /** The longest lecture name: its notebook's temporary file, {@code .NAME.ipynb.<13>.part}, fits in 255 bytes. */
    public static final int MAX_NAME = 200;

    /**
     * Checks a lecture's name before anything is made: it names a folder and two files, so letters, digits,
     * {@code .}, {@code _} and {@code -} only, not starting with a dot, at most {@value #MAX_NAME} characters.
     *
     * @param name its name
     */
    public static void checkName(String name) {
        if (name == null || name.isBlank() || !name.matches("[A-Za-z0-9._-]+") || name.startsWith(".")) {
            throw new SpecException("name", "letters, digits, '.', '_' and '-' only, got '" + name + "'");
        }
        if (name.length() > MAX_NAME) {
            throw new SpecException("name", "at most " + MAX_NAME + " characters (it names files), got "
                    + name.length());
        }
    }

    private static Outcome runLocked(LectureSpec spec, MnistData data, Path folder, Path notebooks, String name,
                                     int parallel, LectureListener listener, StatsStorageRouter live,
                                     CandidateRunner runner, Map<String, Object> state)
            throws IOException, InterruptedException {
        LectureFolder.write(folder, state);

        List<Comparison> comparisons = List.copyOf(comparisons(spec).values());
        LectureFolder.Census census = LectureFolder.census(folder, comparisons);
        int total = census.total();
        listener.started(census.total(), census.finished(), census.interrupted());

        List<NeuronRun> neuron = NeuronLecture.run();
        NeuronReports.writeAll(folder.resolve("neuron"), neuron);
        listener.neuronDone(neuron);

        Map<Part, Search.Outcome> outcomes = new java.util.EnumMap<>(Part.class);
        ExecutorService pool = Search.pool(parallel);
        try {
            AtomicInteger done = new AtomicInteger();
            int all = total;
            List<Search.Running> running = new ArrayList<>();
            for (Comparison comparison : comparisons) {
                running.add(Search.start(SearchRequest.of(comparison.search(), folder.resolve(comparison.name()))
                        .withData(data).withResume(true).withLive(live).withRunner(runner)
                        .withListener(new org.losslab.search.SearchListener() {
                            @Override
                            public void candidateDone(CandidateResult result, int d, int t) {
                                synchronized (done) {
                                    listener.candidateDone(comparison, result, done.incrementAndGet(), all);
                                }
                            }

                            @Override
                            public org.losslab.experiment.TrainingListener training(int number,
                                    org.losslab.search.CandidateSpace.Settings settings, int epochs) {
                                return listener.training(comparison, number, settings, epochs);
                            }
                        }), pool));
            }
            for (int i = 0; i < comparisons.size(); i++) {
                outcomes.put(comparisons.get(i).part(), running.get(i).finish());
            }
        } finally {
            pool.shutdownNow();
        }

        List<Row> costs = costRows(comparisons, outcomes);
        Comparison activationsPart = comparison(spec, Part.ACTIVATIONS);
        List<Row> activations = outcomes.get(Part.ACTIVATIONS).ranked().stream()
                .sorted(java.util.Comparator.comparingInt(CandidateResult::number))
                .map(r -> new Row(activationsPart, r, Optional.empty())).toList();
        LectureCharts.costs(folder.resolve("costs-accuracy.png"), costs);
        LectureCharts.activations(folder, activations);

        Files.createDirectories(notebooks);
        Path notebook = notebooks.resolve(name + ".ipynb");
        Path html = notebooks.resolve(name + ".html");
        Outcome outcome = new Outcome(name, folder, spec, data, neuron, outcomes, costs, activations, notebook, html,
                census.finished() + census.interrupted());
        Document document = LectureReport.document(outcome, notebooks, LectureFolder.provenance(outcome));
        Notebooks.write(document, notebook);
        HtmlPages.write(document, html);
        return outcome;
    }

    private static List<Row> costRows(List<Comparison> comparisons, Map<Part, Search.Outcome> outcomes) {
        List<Row> rows = new ArrayList<>();
        for (int hidden : List.of(30, 100)) {
            for (Comparison comparison : comparisons) {
                if (!comparison.part().comparesCosts()) {
                    continue;
                }
                for (CandidateResult result : outcomes.get(comparison.part()).ranked()) {
                    if (result.settings().hidden().equals(List.of(hidden))) {
                        Optional<BookResult> book = BOOK.stream().filter(b -> b.preset() == result.settings().preset()
                                && b.hidden() == hidden).findFirst();
                        rows.add(new Row(comparison, result, book));
                    }
                }
            }
        }
        return rows;
    }

}
