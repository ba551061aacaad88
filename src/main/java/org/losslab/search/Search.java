package org.losslab.search;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import org.deeplearning4j.arbiter.optimize.api.CandidateGenerator;
import org.deeplearning4j.arbiter.optimize.generator.GridSearchCandidateGenerator;
import org.deeplearning4j.arbiter.optimize.generator.RandomSearchGenerator;
import org.losslab.data.DataSpec;
import org.losslab.data.Dataset;
import org.losslab.data.MnistData;
import org.losslab.experiment.EpochMetrics;
import org.losslab.experiment.Experiment;
import org.losslab.experiment.RunRecord;
import org.losslab.experiment.StatsRecorder;
import org.deeplearning4j.core.storage.StatsStorageRouter;
import org.losslab.experiment.Training;
import org.losslab.io.AtomicFiles;
import org.losslab.preset.Initialization;
import org.losslab.preset.NetworkSpec;
import org.losslab.report.Charts;
import org.losslab.report.Numbers;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a {@link SearchSpec}: Arbiter's grid or random generator picks the candidates, which train in parallel (one
 * ND4J thread each) as ordinary LossLab runs, scored on the validation split. A candidate that fails or diverges is
 * recorded with its reason and the search goes on. The search folder gets every candidate's run folder,
 * {@code results.csv}, {@code results.md}, {@code best.zip} and two charts.
 *
 * <p>Candidates run on LossLab's own thread pool rather than Arbiter's {@code LocalOptimizationRunner}, which polls
 * with sleeps and never returns when a grid runs out before a termination condition fires; the bounds (candidate
 * count and time) are checked before each candidate starts.
 */
public final class Search {

    private static final Logger LOG = LoggerFactory.getLogger(Search.class);

    private Search() {
    }

    /**
     * One candidate's result.
     *
     * @param number             candidate number, from 1, in generation order
     * @param settings           what it tried
     * @param status             {@code finished}, {@code diverged}, {@code failed} or {@code skipped}
     * @param reason             why it failed or was skipped, else null
     * @param score              validation accuracy or cost, as the spec asks; null without a result
     * @param validationAccuracy final validation accuracy
     * @param validationCost     final validation cost
     * @param testAccuracy       test accuracy of the candidate's final model
     * @param metrics            per-epoch metrics
     * @param seconds            training seconds
     * @param folder             its run folder, or null
     */
    public record CandidateResult(int number, CandidateSpace.Settings settings, String status, String reason,
                                  Double score, Double validationAccuracy, Double validationCost,
                                  Double testAccuracy, List<EpochMetrics> metrics, double seconds, Path folder) {
        /** A short label, e.g. {@code #3 quadratic-sigmoid tanh 30 η=0.5 λ=0}. */
        public String label() {
            return String.format(Locale.ROOT, "#%d %s %s %s η=%s λ=%s", number, settings.preset().id(),
                    settings.activation().id(), settings.hidden().stream().map(String::valueOf)
                            .collect(Collectors.joining("-")), Numbers.plain(settings.eta()), Numbers.plain(settings.lambda()));
        }
    }

    /**
     * A finished search.
     *
     * @param folder the search folder
     * @param ranked every candidate, best first; failed and skipped ones last
     */
    public record Outcome(Path folder, List<CandidateResult> ranked) {
        /** The best candidate with a result, or null when none has one. */
        public CandidateResult best() {
            return ranked.isEmpty() || ranked.get(0).score() == null ? null : ranked.get(0);
        }
    }

    /** Hears about candidates as they finish (called from the worker threads, one at a time). */
    @FunctionalInterface
    public interface Progress {
        /** A candidate is done; {@code done} of {@code total} are. */
        void candidateDone(CandidateResult result, int done, int total);
    }

