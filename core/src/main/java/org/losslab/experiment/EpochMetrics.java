package org.losslab.experiment;

import java.util.List;
import java.util.OptionalDouble;

/**
 * What one epoch of training showed.
 *
 * @param epoch              epoch number, from 1
 * @param trainCost          mean cost of the epoch's mini-batches (as DL4J reports it, L2 term included)
 * @param validationCost     cost on the validation split after the epoch
 * @param validationAccuracy accuracy on the validation split after the epoch
 * @param seconds            training time of the epoch (without evaluation)
 * @param meanAbsGradient    per layer, the mean |∂C/∂w| over the layer's weights, averaged over sampled batches:
 *                           the lecture's slowdown signal
 * @param saturation         per layer, the fraction of saturated units on 1,000 validation examples (sigmoid:
 *                           a &lt; 0.02 or a &gt; 0.98; tanh: |a| &gt; 0.96); empty where the activation does not
 *                           saturate (ReLU, swish, softmax)
 */
public record EpochMetrics(int epoch, double trainCost, double validationCost, double validationAccuracy,
                           double seconds, List<Double> meanAbsGradient, List<OptionalDouble> saturation) {
}
