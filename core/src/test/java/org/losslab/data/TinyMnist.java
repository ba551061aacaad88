package org.losslab.data;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Random;

/** Writes small MNIST-format data sets for tests: random 28×28 pixels, labels cycling through 0–9. */
final class TinyMnist {

    private TinyMnist() {
    }

    static byte[] pixels(int count, long seed) {
        byte[] pixels = new byte[count * 28 * 28];
        new Random(seed).nextBytes(pixels);
        return pixels;
    }

    static byte[] labels(int count) {
        byte[] labels = new byte[count];
        for (int i = 0; i < count; i++) {
            labels[i] = (byte) (i % 10);
        }
        return labels;
    }

    /** The four standard files in {@code dir}, compressed or raw. */
    static Path write(Path dir, int trainCount, int testCount, boolean gzip) throws IOException {
        String suffix = gzip ? ".gz" : "";
        Idx.writeImages(dir.resolve("train-images-idx3-ubyte" + suffix), trainCount, 28, 28, pixels(trainCount, 1));
        Idx.writeLabels(dir.resolve("train-labels-idx1-ubyte" + suffix), labels(trainCount));
        Idx.writeImages(dir.resolve("t10k-images-idx3-ubyte" + suffix), testCount, 28, 28, pixels(testCount, 2));
        Idx.writeLabels(dir.resolve("t10k-labels-idx1-ubyte" + suffix), labels(testCount));
        return dir;
    }
}
