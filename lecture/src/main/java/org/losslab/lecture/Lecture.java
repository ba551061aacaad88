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

    /** The lecture's searches, in the order they are reported; {@link #id()} names each one's folder. */
    public enum Part implements Choices.Named {
        /** Cross-entropy + sigmoid at η 0.5, 30 and 100 hidden neurons: the book's chapter 3. */
        CROSS_ENTROPY("cross-entropy"),
        /** Quadratic + sigmoid at η 3.0, 30 and 100 hidden neurons: the book's chapter 1. */
        QUADRATIC("quadratic"),
        /** Softmax + log-likelihood at η 0.5, 30 and 100 hidden neurons. */
        SOFTMAX("softmax"),
        /** The four hidden activations under cross-entropy. */
        ACTIVATIONS("activations"),
        /**
         * One to four hidden layers of 30 under the book's chapter 5 settings (cross-entropy, scaled init, η 0.1,
         * λ 5.0): the vanishing gradient.
         */
        DEPTH("many-layers"),
        /**
         * 784-30-10 under the chapter 5 settings from the large init N(0, 1): the wrong initialisation, against
         * {@link #DEPTH}'s 784-30-10 from the scaled one.
         */
        INITIALIZATION("initialization");

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

        /** @return whether this part compares the costs (next to the book's chapter 1 and 3 figures) */
        public boolean comparesCosts() {
            return this == CROSS_ENTROPY || this == QUADRATIC || this == SOFTMAX;
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

    /** The chapter 5 settings of the many-layers and initialisation parts: η 0.1, λ 5.0 (network2's defaults). */
    public static final double DEEP_ETA = 0.1;
    /** The chapter 5 settings' L2 λ. */
    public static final double DEEP_LAMBDA = 5.0;

    /**
     * The book's chapter 5 figures, by hidden layers: network2's defaults (cross-entropy, N(0, 1/√n_in) weights,
     * η 0.1, λ 5.0, mini-batch 10, 30 epochs).
     */
    public static final Map<List<Integer>, BookResult> BOOK_DEPTH = Map.of(
            List.of(30), new BookResult(Preset.CROSS_ENTROPY_SIGMOID, 30, DEEP_ETA, 0.9648, "chapter 5"),
            List.of(30, 30), new BookResult(Preset.CROSS_ENTROPY_SIGMOID, 30, DEEP_ETA, 0.9690, "chapter 5"),
            List.of(30, 30, 30), new BookResult(Preset.CROSS_ENTROPY_SIGMOID, 30, DEEP_ETA, 0.9657, "chapter 5"),
            List.of(30, 30, 30, 30), new BookResult(Preset.CROSS_ENTROPY_SIGMOID, 30, DEEP_ETA, 0.9653, "chapter 5"));

    /** The hidden layers of the many-layers part, shallowest first. */
    public static final List<List<Integer>> DEPTHS = List.of(List.of(30), List.of(30, 30), List.of(30, 30, 30),
            List.of(30, 30, 30, 30));

    /**
     * One of the lecture's searches: a part with one seed.
     *
     * @param part   which one
     * @param title  what it compares
     * @param search the search (its seed is the networks')
     * @param name   its folder in the lecture folder: the part's id ({@code quadratic}), with the seed when the
     *               lecture has several ({@code quadratic-seed-3})
     */
    public record Comparison(Part part, String title, SearchSpec search, String name) {
        /** @return the seed of its networks and shuffles */
        public long seed() {
            return search.seed();
        }
    }

    /**
     * @param spec the lecture's settings
     * @return the lecture's searches with its first seed, by part, in the order they are reported
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
     * @return every search the lecture runs: every part with each seed, seed by seed (so that the first seed's
     *         lecture is whole first)
     */
    public static List<Comparison> searches(LectureSpec spec) {
        List<Comparison> all = new ArrayList<>();
        for (long seed : spec.seeds()) {
            for (Part part : Part.values()) {
                all.add(comparison(spec, part, seed));
            }
        }
        return all;
    }

    /**
     * @param spec the lecture's settings
     * @param part which search
     * @return that search of the lecture, with its first seed
     */
    public static Comparison comparison(LectureSpec spec, Part part) {
        return comparison(spec, part, spec.seed());
    }

    /**
     * @param spec the lecture's settings
     * @param part which search
     * @param seed one of its seeds
     * @return that search of the lecture, with that seed
     */
    public static Comparison comparison(LectureSpec spec, Part part, long seed) {
        if (!spec.seeds().contains(seed)) {
            throw new SpecException("seed", seed + " is none of the lecture's seeds " + spec.seeds());
        }
        String name = spec.isMultiSeed() ? part.id() + "-seed-" + seed : part.id();
        LectureSpec one = spec.withSeed(seed);
        return switch (part) {
            case CROSS_ENTROPY -> new Comparison(part, "cross-entropy + sigmoid, η 0.5",
                    search(one, Preset.CROSS_ENTROPY_SIGMOID, List.of(HiddenActivation.SIGMOID), 0.5,
                            Initialization.LARGE, 30, 100), name);
            case QUADRATIC -> new Comparison(part, "quadratic + sigmoid, η 3.0",
                    search(one, Preset.QUADRATIC_SIGMOID, List.of(HiddenActivation.SIGMOID), 3.0,
                            Initialization.LARGE, 30, 100), name);
            case SOFTMAX -> new Comparison(part, "softmax + log-likelihood, η 0.5",
                    search(one, Preset.SOFTMAX_LOG_LIKELIHOOD, List.of(HiddenActivation.SIGMOID), 0.5,
                            Initialization.LARGE, 30, 100), name);
            // ReLU and swish die or diverge from the large init at η 0.5 (docs/benchmarks.md): the activations
            // are compared from the scaled init at η 0.1, where all four learn.
            case ACTIVATIONS -> new Comparison(part, "hidden activations under cross-entropy, scaled init, η 0.1",
                    search(one, Preset.CROSS_ENTROPY_SIGMOID, List.of(HiddenActivation.values()), 0.1,
                            Initialization.SCALED, 30), name);
            case DEPTH -> new Comparison(part, "many layers: cross-entropy, scaled init, η 0.1, λ 5.0",
                    search(one, Preset.CROSS_ENTROPY_SIGMOID, List.of(HiddenActivation.SIGMOID), DEEP_ETA,
                            DEEP_LAMBDA, Initialization.SCALED, DEPTHS), name);
            case INITIALIZATION -> new Comparison(part, "initialisation: 784-30-10 from N(0, 1) weights, η 0.1, λ 5.0",
                    search(one, Preset.CROSS_ENTROPY_SIGMOID, List.of(HiddenActivation.SIGMOID), DEEP_ETA,
                            DEEP_LAMBDA, Initialization.LARGE, List.of(List.of(30))), name);
        };
    }

    private static SearchSpec search(LectureSpec spec, Preset preset, List<HiddenActivation> activations,
                                     double eta, Initialization init, Integer... hidden) {
        return search(spec, preset, activations, eta, 0.0, init,
                java.util.Arrays.stream(hidden).map(List::of).toList());
    }

    private static SearchSpec search(LectureSpec spec, Preset preset, List<HiddenActivation> activations,
                                     double eta, double lambda, Initialization init, List<List<Integer>> hidden) {
        return SearchSpec.builder().presets(preset).activations(activations).hidden(hidden).eta(eta).lambda(lambda)
                .epochs(spec.epochs()).init(init).seed(spec.seed())
                .maxCandidates(activations.size() * hidden.size()).dataset(spec.dataset())
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

        /** @return the seed of its network */
        public long seed() {
            return comparison.seed();
        }

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
         * Whether the network got stuck the way the lecture describes, on evidence that survives training: it trained
         * at least {@value #STUCK_MIN_EPOCHS} epochs, and in each of its last {@value #STUCK_EPOCHS} at least 90% of
         * its (sigmoid) output units were saturated and its validation accuracy stayed below 90%: σ′ has all but
         * stopped the learning of some digits, and more epochs did not undo it. A run too short to tell is never
         * stuck.
         *
         * @return whether the network got stuck the way the lecture describes
         */
        public boolean stuck() {
            List<EpochMetrics> metrics = result.metrics();
            if (metrics.size() < STUCK_MIN_EPOCHS) {
                return false;
            }
            for (EpochMetrics m : metrics.subList(metrics.size() - STUCK_EPOCHS, metrics.size())) {
                List<OptionalDouble> saturation = m.saturation();
                OptionalDouble output = saturation.isEmpty() ? OptionalDouble.empty()
                        : saturation.get(saturation.size() - 1);
                if (output.isEmpty() || output.getAsDouble() < 0.9 || !(m.validationAccuracy() < 0.9)) {
                    return false;
                }
            }
            return true;
        }
    }

    /** The fewest epochs after which a network can be called stuck ({@link Row#stuck()}). */
    public static final int STUCK_MIN_EPOCHS = 5;
    /** The last epochs that must all show a stuck network ({@link Row#stuck()}). */
    public static final int STUCK_EPOCHS = 3;
    /** The rule of {@link Row#stuck()} in words, for reports. */
    public static final String STUCK_RULE = "stuck: at least 90% of the output units saturated and validation "
            + "accuracy below 90% in each of the last " + STUCK_EPOCHS + " epochs, after at least " + STUCK_MIN_EPOCHS
            + " (a shorter run is never called stuck)";

    /**
     * A finished lecture.
     *
     * @param name        its name
     * @param folder      its models folder
     * @param spec        its settings
     * @param data        the data it ran on
     * @param neuron      the single-neuron runs
     * @param searches    every search, by its folder's name ({@link Comparison#name()}), seed by seed
     * @param costs       the cost comparison, as rows: per hidden size, cross-entropy, quadratic, softmax, and
     *                    within each, seed by seed
     * @param activations the activation comparison, as rows: per activation, seed by seed
     * @param depth       the many-layers part, as rows: per depth, shallowest first, seed by seed
     * @param initialization the initialisation comparison, as rows: the large init's 784-30-10, then the scaled
     *                    one's (the many-layers part's), seed by seed within each
     * @param spreads     every setting over the seeds: the cost comparison's, the activations', the depths', the
     *                    large init's
     * @param softmax     the softmax network's outputs on the test images (the first seed's best), when it trained
     * @param notebook    the notebook written ({@link #run}); empty when none was ({@link #open})
     * @param html        the HTML page written; empty when none was
     * @param reused      candidates reused from an earlier, interrupted run (every one, when opened)
     */
    public record Outcome(String name, Path folder, LectureSpec spec, MnistData data, List<NeuronRun> neuron,
                          Map<String, Search.Outcome> searches, List<Row> costs, List<Row> activations,
                          List<Row> depth, List<Row> initialization, List<Spread> spreads,
                          Optional<SoftmaxCheck> softmax, Optional<Path> notebook, Optional<Path> html,
                          int reused) {

        /** @return the four searches with the first seed, by part */
        public Map<Part, Search.Outcome> comparisons() {
            Map<Part, Search.Outcome> first = new java.util.EnumMap<>(Part.class);
            for (Part part : Part.values()) {
                first.put(part, searches.get(comparison(spec, part).name()));
            }
            return first;
        }

        /** @return the rows of the first seed only: the cost comparison's, as a one-seed lecture has them */
        public List<Row> firstSeedCosts() {
            return costs.stream().filter(row -> row.seed() == spec.seed()).toList();
        }
    }

    /**
     * One setting of the lecture over its seeds: each seed's network, and what they spread over.
     *
     * @param part    the part it belongs to
     * @param setting the setting (every seed's is the same)
     * @param rows    its networks, one per seed, in the lecture's seed order
     * @param book    the book's figure for it, when the book has one
     */
    public record Spread(Part part, org.losslab.search.CandidateSpace.Settings setting, List<Row> rows,
                         Optional<BookResult> book) {

        /** Copies the rows. */
        public Spread {
            rows = List.copyOf(rows);
        }

        /** @return the test accuracies of the seeds that trained to their end, in seed order */
        public List<Double> accuracies() {
            return rows.stream().map(Row::result).filter(r -> r.testAccuracy().isPresent())
                    .map(r -> r.testAccuracy().getAsDouble()).toList();
        }

        /** @return the median test accuracy over the seeds that trained (the mean of the middle two if even) */
        public OptionalDouble median() {
            List<Double> sorted = accuracies().stream().sorted().toList();
            int n = sorted.size();
            if (n == 0) {
                return OptionalDouble.empty();
            }
            return OptionalDouble.of(n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2);
        }

        /** @return the lowest test accuracy over the seeds */
        public OptionalDouble min() {
            return accuracies().stream().mapToDouble(Double::doubleValue).min();
        }

        /** @return the highest test accuracy over the seeds */
        public OptionalDouble max() {
            return accuracies().stream().mapToDouble(Double::doubleValue).max();
        }

        /** @return how many seeds got stuck ({@link Row#stuck()}) */
        public int stuck() {
            return (int) rows.stream().filter(Row::stuck).count();
        }

        /**
         * @return the setting in words, e.g. {@code quadratic-sigmoid sigmoid 100 η=3}, with λ when it has L2 and
         *         the large init in the initialisation part ({@code … 30 η=0.1 λ=5 large init})
         */
        public String label() {
            return setting.preset().id() + " " + setting.activation().id() + " "
                    + setting.hidden().stream().map(String::valueOf).collect(java.util.stream.Collectors.joining("-"))
                    + " η=" + org.losslab.report.Numbers.plain(setting.eta())
                    + (setting.lambda() > 0 ? " λ=" + org.losslab.report.Numbers.plain(setting.lambda()) : "")
                    + (part == Part.INITIALIZATION ? " large init" : "");
        }

        /**
         * @return where the book's figure lies against the seeds' range, and how many got stuck, e.g. {@code the
         *         book's 96.59% lies inside LossLab's 5-seed range 96.20–96.70%; 2 of 5 seeds stuck}; without a
         *         book figure, the range and the stuck seeds only
         */
        public String sentence() {
            int seeds = rows.size();
            List<Double> trained = accuracies();
            String stuckWords = stuck() == 0 ? "no seed stuck" : stuck() + " of " + seeds + " seed"
                    + (seeds == 1 ? "" : "s") + " stuck";
            String untrained = trained.size() == seeds ? "" : " (" + trained.size() + " of " + seeds + " trained)";
            if (trained.isEmpty()) {
                return "no seed trained to its end" + (stuck() > 0 ? "; " + stuckWords : "");
            }
            String range = percent(min().getAsDouble()) + "–" + percent(max().getAsDouble());
            String own = "LossLab's " + seeds + "-seed range " + range + untrained;
            if (book.isEmpty()) {
                return own + ", median " + percent(median().getAsDouble()) + "; " + stuckWords;
            }
            double figure = book.get().accuracy();
            String where = figure < min().getAsDouble() ? "below" : figure > max().getAsDouble() ? "above" : "inside";
            return "the book's " + percent(figure) + " lies " + where + " " + own + "; " + stuckWords;
        }

        private static String percent(double value) {
            return org.losslab.report.Numbers.percent(OptionalDouble.of(value), "");
        }
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
            return runLocked(spec, data, folder, Optional.of(request.notebooks()), request.name(), request.parallel(),
                    request.listener(), request.live(), request.runner(), state);
        }
    }

    /**
     * Opens a finished lecture: what {@link #run} returned for it, from its folder, training nothing and writing no
     * report (its notebook and HTML page stay as the run wrote them). This is what the exported notebook's cells
     * call: run again, they show the lecture the notebook belongs to and cannot rewrite it. The searches are opened
     * read-only ({@link Search#open}); the lecture's own charts and results file are drawn again inside its folder,
     * as the run drew them, and nothing is written anywhere else.
     *
     * @param request the lecture's settings, name, models folder and data ({@link LectureRequest#notebooks()} and
     *                {@link LectureRequest#parallel()} are not used)
     * @return the lecture, with no notebook or HTML page
     * @throws IllegalArgumentException naming the folder when it holds no lecture, another one, or one that is not
     *                                  finished (with how many networks are missing)
     */
    public static Outcome open(LectureRequest request) throws IOException, InterruptedException {
        LectureSpec spec = request.spec();
        Path folder = request.models().resolve(request.name());
        if (!Files.isRegularFile(folder.resolve(STATE_FILE))) {
            throw new IllegalArgumentException(folder + ": no lecture here (no " + STATE_FILE + "); `./losslab "
                    + "lecture` or Lecture.run makes one, Lecture.open only reads");
        }
        MnistData data = request.data().isPresent() ? request.data().get() : MnistData.load(spec.dataSpec());
        data.check(spec.dataSpec(), "data");
        Map<String, Object> state = LectureFolder.state(spec, data);
        LectureFolder.check(folder, state);
        List<Comparison> comparisons = searches(spec);
        LectureFolder.Census census = LectureFolder.census(folder, comparisons);
        if (census.finished() < census.total()) {
            throw new IllegalArgumentException(folder + ": " + (census.total() - census.finished()) + " of "
                    + org.losslab.report.Numbers.count(census.total(), "network") + " not finished; `./losslab "
                    + "lecture` or Lecture.run finishes them, Lecture.open only reads");
        }
        Nd4jSetup.install();
        try (FolderLock lock = FolderLock.acquire(folder, "lecture")) {
            Map<String, Search.Outcome> outcomes = new java.util.LinkedHashMap<>();
            for (Comparison comparison : comparisons) {
                outcomes.put(comparison.name(), Search.open(SearchRequest.of(comparison.search(),
                        folder.resolve(comparison.name())).withData(data)));
            }
            return finish(spec, comparisons, data, folder, Optional.empty(), request.name(), NeuronLecture.run(),
                    outcomes, census.total());
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

    private static Outcome runLocked(LectureSpec spec, MnistData data, Path folder, Optional<Path> notebooks, String name,
                                     int parallel, LectureListener listener, StatsStorageRouter live,
                                     CandidateRunner runner, Map<String, Object> state)
            throws IOException, InterruptedException {
        LectureFolder.write(folder, state);

        List<Comparison> comparisons = searches(spec);
        LectureFolder.Census census = LectureFolder.census(folder, comparisons);
        int total = census.total();
        listener.started(census.total(), census.finished(), census.interrupted());

        List<NeuronRun> neuron = NeuronLecture.run();
        NeuronReports.writeAll(folder.resolve("neuron"), neuron);
        listener.neuronDone(neuron);

        Map<String, Search.Outcome> outcomes = new java.util.LinkedHashMap<>();
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
                outcomes.put(comparisons.get(i).name(), running.get(i).finish());
            }
        } finally {
            pool.shutdownNow();
        }

        return finish(spec, comparisons, data, folder, notebooks, name, neuron, outcomes,
                census.finished() + census.interrupted());
    }

    /**
     * The lecture from its searches' outcomes: its rows, spreads and softmax check; its charts and results file
     * drawn into its folder; its report written when {@code notebooks} is given.
     */
    private static Outcome finish(LectureSpec spec, List<Comparison> comparisons, MnistData data, Path folder,
                                  Optional<Path> notebooks, String name, List<NeuronRun> neuron,
                                  Map<String, Search.Outcome> outcomes, int reused) throws IOException {
        List<Row> costs = costRows(comparisons, outcomes);
        List<Row> activations = new ArrayList<>();
        for (Comparison comparison : comparisons) {
            if (comparison.part() == Part.ACTIVATIONS) {
                outcomes.get(comparison.name()).ranked().forEach(r -> activations.add(new Row(comparison, r,
                        Optional.empty())));
            }
        }
        activations.sort(java.util.Comparator.comparingInt((Row row) -> row.result().number())
                .thenComparingInt(row -> spec.seeds().indexOf(row.seed())));
        List<Row> depth = rows(comparisons, outcomes, Part.DEPTH, spec);
        List<Row> largeInit = rows(comparisons, outcomes, Part.INITIALIZATION, spec);
        List<Row> initialization = new ArrayList<>(largeInit);
        depth.stream().filter(row -> row.result().settings().hidden().equals(List.of(30))).forEach(initialization::add);
        List<Spread> spreads = spreads(costs, activations, depth, largeInit);
        Optional<SoftmaxCheck> softmax = SoftmaxCheck.of(outcomes.get(comparison(spec, Part.SOFTMAX).name()), data);
        long first = spec.seed();
        LectureCharts.costs(folder.resolve("costs-accuracy.png"), costs.stream().filter(r -> r.seed() == first)
                .toList());
        LectureCharts.activations(folder, activations.stream().filter(r -> r.seed() == first).toList());
        LectureCharts.seeds(folder, spec, spreads);
        LectureCharts.depth(folder, depth.stream().filter(r -> r.seed() == first).toList());
        LectureCharts.initialization(folder, initialization.stream().filter(r -> r.seed() == first).toList());
        if (softmax.isPresent()) {
            LectureCharts.softmax(folder, softmax.get());
        }
        LectureFolder.results(folder, costs, activations, depth, largeInit);

        Optional<Path> notebook = notebooks.map(n -> n.resolve(name + ".ipynb"));
        Optional<Path> html = notebooks.map(n -> n.resolve(name + ".html"));
        Outcome outcome = new Outcome(name, folder, spec, data, neuron, outcomes, costs, List.copyOf(activations),
                depth, List.copyOf(initialization), spreads, softmax, notebook, html, reused);
        if (notebooks.isPresent()) {
            Files.createDirectories(notebooks.get());
            Document document = LectureReport.document(outcome, notebooks.get(), LectureFolder.provenance(outcome));
            Notebooks.write(document, notebook.get());
            HtmlPages.write(document, html.get());
        }
        return outcome;
    }

    /**
     * @param result a candidate of the lecture
     * @return its start (epoch 0, when its run record has it) and every epoch it trained
     */
    public static List<EpochMetrics> withStart(CandidateResult result) {
        if (result.folder().isEmpty() || !Files.isRegularFile(result.folder().get().resolve("run.json"))) {
            return result.metrics();
        }
        return org.losslab.experiment.StartProbe.withStart(
                org.losslab.experiment.RunRecord.read(result.folder().get()));
    }

    /** Per hidden size, cross-entropy, quadratic and softmax, and within each, seed by seed. */
    private static List<Row> costRows(List<Comparison> comparisons, Map<String, Search.Outcome> outcomes) {
        List<Row> rows = new ArrayList<>();
        List<Comparison> byPart = comparisons.stream().filter(c -> c.part().comparesCosts())
                .sorted(java.util.Comparator.comparing(Comparison::part)).toList(); // stable: seeds stay in order
        for (int hidden : List.of(30, 100)) {
            for (Comparison comparison : byPart) {
                for (CandidateResult result : outcomes.get(comparison.name()).ranked()) {
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

    /**
     * A part's rows in the order of its candidates (the depths shallowest first), seed by seed within each, with the
     * book's chapter 5 figure where it has one.
     */
    private static List<Row> rows(List<Comparison> comparisons, Map<String, Search.Outcome> outcomes, Part part,
                                  LectureSpec spec) {
        List<Row> rows = new ArrayList<>();
        for (Comparison comparison : comparisons) {
            if (comparison.part() == part) {
                for (CandidateResult result : outcomes.get(comparison.name()).ranked()) {
                    Optional<BookResult> book = part == Part.DEPTH
                            ? Optional.ofNullable(BOOK_DEPTH.get(result.settings().hidden())) : Optional.empty();
                    rows.add(new Row(comparison, result, book));
                }
            }
        }
        rows.sort(java.util.Comparator.comparingInt((Row row) -> row.result().number())
                .thenComparingInt(row -> spec.seeds().indexOf(row.seed())));
        return rows;
    }

    /** Every setting's rows gathered over the seeds, in the rows' order of first appearance. */
    @SafeVarargs
    private static List<Spread> spreads(List<Row>... parts) {
        Map<List<Object>, List<Row>> bySetting = new java.util.LinkedHashMap<>();
        for (List<Row> rows : parts) {
            for (Row row : rows) {
                bySetting.computeIfAbsent(List.of(row.comparison().part(), row.result().settings()),
                        key -> new ArrayList<>()).add(row);
            }
        }
        List<Spread> spreads = new ArrayList<>();
        for (List<Row> rows : bySetting.values()) {
            Row first = rows.get(0);
            spreads.add(new Spread(first.comparison().part(), first.result().settings(), rows, first.book()));
        }
        return spreads;
    }
}
