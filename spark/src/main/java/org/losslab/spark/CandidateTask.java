package org.losslab.spark;

import java.io.IOException;
import java.io.Serializable;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.spark.SparkEnv;
import org.apache.spark.SparkFiles;
import org.apache.spark.broadcast.Broadcast;
import org.deeplearning4j.core.storage.StatsStorageRouter;
import org.deeplearning4j.core.storage.impl.RemoteUIStatsStorageRouter;
import org.losslab.data.DataException;
import org.losslab.data.MnistData;
import org.losslab.experiment.Experiment;
import org.losslab.experiment.LiveStats;
import org.losslab.experiment.Training;
import org.losslab.experiment.TrainingListener;
import org.losslab.nd4j.Nd4jSetup;
import org.losslab.preset.NetworkSpec;

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
    private final Broadcast<DataPayload> data;
    private final byte[] resume;
    private final String live;

    CandidateTask(String folderName, Experiment experiment, Broadcast<DataPayload> data, byte[] resume, String live) {
        this.folderName = folderName;
        this.network = experiment.network();
        this.epochs = experiment.epochs();
        this.batchSize = experiment.batchSize();
        this.earlyStop = experiment.earlyStop();
        this.threads = experiment.threads();
        this.data = data;
        this.resume = resume;
        this.live = live;
    }

    /**
     * What came back from the executor.
     *
     * @param folder      the run folder, zipped; empty when {@code error} says why not
     * @param error       why the candidate did not train; empty when it did
     * @param dataProblem whether the error is the data's (which stops the whole search)
     * @param executor    which executor ran it
     * @param trainNanos  how long the training itself took there ({@code Training.run} or {@code resume}), which a
     *                    local runner takes too: the rest of the task is Spark's cost
     */
    record Result(byte[] folder, String error, boolean dataProblem, String executor, long trainNanos)
            implements Serializable {
    }

    /** Runs on the executor. */
    Result run() throws IOException {
        SparkEnv env = SparkEnv.get();
        String executor = env.executorId() + "@" + java.net.InetAddress.getLocalHost().getHostName();
        Nd4jSetup.install();
        String configured = env.conf().get(SCRATCH, "");
        Path scratch = Files.createDirectories(configured.isEmpty() ? Path.of(SparkFiles.getRootDirectory())
                : Path.of(configured)).resolve(env.executorId());
        MnistData loaded;
        try {
            loaded = data.value().materialize(scratch, executor);
        } catch (DataException e) {
            return new Result(new byte[0], e.getMessage(), true, executor, 0);
        }
        Path attempt = Files.createTempDirectory(Files.createDirectories(scratch), "candidate");
        Path folder = attempt.resolve(folderName);
        StatsStorageRouter router = live.isEmpty() ? LiveStats.NONE : new RemoteUIStatsStorageRouter(live);
        long start = System.nanoTime();
        try {
            if (resume.length > 0) {
                FolderZip.unzip(resume, folder, "the driver's " + folderName);
                Training.resume(folder, loaded, TrainingListener.NONE, router);
            } else {
                Experiment experiment = new Experiment(network, loaded.spec(), epochs, batchSize, earlyStop, threads);
                Training.run(experiment, loaded, folder, TrainingListener.NONE, router);
            }
            long trained = System.nanoTime() - start;
            return new Result(FolderZip.zip(folder), "", false, executor, trained);
        } catch (RuntimeException | IOException e) {
            return new Result(new byte[0], e.toString(), false, executor, 0);
        } finally {
            FolderZip.delete(attempt);
        }
    }
}
