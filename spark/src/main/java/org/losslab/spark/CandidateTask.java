package org.losslab.spark;

import java.io.IOException;
import java.io.Serializable;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.apache.spark.SparkEnv;
import org.apache.spark.SparkFiles;
import org.apache.spark.broadcast.Broadcast;
import org.deeplearning4j.core.storage.StatsStorageRouter;
import org.deeplearning4j.core.storage.impl.RemoteUIStatsStorageRouter;
import org.losslab.data.DataException;
import org.losslab.data.MnistData;
import org.losslab.experiment.EpochMetrics;
import org.losslab.experiment.Experiment;
import org.losslab.experiment.LiveStats;
import org.losslab.experiment.RunRecord;
import org.losslab.experiment.Training;
import org.losslab.experiment.TrainingListener;
import org.losslab.nd4j.Nd4jSetup;
import org.losslab.preset.NetworkSpec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One candidate as a Spark task: what the executor trains, and how it sends the run folder back. The executor
 * trains in a scratch folder of its own ({@value #SCRATCH}, else Spark's files root), zips the run folder and
 * removes it. A failure of the training itself comes back as the result's error, so that Spark does not retry what
 * would fail again; Spark retries the task only when the executor is lost.
 */
final class CandidateTask implements Serializable {

    private static final long serialVersionUID = 1L;

    /** Spark setting: the executors' scratch folder for run folders (default: Spark's per-application files root). */
    static final String SCRATCH = "spark.losslab.scratch";

    private final String folderName;
    private final NetworkSpec network;
    private final int epochs;
    private final int batchSize;
    private final int earlyStop;
    private final int threads;
    private final org.losslab.experiment.TrainingCost trainingCost;
    private final Broadcast<DataPayload> data;
    private final byte[] resume;
    private final String live;
    private final String checkpoints;
    private final String token;
    private final String command;

    /**
     * @param checkpoints where to post the run folder after each epoch (the driver's {@link CheckpointReceiver});
     *                    empty for nowhere
     * @param token       the receiver's token
     */
    CandidateTask(String folderName, Experiment experiment, Broadcast<DataPayload> data, byte[] resume, String live,
                  String checkpoints, String token) {
        this.folderName = folderName;
        this.network = experiment.network();
        this.epochs = experiment.epochs();
        this.batchSize = experiment.batchSize();
        this.earlyStop = experiment.earlyStop();
        this.threads = experiment.threads();
        this.trainingCost = experiment.trainingCost();
        this.data = data;
        this.resume = resume;
        this.live = live;
        this.checkpoints = checkpoints;
        this.token = token;
        this.command = org.losslab.io.Invocation.current(); // the driver's: the executor's run records keep it
    }

    /**
     * What came back from the executor.
     *
     * @param folder      the run folder, zipped; empty when {@code error} says why not
     * @param error       why the candidate did not train; empty when it did
     * @param dataProblem whether the error is the data's (which stops the whole search)
     * @param executor    which executor ran it
     * @param setupNanos  how long the task took there before the training: ND4J's setup and, on the executor's first
     *                    candidate, the data's load
     * @param trainNanos  how long the training itself took there ({@code Training.run} or {@code resume}), which a
     *                    local runner takes too: the rest of the task is Spark's cost
     * @param packNanos   how long zipping the run folder took there
     * @param checkpointNanos how long sending the checkpoints to the driver took there, during the training (and
     *                    not counted in {@code trainNanos})
     */
    record Result(byte[] folder, String error, boolean dataProblem, String executor, long setupNanos,
                  long trainNanos, long packNanos, long checkpointNanos) implements Serializable {

        static Result failed(String error, boolean dataProblem, String executor) {
            return new Result(new byte[0], error, dataProblem, executor, 0, 0, 0, 0);
        }
    }

    /**
     * What an executor's preparation came back with.
     *
     * @param executor    which executor it ran on
     * @param error       why the executor could not load the data; empty when it could
     * @param dataProblem whether the error is the data's
     */
    record Prepared(String executor, String error, boolean dataProblem) implements Serializable {
    }

    /** An executor's JVM, set up for candidates: ND4J's setup made, the data loaded and checked. */
    private record Ready(Path scratch, MnistData data) {
    }

    /**
     * Sets up the executor this runs on before its first candidate: ND4J's setup and the data's load from the
     * broadcast (once per executor JVM, checked by its MD5s), which its candidates then find done.
     *
     * @param data the data's broadcast
     * @return the executor, and the data's problem if it has one
     */
    static Prepared prepare(Broadcast<DataPayload> data) throws IOException {
        String executor = executor();
        try {
            ready(data, executor);
            return new Prepared(executor, "", false);
        } catch (DataException e) {
            return new Prepared(executor, e.getMessage(), true);
        }
    }

    private static String executor() throws IOException {
        return SparkEnv.get().executorId() + "@" + java.net.InetAddress.getLocalHost().getHostName();
    }

    private static Ready ready(Broadcast<DataPayload> data, String executor) throws IOException {
        Nd4jSetup.install();
        SparkEnv env = SparkEnv.get();
        String configured = env.conf().get(SCRATCH, "");
        Path scratch = Files.createDirectories(configured.isEmpty() ? Path.of(SparkFiles.getRootDirectory())
                : Path.of(configured)).resolve(env.executorId());
        return new Ready(scratch, data.value().materialize(scratch, executor));
    }

    /** Runs on the executor. */
    Result run() throws IOException {
        long begin = System.nanoTime();
        String executor = executor();
        Ready ready;
        try {
            ready = ready(data, executor);
        } catch (DataException e) {
            return Result.failed(e.getMessage(), true, executor);
        }
        Path scratch = ready.scratch();
        MnistData loaded = ready.data();
        Path attempt = Files.createTempDirectory(Files.createDirectories(scratch), "candidate");
        Path folder = attempt.resolve(folderName);
        StatsStorageRouter router = live.isEmpty() ? LiveStats.NONE : new RemoteUIStatsStorageRouter(live);
        CheckpointSender sender = checkpoints.isEmpty() ? null
                : new CheckpointSender(URI.create(checkpoints + "?candidate=" + folderName), token, folder);
        TrainingListener listener = sender == null ? TrainingListener.NONE : sender;
        long start = System.nanoTime();
        try {
            if (resume.length > 0) {
                FolderZip.unzip(resume, folder, "the driver's " + folderName);
                Training.resume(folder, loaded, listener, router);
            } else {
                Experiment experiment = new Experiment(network, loaded.spec(), epochs, batchSize, earlyStop, threads,
                        trainingCost);
                org.losslab.io.Invocation.set(command);
                Training.run(experiment, loaded, folder, listener, router);
            }
            long trained = System.nanoTime();
            byte[] zip = FolderZip.zip(folder);
            long sending = sender == null ? 0 : sender.nanos;
            return new Result(zip, "", false, executor, start - begin, trained - start - sending,
                    System.nanoTime() - trained, sending);
        } catch (RuntimeException | IOException e) {
            return Result.failed(e.toString(), false, executor);
        } finally {
            FolderZip.delete(attempt);
        }
    }

    /**
     * Posts the run folder to the driver after each epoch, once the epoch's checkpoint is written. A post that
     * fails costs the driver that checkpoint, not the training: it is logged and the training goes on.
     */
    private static final class CheckpointSender implements TrainingListener {
        private static final Logger LOG = LoggerFactory.getLogger(CheckpointSender.class);
        private final URI uri;
        private final String token;
        private final Path folder;
        /** One client for every candidate of the executor's JVM: each client keeps a selector thread. */
        private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10))
                .build();
        private boolean warned;
        private boolean pruned;
        private long nanos;

        CheckpointSender(URI uri, String token, Path folder) {
            this.uri = uri;
            this.token = token;
            this.folder = folder;
        }

        @Override
        public void epochDone(EpochMetrics metrics, RunRecord record) {
            if (metrics.epoch() >= record.epochs()) {
                return; // the last epoch comes back with the result
            }
            long start = System.nanoTime();
            try {
                HttpRequest request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(60))
                        .header(CheckpointReceiver.TOKEN_HEADER, token)
                        .POST(HttpRequest.BodyPublishers.ofByteArray(FolderZip.zip(folder))).build();
                HttpResponse<String> response = CLIENT.send(request, HttpResponse.BodyHandlers.ofString(
                        StandardCharsets.US_ASCII));
                int status = response.statusCode();
                if (status == CheckpointReceiver.PRUNED && CheckpointReceiver.PRUNE.equals(response.body())) {
                    pruned = true;
                } else if (status != 204) {
                    LOG.debug("the driver did not take the checkpoint after epoch {}: HTTP {}", metrics.epoch(),
                            status);
                }
            } catch (IOException e) {
                if (!warned) {
                    LOG.warn("cannot send checkpoints to the driver at {} ({}); the candidate trains on without",
                            uri, e.toString());
                    warned = true;
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                nanos += System.nanoTime() - start;
            }
        }

        /** The driver's pruner answered the epoch's checkpoint: the run ends there. */
        @Override
        public boolean prune(EpochMetrics metrics, RunRecord record) {
            return pruned;
        }
    }
}
