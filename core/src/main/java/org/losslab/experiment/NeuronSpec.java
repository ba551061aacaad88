package org.losslab.experiment;

import org.losslab.io.SpecException;
import org.losslab.preset.Preset;

/**
 * The lecture's single neuron: one input x, one output, trained by gradient descent on one example (x → y) for a
 * number of epochs, one step per epoch. The output is the lecture's sigmoid, or linear (a = z): the second fix the
 * lecture offers for the slow neuron, under the quadratic cost only (cross-entropy needs an output in (0, 1)).
 *
 * @param preset     the cost: {@link Preset#QUADRATIC_SIGMOID} or {@link Preset#CROSS_ENTROPY_SIGMOID}
 * @param activation the output activation; {@link NeuronActivation#LINEAR} replaces the preset's sigmoid
 * @param w       starting weight
 * @param b       starting bias
 * @param eta     learning rate η
 * @param epochs  number of steps
 * @param input   x, 1 in the lecture
 * @param target  y, 0 in the lecture
 */
public record NeuronSpec(Preset preset, NeuronActivation activation, double w, double b, double eta, int epochs, double input, double target) {

    /**
     * Validates every field, naming it in the message.
     *
     * @param preset the cost: {@link Preset#QUADRATIC_SIGMOID} or {@link Preset#CROSS_ENTROPY_SIGMOID}
     * @param activation the output activation
     * @param w starting weight
     * @param b starting bias
     * @param eta learning rate η
     * @param epochs number of steps
     * @param input x, 1 in the lecture
     * @param target y, 0 in the lecture
     */
    public NeuronSpec {
        if (preset == null) {
            throw new SpecException("cost", "must be given");
        }
        if (preset == Preset.SOFTMAX_LOG_LIKELIHOOD) {
            throw new SpecException("cost", "softmax with a single output is always 1 and cannot learn; "
                    + "use quadratic or cross-entropy");
        }
        if (activation == null) {
            throw new SpecException("activation", "must be given");
        }
        if (activation == NeuronActivation.LINEAR && preset == Preset.CROSS_ENTROPY_SIGMOID) {
            throw new SpecException("activation", "cross-entropy needs an output in (0, 1); a linear output is "
                    + "unbounded: use it with the quadratic cost, or keep the sigmoid");
        }
        finite("w", w);
        finite("b", b);
        if (!(eta > 0) || !Double.isFinite(eta)) {
            throw new SpecException("eta", "must be a finite number > 0, got " + eta);
        }
        if (epochs < 0) {
            throw new SpecException("epochs", "must be >= 0, got " + epochs);
        }
        finite("input", input);
        finite("target", target);
        if (activation == NeuronActivation.SIGMOID && !(target >= 0 && target <= 1)) {
            throw new SpecException("target", "must lie in [0, 1] for a sigmoid output, got " + target);
        }
    }

    /**
     * {@return the lecture's task, 1 → 0, from (w, b) with η for a number of epochs}
     *
     * @param preset {@link Preset#QUADRATIC_SIGMOID} or {@link Preset#CROSS_ENTROPY_SIGMOID}
     * @param w starting weight
     * @param b starting bias
     * @param eta learning rate η
     * @param epochs number of steps
     */
    public static NeuronSpec lecture(Preset preset, double w, double b, double eta, int epochs) {
        return lecture(preset, NeuronActivation.SIGMOID, w, b, eta, epochs);
    }

    /**
     * {@return the lecture's task, 1 → 0, with that output activation, from (w, b) with η for a number of epochs}
     *
     * @param preset the cost: {@link Preset#QUADRATIC_SIGMOID} or {@link Preset#CROSS_ENTROPY_SIGMOID}
     * @param activation the output activation
     * @param w starting weight
     * @param b starting bias
     * @param eta learning rate η
     * @param epochs number of steps
     */
    public static NeuronSpec lecture(Preset preset, NeuronActivation activation, double w, double b, double eta,
                                     int epochs) {
        return new NeuronSpec(preset, activation, w, b, eta, epochs, 1.0, 0.0);
    }

    private static void finite(String field, double value) {
        if (!Double.isFinite(value)) {
            throw new SpecException(field, "must be a finite number, got " + value);
        }
    }
}
