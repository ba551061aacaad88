package org.losslab.experiment;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import org.losslab.preset.Choices;

/** Where a training run stands; {@code run.json} holds {@link #id()}. */
public enum RunStatus implements Choices.Named {
    /** Still going, or killed: it resumes from its last completed epoch. */
    RUNNING("running"),
    /** Trained all its epochs. */
    FINISHED("finished"),
    /** Early stopping ended it. */
    STOPPED_EARLY("stopped early"),
    /** Its cost became NaN or infinite. */
    DIVERGED("diverged"),
    /**
     * A search's pruner ended it after an epoch, as hopeless next to the other candidates
     * ({@link TrainingListener#prune}); it has no test figures.
     */
    PRUNED("pruned");

    private final String id;

    RunStatus(String id) {
        this.id = id;
    }

    @Override
    @JsonValue
    public String id() {
        return id;
    }

    /**
     * @param id the status as {@code run.json} holds it
     * @return the status
     * @throws org.losslab.io.SpecException when it is none of LossLab's
     */
    @JsonCreator
    public static RunStatus parse(String id) {
        return Choices.parse(RunStatus.class, "status", id);
    }

    @Override
    public String toString() {
        return id;
    }

    /** @return whether the run trained to its end (finished or stopped early): it has test figures */
    public boolean trained() {
        return this == FINISHED || this == STOPPED_EARLY;
    }
}
