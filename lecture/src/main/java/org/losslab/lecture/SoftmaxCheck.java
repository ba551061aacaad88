package org.losslab.lecture;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.losslab.data.MnistData;
import org.losslab.model.ModelZip;
import org.losslab.search.CandidateResult;
import org.losslab.search.Search;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Softmax's properties on a trained network, as the lecture states them: on every test image the ten outputs are
 * positive and sum to 1 (a probability distribution over the digits), and −ln a_y, the cost of the right digit y, is
 * the network's "unhappiness": small where it answers right, large where it answers wrong.
 *
 * @param network           the network's label (the softmax search's best)
 * @param examples          test images
 * @param smallestOutput    the smallest of all outputs a_j (softmax: &gt; 0)
 * @param largestDeviation  the largest |Σ_j a_j − 1| over the images (float arithmetic: about 1e-7)
 * @param right             −ln a_y of each image the network answers right (its largest output is y)
 * @param wrong             −ln a_y of each image it answers wrong
 */
public record SoftmaxCheck(String network, int examples, double smallestOutput, double largestDeviation,
                           List<Double> right, List<Double> wrong) {

    /** Copies the lists. */
    public SoftmaxCheck {
        right = List.copyOf(right);
        wrong = List.copyOf(wrong);
    }

    /**
     * @param softmax the lecture's softmax search
     * @param data    its data
     * @return the check of its best network on the test images, when that network trained to its end
     */
    public static Optional<SoftmaxCheck> of(Search.Outcome softmax, MnistData data) {
        Optional<CandidateResult> best = softmax.ranked().stream()
                .filter(r -> r.testAccuracy().isPresent() && r.folder().isPresent()
                        && Files.isRegularFile(r.folder().get().resolve("model.zip")))
                .findFirst();
        if (best.isEmpty()) {
            return Optional.empty();
        }
        Path zip = best.get().folder().get().resolve("model.zip");
        MultiLayerNetwork net = ModelZip.load(zip).network();
        INDArray features = data.test().arrays().getFeatures();
        double[] outputs = net.output(features, false).castTo(DataType.DOUBLE).data().asDouble();
        int n = data.test().count();
        int classes = outputs.length / Math.max(1, n);
        return Optional.of(of(best.get().label(), outputs, classes, data.test()::label));
    }

    /**
     * @param network the network's label
     * @param outputs the outputs, row by row: {@code classes} per image
     * @param classes outputs per image
     * @param labels  the right digit of each image
     * @return the check of those outputs
     */
    static SoftmaxCheck of(String network, double[] outputs, int classes, java.util.function.IntUnaryOperator labels) {
        int n = outputs.length / classes;
        double smallest = Double.POSITIVE_INFINITY;
        double deviation = 0;
        List<Double> right = new ArrayList<>();
        List<Double> wrong = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            double sum = 0;
            int argmax = 0;
            for (int j = 0; j < classes; j++) {
                double a = outputs[i * classes + j];
                smallest = Math.min(smallest, a);
                sum += a;
                if (a > outputs[i * classes + argmax]) {
                    argmax = j;
                }
            }
            deviation = Math.max(deviation, Math.abs(sum - 1));
            int y = labels.applyAsInt(i);
            double surprise = -Math.log(outputs[i * classes + y]);
            (argmax == y ? right : wrong).add(surprise);
        }
        return new SoftmaxCheck(network, n, smallest, deviation, right, wrong);
    }

    /** @return whether every output is positive */
    public boolean allPositive() {
        return smallestOutput > 0;
    }

    /**
     * @param values −ln a_y values
     * @param q      the quantile, in [0, 1]
     * @return the value at that quantile (nearest rank), NaN when there are none
     */
    public static double quantile(List<Double> values, double q) {
        if (values.isEmpty()) {
            return Double.NaN;
        }
        List<Double> sorted = values.stream().sorted().toList();
        int rank = (int) Math.ceil(q * sorted.size()) - 1;
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, rank)));
    }

    /**
     * @param values −ln a_y values
     * @return their mean, NaN when there are none
     */
    public static double mean(List<Double> values) {
        return values.stream().mapToDouble(Double::doubleValue).average().orElse(Double.NaN);
    }
}
