package org.losslab.experiment;

import java.util.List;
import java.util.OptionalDouble;

/**
 * What one epoch of training showed.
 *
 * @param epoch              epoch number, from 1
 * @param trainCost          the epoch's training cost, L2 term included: over all training images after the epoch, or
 *                           the mean of its mini-batches' scores, as the run's {@link TrainingCost} says
 * @param validationCost     cost on the validation split after the epoch
 * @param validationAccuracy accuracy on the validation split after the epoch
 * @param seconds            training time of the epoch (without evaluation)
 * @param meanAbsGradient    per layer, the mean |∂C/∂w| over the layer's weights, averaged over sampled batches:
 *                           the lecture's slowdown signal
 * @param saturation         per layer, the fraction of saturated units on 1,000 validation examples (sigmoid:
 *                           a &lt; 0.02 or a &gt; 0.98; tanh: |a| &gt; 0.96); empty where the activation does not
 *                           saturate (ReLU, swish, softmax)
 * @param meanAbsBiasGradient per layer, the mean |∂C/∂b| over the layer's biases, averaged over the same batches:
 *                           the book's "speed of learning" of a layer (chapter 5); empty in records of LossLab
 *                           before it was kept
 */
public record EpochMetrics(int epoch, double trainCost, double validationCost, double validationAccuracy,
                           double seconds, List<Double> meanAbsGradient, List<OptionalDouble> saturation,
                           List<Double> meanAbsBiasGradient) {

    /** An absent list is empty (a record of an older LossLab has no bias gradients). */
    public EpochMetrics {
        meanAbsGradient = meanAbsGradient == null ? List.of() : meanAbsGradient;
        saturation = saturation == null ? List.of() : saturation;
        meanAbsBiasGradient = meanAbsBiasGradient == null ? List.of() : meanAbsBiasGradient;
    }

    /**
     * An epoch without bias gradients.
     *
     * @param epoch              epoch number, from 1
     * @param trainCost          the epoch's training cost ({@link TrainingCost})
     * @param validationCost     cost on the validation split after the epoch
     * @param validationAccuracy accuracy on the validation split after the epoch
     * @param seconds            training time of the epoch
     * @param meanAbsGradient    per layer, the mean |∂C/∂w|
     * @param saturation         per layer, the fraction of saturated units
     */
    public EpochMetrics(int epoch, double trainCost, double validationCost, double validationAccuracy,
                        double seconds, List<Double> meanAbsGradient, List<OptionalDouble> saturation) {
        this(epoch, trainCost, validationCost, validationAccuracy, seconds, meanAbsGradient, saturation, List.of());
    }
}