    /** The candidates Arbiter's generator picks for the spec, in order, at most {@code maxCandidates}. */
    public static List<CandidateSpace.Settings> candidates(SearchSpec spec) {
        CandidateSpace space = new CandidateSpace(spec);
        CandidateGenerator generator;
        if (spec.generator().equals("grid")) {
            generator = new GridSearchCandidateGenerator(space, spec.gridPoints(),
                    GridSearchCandidateGenerator.Mode.Sequential, null);
        } else {
            generator = new RandomSearchGenerator(space, null);
        }
        generator.setRngSeed(spec.seed());
        List<CandidateSpace.Settings> candidates = new ArrayList<>();
        Set<CandidateSpace.Settings> seen = new HashSet<>();
        // A random search may draw the same discrete combination twice; it gets a bounded number of tries.
        for (int draws = 0; candidates.size() < spec.maxCandidates() && generator.hasMoreCandidates()
                && draws < 20 * spec.maxCandidates(); draws++) {
            CandidateSpace.Settings settings = (CandidateSpace.Settings) generator.getCandidate().getValue();
            if (seen.add(settings)) {
                candidates.add(settings);
            }
        }
        return candidates;
    }

    /**
     * A new search folder under {@code modelsRoot} named after the time, e.g. {@code 20261128-130501-search};
     * a second search started in the same second gets {@code -2}, and so on.
     */
    public static Path newFolder(Path modelsRoot) throws IOException {
        String base = java.time.LocalDateTime.now().format(java.time.format.DateTimeFormatter.ofPattern(
                "yyyyMMdd-HHmmss")) + "-search";
        Files.createDirectories(modelsRoot);
        for (int n = 1; ; n++) {
            try {
                return Files.createDirectory(modelsRoot.resolve(n == 1 ? base : base + "-" + n));
            } catch (java.nio.file.FileAlreadyExistsException e) {
                // taken, by a search started in the same second: the next suffix
            }
        }
    }

    /** The data a spec asks for. */
    public static DataSpec dataSpec(SearchSpec spec) {
        return DataSpec.of(Dataset.parse(spec.dataset())).withLimits(spec.trainLimit(), spec.testLimit());
    }

    /** Trains one candidate (tests replace it to make candidates fail). */
    @FunctionalInterface
    interface Trainer {
        CandidateResult train(SearchSpec spec, MnistData data, Path folder, int number,
                              CandidateSpace.Settings settings, StatsStorageRouter live);
    }

    /** The file of a search's Arbiter status (for the browser UI), in its folder. */
    public static final String ARBITER_STATS_FILE = "arbiter.dl4j";

    /** Runs the search in {@code folder} with {@code parallel} candidates at a time. */
    public static Outcome run(SearchSpec spec, MnistData data, Path folder, int parallel, Progress progress)
            throws IOException, InterruptedException {
        return run(spec, data, folder, parallel, progress, null);
    }

    /**
     * As {@link #run(SearchSpec, MnistData, Path, int, Progress)}, also sending every candidate's training
     * statistics (one session each) and the search's Arbiter status to {@code live}, for the browser UI. Both always
     * go to files too: {@code stats.dl4j} in each candidate's folder, {@value #ARBITER_STATS_FILE} in the search's.
     */
    public static Outcome run(SearchSpec spec, MnistData data, Path folder, int parallel, Progress progress,
                              StatsStorageRouter live) throws IOException, InterruptedException {
        return run(spec, data, folder, parallel, progress, Search::train, live);
    }

    static Outcome run(SearchSpec spec, MnistData data, Path folder, int parallel, Progress progress,
                       Trainer trainer, StatsStorageRouter live) throws IOException, InterruptedException {
        ExecutorService pool = pool(parallel);
        try {
            return start(spec, data, folder, pool, false, progress, trainer, live).finish();
        } finally {
            pool.shutdownNow();
        }
    }

    /**
     * A thread pool for candidates: {@code parallel} daemon threads. Several searches may share one, so that they
     * run side by side with a bounded number of trainings at a time.
     */
    public static ExecutorService pool(int parallel) {
        if (parallel < 1) {
            throw new IllegalArgumentException("parallel: must be >= 1, got " + parallel);
        }
        return Executors.newFixedThreadPool(parallel, runnable -> {
            Thread thread = new Thread(runnable, "losslab-candidate");
            thread.setDaemon(true);
            return thread;
        });
    }

