package org.losslab.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.losslab.data.DataLocator;
import org.losslab.data.MnistData;
import org.losslab.experiment.NeuronLecture;
import org.losslab.experiment.NeuronRun;
import org.losslab.lecture.Lecture;
import org.losslab.lecture.LectureListener;
import org.losslab.lecture.LectureRequest;
import org.losslab.lecture.LectureSpec;
import org.losslab.report.Numbers;
import org.losslab.search.CandidateResult;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code losslab lecture}: the lecture reproduced end to end, with its notebook and HTML report. */
@Command(name = "lecture", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Reproduce the lecture \"Losses and activations\": the single-neuron runs, cross-entropy vs "
                + "quadratic vs softmax on MNIST with 30 and 100 hidden neurons, and the hidden activations, as "
                + "searches in parallel. Prints the results next to the book's figures and writes "
                + "notebooks-export/<name>.ipynb and .html; the models go to models/<name>/.",
                "Default: a quick profile (10 epochs on 10,000 training images; the bundled sample offline) that "
                        + "takes a few minutes. --full: the book's settings on all of MNIST (30 epochs).",
                "Started again, a run continues where it stopped: finished candidates are reused."})
final class LectureCommand implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--full", description = "The book's settings: all of MNIST, 30 epochs (the sample is refused).")
    boolean full;

    @Option(names = "--epochs", paramLabel = "N", description = "Epochs per network (default: quick 10, full 30).")
    Integer epochs;

    @Option(names = "--seed", paramLabel = "S", defaultValue = "1", description = "Seed (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--seeds", paramLabel = "N|S,S...",
            description = "Train every MNIST setting with N seeds (from --seed up) or with the seeds listed, and "
                    + "report per setting the median, the range and the stuck seeds against the book's figure "
                    + "(default: one seed).")
    String seeds;

    @Option(names = "--parallel", paramLabel = "N", description = "Candidates at a time (default: one per core).")
    Integer parallel;

    @Option(names = "--name", paramLabel = "NAME",
            description = "Name of the run: models/NAME/ and notebooks-export/NAME.ipynb (default: lecture-quick or "
                    + "lecture-full, with the data set and seed when not the defaults).")
    String name;

    @Option(names = "--models", paramLabel = "DIR", defaultValue = "models",
            description = "Where the run folder goes (default: ${DEFAULT-VALUE}).")
    Path models;

    @Option(names = "--notebooks", paramLabel = "DIR", defaultValue = "notebooks-export",
            description = "Where the notebook and HTML report go (default: ${DEFAULT-VALUE}).")
    Path notebooks;

    @Option(names = "--restart", description = "Discard an earlier run of the same name and start from scratch.")
    boolean restart;

    @CommandLine.Mixin
    DataOptions data;

    @CommandLine.Mixin
    UiOptions ui;

    @CommandLine.Mixin
    SparkFlags spark;

    @Override
    public void run() {
        PrintWriter out = spec.commandLine().getOut();
        CommandLine.ParseResult parsed = spec.commandLine().getParseResult();
        LectureSpec lecture = (full ? LectureSpec.full() : LectureSpec.quick()).withDataset(data.dataset)
                .withSeed(seed);
        if (epochs != null) {
            lecture = lecture.withEpochs(epochs);
        }
        if (seeds != null) {
            lecture = withSeeds(lecture, seeds, parsed.hasMatchedOption("--seed"));
        }
        lecture = lecture.withLimits(parsed.hasMatchedOption("--train-limit") ? data.trainLimit : lecture.trainLimit(),
                parsed.hasMatchedOption("--test-limit") ? data.testLimit : lecture.testLimit());
        if (full && data.dataset == org.losslab.data.Dataset.SAMPLE) {
            throw new IllegalArgumentException("--full: the book's settings need all of MNIST (or Fashion-MNIST); "
                    + "the bundled sample is not that. Drop --full, or give --dataset mnist with --data-dir");
        }
        if (parallel != null && parallel < 1) {
            throw new IllegalArgumentException("--parallel: must be >= 1, got " + parallel);
        }
        spark.check(ui);
        String runName = name != null ? name : lecture.name();
        Lecture.checkName(runName);
        SparkFlags.Choice where = null;
        try {
            if (restart) {
                RunFolders.discard(models.resolve(runName), Lecture.STATE_FILE, "lecture");
            }
            MnistData loaded = DataOptions.load(data.spec().withSampleFallback(!full && !data.noSample)
                    .withLimits(lecture.trainLimit(), lecture.testLimit()), out);
            for (String step : loaded.location().steps()) {
                out.println("data: " + step);
            }
            where = spark.choose(parallel, out);
            int workers = where.parallel();
            UiOptions.Live live = ui.startIfAsked(out);
            if (live != null) {
                out.println("UI: each candidate's training under " + live.server().address().resolve("/train")
                        + ", the searches under " + live.server().address().resolve("/arbiter"));
            }
            out.printf(Locale.ROOT, "lecture %s: %s profile, %s, %,d training / %,d validation / %,d test "
                            + "images, %s%d candidates at a time%n", runName, lecture.profile(),
                    Numbers.count(lecture.epochs(), "epoch"),
                    loaded.train().count(), loaded.validation().count(), loaded.test().count(),
                    lecture.isMultiSeed() ? "seeds " + join(lecture.seeds()) + ", " : "", workers);
            out.flush();
            Lecture.Outcome outcome;
            try {
                outcome = Lecture.run(LectureRequest.of(lecture).withName(runName).withModels(models)
                        .withNotebooks(notebooks).withParallel(workers).withData(loaded)
                        .withListener(new Printer(out, lecture.epochs()))
                        .withLive(spark.asked() ? spark.driverLive() : UiOptions.storage(live))
                        .withRunner(where.runner()));
            } catch (Lecture.OtherSettingsException e) {
                if (live != null) {
                    live.server().close();
                }
                throw new IllegalArgumentException(e.folder() + " holds a lecture run with other settings or data ("
                        + e.differences() + "); --restart runs it again from scratch, --name NAME uses another folder",
                        e);
            } catch (RuntimeException | IOException | InterruptedException e) {
                if (live != null) {
                    live.server().close();
                }
                throw e;
            }
            summary(out, outcome);
            ui.finish(out, live);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException("could not write the lecture: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } finally {
            if (where != null) {
                where.close();
            }
        }
    }

    /** Prints the lecture's progress: epoch lines (or a status line) as candidates train, a line per finished one. */
    private static final class Printer implements LectureListener {
        private final PrintWriter out;
        private SearchProgress progress;
        private final int epochs;

        Printer(PrintWriter out, int epochs) {
            this.out = out;
            this.epochs = epochs;
        }

        /** {@return the progress printer; made by {@link #started} with the lecture's size, which comes first} */
        private synchronized SearchProgress progress() {
            if (progress == null) {
                progress(0);
            }
            return progress;
        }

        private synchronized void progress(int candidates) {
            progress = new SearchProgress(out, System.console() != null, candidates, epochs, r -> "", "lecture");
        }

        @Override
        public org.losslab.experiment.TrainingListener training(Lecture.Comparison comparison, int number,
                                                                 org.losslab.search.CandidateSpace.Settings settings,
                                                                 int most) {
            return progress().candidate(comparison.name() + " #" + number,
                    comparison.name() + " " + settings.label(number), most);
        }

        @Override
        public void started(int total, int finished, int interrupted) {
            progress(total);
            if (finished + interrupted > 0) {
                out.printf("resuming: %d of %d candidates already finished%s%n", finished, total,
                        interrupted > 0 ? ", " + interrupted + " interrupted (they continue from their last epoch)"
                                : "");
            }
            out.flush();
        }

        @Override
        public void neuronDone(List<NeuronRun> runs) {
            out.println("single neuron, input 1 → target 0 (the book's figures in brackets):");
            for (NeuronRun run : runs) {
                StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "  %-40s a(0) %.3f  a(150) %.3f  "
                        + "a(300) %.3f", run.label(), run.at(0).output(), run.at(150).output(), run.at(300).output()));
                for (NeuronLecture.BookFigure figure : NeuronLecture.bookFigures()) {
                    if (figure.run().equals(run.label())) {
                        line.append(String.format(Locale.ROOT, "  [%d: %.3f]", figure.epoch(), figure.output()));
                    }
                }
                out.println(line);
            }
            out.flush();
        }

        @Override
        public void candidateDone(Lecture.Comparison comparison, CandidateResult result, int done, int total) {
            progress().finished(comparison.name() + " #" + result.number(), String.format(Locale.ROOT,
                    "[%d/%d] %s %s: %s", done, total, comparison.name(), result.label(),
                    result.scores().map(s -> String.format(Locale.ROOT, "validation accuracy %.2f%%, test %.2f%%, "
                            + "%.1f s", 100 * s.validationAccuracy(), 100 * s.testAccuracy(), result.seconds()))
                            .orElse(result.reason().isEmpty() ? result.status().id()
                                    : result.status().id() + " (" + result.reason() + ")")));
            out.flush();
        }
    }

    /** The lecture with the seeds {@code --seeds} gives: a count from the first seed up, or a list. */
    static LectureSpec withSeeds(LectureSpec lecture, String given, boolean seedGiven) {
        String text = given.strip();
        if (text.contains(",")) {
            if (seedGiven) {
                throw new IllegalArgumentException("--seed: not with a list of --seeds (the list names every seed)");
            }
            List<Long> list = new java.util.ArrayList<>();
            for (String part : text.split(",", -1)) {
                try {
                    list.add(Long.parseLong(part.strip()));
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException("--seeds: '" + part.strip() + "' is not a whole number; give "
                            + "a count (5) or seeds separated by commas (1,4,7)");
                }
            }
            return lecture.withSeeds(list);
        }
        int count;
        try {
            count = Integer.parseInt(text);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--seeds: '" + text + "' is neither a count (5) nor seeds separated "
                    + "by commas (1,4,7)");
        }
        return lecture.withSeedCount(count);
    }

    private static String join(List<Long> seeds) {
        return String.join(", ", seeds.stream().map(String::valueOf).toList());
    }

    private static void summary(PrintWriter out, Lecture.Outcome outcome) {
        if (outcome.spec().isMultiSeed()) {
            seedSummary(out, outcome);
            return;
        }
        out.println();
        out.println("MNIST, test accuracy next to the book's (784-n-10, mini-batch 10, large init):");
        out.printf("  %-24s %6s %5s %9s %9s %7s %11s%n", "cost", "hidden", "η", "LossLab", "book", "points",
                "out. satur.");
        for (Lecture.Row row : outcome.costs()) {
            CandidateResult r = row.result();
            out.printf(Locale.ROOT, "  %-24s %6d %5s %9s %9s %7s %11s%s%n", r.settings().preset().id(),
                    r.settings().hidden().get(0), Numbers.plain(r.settings().eta()), percent(r.testAccuracy()),
                    row.book().map(b -> percent(b.accuracy())).orElse("—"),
                    Numbers.points(row.pointsFromBook(), "—"),
                    Numbers.share(row.outputSaturation(), "—"), row.stuck() ? "  stuck" : "");
        }
        if (outcome.costs().stream().anyMatch(Lecture.Row::stuck)) {
            out.println("  " + Lecture.STUCK_RULE + ". σ′(z) then all but stops their learning under the "
                    + "quadratic cost (the lecture's slowdown); another --seed may not get stuck.");
        }
        out.println();
        out.println("Hidden activations under cross-entropy (784-30-10, scaled init, η 0.1):");
        out.printf("  %-8s %9s %9s %12s %12s %10s%n", "", "valid.", "test", "|∂C/∂w| hid.", "|∂C/∂w| out",
                "saturated");
        for (Lecture.Row row : outcome.activations()) {
            CandidateResult r = row.result();
            var last = r.metrics().isEmpty() ? null : r.metrics().get(r.metrics().size() - 1);
            java.util.OptionalDouble saturated = last == null || last.saturation().isEmpty()
                    ? java.util.OptionalDouble.empty() : last.saturation().get(0);
            out.printf(Locale.ROOT, "  %-8s %9s %9s %12s %12s %10s%n", r.settings().activation().id(),
                    percent(r.validationAccuracy()), percent(r.testAccuracy()),
                    last == null ? "—" : String.format(Locale.ROOT, "%.2e", last.meanAbsGradient().get(0)),
                    last == null ? "—" : String.format(Locale.ROOT, "%.2e", last.meanAbsGradient().get(1)),
                    Numbers.share(saturated, "—"));
        }
        deepParts(out, outcome);
        footer(out, outcome);
    }

    /** The many-layers and initialisation parts and the softmax check, for the first seed. */
    private static void deepParts(PrintWriter out, Lecture.Outcome outcome) {
        long seed = outcome.spec().seed();
        out.println();
        out.println("Many layers (chapter 5: cross-entropy, scaled init, η 0.1, λ 5.0), test accuracy next to the "
                + "book's; mean |∂C/∂b| per hidden layer at the start:");
        out.printf("  %-22s %9s %9s %7s  %s%n", "network", "LossLab", "book", "points", "|∂C/∂b| layer 1, 2, …");
        for (Lecture.Row row : outcome.depth()) {
            if (row.seed() != seed) {
                continue;
            }
            CandidateResult r = row.result();
            List<org.losslab.experiment.EpochMetrics> metrics = Lecture.withStart(r);
            String speeds = "—";
            if (!metrics.isEmpty() && metrics.get(0).epoch() == 0) {
                List<Double> biases = metrics.get(0).meanAbsBiasGradient();
                speeds = String.join(", ", biases.subList(0, Math.max(0, biases.size() - 1)).stream()
                        .map(v -> v == null ? "—" : String.format(Locale.ROOT, "%.1e", v)).toList());
            }
            out.printf(Locale.ROOT, "  %-22s %9s %9s %7s  %s%n", "784-" + hidden(r) + "-10", percent(r.testAccuracy()),
                    row.book().map(b -> percent(b.accuracy())).orElse("—"), Numbers.points(row.pointsFromBook(), "—"),
                    speeds);
        }
        out.println();
        out.println("Initialisation (784-30-10, cross-entropy, η 0.1, λ 5.0; the book after epoch 1: under 87% vs "
                + "almost 93%):");
        out.printf("  %-14s %12s %10s %14s %9s%n", "weights", "sat. start", "sat. end", "valid. ep. 1", "test");
        for (Lecture.Row row : outcome.initialization()) {
            if (row.seed() != seed) {
                continue;
            }
            CandidateResult r = row.result();
            List<org.losslab.experiment.EpochMetrics> metrics = Lecture.withStart(r);
            var start = metrics.isEmpty() || metrics.get(0).epoch() != 0 ? null : metrics.get(0);
            var first = r.metrics().isEmpty() ? null : r.metrics().get(0);
            var last = r.metrics().isEmpty() ? null : r.metrics().get(r.metrics().size() - 1);
            out.printf(Locale.ROOT, "  %-14s %12s %10s %14s %9s%n",
                    row.comparison().part() == Lecture.Part.INITIALIZATION ? "N(0, 1)" : "N(0, 1/√n_in)",
                    hiddenSaturation(start), hiddenSaturation(last),
                    first == null ? "—" : percent(first.validationAccuracy()), percent(r.testAccuracy()));
        }
        outcome.softmax().ifPresent(check -> {
            out.println();
            out.printf(Locale.ROOT, "Softmax (%s, %,d test images): every output %s (smallest %.2g), sums within "
                            + "%.1g of 1; −ln a_y median %.3f when right, %.3f when wrong%n", check.network(),
                    check.examples(), check.allPositive() ? "positive" : "NOT positive", check.smallestOutput(),
                    check.largestDeviation(), org.losslab.lecture.SoftmaxCheck.quantile(check.right(), 0.5),
                    org.losslab.lecture.SoftmaxCheck.quantile(check.wrong(), 0.5));
        });
    }

    private static String hidden(CandidateResult r) {
        return String.join("-", r.settings().hidden().stream().map(String::valueOf).toList());
    }

    private static String hiddenSaturation(org.losslab.experiment.EpochMetrics metrics) {
        return metrics == null || metrics.saturation().isEmpty() ? "—" : Numbers.share(metrics.saturation().get(0), "—");
    }

    /** The summary of a lecture over several seeds: each setting's median, range and stuck seeds. */
    private static void seedSummary(PrintWriter out, Lecture.Outcome outcome) {
        int n = outcome.spec().seeds().size();
        out.println();
        out.println("MNIST over " + n + " seeds (" + join(outcome.spec().seeds()) + "), test accuracy next to the "
                + "book's (784-n-10, mini-batch 10, large init):");
        out.printf("  %-24s %6s %5s %9s %19s %7s %9s%n", "cost", "hidden", "η", "median", "range", "stuck", "book");
        spreadRows(out, outcome.spreads().stream().filter(s -> s.part().comparesCosts()).toList(), true);
        out.println();
        out.println("Hidden activations under cross-entropy over " + n + " seeds (784-30-10, scaled init, η 0.1):");
        out.printf("  %-24s %6s %5s %9s %19s %7s%n", "activation", "hidden", "η", "median", "range", "stuck");
        spreadRows(out, outcome.spreads().stream().filter(s -> s.part() == Lecture.Part.ACTIVATIONS).toList(), false);
        out.println();
        out.println("Many layers and the large init over " + n + " seeds (chapter 5 settings, test accuracy):");
        out.printf("  %-24s %6s %5s %9s %19s %7s %9s%n", "network", "", "η", "median", "range", "stuck", "book");
        for (Lecture.Spread spread : outcome.spreads()) {
            if (spread.part() == Lecture.Part.DEPTH || spread.part() == Lecture.Part.INITIALIZATION) {
                String range = spread.min().isEmpty() ? "—" : percent(spread.min()) + " – " + percent(spread.max());
                out.printf(Locale.ROOT, "  %-24s %6s %5s %9s %19s %7s %9s%n", "784-"
                                + String.join("-", spread.setting().hidden().stream().map(String::valueOf).toList())
                                + "-10" + (spread.part() == Lecture.Part.INITIALIZATION ? " N(0,1)" : ""), "",
                        Numbers.plain(spread.setting().eta()), percent(spread.median()), range,
                        spread.stuck() + "/" + spread.rows().size(),
                        spread.book().map(b -> percent(b.accuracy())).orElse("—"));
            }
        }
        out.println();
        for (Lecture.Spread spread : outcome.spreads()) {
            if (spread.book().isPresent()) {
                out.println("  " + spread.label() + ": " + spread.sentence());
            }
        }
        if (outcome.spreads().stream().anyMatch(s -> s.stuck() > 0)) {
            out.println("  " + Lecture.STUCK_RULE + ". σ′(z) then all but stops their learning under the "
                    + "quadratic cost (the lecture's slowdown); which seeds get stuck depends on the draw.");
        }
        footer(out, outcome);
    }

    /** Whether the settings are the book's, and where everything went. */
    private static void footer(PrintWriter out, Lecture.Outcome outcome) {
        out.println();
        if (!outcome.spec().isBookSetting()) {
            out.println("note: not the book's setting (" + outcome.spec().profile() + " profile"
                    + (outcome.data().location().isSample() ? ", " + DataLocator.SAMPLE_NOTICE : "")
                    + "); ./losslab lecture --full runs the book's.");
        }
        out.println("wrote " + outcome.notebook().orElseThrow() + " and " + outcome.html().orElseThrow().getFileName()
                + "; every network in "
                + outcome.folder().resolve("results.csv") + ", models and charts in " + outcome.folder());
        out.flush();
    }

    private static void spreadRows(PrintWriter out, List<Lecture.Spread> spreads, boolean costs) {
        for (Lecture.Spread spread : spreads) {
            var setting = spread.setting();
            String range = spread.min().isEmpty() ? "—" : percent(spread.min()) + " – " + percent(spread.max());
            String row = String.format(Locale.ROOT, "  %-24s %6d %5s %9s %19s %7s", costs ? setting.preset().id()
                            : setting.activation().id(), setting.hidden().get(0), Numbers.plain(setting.eta()),
                    percent(spread.median()), range, spread.stuck() + "/" + spread.rows().size());
            out.println(costs ? row + String.format(Locale.ROOT, " %9s",
                    spread.book().map(b -> percent(b.accuracy())).orElse("—")) : row);
        }
    }

    private static String percent(java.util.OptionalDouble value) {
        return Numbers.percent(value, "—");
    }

    private static String percent(double value) {
        return Numbers.percent(java.util.OptionalDouble.of(value), "—");
    }
}
