package org.losslab.search;

import org.losslab.experiment.RunStatus;
import org.losslab.preset.Choices;

/** How a search's candidate ended; {@code results.csv} holds {@link #id()}. */
public enum CandidateStatus implements Choices.Named {
    /** Trained all its epochs. */
    FINISHED("finished"),
    /** Early stopping ended its training. */
    STOPPED_EARLY("stopped early"),
    /** Its cost became NaN or infinite: no score. */
    DIVERGED("diverged"),
    /** Its training threw (out of memory, a folder of other settings): no score, a reason. */
    FAILED("failed"),
    /** Never started: the search's time limit was reached first. */
    SKIPPED("skipped"),
    /** The search's {@link Pruner} stopped it after an epoch, as hopeless: no score, its epochs and a reason. */
    PRUNED("pruned");

    private final String id;

    CandidateStatus(String id) {
        this.id = id;
    }

    @Override
    public String id() {
        return id;
    }

    /**
     * @param status a run's status at its end
     * @return the candidate's status for that run
     * @throws IllegalArgumentException for a run that is still running
     */
    public static CandidateStatus of(RunStatus status) {
        return switch (status) {
            case FINISHED -> FINISHED;
            case STOPPED_EARLY -> STOPPED_EARLY;
            case DIVERGED -> DIVERGED;
            case PRUNED -> PRUNED;
            case RUNNING -> throw new IllegalArgumentException("status: a running run is no candidate's result");
        };
    }

    /** @return whether a candidate of this status has scores */
    public boolean scored() {
        return this == FINISHED || this == STOPPED_EARLY;
    }

    @Override
    public String toString() {
        return id;
    }
}
