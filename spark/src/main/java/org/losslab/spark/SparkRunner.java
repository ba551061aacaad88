package org.losslab.spark;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaFutureAction;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerExecutorAdded;
import org.losslab.experiment.RunRecord;
import org.losslab.io.AtomicFiles;
import org.losslab.io.SpecException;
import org.losslab.search.CandidateRunner;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Trains a search's candidates on Spark, one Spark job of one task per candidate (hyperopt's {@code SparkTrials}
 * way): the search's threads each submit a candidate and wait for it, so
 * {@link org.losslab.search.SearchRequest#parallel()}
 * bounds how many train at once, and {@link #slots()} says how many the cluster can. The data goes to every executor
 * once as a broadcast and is checked there by its MD5s; the candidate's run folder (run record, {@code model.zip},
 * {@code stats.dl4j}, charts) comes back as bytes and is unpacked into the search folder, which the search then
 * writes as a local one. A lost executor makes Spark run the task again elsewhere ({@code spark.task.maxFailures});
 * a candidate's own failure comes back as its error and is not retried.
 *
 * <p>Spark's web UI is off unless the Spark settings turn it on ({@code spark.ui.enabled}); with a master on this
 * machine, the driver listens on 127.0.0.1 only.
 */
public final class SparkRunner implements CandidateRunner, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(SparkRunner.class);

    private final JavaSparkContext spark;
    private final SparkOptions options;
    private final String master;
    private final Map<String, Broadcast<DataPayload>> broadcasts = new ConcurrentHashMap<>();
    private final AtomicLong candidates = new AtomicLong();
    private final AtomicLong submitNanos = new AtomicLong();
    private final AtomicLong setupNanos = new AtomicLong();
    private final AtomicLong packNanos = new AtomicLong();
    private final AtomicLong tripNanos = new AtomicLong();
    private final AtomicLong unpackNanos = new AtomicLong();
    private final AtomicLong prepareNanos = new AtomicLong();
    private final AtomicLong trainNanos = new AtomicLong();
    private final AtomicLong checkpointNanos = new AtomicLong();
    private final ExecutorWatch executors;
    private final Optional<CheckpointReceiver> receiver;
    /** The candidates in flight, by run folder: who hears their epochs as checkpoints come back. */
    private final Map<Path, Progress> progress = new ConcurrentHashMap<>();
    private volatile java.util.function.BiConsumer<Path, RunRecord> checkpointHook = (folder, record) -> { };

    private SparkRunner(JavaSparkContext spark, SparkOptions options, String master, ExecutorWatch executors,
                        Optional<CheckpointReceiver> receiver) {
        this.spark = spark;
        this.options = options;
        this.master = master;
        this.executors = executors;
        this.receiver = receiver;
        receiver.ifPresent(r -> r.onReceived(this::received));
    }

    /** A candidate in flight: who hears its epochs, and how many it has heard. */
    private static final class Progress {
        private final org.losslab.experiment.TrainingListener listener;
        private int reported;

        Progress(org.losslab.experiment.TrainingListener listener, int reported) {
            this.listener = listener;
            this.reported = reported;
        }

        /**
         * Tells the listener the epochs of {@code record} it has not heard yet and, for a run that goes on, asks it
         * whether to prune the run after its last one.
         *
         * @return whether the run is to end there, pruned
         */
        synchronized boolean report(RunRecord record) {
            boolean heard = false;
            for (int epoch = reported + 1; epoch <= record.completedEpochs(); epoch++) {
                listener.epochDone(record.metrics().get(epoch - 1), record);
                heard = true;
            }
            reported = Math.max(reported, record.completedEpochs());
            return heard && record.status() == org.losslab.experiment.RunStatus.RUNNING
                    && record.completedEpochs() < record.epochs()
                    && listener.prune(record.metrics().get(record.completedEpochs() - 1), record);
        }
    }

    private boolean received(Path folder, RunRecord record) {
        Progress candidate = progress.get(folder);
        boolean prune = candidate != null && candidate.report(record);
        checkpointHook.accept(folder, record);
        return prune;
    }

    /** Counts the application's executors as they come and go, and since when it has had none. */
    private static final class ExecutorWatch extends SparkListener {
        private final CountDownLatch first = new CountDownLatch(1);
        private final java.util.Set<String> alive = ConcurrentHashMap.newKeySet();
        private volatile long noneSince;

        ExecutorWatch() {
            noneSince = System.nanoTime();
        }

        @Override
        public synchronized void onExecutorAdded(SparkListenerExecutorAdded added) {
            alive.add(added.executorId());
            first.countDown();
        }

        @Override
        public synchronized void onExecutorRemoved(org.apache.spark.scheduler.SparkListenerExecutorRemoved removed) {
            alive.remove(removed.executorId());
            if (alive.isEmpty()) {
                noneSince = System.nanoTime();
            }
        }

        synchronized void seen(scala.collection.Seq<String> ids) {
            scala.collection.Iterator<String> it = ids.iterator();
            while (it.hasNext()) {
                alive.add(it.next());
                first.countDown();
            }
        }

        /** {@return how long the application has had no executor, in nanoseconds; 0 while it has one} */
        synchronized long withoutExecutors() {
            return alive.isEmpty() ? System.nanoTime() - noneSince : 0;
        }
    }

    /**
     * Starts a Spark application and waits until it can train: for a standalone master, until the master has
     * accepted it and the first executor has registered.
     *
     * @param options where and how
     * @return the runner, whose {@link #close()} stops the application
     * @throws SpecException naming {@code spark} when no master is given and none configured
     * @throws CandidateRunner.Unavailable when the master does not answer or gives no executor within
     *                                     {@code options.startTimeout()}
     */
    public static SparkRunner start(SparkOptions options) {
        SparkConf conf = new SparkConf();
        options.master().ifPresent(conf::setMaster);
        if (!conf.contains("spark.master")) {
            throw new SpecException("spark", "no Spark master: give local[N] or spark://host:port, or start "
                    + "LossLab with spark-submit --master");
        }
        String master = conf.get("spark.master");
        SparkOptions.of(master); // the same check for a master spark-submit set
        long timeoutMs = options.startTimeout().toMillis();
        boolean local = master.startsWith("local");
        if (!local) {
            reachable(master, (int) Math.min(timeoutMs, 10_000));
        }
        conf.setAppName(options.appName());
        options.settings().forEach(conf::setIfMissing);
        conf.setIfMissing("spark.ui.enabled", "false");
        if (local || loopbackOnly(master)) {
            conf.setIfMissing("spark.driver.host", "127.0.0.1");
            conf.setIfMissing("spark.driver.bindAddress", "127.0.0.1");
        }
        // No JavaCPP memory accounting, as ./losslab (docs/benchmarks.md; its parallel collector and huge pages made
        // two 1-core executors on two cores slower, "Searches on Spark"). No serialization filter factory: on a cluster
        // LossLab is not on the executors' system class path, and executors read no file a user was given (model
        // zips go through ModelZip's own reader).
        conf.setIfMissing("spark.executor.extraJavaOptions", "-Dorg.bytedeco.javacpp.maxPhysicalBytes=0");
        // Spark gives executors OMP_NUM_THREADS = spark.task.cpus (1), and ND4J sizes its thread pool by it: an
        // executor of several cores would then train one candidate at a time (Training waits for a pool slot rather
        // than crash ND4J). With spark.executor.cores known, the pool gets that many slots.
        // With a master on this machine, the workers' cores are at most this machine's.
        if (conf.contains("spark.executor.cores")) {
            conf.setIfMissing("spark.executorEnv.OMP_NUM_THREADS", conf.get("spark.executor.cores"));
        } else if (!local && loopbackOnly(master)) {
            conf.setIfMissing("spark.executorEnv.OMP_NUM_THREADS",
                    Integer.toString(Runtime.getRuntime().availableProcessors()));
        }
        // Several in-flight candidates are several jobs; FAIR keeps one from starving the others.
        conf.setIfMissing("spark.scheduler.mode", "FAIR");
        ExecutorWatch executors = new ExecutorWatch();
        JavaSparkContext spark = new JavaSparkContext(conf);
        try {
            spark.sc().addSparkListener(executors);
            if (!local) {
                executors.seen(spark.sc().getExecutorIds()); // in local mode Spark warns that it has none to list
            }
            if (!local && !executors.first.await(timeoutMs, TimeUnit.MILLISECONDS)) {
                boolean accepted = spark.sc().applicationId().startsWith("app-");
                throw new CandidateRunner.Unavailable(master + ": " + (accepted
                        ? "the cluster gave no executor within " + options.startTimeout().toSeconds()
                          + " s (no worker alive, or none with the free cores and memory asked for)"
                        : "the master did not accept the application within "
                          + options.startTimeout().toSeconds() + " s"), null);
            }
            if (spark.sc().isStopped()) {
                throw new CandidateRunner.Unavailable(master + ": the master refused the application (see the "
                        + "master's log)", null);
            }
        } catch (InterruptedException e) {
            spark.stop();
            Thread.currentThread().interrupt();
            throw new CandidateRunner.Unavailable(master + ": interrupted while waiting for an executor", e);
        } catch (RuntimeException e) {
            spark.stop();
            throw e;
        }
        LOG.info("Spark application {} on {}: {} slots", spark.sc().applicationId(), master,
                spark.defaultParallelism());
        return new SparkRunner(spark, options, master, local ? null : executors, receiver(spark, master));
    }

    /** {@return how many candidates the cluster trains at once: its executors' cores ({@code local[N]}: N)} */
    public int slots() {
        return Math.max(1, spark.defaultParallelism());
    }

    /** {@return Spark's context (for tests that listen to the scheduler)} */
    JavaSparkContext context() {
        return spark;
    }

    /** {@return the master this runner's application runs on} */
    public String master() {
        return master;
    }

    /**
     * {@return what Spark added to the candidates trained so far, in seconds: each candidate's time from submission
     * to its run folder unpacked, less the executor's own {@code Training.run} (which a local runner takes too) —
     * scheduling, the task's trip, packing and unpacking the run folder, the data's load on an executor that joined
     * after the preparation; the preparation before the first candidate is not in it ({@link #overhead()})}
     */
    public double overheadSeconds() {
        return overhead().total();
    }

    /**
     * What Spark added to the candidates trained so far, in seconds over all of them, by where it went, and what it
     * took once before them.
     *
     * @param preparing  once per data set, before its first candidate: the data's broadcast, and every executor of
     *                   the time set up for candidates (ND4J's setup, the data loaded and checked)
     * @param candidates how many candidates came back
     * @param submitting on the driver before the task left: a resumed run folder zipped, the task made
     * @param setup      on the executors before the training: ND4J's setup, the data's load on each one's first
     *                   candidate
     * @param packing    on the executors after the training: the run folder zipped
     * @param trip       between: scheduling, the task's and the result's serialization and transfer
     * @param unpacking  on the driver after the result came back: the run folder unzipped into the search folder
     * @param checkpoints on the executors during the training: the run folder sent to the driver after each epoch
     *                   but the last
     * @param training   not Spark's: the executors' {@code Training.run} (or {@code resume}) of these candidates,
     *                   which a local runner takes too
     */
    public record Overhead(double preparing, long candidates, double submitting, double setup, double packing,
                           double trip, double unpacking, double checkpoints, double training) {

        /** {@return the sum of the parts over the candidates (the preparation left out), in seconds} */
        public double total() {
            return submitting + setup + packing + trip + unpacking + checkpoints;
        }
    }

    /** {@return what Spark added to the candidates trained so far, by where it went} */
    public Overhead overhead() {
        return new Overhead(prepareNanos.get() / 1e9, candidates.get(), submitNanos.get() / 1e9,
                setupNanos.get() / 1e9, packNanos.get() / 1e9, tripNanos.get() / 1e9, unpackNanos.get() / 1e9,
                checkpointNanos.get() / 1e9, trainNanos.get() / 1e9);
    }

    @Override
    public RunRecord train(Job job) throws IOException, InterruptedException {
        Broadcast<DataPayload> data = data(job);
        long start = System.nanoTime();
        byte[] resume = job.resume() ? FolderZip.zip(job.folder()) : new byte[0];
        String live = options.live().map(Object::toString).orElse("");
        String name = job.folder().getFileName().toString();
        CandidateTask task = new CandidateTask(name, job.experiment(), data, resume, live,
                receiver.map(r -> r.uri().toString()).orElse(""), receiver.map(CheckpointReceiver::token).orElse(""));
        int before = job.resume() ? RunRecord.read(job.folder()).completedEpochs() : 0;
        Progress heard = new Progress(job.listener(), before);
        progress.put(job.folder(), heard);
        receiver.ifPresent(r -> r.expect(job.folder()));
        long submitted;
        CandidateTask.Result result;
        try {
            spark.setJobGroup("candidate-" + job.number(), "LossLab " + job.folder(), true);
            JavaFutureAction<List<CandidateTask.Result>> action;
            try {
                action = spark.parallelize(List.of(task), 1).map(CandidateTask::run).collectAsync();
            } finally {
                spark.clearJobGroup();
            }
            submitted = System.nanoTime();
            try {
                result = finish(action).get(0);
            } catch (ExecutionException e) {
                throw new IllegalStateException("Spark gave up on the candidate: " + e.getCause().getMessage(),
                        e.getCause());
            }
        } finally {
            // no checkpoint after this: the result (or what the checkpoints left) is the candidate's folder
            receiver.ifPresent(r -> r.done(job.folder()));
            progress.remove(job.folder());
        }
        if (result.dataProblem()) {
            throw new CandidateRunner.Unavailable(result.error(), null);
        }
        if (!result.error().isEmpty()) {
            throw new IllegalStateException("on executor " + result.executor() + ": " + result.error());
        }
        long received = System.nanoTime();
        replace(job.folder(), result.folder(), "executor " + result.executor());
        RunRecord record = RunRecord.read(job.folder());
        heard.report(record); // the epochs that came back with the result
        long end = System.nanoTime();
        candidates.incrementAndGet();
        submitNanos.addAndGet(submitted - start);
        setupNanos.addAndGet(result.setupNanos());
        trainNanos.addAndGet(result.trainNanos());
        checkpointNanos.addAndGet(result.checkpointNanos());
        packNanos.addAndGet(result.packNanos());
        tripNanos.addAndGet((received - submitted) - result.setupNanos() - result.trainNanos() - result.packNanos()
                - result.checkpointNanos());
        unpackNanos.addAndGet(end - received);
        LOG.info("candidate {} trained on executor {} in {} s", job.number(), result.executor(), record.seconds());
        return record;
    }

    /**
     * Waits for a job: cancels it when interrupted, and names a Spark application that stopped under it.
     *
     * @throws ExecutionException when the job failed and the application still runs
     */
    private <T> T finish(JavaFutureAction<T> action) throws InterruptedException, ExecutionException {
        try {
            return await(action);
        } catch (InterruptedException e) {
            action.cancel(true);
            throw e;
        } catch (ExecutionException e) {
            if (spark.sc().isStopped()) {
                throw new CandidateRunner.Unavailable(master + ": the Spark application stopped ("
                        + e.getCause().getMessage() + ")", e.getCause());
            }
            throw e;
        }
    }

    /**
     * Waits for a candidate's job; gives up, with one line, when the application has had no executor for longer
     * than {@link SparkOptions#lostTimeout()} (every worker lost), where Spark itself would wait for ever.
     */
    private <T> T await(JavaFutureAction<T> action) throws InterruptedException, ExecutionException {
        long patience = options.lostTimeout().toNanos();
        while (true) {
            try {
                return action.get(Math.min(patience, 5_000_000_000L), TimeUnit.NANOSECONDS);
            } catch (java.util.concurrent.TimeoutException e) {
                if (executors != null && executors.withoutExecutors() > patience) {
                    action.cancel(true);
                    throw new CandidateRunner.Unavailable(master + ": the application has had no executor for "
                            + options.lostTimeout().toSeconds() + " s (every worker lost?)", e);
                }
            }
        }
    }

    /**
     * Puts the run folder that came back where the search expects it, file by file over what was there (a resumed
     * run, or the checkpoints streamed while it trained), the checkpoint and the record last.
     */
    private static void replace(Path folder, byte[] zip, String origin) throws IOException {
        Path incoming = AtomicFiles.temporaryBeside(folder);
        Files.deleteIfExists(incoming);
        try {
            FolderZip.unzip(zip, incoming, origin);
            FolderZip.update(incoming, folder, true);
        } finally {
            FolderZip.delete(incoming);
        }
    }

    /**
     * The data's broadcast; before the first candidate of a data set, the broadcast made and every executor of the
     * time prepared (one task per slot), so that no candidate waits for the data's load on its executor.
     */
    private synchronized Broadcast<DataPayload> data(Job job) throws InterruptedException {
        String key = DataPayload.key(job.data());
        Broadcast<DataPayload> known = broadcasts.get(key);
        if (known != null) {
            return known;
        }
        long start = System.nanoTime();
        DataPayload payload = DataPayload.of(job.data());
        LOG.info("broadcasting the data ({} bytes) to the executors", payload.size());
        Broadcast<DataPayload> data = spark.broadcast(payload);
        int tasks = slots();
        List<Integer> slotNumbers = java.util.stream.IntStream.range(0, tasks).boxed().toList();
        spark.setJobGroup("prepare", "LossLab: the executors load the data", true);
        JavaFutureAction<List<CandidateTask.Prepared>> action;
        try {
            action = spark.parallelize(slotNumbers, tasks).map(new Prepare(data)).collectAsync();
        } finally {
            spark.clearJobGroup();
        }
        List<CandidateTask.Prepared> prepared;
        try {
            prepared = finish(action);
        } catch (ExecutionException e) {
            // the candidates load the data themselves then, and say what goes wrong
            LOG.warn("preparing the executors failed: {}", e.getCause().toString());
            prepared = List.of();
        }
        for (CandidateTask.Prepared one : prepared) {
            if (one.dataProblem()) {
                throw new CandidateRunner.Unavailable(one.error(), null);
            }
        }
        broadcasts.put(key, data);
        long took = System.nanoTime() - start;
        prepareNanos.addAndGet(took);
        LOG.info("executors {} prepared in {} s", prepared.stream().map(CandidateTask.Prepared::executor)
                .distinct().sorted().toList(), String.format(java.util.Locale.ROOT, "%.1f", took / 1e9));
        return data;
    }

    /** The preparation's task: an executor loads the broadcast data. */
    private record Prepare(Broadcast<DataPayload> data)
            implements org.apache.spark.api.java.function.Function<Integer, CandidateTask.Prepared> {
        @Override
        public CandidateTask.Prepared call(Integer slot) throws IOException {
            return CandidateTask.prepare(data);
        }
    }

    @Override
    public void close() {
        try {
            spark.stop();
        } finally {
            receiver.ifPresent(CheckpointReceiver::close);
        }
    }

    /** For tests: hears each checkpoint the driver takes, once it is in the candidate's folder. */
    void onCheckpoint(java.util.function.BiConsumer<Path, RunRecord> hook) {
        checkpointHook = hook;
    }

    /**
     * The driver's end of the streamed checkpoints, on the driver's address ({@value CheckpointReceiver#ENABLED}
     * {@code =false}: none).
     */
    private static Optional<CheckpointReceiver> receiver(JavaSparkContext spark, String master) {
        SparkConf conf = spark.getConf();
        if (!conf.getBoolean(CheckpointReceiver.ENABLED, true)) {
            return Optional.empty();
        }
        String host = conf.get("spark.driver.host");
        String bind = conf.get("spark.driver.bindAddress", host);
        int port = conf.getInt(CheckpointReceiver.PORT, 0);
        try {
            return Optional.of(CheckpointReceiver.start(bind, host, port));
        } catch (IOException | RuntimeException e) {
            spark.stop();
            throw new CandidateRunner.Unavailable(master + ": the driver cannot take checkpoints on " + bind + ":"
                    + port + " (" + e.getMessage() + "; " + CheckpointReceiver.PORT + " sets the port, "
                    + CheckpointReceiver.ENABLED + "=false trains without)", e);
        }
    }

    /** Fails fast, with one line, when nothing listens at a standalone master's address. */
    private static void reachable(String master, int timeoutMs) {
        for (String address : master.substring("spark://".length()).split(",")) {
            int colon = address.lastIndexOf(':');
            String host = address.substring(0, colon);
            int port = Integer.parseInt(address.substring(colon + 1));
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress(host, port), timeoutMs);
                return;
            } catch (IOException e) {
                LOG.debug("{} does not answer", address, e);
            }
        }
        throw new CandidateRunner.Unavailable(master + ": no Spark master answers there (nothing listens, or "
                + "the host cannot be reached)", null);
    }

    private static boolean loopbackOnly(String master) {
        for (String address : master.substring("spark://".length()).split(",")) {
            String host = address.substring(0, address.lastIndexOf(':'));
            if (!host.equals("127.0.0.1") && !host.equals("localhost")) {
                return false;
            }
        }
        return true;
    }
}
