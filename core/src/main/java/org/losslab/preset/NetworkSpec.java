package org.losslab.preset;

import java.util.List;
import java.util.Objects;
import org.losslab.io.SpecException;
import org.nd4j.linalg.api.buffer.DataType;

/**
 * A fully connected network as the lecture describes it. Validated on construction: every invalid field throws a
 * {@link SpecException} that names the field and the value. Start from {@link #defaults()} (784-30-10,
 * cross-entropy + sigmoid, η 0.5, large init) and change fields with the {@code with…} methods.
 *
 * @param inputs          input units, e.g. 784 for MNIST
 * @param hidden          hidden-layer sizes, at least one layer
 * @param outputs         output units, e.g. 10 for MNIST
 * @param preset          cost and output activation
 * @param activation      activation of every hidden layer
 * @param init            weight and bias initialisation
 * @param eta             learning rate η, applied to the mini-batch mean gradient
 * @param lambda          L2 regularisation λ in the book's convention C = C₀ + λ/(2n) Σw² (weights only); 0 = none
 * @param trainingSetSize n in λ/(2n): the number of training examples; the book's 50,000 until a training sets it to
 *                        the examples it uses ({@code Training.network})
 * @param seed            seed for weights and biases
 * @param dataType        {@code FLOAT} (fast) or {@code DOUBLE} (exact checks)
 */
public record NetworkSpec(int inputs, List<Integer> hidden, int outputs, Preset preset, HiddenActivation activation,
                          Initialization init, double eta, double lambda, int trainingSetSize, long seed,
                          DataType dataType) implements java.io.Serializable {

    /** The book's MNIST training-set size, n = 50,000. */
    public static final int BOOK_TRAINING_SET_SIZE = 50_000;

    /**
     * Validates every field.
     *
     * @param inputs input units, e.g. 784 for MNIST
     * @param hidden hidden-layer sizes, at least one layer
     * @param outputs output units, e.g. 10 for MNIST
     * @param preset cost and output activation
     * @param activation activation of every hidden layer
     * @param init weight and bias initialisation
     * @param eta learning rate η, applied to the mini-batch mean gradient
     * @param lambda L2 regularisation λ in the book's convention C = C₀ + λ/(2n) Σw² (weights only); 0 = none
     * @param trainingSetSize n in λ/(2n): the number of training examples; the book's 50,000 until a training sets it
     *                        to the examples it uses ({@code Training.network})
     * @param seed seed for weights and biases
     * @param dataType {@code FLOAT} (fast) or {@code DOUBLE} (exact checks)
     */
    public NetworkSpec {
        positive("inputs", inputs);
        positive("outputs", outputs);
        if (hidden == null || hidden.isEmpty()) {
            throw new SpecException("hidden", "must list at least one layer size, got " + hidden);
        }
        for (Integer size : hidden) {
            if (size == null || size <= 0) {
                throw new SpecException("hidden", "layer sizes must be positive, got " + hidden);
            }
        }
        hidden = List.copyOf(hidden);
        required("preset", preset);
        required("activation", activation);
        required("init", init);
        if (!(eta > 0) || !Double.isFinite(eta)) {
            throw new SpecException("eta", "must be a finite number > 0, got " + eta);
        }
        if (!(lambda >= 0) || !Double.isFinite(lambda)) {
            throw new SpecException("lambda", "must be a finite number >= 0, got " + lambda);
        }
        positive("trainingSetSize", trainingSetSize);
        if (dataType != DataType.FLOAT && dataType != DataType.DOUBLE) {
            throw new SpecException("dataType", "must be FLOAT or DOUBLE, got " + dataType);
        }
    }

    /**
     * 784-30-10, cross-entropy + sigmoid, sigmoid hidden units, large init, η 0.5, no L2, seed 1, float.
     *
     * @return the book's 784-30-10 network
     */
    public static NetworkSpec defaults() {
        return new NetworkSpec(784, List.of(30), 10, Preset.CROSS_ENTROPY_SIGMOID, HiddenActivation.SIGMOID,
                Initialization.LARGE, 0.5, 0.0, BOOK_TRAINING_SET_SIZE, 1L, DataType.FLOAT);
    }

    /** {@return the DL4J L2 coefficient for this spec: λ/n (DL4J adds coefficient·w to the mean gradient)} */
    public double l2Coefficient() {
        return lambda / trainingSetSize;
    }

    public NetworkSpec withLayers(int inputs, List<Integer> hidden, int outputs) {
        return new NetworkSpec(inputs, hidden, outputs, preset, activation, init, eta, lambda, trainingSetSize,
                seed, dataType);
    }

    public NetworkSpec withHidden(Integer... sizes) {
        return withLayers(inputs, List.of(sizes), outputs);
    }

    public NetworkSpec withPreset(Preset preset) {
        return new NetworkSpec(inputs, hidden, outputs, preset, activation, init, eta, lambda, trainingSetSize,
                seed, dataType);
    }

    public NetworkSpec withActivation(HiddenActivation activation) {
        return new NetworkSpec(inputs, hidden, outputs, preset, activation, init, eta, lambda, trainingSetSize,
                seed, dataType);
    }

    public NetworkSpec withInit(Initialization init) {
        return new NetworkSpec(inputs, hidden, outputs, preset, activation, init, eta, lambda, trainingSetSize,
                seed, dataType);
    }

    public NetworkSpec withEta(double eta) {
        return new NetworkSpec(inputs, hidden, outputs, preset, activation, init, eta, lambda, trainingSetSize,
                seed, dataType);
    }

    /**
     * @param lambda L2 regularisation λ (the book's convention); n stays as it is
     * @return the spec with that λ
     */
    public NetworkSpec withLambda(double lambda) {
        return withL2(lambda, trainingSetSize);
    }

    /**
     * @param lambda          L2 regularisation λ (the book's convention)
     * @param trainingSetSize the training-set size n that λ is divided by
     * @return the spec with that λ and n
     */
    public NetworkSpec withL2(double lambda, int trainingSetSize) {
        return new NetworkSpec(inputs, hidden, outputs, preset, activation, init, eta, lambda, trainingSetSize,
                seed, dataType);
    }

    public NetworkSpec withSeed(long seed) {
        return new NetworkSpec(inputs, hidden, outputs, preset, activation, init, eta, lambda, trainingSetSize,
                seed, dataType);
    }

    public NetworkSpec withDataType(DataType dataType) {
        return new NetworkSpec(inputs, hidden, outputs, preset, activation, init, eta, lambda, trainingSetSize,
                seed, dataType);
    }

    private static void positive(String field, int value) {
        if (value <= 0) {
            throw new SpecException(field, "must be > 0, got " + value);
        }
    }

    private static void required(String field, Object value) {
        if (Objects.isNull(value)) {
            throw new SpecException(field, "must be given");
        }
    }
}
