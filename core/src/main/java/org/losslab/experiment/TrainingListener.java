package org.losslab.experiment;

/**
 * Hears how a training run goes, e.g. to draw a progress bar; every method has an empty default, and {@link #NONE}
 * hears nothing. LossLab's other listeners ({@code DownloadListener}, {@code SearchListener},
 * {@code LectureListener}) have the same style.
 */
public interface TrainingListener {

    /** Hears nothing. */
    TrainingListener NONE = new TrainingListener() { };

    /**
     * An epoch starts.
     *
     * @param epoch   the epoch, from 1
     * @param epochs  the run's last epoch
     * @param batches its mini-batches
     */
    default void epochStarted(int epoch, int epochs, int batches) {
    }

    /** One more mini-batch is done. */
    default void batchDone() {
    }

    /**
     * An epoch is done and checkpointed.
     *
     * @param metrics the epoch's metrics
     * @param record  the run's record so far, as in {@code run.json}
     */
    default void epochDone(EpochMetrics metrics, RunRecord record) {
    }

    /**
     * Asked after each epoch but the last, once it is checkpointed and {@link #epochDone heard}: whether the run
     * ends here, {@link RunStatus#PRUNED pruned}. A search's pruner answers (as a Keras callback sets
     * {@code stop_training}, or an Optuna objective asks {@code trial.should_prune()}); by default, never.
     *
     * @param metrics the epoch's metrics
     * @param record  the run's record so far
     * @return whether to end the run after this epoch
     */
    default boolean prune(EpochMetrics metrics, RunRecord record) {
        return false;
    }
}
