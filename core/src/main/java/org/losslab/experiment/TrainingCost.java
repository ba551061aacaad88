package org.losslab.experiment;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import org.losslab.preset.Choices;

/**
 * What an epoch's training cost ({@link EpochMetrics#trainCost()}) is. The training step is the same either way,
 * to the last digit: only what is measured, and when, differs.
 */
public enum TrainingCost implements Choices.Named {

    /**
     * The cost over the whole training split after the epoch (mean cost per image plus the L2 term), as the book's
     * {@code network2.py} reports it ({@code monitor_training_cost}); measured at the same weights as the
     * validation cost. The mini-batch steps then skip DL4J's per-batch score, which DL4J's {@code fit} otherwise
     * computes on every mini-batch (about a third of a 784-30-10 step's native operations; docs/benchmarks.md);
     * the browser UI's score chart still gets the score of each mini-batch it reports. The default.
     */
    EPOCH_END("epoch-end", "training cost after the epoch (all training images)"),

    /**
     * The mean of DL4J's scores of the epoch's mini-batches, each taken before its step, as DL4J's {@code fit}
     * computes them: the definition of LossLab before the epoch-end cost. Slower, and a different number: the
     * cost of weights that change during the epoch.
     */
    MINI_BATCH_MEAN("mini-batch-mean", "mean training cost of the epoch's mini-batches");

    private final String id;
    private final String label;

    TrainingCost(String id, String label) {
        this.id = id;
        this.label = label;
    }

    /** {@return what the figure is, in a chart's axis title: {@code training cost after the epoch (all training images)}} */
    public String label() {
        return label;
    }

    @Override
    @JsonValue
    public String id() {
        return id;
    }

    /**
     * Parses {@code epoch-end} or {@code mini-batch-mean}.
     *
     * @param value the value
     * @return the definition that {@code value} names
     * @throws org.losslab.io.SpecException naming the field {@code trainingCost} when it is neither
     */
    @JsonCreator
    public static TrainingCost parse(String value) {
        return Choices.parse(TrainingCost.class, "trainingCost", value);
    }

    @Override
    public String toString() {
        return id;
    }
}
