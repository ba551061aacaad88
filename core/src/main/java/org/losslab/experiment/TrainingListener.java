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
}
