package org.losslab.search;

/**
 * Hears about a search's candidates as they finish (called from the worker threads, one at a time), and, through
 * {@link #training}, about their epochs as they train; {@link #NONE} hears nothing, as LossLab's other listeners'
 * {@code NONE}. One abstract method, so a lambda is one too.
 */
@FunctionalInterface
public interface SearchListener {

    /** Hears nothing. */
    SearchListener NONE = (result, done, total) -> { };

    /**
     * A candidate is done.
     *
     * @param result the candidate's result
     * @param done   how many candidates of the search are done, this one included
     * @param total  the search's candidates
     */
    void candidateDone(CandidateResult result, int done, int total);

    /**
     * {@return what hears a candidate's training as it goes (called from the thread that trains it, or, on Spark, from
     * the driver as the candidate's epochs come back, without batches); by default nothing}
     *
     * @param number   the candidate's number, from 1
     * @param settings what it tries
     * @param epochs   the epochs it trains at most
     */
    default org.losslab.experiment.TrainingListener training(int number, CandidateSpace.Settings settings,
                                                              int epochs) {
        return org.losslab.experiment.TrainingListener.NONE;
    }
}