    /**
     * Queues the search's candidates on {@code pool} and returns at once; {@link Running#finish()} waits for them
     * and writes the results. With {@code resume}, a candidate whose run folder already holds a finished run of the
     * same settings is taken as it is, and one that was interrupted continues from its last completed epoch
     * ({@link Training#resume}); so a search that was killed can be started again without redoing finished work.
     */
    public static Running start(SearchSpec spec, MnistData data, Path folder, ExecutorService pool, boolean resume,
                                Progress progress, StatsStorageRouter live) throws IOException {
        return start(spec, data, folder, pool, resume, progress, Search::train, live);
    }

    static Running start(SearchSpec spec, MnistData data, Path folder, ExecutorService pool, boolean resume,
                         Progress progress, Trainer trainer, StatsStorageRouter live) throws IOException {
        spec.validated();
        Files.createDirectories(folder);
        List<CandidateSpace.Settings> candidates = candidates(spec);
        long deadline = System.nanoTime() + (long) (spec.maxMinutes() * 60e9);
        List<Future<CandidateResult>> futures = new ArrayList<>();
        int[] done = {0};
        int[] failed = {0};
        StatsRecorder arbiterStats = new StatsRecorder(folder.resolve(ARBITER_STATS_FILE), live);
        Path dataDir = data.location().isSample() ? null : data.location().folder().toAbsolutePath();
        ArbiterStatus arbiter = new ArbiterStatus(arbiterStats, folder, spec, dataDir);
        arbiter.status(candidates.size(), 0, 0, candidates.size());
        Trainer chosen = resume ? resuming(trainer) : trainer;
        for (int i = 0; i < candidates.size(); i++) {
            int number = i + 1;
            CandidateSpace.Settings settings = candidates.get(i);
            futures.add(pool.submit(() -> {
                CandidateResult result;
                if (System.nanoTime() > deadline) {
                    result = new CandidateResult(number, settings, "skipped", "time limit of " + spec.maxMinutes()
                            + " minutes reached", null, null, null, null, List.of(), 0, null);
                } else {
                    arbiter.running(number);
                    result = guarded(chosen, spec, data, folder, number, settings, live);
                }
                arbiter.ended(result);
                synchronized (done) {
                    done[0]++;
                    if (result.score() == null) {
                        failed[0]++;
                    }
                    arbiter.status(candidates.size() - done[0], done[0] - failed[0], failed[0], candidates.size());
                    progress.candidateDone(result, done[0], candidates.size());
                }
                return result;
            }));
        }
        return new Running(spec, folder, futures, arbiterStats);
    }

    /** A search whose candidates are queued or training. */
    public static final class Running {
        private final SearchSpec spec;
        private final Path folder;
        private final List<Future<CandidateResult>> futures;
        private final StatsRecorder arbiterStats;

        private Running(SearchSpec spec, Path folder, List<Future<CandidateResult>> futures,
                        StatsRecorder arbiterStats) {
            this.spec = spec;
            this.folder = folder;
            this.futures = futures;
            this.arbiterStats = arbiterStats;
        }

        /** The search folder. */
        public Path folder() {
            return folder;
        }

        /** Waits for every candidate, ranks them and writes the results, the best model and the charts. */
        public Outcome finish() throws IOException, InterruptedException {
            try {
                List<CandidateResult> results = new ArrayList<>();
                for (Future<CandidateResult> future : futures) {
                    try {
                        results.add(future.get());
                    } catch (ExecutionException e) {
                        throw new IllegalStateException("a candidate task failed unexpectedly", e.getCause());
                    }
                }
                List<CandidateResult> ranked = rank(results, spec.score());
                write(spec, folder, ranked);
                return new Outcome(folder, ranked);
            } finally {
                futures.forEach(future -> future.cancel(true));
                arbiterStats.close();
            }
        }
    }

