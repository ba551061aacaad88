package org.losslab.search;

/**
 * Hears about a search's candidates as they finish (called from the worker threads, one at a time); {@link #NONE}
 * hears nothing, as LossLab's other listeners' {@code NONE}. One method, so a lambda is one too.
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
}
