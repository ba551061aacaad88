package org.losslab.search;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.losslab.data.DataSpec;
import org.losslab.data.MnistData;
import org.losslab.experiment.EpochMetrics;
import org.losslab.experiment.Experiment;
import org.losslab.experiment.RunRecord;
import org.losslab.experiment.RunStatus;
import org.losslab.experiment.StatsRecorder;
import org.deeplearning4j.core.storage.StatsStorageRouter;
import org.losslab.experiment.Training;
import org.losslab.experiment.TrainingCost;
import org.losslab.nd4j.Nd4jSetup;
import org.losslab.preset.NetworkSpec;
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
 * count and time) are checked before each candidate starts. Each pool thread hands its candidate to the request's
 * {@link CandidateRunner}: this JVM ({@link CandidateRunner#LOCAL}) or a Spark cluster ({@code losslab-spark}).
 */
public final class Search {

    private static final Logger LOG = LoggerFactory.getLogger(Search.class);

    private Search() {
    }

    /**
     * A finished search.
     *
     * @param folder the search folder
     * @param ranked every candidate, best first; failed and skipped ones last
     */
    public record Outcome(Path folder, List<CandidateResult> ranked) {
        /** @return the best candidate with a score, when one has */
        public Optional<CandidateResult> best() {
            return ranked.isEmpty() || ranked.get(0).score().isEmpty() ? Optional.empty() : Optional.of(ranked.get(0));
        }
    }

    /**
     * @param spec the search
     * @return the candidates Arbiter's generator picks for the spec, in order, at most {@code maxCandidates}
     */
    public static List<CandidateSpace.Settings> candidates(SearchSpec spec) {
        return CandidateSpace.generate(spec);
    }

    /**
     * A new search folder under {@code modelsRoot} named after the time, e.g. {@code 20261128-130501-search};
     * a second search started in the same second gets {@code -2}, and so on.
     *
     * @param modelsRoot the folder of run folders ({@code models})
     * @return a new search folder under {@code modelsRoot} named after the time, e.g
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

    /**
     * {@return the data a spec asks for}
     *
     * @param spec the spec
     */
    public static DataSpec dataSpec(SearchSpec spec) {
        return DataSpec.of(spec.dataset()).withLimits(spec.trainLimit(), spec.testLimit());
    }

    /** The file of a search's Arbiter status (for the browser UI), in its folder. */
    public static final String ARBITER_STATS_FILE = "arbiter.dl4j";

    /** The file that binds a search folder to its settings and data; a search resumes only a folder it binds. */
    public static final String STATE_FILE = SearchFolder.FILE;

    /**
     * Runs the search with {@code request.parallel()} candidates at a time and writes its results. Every candidate's
     * training statistics (one session each) and the search's Arbiter status go to files ({@code stats.dl4j} in each
     * candidate's folder, {@value #ARBITER_STATS_FILE} in the search's) and to {@code request.live()}.
     *
     * @param request what to search, where, and who hears about it
     * @return every candidate, ranked
     */
    public static Outcome run(SearchRequest request) throws IOException, InterruptedException {
        ExecutorService pool = pool(request.parallel());
        try {
            return start(request, pool).finish();
        } finally {
            pool.shutdownNow();
        }
    }

    /**
     * A thread pool for candidates: {@code parallel} daemon threads. Several searches may share one, so that they
     * run side by side with a bounded number of trainings at a time.
     *
     * @param parallel candidates trained at a time
     * @return a thread pool for candidates: {@code parallel} daemon threads
     */
    public static ExecutorService pool(int parallel) {
        if (parallel < 1) {
            throw new org.losslab.io.SpecException("parallel", "must be >= 1, got " + parallel);
        }
        return Executors.newFixedThreadPool(parallel, runnable -> {
            Thread thread = new Thread(runnable, "losslab-candidate");
            thread.setDaemon(true);
            return thread;
        });
    }

    /**
     * Queues the search's candidates on {@code pool} and returns at once; {@link Running#finish()} waits for them
     * and writes the results. Several searches may share one pool ({@link #pool(int)}); {@code request.parallel()}
     * does not count here. With {@code request.resume()}, a candidate whose run folder already holds a finished run
     * of the same settings is taken as it is, and one that was interrupted continues from its last completed epoch
     * ({@link Training#resume}); so a search that was killed can be started again without redoing finished work.
     *
     * @param request what to search, where, and who hears about it
     * @param pool    the threads that train the candidates
     * @return the running search
     */
    public static Running start(SearchRequest request, ExecutorService pool) throws IOException {
        SearchSpec spec = request.spec();
        Path folder = request.folder();
        MnistData data = request.loadedData();
        Nd4jSetup.install();
        Files.createDirectories(folder);
        org.losslab.io.FolderLock lock = org.losslab.io.FolderLock.acquire(folder, "search");
        try {
            Map<String, Object> state = SearchFolder.state(spec, data);
            if (request.resume()) {
                SearchFolder.check(folder, state);
            }
            SearchFolder.write(folder, state);
            return startLocked(request, data, pool, lock);
        } catch (IOException | RuntimeException e) {
            try {
                lock.close();
            } catch (IOException suppressed) {
                e.addSuppressed(suppressed);
            }
            throw e;
        }
    }

    private static Running startLocked(SearchRequest request, MnistData data, ExecutorService pool,
                                       org.losslab.io.FolderLock lock) throws IOException {
        SearchSpec spec = request.spec();
        Path folder = request.folder();
        SearchListener listener = request.listener();
        StatsStorageRouter live = request.live();
        List<CandidateSpace.Settings> candidates = candidates(spec);
        long deadline = System.nanoTime() + (long) (spec.maxMinutes() * 60e9);
        List<Future<CandidateResult>> futures = new ArrayList<>();
        int[] done = {0};
        int[] failed = {0};
        StatsRecorder arbiterStats = new StatsRecorder(folder.resolve(ARBITER_STATS_FILE), live);
        Optional<Path> dataDir = data.location().folder().map(Path::toAbsolutePath);
        ArbiterStatus arbiter = new ArbiterStatus(arbiterStats, folder, spec, dataDir, candidates.size());
        Pruning pruning = new Pruning(spec.pruner(), spec.score());
        TrainingCost cost = trainingCost(request, candidates.size());
        arbiter.status(candidates.size(), 0, 0, candidates.size());
        for (int i = 0; i < candidates.size(); i++) {
            int number = i + 1;
            CandidateSpace.Settings settings = candidates.get(i);
            futures.add(pool.submit(() -> {
                CandidateResult result;
                if (System.nanoTime() > deadline) {
                    result = CandidateResult.skipped(number, settings, "time limit of "
                            + Numbers.plain(spec.maxMinutes()) + " minutes reached");
                } else {
                    arbiter.running(number);
                    result = guarded(request, data, pruning, number, settings, cost);
                }
                arbiter.ended(result);
                synchronized (done) {
                    done[0]++;
                    if (result.score().isEmpty() && result.status() != CandidateStatus.PRUNED) {
                        failed[0]++; // a pruned candidate did not fail: Arbiter counts it with the completed
                    }
                    arbiter.status(candidates.size() - done[0], done[0] - failed[0], failed[0], candidates.size());
                    listener.candidateDone(result, done[0], candidates.size());
                }
                return result;
            }));
        }
        return new Running(spec, folder, futures, arbiterStats, lock, cost);
    }

    /**
     * Opens a finished search from its folder: every candidate as the search's run left it, ranked, training nothing
     * and writing nothing (not even Arbiter's status file).
     *
     * @param request the search's spec, folder and data (its listener, runner and live storage are not used)
     * @return every candidate, ranked
     * @throws IllegalArgumentException naming the folder when it holds no search, another one, or a candidate that
     *                                  did not finish (or left no run record)
     */
    public static Outcome open(SearchRequest request) throws IOException {
        SearchSpec spec = request.spec();
        Path folder = request.folder();
        if (!Files.isRegularFile(folder.resolve(STATE_FILE))) {
            throw new IllegalArgumentException(folder + ": no search here (no " + STATE_FILE + "); Search.run makes "
                    + "one, Search.open only reads");
        }
        MnistData data = request.loadedData();
        SearchFolder.check(folder, SearchFolder.state(spec, data));
        Pruning pruning = new Pruning(spec.pruner(), spec.score());
        List<CandidateResult> results = new ArrayList<>();
        List<CandidateSpace.Settings> candidates = candidates(spec);
        for (int i = 0; i < candidates.size(); i++) {
            int number = i + 1;
            Path runFolder = candidateFolder(folder, number);
            RunRecord record = Files.isRegularFile(runFolder.resolve("run.json")) ? RunRecord.read(runFolder) : null;
            if (record == null || record.status() == RunStatus.RUNNING) {
                throw new IllegalArgumentException(runFolder + ": candidate " + number + " of " + candidates.size()
                        + " did not finish; Search.run (with resume) finishes it, Search.open only reads");
            }
            checkSame(record, experiment(spec, candidates.get(i)), data, runFolder, number);
            results.add(result(spec, pruning, number, candidates.get(i), record, runFolder));
        }
        return new Outcome(folder, SearchResults.rank(results, spec.score()));
    }

    /**
     * {@return the training cost of the search's candidates: the epoch-end cost, except in a search resumed from
     * an older LossLab's folder whose candidates recorded the mini-batch mean, which keeps it for the rest, so
     * that its candidates' training costs stay comparable}
     */
    private static TrainingCost trainingCost(SearchRequest request, int candidates) {
        if (request.resume()) {
            for (int number = 1; number <= candidates; number++) {
                Path run = candidateFolder(request.folder(), number);
                if (Files.isRegularFile(run.resolve("run.json"))
                        && RunRecord.read(run).trainingCost() == TrainingCost.MINI_BATCH_MEAN) {
                    return TrainingCost.MINI_BATCH_MEAN;
                }
            }
        }
        return TrainingCost.EPOCH_END;
    }

    /** Refuses a run folder that holds a run of other settings or data than the candidate's. */
    private static void checkSame(RunRecord record, Experiment expected, MnistData data, Path runFolder, int number) {
        if (!record.network().equals(Training.network(expected, data)) || record.epochs() != expected.epochs()
                || record.batchSize() != expected.batchSize()
                || !record.data().md5().equals(Training.md5(data))
                || record.data().train() != data.train().count()
                || record.data().validation() != data.validation().count()) {
            throw new IllegalArgumentException(runFolder + ": holds a run of other settings or data than "
                    + "candidate " + number + "; remove the folder to train it again");
        }
    }

    /**
     * A search folder that holds a search of other settings or data than asked for: nothing is trained in it. The
     * message lists what differs; {@link #folder()} is the folder to discard or to leave for another name.
     */
    public static final class OtherSettingsException extends org.losslab.io.OtherSettingsException {
        private static final long serialVersionUID = 1L;

        OtherSettingsException(Path folder, String differences) {
            super(folder, differences, folder + " holds a search with other settings or data (" + differences
                    + "); discard it to search again from scratch, or give another folder");
        }
    }

    /** A search whose candidates are queued or training. */
    public static final class Running {
        private final SearchSpec spec;
        private final Path folder;
        private final List<Future<CandidateResult>> futures;
        private final StatsRecorder arbiterStats;
        private final org.losslab.io.FolderLock lock;
        private final TrainingCost cost;

        private Running(SearchSpec spec, Path folder, List<Future<CandidateResult>> futures,
                        StatsRecorder arbiterStats, org.losslab.io.FolderLock lock, TrainingCost cost) {
            this.spec = spec;
            this.cost = cost;
            this.folder = folder;
            this.futures = futures;
            this.arbiterStats = arbiterStats;
            this.lock = lock;
        }

        /** {@return the search folder} */
        public Path folder() {
            return folder;
        }

        /**
         * Waits for every candidate, ranks them and writes the results, the best model and the charts.
         *
         * @return every candidate, ranked
         */
        public Outcome finish() throws IOException, InterruptedException {
            try {
                List<CandidateResult> results = new ArrayList<>();
                for (Future<CandidateResult> future : futures) {
                    try {
                        results.add(future.get());
                    } catch (ExecutionException e) {
                        if (e.getCause() instanceof CandidateRunner.Unavailable unavailable) {
                            throw unavailable;
                        }
                        throw new IllegalStateException("a candidate task failed unexpectedly", e.getCause());
                    }
                }
                List<CandidateResult> ranked = SearchResults.rank(results, spec.score());
                SearchResults.write(spec, folder, ranked, cost);
                return new Outcome(folder, ranked);
            } finally {
                futures.forEach(future -> future.cancel(true));
                try {
                    arbiterStats.close();
                } finally {
                    lock.close();
                }
            }
        }
    }

    /**
     * {@return the candidate's run folder in a search folder}
     *
     * @param number the candidate's number, from 1
     * @param searchFolder the search's folder
     */
    public static Path candidateFolder(Path searchFolder, int number) {
        return searchFolder.resolve(String.format("candidate-%03d", number));
    }

    /**
     * Trains one candidate on the request's runner. With resume, a finished run of the same settings in its folder
     * is reused and an interrupted one continued; a folder of other settings or data is refused.
     */
    private static CandidateResult candidate(SearchRequest request, MnistData data, Pruning pruning, int number,
                                             CandidateSpace.Settings settings, TrainingCost cost)
            throws IOException, InterruptedException {
        SearchSpec spec = request.spec();
        Path runFolder = candidateFolder(request.folder(), number);
        Experiment expected = experiment(spec, settings).withTrainingCost(cost);
        boolean resume = false;
        if (request.resume() && Files.isRegularFile(runFolder.resolve("run.json"))) {
            RunRecord record = RunRecord.read(runFolder);
            checkSame(record, expected, data, runFolder, number);
            if (record.status() != RunStatus.RUNNING) {
                LOG.info("candidate {}: already {}, reused", number, record.status());
                return result(spec, pruning, number, settings, record, runFolder);
            }
            LOG.info("candidate {}: resuming after epoch {}", number, record.completedEpochs());
            pruning.reported(number, record.metrics());
            resume = true;
        }
        org.losslab.experiment.TrainingListener listener = pruning.listener(number,
                request.listener().training(number, settings, expected.epochs()));
        RunRecord record = request.runner().train(new CandidateRunner.Job(number, expected, data, runFolder, resume,
                request.live(), listener));
        return result(spec, pruning, number, settings, record, runFolder);
    }

    /**
     * Trains a candidate; whatever it throws becomes a failed candidate with the reason, except a runner that can
     * train nothing ({@link CandidateRunner.Unavailable}), which stops the search.
     */
    private static CandidateResult guarded(SearchRequest request, MnistData data, Pruning pruning, int number,
                                           CandidateSpace.Settings settings, TrainingCost cost)
            throws InterruptedException {
        try {
            return candidate(request, data, pruning, number, settings, cost);
        } catch (CandidateRunner.Unavailable e) {
            throw e;
        } catch (RuntimeException | IOException e) {
            LOG.warn("candidate {} failed: {}", number, e.toString());
            LOG.debug("candidate {} stack trace", number, e);
            return CandidateResult.failed(number, settings, e.toString());
        }
    }

    /**
     * {@return the experiment a candidate trains}
     *
     * @param spec the spec
     * @param settings what the candidate tries
     */
    public static Experiment experiment(SearchSpec spec, CandidateSpace.Settings settings) {
        NetworkSpec network = NetworkSpec.defaults().withLayers(784, settings.hidden(), 10)
                .withPreset(settings.preset()).withActivation(settings.activation())
                .withInit(spec.init()).withEta(settings.eta())
                .withLambda(settings.lambda()).withSeed(spec.seed());
        return new Experiment(network, dataSpec(spec), spec.epochs(), spec.batch(), 0, 1, TrainingCost.EPOCH_END);
    }

    /**
     * A candidate's result from its run record; a candidate that trained to its end, or was pruned, counts for the
     * pruner's later decisions.
     */
    private static CandidateResult result(SearchSpec spec, Pruning pruning, int number,
                                          CandidateSpace.Settings settings, RunRecord record, Path runFolder) {
        if (record.status().trained()) {
            pruning.completed(number, record.metrics());
        } else {
            pruning.reported(number, record.metrics());
        }
        if (record.status() == RunStatus.PRUNED) {
            String reason = pruning.reason(number, record.metrics());
            return CandidateResult.pruned(number, settings, reason, record.metrics(), record.seconds(), runFolder);
        }
        return result(spec, number, settings, record, runFolder);
    }

    /** A candidate's result from its run record. */
    static CandidateResult result(SearchSpec spec, int number, CandidateSpace.Settings settings, RunRecord record,
                                  Path runFolder) {
        if (record.status() == RunStatus.DIVERGED) {
            return CandidateResult.diverged(number, settings, "cost not finite at epoch " + record.completedEpochs(),
                    record.metrics(), record.seconds(), runFolder);
        }
        EpochMetrics last = record.metrics().get(record.metrics().size() - 1);
        double score = spec.score().of(last);
        return CandidateResult.trained(number, settings, CandidateStatus.of(record.status()),
                new CandidateResult.Scores(score, last.validationAccuracy(), last.validationCost(),
                        record.testAccuracy().orElseThrow()), record.metrics(), record.seconds(), runFolder);
    }
}
