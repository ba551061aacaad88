package org.losslab.search;

import org.losslab.preset.Choices;

/** What ranks a search's candidates; the JSON id in spec files is {@link #id()}. */
public enum Score implements Choices.Named {
    /** Validation accuracy, higher is better (Arbiter's {@code EvaluationScoreFunction} on accuracy). */
    ACCURACY("accuracy", true),
    /** Validation cost, lower is better (Arbiter's {@code TestSetLossScoreFunction}). */
    COST("cost", false);

    private final String id;
    private final boolean higherIsBetter;

    Score(String id, boolean higherIsBetter) {
        this.id = id;
        this.higherIsBetter = higherIsBetter;
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    public String toString() {
        return id;
    }

    /**
     * {@return this score of an epoch: its validation accuracy or its validation cost}
     *
     * @param metrics the epoch's metrics
     */
    public double of(org.losslab.experiment.EpochMetrics metrics) {
        return this == ACCURACY ? metrics.validationAccuracy() : metrics.validationCost();
    }

    /** @return whether a higher score is a better candidate */
    public boolean higherIsBetter() {
        return higherIsBetter;
    }
}
