package org.losslab.experiment;

import java.util.ArrayList;
import java.util.List;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.optimize.api.BaseTrainingListener;
import org.nd4j.linalg.api.buffer.DataBuffer;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A DL4J training listener that collects, per epoch, each layer's mean |∂C/∂w| and |∂C/∂b| (on every {@code
 * sampleEvery}-th batch, since each sample reads every layer's gradient) and, when asked to, the mean mini-batch
 * cost ({@link TrainingCost#MINI_BATCH_MEAN}).
 */
final class SlowdownListener extends BaseTrainingListener {

    private final int layers;
    private final int sampleEvery;
    private final boolean batchCosts;
    private double costSum;
    private long batches;
    private final double[] gradientSums;
    private final double[] biasGradientSums;
    private long gradientSamples;

    SlowdownListener(int layers, int sampleEvery, boolean batchCosts) {
        this.layers = layers;
        this.sampleEvery = sampleEvery;
        this.batchCosts = batchCosts;
        this.gradientSums = new double[layers];
        this.biasGradientSums = new double[layers];
    }

    void startEpoch() {
        costSum = 0;
        batches = 0;
        java.util.Arrays.fill(gradientSums, 0);
        java.util.Arrays.fill(biasGradientSums, 0);
        gradientSamples = 0;
    }

    @Override
    public void onGradientCalculation(Model model) {
        if (batches % sampleEvery != 0) {
            return;
        }
        MultiLayerNetwork net = (MultiLayerNetwork) model;
        add(net.gradient(), net.getInput().size(0), gradientSums, biasGradientSums);
        gradientSamples++;
    }

    /**
     * Adds each layer's mean |∂C/∂w| and mean |∂C/∂b| of one mini-batch's gradient to the sums.
     *
     * @param examples the mini-batch's size
     */
    static void add(Gradient gradient, long examples, double[] weightSums, double[] biasSums) {
        for (int layer = 0; layer < weightSums.length; layer++) {
            INDArray weights = gradient.getGradientFor(layer + "_W");
            INDArray biases = gradient.getGradientFor(layer + "_b");
            // DL4J's gradient here is summed over the mini-batch; the book's ∂C/∂w is the mean. The sum runs in Java,
            // in one order: ND4J's own reduction splits large arrays over threads when cores are free, which moves
            // the last digits with the machine's load, and runs with the same seed must agree exactly.
            weightSums[layer] += sumAbs(weights) / weights.length() / examples;
            if (biases != null) {
                biasSums[layer] += sumAbs(biases) / biases.length() / examples;
            }
        }
    }

    /**
     * Σ|x| over the array, in the order of its buffer. DL4J's gradient views are contiguous, so this reads them in
     * place; anything else is copied first.
     */
    static double sumAbs(INDArray array) {
        DataBuffer data = array.data();
        long length = array.length();
        if (array.elementWiseStride() != 1 || data.length() != length) {
            data = array.dup(array.ordering()).data();
        }
        double sum = 0;
        for (long i = 0; i < length; i++) {
            sum += Math.abs(data.getDouble(i));
        }
        return sum;
    }

    @Override
    public void iterationDone(Model model, int iteration, int epoch) {
        if (batchCosts) {
            costSum += model.score();
        }
        batches++;
    }

    /** {@return the mean mini-batch cost of the epoch so far; NaN when none, or when not asked to collect it} */
    double meanCost() {
        return batches == 0 || !batchCosts ? Double.NaN : costSum / batches;
    }

    List<Double> meanAbsGradients() {
        return means(gradientSums, gradientSamples);
    }

    List<Double> meanAbsBiasGradients() {
        return means(biasGradientSums, gradientSamples);
    }

    static List<Double> means(double[] sums, long samples) {
        List<Double> means = new ArrayList<>(sums.length);
        for (double sum : sums) {
            means.add(samples == 0 ? null : sum / samples);
        }
        return means;
    }
}
