package org.losslab.data;

import java.nio.FloatBuffer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;

/**
 * One split (training, validation or test) held in memory: the raw bytes, and on first use one INDArray of
 * features scaled to [0, 1] ([n, 784], float) and one of one-hot labels ([n, 10]).
 */
public final class Split {

    private static final int SIZE = Idx.SIDE * Idx.SIDE;

    private final String name;
    private final int count;
    private final int first;
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
        this(name, pixels, labels, 0, labels.length);
        if (pixels.length != labels.length * SIZE) {
            throw new IllegalArgumentException(name + ": " + labels.length + " labels but "
                    + pixels.length / SIZE + " images");
        }
    }

    /** A view of examples {@code first} to {@code first + count} of shared arrays (no copy). */
    private Split(String name, byte[] pixels, byte[] labels, int first, int count) {
        this.name = name;
        this.first = first;
        this.count = count;
        this.pixels = pixels;
        this.labels = labels;
    }

    /** A split of images {@code from} (inclusive) to {@code to} (exclusive) of the given images and labels. */
    static Split of(String name, Idx.Images images, byte[] labels, int from, int to) {
        return new Split(name, images.pixels(), labels, from, to - from);
    }

    public String name() {
        return name;
    }

    /**
     * Number of examples.
     *
     * @return the examples
     */
    public int count() {
        return count;
    }

    /**
     * Pixel {@code offset} (0–783) of example {@code index}, as an unsigned byte 0–255.
     *
     * @param index the example, from 0
     * @return the grey level 0–255
     * @param offset the pixel, 0 to 783, row after row
     */
    public int pixel(int index, int offset) {
        return pixels[(first + index) * SIZE + offset] & 0xff;
    }

    /**
     * {@return the label of example {@code index}}
     *
     * @param index the example, from 0
     */
    public int label(int index) {
        return labels[first + index];
    }

    /** {@return how many examples of each label 0–9} */
    public int[] histogram() {
        int[] counts = new int[Idx.CLASSES];
        for (int i = 0; i < count; i++) {
            counts[labels[first + i]]++;
        }
        return counts;
    }

    /**
     * Features [n, 784] in [0, 1] and one-hot labels [n, 10], both float, built once.
     *
     * @return the split as one DL4J {@code DataSet}, made once
     */
    public synchronized DataSet arrays() {
        if (arrays == null) {
            arrays = new DataSet(features(0, count, null, true), oneHot(0, count, null));
        }
        return arrays;
    }

    /**
     * Features of examples {@code from} to {@code to} (positions in {@code order}, or the split's own order when it
     * is null) as a float array [n, 784]: pixel / 255 when {@code scaled} (the same floats as ND4J's division),
     * else the raw value 0–255. Written straight into ND4J's memory, so the floats are touched once.
     */
    INDArray features(int from, int to, int[] order, boolean scaled) {
        INDArray features = Nd4j.createUninitialized(DataType.FLOAT, to - from, SIZE);
        fillFeatures(features, from, to, order, scaled);
        return features;
    }

    /** Writes the features of examples {@code from} to {@code to} into {@code target} [n, 784] (float, 'c'). */
    void fillFeatures(INDArray target, int from, int to, int[] order, boolean scaled) {
        int rows = to - from;
        if (rows == 0) {
            return;
        }
        FloatBuffer buffer = target.data().asNioFloat();
        float[] chunk = new float[SIZE * Math.min(rows, 256)];
        int filled = 0;
        for (int row = 0; row < rows; row++) {
            int example = first + (order == null ? from + row : order[from + row]);
            int source = example * SIZE;
            for (int j = 0; j < SIZE; j++) {
                float value = pixels[source + j] & 0xff;
                chunk[filled + j] = scaled ? value / 255f : value;
            }
            filled += SIZE;
            if (filled == chunk.length || row == rows - 1) {
                buffer.put(chunk, 0, filled);
                filled = 0;
            }
        }
    }

    /** Writes one-hot labels of examples {@code from} to {@code to} into {@code target} [n, 10] (float, 'c'). */
    void fillOneHot(INDArray target, int from, int to, int[] order) {
        FloatBuffer buffer = target.data().asNioFloat();
        float[] values = new float[(to - from) * Idx.CLASSES];
        for (int row = 0; row < to - from; row++) {
            int example = first + (order == null ? from + row : order[from + row]);
            values[row * Idx.CLASSES + labels[example]] = 1f;
        }
        buffer.put(values);
    }

    /** One-hot labels [n, 10] of examples {@code from} to {@code to}, as for {@link #features}. */
    INDArray oneHot(int from, int to, int[] order) {
        INDArray labels = Nd4j.createUninitialized(DataType.FLOAT, to - from, Idx.CLASSES);
        fillOneHot(labels, from, to, order);
        return labels;
    }

    @Override
    public String toString() {
        return name + " (" + count + " examples)";
    }
}
