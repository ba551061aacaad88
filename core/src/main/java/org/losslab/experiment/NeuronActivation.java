package org.losslab.experiment;

import org.losslab.preset.Choices;

/**
 * The single neuron's output activation: the lecture's sigmoid, or the linear output it offers as the second fix for
 * the slow neuron (no σ′ in the gradient).
 */
public enum NeuronActivation implements Choices.Named {

    /** a = σ(z): bounded in (0, 1), a probability, slow where it saturates. DL4J: {@code Activation.SIGMOID}. */
    SIGMOID("sigmoid"),

    /**
     * a = z: under the quadratic cost ∂C/∂w = (a − y)x and ∂C/∂b = a − y, with no σ′ to vanish; but the output is
     * unbounded and no probability. DL4J: {@code Activation.IDENTITY}.
     */
    LINEAR("linear");

    private final String id;

    NeuronActivation(String id) {
        this.id = id;
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
     * Parses {@code sigmoid} or {@code linear}.
     *
     * @param value the value
     * @return the activation that {@code value} names
     */
    public static NeuronActivation parse(String value) {
        return Choices.parse(NeuronActivation.class, "activation", value);
    }
}
