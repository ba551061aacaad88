package org.losslab.lecture;

import java.util.List;
import org.losslab.experiment.NeuronRun;
import org.losslab.search.CandidateResult;

/**
 * Hears how the lecture goes; every method has an empty default, and {@link #NONE} hears nothing, as LossLab's
 * other listeners. Called from worker threads, one at a time.
 */
public interface LectureListener {

    /** Hears nothing. */
    LectureListener NONE = new LectureListener() { };

    /**
     * Before training.
     *
     * @param total       the lecture's candidates over all comparisons
     * @param finished    those already finished by an earlier run, reused as they are
     * @param interrupted those an earlier run left unfinished, continued from their last epoch
     */
    default void started(int total, int finished, int interrupted) {
    }

    /**
     * The single-neuron runs are done.
     *
     * @param runs the runs, in the lecture's order
     */
    default void neuronDone(List<NeuronRun> runs) {
    }

    /**
     * A candidate of a comparison is done.
     *
     * @param comparison the comparison (search) it belongs to
     * @param result     its result
     * @param done       candidates done over all comparisons, this one included
     * @param total      the lecture's candidates over all comparisons
     */
    default void candidateDone(Lecture.Comparison comparison, CandidateResult result, int done, int total) {
    }

    /**
     * {@return what hears a candidate's training as it goes (from the thread that trains it; on Spark, from the
     * driver as its epochs come back); by default nothing}
     *
     * @param comparison the comparison (search) it belongs to
     * @param number     its number in the comparison, from 1
     * @param settings   what it tries
     * @param epochs     the epochs it trains at most
     */
    default org.losslab.experiment.TrainingListener training(Lecture.Comparison comparison, int number,
                                                              org.losslab.search.CandidateSpace.Settings settings,
                                                              int epochs) {
        return org.losslab.experiment.TrainingListener.NONE;
    }
}
