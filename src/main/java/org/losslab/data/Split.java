package org.losslab.data;

import java.util.Arrays;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;

/**
 * One split (training, validation or test) held in memory: the raw bytes, and on first use one INDArray of
 * features scaled to [0, 1] ([n, 784], float) and one of one-hot labels ([n, 10]).
 */
public final class Split {

    private final String name;
    private final int count;
    private final byte[] pixels;
    private final byte[] labels;
    private DataSet arrays;

    /**
     * A split of {@code count} images.
     *
     * @param name   {@code train}, {@code validation} or {@code test}
     * @param pixels count × 784 unsigned bytes
     * @param labels count labels 0–9
     */
    public Split(String name, byte[] pixels, byte[] labels) {
        if (pixels.length != labels.length * Idx.SIDE * Idx.SIDE) {
            throw new IllegalArgumentException(name + ": " + labels.length + " labels but "
                    + pixels.length / (Idx.SIDE * Idx.SIDE) + " images");
        }
        this.name = name;
        this.count = labels.length;
        this.pixels = pixels;
        this.labels = labels;
    }

    /** A split of images {@code from} (inclusive) to {@code to} (exclusive) of the given images and labels. */
    static Split of(String name, Idx.Images images, byte[] labels, int from, int to) {
        int size = images.size();
        return new Split(name, Arrays.copyOfRange(images.pixels(), from * size, to * size),
                Arrays.copyOfRange(labels, from, to));
    }

    public String name() {
        return name;
    }

    /** Number of examples. */
    public int count() {
        return count;
    }

    /** Pixels of example {@code index} as unsigned bytes 0–255. */
    public int pixel(int index, int offset) {
        return pixels[index * Idx.SIDE * Idx.SIDE + offset] & 0xff;
    }

    /** The label of example {@code index}. */
    public int label(int index) {
        return labels[index];
    }

    /** The raw pixel bytes, example after example (not a copy: do not change). */
    byte[] rawPixels() {
        return pixels;
    }

    /** The raw labels (not a copy: do not change). */
    byte[] rawLabels() {
        return labels;
    }

    /** How many examples of each label 0–9. */
    public int[] histogram() {
        int[] counts = new int[Idx.CLASSES];
        for (byte label : labels) {
            counts[label]++;
        }
        return counts;
    }

    /** Features [n, 784] in [0, 1] and one-hot labels [n, 10], both float, built once. */
    public synchronized DataSet arrays() {
        if (arrays == null) {
            arrays = new DataSet(features(pixels, 0, count, null, true), oneHot(labels, 0, count, null));
        }
        return arrays;
    }

    /**
     * Features of examples {@code from} to {@code to} (positions in {@code order}, or the examples themselves when
     * it is null) as float: pixel / 255 when {@code scaled}, else the raw value 0–255.
     */
    static INDArray features(byte[] pixels, int from, int to, int[] order, boolean scaled) {
        int size = Idx.SIDE * Idx.SIDE;
        float[] values = new float[(to - from) * size];
        for (int row = 0; row < to - from; row++) {
            int example = order == null ? from + row : order[from + row];
            int source = example * size;
            int target = row * size;
            for (int j = 0; j < size; j++) {
                float value = pixels[source + j] & 0xff;
                values[target + j] = scaled ? value / 255f : value;
            }
        }
        return Nd4j.create(values, new long[] {to - from, size}, DataType.FLOAT);
    }

    /** One-hot labels of the given examples (all when {@code order} is null). */
    static INDArray oneHot(byte[] labels, int from, int to, int[] order) {
        float[] values = new float[(to - from) * Idx.CLASSES];
        for (int row = 0; row < to - from; row++) {
            int example = order == null ? from + row : order[from + row];
            values[row * Idx.CLASSES + labels[example]] = 1f;
        }
        return Nd4j.create(values, new long[] {to - from, Idx.CLASSES}, DataType.FLOAT);
    }

    @Override
    public String toString() {
        return name + " (" + count + " examples)";
    }
}
