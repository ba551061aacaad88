package org.losslab.model;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.IntStream;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.losslab.nd4j.Nd4jSetup;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.api.preprocessor.DataNormalization;
import org.nd4j.linalg.factory.Nd4j;

/** Classifies digits with a saved model, applying the input normalisation stored in its zip. */
public final class Predictor {

    private final MultiLayerNetwork network;
    private final DataNormalization normalizer;

    /**
     * One prediction.
     *
     * @param digit         the most probable digit
     * @param probabilities the model's output for each digit 0–9 (for sigmoid outputs, normalised to sum to 1)
     */
    public record Prediction(int digit, double[] probabilities) {
        /**
         * {@return the {@code k} most probable digits, most probable first}
         *
         * @param k how many of the most probable digits
         */
        public List<Integer> top(int k) {
            return IntStream.range(0, probabilities.length).boxed()
                    .sorted(Comparator.comparingDouble((Integer d) -> -probabilities[d])).limit(k).toList();
        }
    }

    public Predictor(ModelZip.Loaded loaded) {
        this.network = loaded.network();
        this.normalizer = loaded.normalizer().orElseGet(ModelZip::pixelScaler);
    }

    /**
     * Loads the model at {@code path} (a zip or a run folder).
     *
     * @param path the file
     * @return a predictor of the zip's network
     */
    public static Predictor load(Path path) {
        Nd4jSetup.install();
        return new Predictor(ModelZip.load(path));
    }

    /**
     * Predicts rows of 784 raw grey values 0–255 (light on dark, as MNIST).
     *
     * @param rows rows per image
     * @return one prediction per row
     */
    public List<Prediction> predict(float[][] rows) {
        for (int i = 0; i < rows.length; i++) {
            if (rows[i].length != ModelZip.INPUTS) {
                throw new IllegalArgumentException("input " + i + ": expected " + ModelZip.INPUTS
                        + " values (28×28), got " + rows[i].length);
            }
        }
        if (rows.length == 0) {
            return List.of();
        }
        INDArray features = Nd4j.create(rows).castTo(network.getLayerWiseConfigurations().getDataType());
        normalizer.transform(features);
        INDArray output = network.output(features, false).castTo(DataType.DOUBLE);
        List<Prediction> predictions = new ArrayList<>(rows.length);
        for (int i = 0; i < rows.length; i++) {
            double[] values = output.getRow(i).toDoubleVector();
            double sum = 0;
            for (double v : values) {
                sum += v;
            }
            int best = 0;
            for (int d = 0; d < values.length; d++) {
                values[d] /= sum;
                if (values[d] > values[best]) {
                    best = d;
                }
            }
            predictions.add(new Prediction(best, values));
        }
        return predictions;
    }
}
