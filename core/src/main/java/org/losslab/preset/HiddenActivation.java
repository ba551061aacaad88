package org.losslab.preset;

/** The hidden-layer activations the lecture compares. {@link Networks} maps each to DL4J's {@code Activation}. */
public enum HiddenActivation implements Choices.Named {

    /** σ(z) = 1/(1 + e^−z); saturates at both ends. DL4J: {@code Activation.SIGMOID}. */
    SIGMOID("sigmoid", "σ(z) = 1/(1 + e^−z)"),
    /** tanh(z) = 2σ(2z) − 1; saturates too. DL4J: {@code Activation.TANH}. */
    TANH("tanh", "tanh(z)"),
    /** max(0, z); does not saturate for z &gt; 0. DL4J: {@code Activation.RELU}. */
    RELU("relu", "max(0, z)"),
    /** z·σ(βz) with β = 1 (DL4J's fixed β). DL4J: {@code Activation.SWISH}. */
    SWISH("swish", "z·σ(z)");

    private final String id;
    private final String formula;

    HiddenActivation(String id, String formula) {
        this.id = id;
        this.formula = formula;
    }

    @Override
    public String id() {
        return id;
    }

    /** {@return the activation's formula} */
    public String formula() {
        return formula;
    }

    /**
     * Parses a name such as {@code relu}.
     *
     * @param value the value
     * @return the activation that {@code value} names
     */
    public static HiddenActivation parse(String value) {
        return Choices.parse(HiddenActivation.class, "activation", value);
    }
}
