package org.losslab.search;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Objects;
import org.deeplearning4j.core.storage.StatsStorageRouter;
import org.losslab.data.MnistData;
import org.losslab.experiment.Experiment;
import org.losslab.experiment.RunRecord;
import org.losslab.experiment.Training;
import org.losslab.experiment.TrainingListener;

/**
 * Where a search's candidates train. A search calls {@link #train(Job)} from as many of its own threads as it trains
 * candidates at a time ({@link SearchRequest#parallel()}), so a runner needs no queue of its own: {@link #LOCAL}
 * trains in the calling thread; {@code org.losslab.spark.SparkRunner} (module {@code losslab-spark}) sends the
 * candidate to a Spark executor as one task and waits for its run folder to come back, as hyperopt's
 * {@code SparkTrials} does with trials. Either way the candidate's run folder ends up in the search folder, and the
 * same job gives the same run to the last bit.
 */
@FunctionalInterface
public interface CandidateRunner {

    /** Trains in the calling thread, with DL4J on this JVM. */
    CandidateRunner LOCAL = job -> (job.resume()
            ? Training.resume(job.folder(), job.data(), job.listener(), job.live())
            : Training.run(job.experiment(), job.data(), job.folder(), job.listener(), job.live())).record();

    /**
     * One candidate to train.
     *
     * @param number     the candidate's number in its search, from 1
     * @param experiment what it trains
     * @param data       the loaded data (the experiment's)
     * @param folder     its run folder in the search folder
     * @param resume     whether {@code folder} holds an interrupted run of this experiment to continue, rather than
     *                   nothing
     * @param live       where its training statistics go as they are made, besides {@code stats.dl4j}
     * @param listener   hears its training as it goes ({@link TrainingListener#NONE} for nothing); a runner that
     *                   trains elsewhere tells it each epoch as it comes back
     */
    record Job(int number, Experiment experiment, MnistData data, Path folder, boolean resume,
               StatsStorageRouter live, TrainingListener listener) {
        /** Checks that every field is there. */
        public Job {
            Objects.requireNonNull(experiment, "experiment");
            Objects.requireNonNull(data, "data");
            Objects.requireNonNull(folder, "folder");
            Objects.requireNonNull(live, "live");
            Objects.requireNonNull(listener, "listener");
        }

        /**
         * A job that nothing listens to.
         *
         * @param number     the candidate's number in its search, from 1
         * @param experiment what it trains
         * @param data       the loaded data (the experiment's)
         * @param folder     its run folder in the search folder
         * @param resume     whether {@code folder} holds an interrupted run to continue
         * @param live       where its training statistics go as they are made
         */
        public Job(int number, Experiment experiment, MnistData data, Path folder, boolean resume,
                   StatsStorageRouter live) {
            this(number, experiment, data, folder, resume, live, TrainingListener.NONE);
        }
    }

    /**
     * Trains one candidate and returns when its run folder is complete in {@code job.folder()}.
     *
     * @param job the candidate
     * @return the run's record (finished, stopped early or diverged)
     * @throws Unavailable when the runner can train no candidate at all (the search stops with its message)
     * @throws IOException when the run folder cannot be written
     * @throws InterruptedException when the search is stopped
     */
    RunRecord train(Job job) throws IOException, InterruptedException;

    /**
     * The runner cannot train any candidate — a cluster that cannot be reached or has no free worker, say — so the
     * search stops with this message rather than record every candidate as failed.
     */
    final class Unavailable extends RuntimeException {
        private static final long serialVersionUID = 1L;

        /**
         * @param message one line: what is unavailable and why
         * @param cause   what was caught, if anything
         */
        public Unavailable(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
