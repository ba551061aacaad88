package org.losslab.preset;

/** How weights and biases start. {@link Networks} maps each to DL4J's weight initialisation. */
public enum Initialization implements Choices.Named {

    /**
     * Weights and biases N(0, 1), as in the book's chapter 1 and 3 comparisons. DL4J: weight init
     * {@code NormalDistribution(0, 1)}; the biases are drawn after {@code init()}, since DL4J has no Gaussian bias
     * initialisation.
     */
    LARGE("large"),

    /**
     * Weights N(0, 1/√n_in) and biases N(0, 1), the book's improved initialisation. DL4J: {@code WeightInit.NORMAL}
     * (standard deviation 1/√fanIn), biases as for {@link #LARGE}.
     */
    SCALED("scaled");

    private final String id;

    Initialization(String id) {
        this.id = id;
    }

    @Override
    public String id() {
        return id;
    }

    /**
     * Parses {@code large} or {@code scaled}.
     *
     * @param value the value
     * @return the initialisation that {@code value} names
     */
    public static Initialization parse(String value) {
        return Choices.parse(Initialization.class, "init", value);
    }
}