    /** The candidate's run folder in a search folder. */
    public static Path candidateFolder(Path searchFolder, int number) {
        return searchFolder.resolve(String.format("candidate-%03d", number));
    }

    /** Wraps a trainer: finished candidates are reused, interrupted ones resumed, the rest trained afresh. */
    private static Trainer resuming(Trainer trainer) {
        return (spec, data, folder, number, settings, live) -> {
            Path runFolder = candidateFolder(folder, number);
            if (!Files.isRegularFile(runFolder.resolve("run.json"))) {
                return trainer.train(spec, data, folder, number, settings, live);
            }
            RunRecord record = RunRecord.read(runFolder);
            Experiment expected = experiment(spec, settings);
            if (!record.network().equals(Training.network(expected, data)) || record.epochs() != expected.epochs()
                    || record.batchSize() != expected.batchSize()
                    || !record.data().md5().equals(Training.md5(data))
                    || record.data().train() != data.train().count()
                    || record.data().validation() != data.validation().count()) {
                throw new IllegalArgumentException(runFolder + ": holds a run of other settings or data than "
                        + "candidate " + number + "; remove the folder to train it again");
            }
            if (record.status().equals(RunRecord.RUNNING)) {
                LOG.info("candidate {}: resuming after epoch {}", number, record.completedEpochs());
                try {
                    record = Training.resume(runFolder, new Training.Progress() { }, live).record();
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            } else {
                LOG.info("candidate {}: already {}, reused", number, record.status());
            }
            return result(spec, number, settings, record, runFolder);
        };
    }

    /** Runs the trainer; whatever it throws becomes a failed candidate with the reason. */
    private static CandidateResult guarded(Trainer trainer, SearchSpec spec, MnistData data, Path folder, int number,
                                           CandidateSpace.Settings settings, StatsStorageRouter live) {
        try {
            return trainer.train(spec, data, folder, number, settings, live);
        } catch (RuntimeException e) {
            LOG.warn("candidate {} failed: {}", number, e.toString());
            LOG.debug("candidate {} stack trace", number, e);
            return new CandidateResult(number, settings, "failed", e.toString(), null, null, null, null, List.of(),
                    0, null);
        }
    }

    static CandidateResult train(SearchSpec spec, MnistData data, Path folder, int number,
                                 CandidateSpace.Settings settings, StatsStorageRouter live) {
        Path runFolder = candidateFolder(folder, number);
        try {
            RunRecord record = Training.run(experiment(spec, settings), data, runFolder, new Training.Progress() { },
                    live).record();
            return result(spec, number, settings, record, runFolder);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** The experiment a candidate trains. */
    public static Experiment experiment(SearchSpec spec, CandidateSpace.Settings settings) {
        NetworkSpec network = NetworkSpec.defaults().withLayers(784, settings.hidden(), 10)
                .withPreset(settings.preset()).withActivation(settings.activation())
                .withInit(Initialization.parse(spec.init())).withEta(settings.eta())
                .withL2(settings.lambda(), 1).withSeed(spec.seed());
        return new Experiment(network, dataSpec(spec), spec.epochs(), spec.batch(), 0, 1);
    }

    /** A candidate's result from its run record. */
    static CandidateResult result(SearchSpec spec, int number, CandidateSpace.Settings settings, RunRecord record,
                                  Path runFolder) {
        if (record.status().equals(RunRecord.DIVERGED)) {
            return new CandidateResult(number, settings, RunRecord.DIVERGED, "cost not finite at epoch "
                    + record.completedEpochs(), null, null, null, null, record.metrics(), record.seconds(),
                    runFolder);
        }
        EpochMetrics last = record.metrics().get(record.metrics().size() - 1);
        double score = spec.score().equals("accuracy") ? last.validationAccuracy() : last.validationCost();
        return new CandidateResult(number, settings, record.status(), null, score, last.validationAccuracy(),
                last.validationCost(), record.testAccuracy(), record.metrics(), record.seconds(), runFolder);
    }

    static List<CandidateResult> rank(List<CandidateResult> results, String score) {
        Comparator<CandidateResult> byScore = Comparator.comparing(CandidateResult::score,
                Comparator.nullsLast(score.equals("accuracy") ? Comparator.<Double>reverseOrder()
                        : Comparator.<Double>naturalOrder()));
        return results.stream().sorted(byScore.thenComparingInt(CandidateResult::number)).toList();
    }

    private static void write(SearchSpec spec, Path folder, List<CandidateResult> ranked) throws IOException {
        StringBuilder csv = new StringBuilder("rank,candidate,preset,activation,hidden,eta,lambda,status,score,"
                + "validation_accuracy,validation_cost,test_accuracy,epochs,seconds,reason\n");
        StringBuilder md = new StringBuilder("| rank | candidate | preset | activation | hidden | η | λ | status | "
                + spec.score() + " | validation accuracy | test accuracy | epochs | seconds |\n"
                + "| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |\n");
        for (int i = 0; i < ranked.size(); i++) {
            CandidateResult r = ranked.get(i);
            String hidden = r.settings().hidden().stream().map(String::valueOf).collect(Collectors.joining("-"));
            csv.append(String.format(Locale.ROOT, "%d,%d,%s,%s,%s,%s,%s,%s,%s,%s,%s,%s,%d,%.2f,%s%n", i + 1,
                    r.number(), r.settings().preset().id(), r.settings().activation().id(), hidden,
                    Numbers.plain(r.settings().eta()), Numbers.plain(r.settings().lambda()), r.status(), number(r.score()),
                    number(r.validationAccuracy()), number(r.validationCost()), number(r.testAccuracy()),
                    r.metrics().size(), r.seconds(), r.reason() == null ? "" : '"' + r.reason().replace('"', '\'') + '"'));
            md.append(String.format(Locale.ROOT, "| %d | %d | %s | %s | %s | %s | %s | %s | %s | %s | %s | %d | %.1f |%n",
                    i + 1, r.number(), r.settings().preset().id(), r.settings().activation().id(), hidden,
                    Numbers.plain(r.settings().eta()), Numbers.plain(r.settings().lambda()),
                    r.reason() == null ? r.status() : r.status() + ": " + r.reason(), number(r.score()),
                    percent(r.validationAccuracy()), percent(r.testAccuracy()), r.metrics().size(), r.seconds()));
        }
        AtomicFiles.writeString(folder.resolve("results.csv"), csv.toString());
        AtomicFiles.writeString(folder.resolve("results.md"), md.toString());
        CandidateResult best = new Outcome(folder, ranked).best();
        if (best != null) {
            Path model = best.folder().resolve("model.zip");
            AtomicFiles.write(folder.resolve("best.zip"), out -> Files.copy(model, out));
        }
        List<Charts.Line> accuracy = new ArrayList<>();
        List<Charts.Line> cost = new ArrayList<>();
        for (CandidateResult r : ranked) {
            if (r.metrics().isEmpty()) {
                continue;
            }
            double[] epochs = r.metrics().stream().mapToDouble(EpochMetrics::epoch).toArray();
            accuracy.add(new Charts.Line(r.label(), epochs,
                    r.metrics().stream().mapToDouble(EpochMetrics::validationAccuracy).toArray(), null));
            cost.add(new Charts.Line(r.label(), epochs,
                    r.metrics().stream().mapToDouble(m -> Double.isFinite(m.trainCost()) ? m.trainCost() : Double.NaN)
                            .toArray(), null));
        }
        if (!accuracy.isEmpty()) {
            Charts.lineChart(folder.resolve("validation-accuracy.png"), "Validation accuracy per candidate", "epoch",
                    "validation accuracy", accuracy, false);
            Charts.lineChart(folder.resolve("training-cost.png"), "Training cost per candidate", "epoch",
                    "training cost", cost, false);
        }
    }

    private static String number(Double value) {
        return value == null ? "" : String.format(Locale.ROOT, "%.4f", value);
    }

    private static String percent(Double value) {
        return Numbers.percent(value, "-");
    }
}
