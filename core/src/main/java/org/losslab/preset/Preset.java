package org.losslab.preset;

/**
 * The lecture's output layers: a cost function together with the output activation it belongs to. The two always
 * move together, so an invalid pair cannot be chosen. {@link Networks} maps each preset to DL4J.
 */
public enum Preset implements Choices.Named {

    /**
     * C = ½‖y − a‖² with sigmoid outputs, summed over outputs and averaged over the mini-batch; δ = (a − y)σ′(z).
     * DL4J: {@link QuadraticCost} (DL4J's own {@code MSE} has no ½ and divides by the number of outputs) with
     * {@code Activation.SIGMOID}.
     */
    QUADRATIC_SIGMOID("quadratic-sigmoid", "C = ½‖y − a‖²", "sigmoid", "δ = (a − y) ⊙ σ′(z)",
            "QuadraticCost (LossLab)"),

    /**
     * C = −Σⱼ [yⱼ ln aⱼ + (1 − yⱼ) ln(1 − aⱼ)] with sigmoid outputs; σ′ cancels and δ = a − y.
     * DL4J: {@code LossFunction.XENT} (binary cross-entropy, not {@code MCXENT}) with {@code Activation.SIGMOID}.
     */
    CROSS_ENTROPY_SIGMOID("cross-entropy-sigmoid", "C = −Σ [y ln a + (1 − y) ln(1 − a)]", "sigmoid",
            "δ = a − y", "XENT"),

    /**
     * C = −ln a_y with softmax outputs (log-likelihood); δⱼ = aⱼ − yⱼ.
     * DL4J: {@code LossFunction.NEGATIVELOGLIKELIHOOD} with {@code Activation.SOFTMAX}.
     */
    SOFTMAX_LOG_LIKELIHOOD("softmax-log-likelihood", "C = −ln a_y", "softmax", "δⱼ = aⱼ − yⱼ",
            "NEGATIVELOGLIKELIHOOD");

    private final String id;
    private final String cost;
    private final String outputActivation;
    private final String delta;
    private final String dl4jLoss;

    Preset(String id, String cost, String outputActivation, String delta, String dl4jLoss) {
        this.id = id;
        this.cost = cost;
        this.outputActivation = outputActivation;
        this.delta = delta;
        this.dl4jLoss = dl4jLoss;
    }

    @Override
    public String id() {
        return id;
    }

    /** {@return the cost as the lecture writes it} */
    public String cost() {
        return cost;
    }

    /** {@return the output activation's name} */
    public String outputActivation() {
        return outputActivation;
    }

    /** {@return the output-layer error δ = ∂C/∂z as the lecture writes it} */
    public String delta() {
        return delta;
    }

    /** {@return the DL4J loss function that implements the cost} */
    public String dl4jLoss() {
        return dl4jLoss;
    }

    /**
     * Parses a preset name such as {@code cross-entropy-sigmoid} (or {@code CROSS_ENTROPY_SIGMOID}).
     *
     * @param value the value
     * @return the preset that {@code value} names
     */
    public static Preset parse(String value) {
        return Choices.parse(Preset.class, "preset", value);
    }
}
