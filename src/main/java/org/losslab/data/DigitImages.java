package org.losslab.data;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.datavec.image.loader.NativeImageLoader;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Digit images for prediction, read with DataVec's {@code NativeImageLoader}: any PNG or JPEG, turned to grey and
 * scaled to 28×28. MNIST digits are light strokes on a dark background; a picture of a dark digit on light paper
 * is inverted when its border is light ({@link Invert#AUTO}).
 */
public final class DigitImages {

    private DigitImages() {
    }

    /** Whether to invert an image's grey levels before predicting. */
    public enum Invert implements org.losslab.preset.Choices.Named {
        /** Invert when the image's border is mostly light (a dark digit on light paper). */
        AUTO("auto"),
        /** Always invert. */
        ALWAYS("always"),
        /** Never invert: the image is already light-on-dark, as MNIST. */
        NEVER("never");

        private final String id;

        Invert(String id) {
            this.id = id;
        }

        @Override
        public String id() {
            return id;
        }
    }

    /**
     * A loaded digit.
     *
     * @param pixels   784 grey values 0–255, row after row, light strokes on dark as in MNIST
     * @param inverted whether the image was inverted to get there
     */
    public record Digit(float[] pixels, boolean inverted) {
    }

    /**
     * Loads an image file as a 28×28 MNIST-style digit.
     *
     * @throws DataException naming the file when it is missing or not a readable image
     */
    public static Digit load(Path file, Invert invert) {
        if (!Files.isRegularFile(file)) {
            throw new DataException(file + ": " + (Files.exists(file) ? "not a file" : "file not found"));
        }
        if (!knownImageFormat(file)) {
            throw new DataException(file + ": not an image (no PNG, JPEG, BMP or GIF reader accepts it)");
        }
        INDArray image;
        try {
            image = new NativeImageLoader(Idx.SIDE, Idx.SIDE, 1).asMatrix(file.toFile());
        } catch (IOException | RuntimeException e) {
            throw new DataException(file + ": not a readable image (" + e.getMessage() + ")", e);
        }
        if (image == null || image.length() != Idx.SIDE * Idx.SIDE) {
            throw new DataException(file + ": not a readable image");
        }
        float[] pixels = image.castTo(DataType.FLOAT).reshape(Idx.SIDE * Idx.SIDE).toFloatVector();
        boolean inverted = switch (invert) {
            case ALWAYS -> true;
            case NEVER -> false;
            case AUTO -> borderMean(pixels) > 127;
        };
        if (inverted) {
            for (int i = 0; i < pixels.length; i++) {
                pixels[i] = 255 - pixels[i];
            }
        }
        return new Digit(pixels, inverted);
    }

    /** Whether Java's image readers recognise the file (checked first, so OpenCV never sees non-images). */
    private static boolean knownImageFormat(Path file) {
        try (javax.imageio.stream.ImageInputStream in = javax.imageio.ImageIO.createImageInputStream(file.toFile())) {
            return in != null && javax.imageio.ImageIO.getImageReaders(in).hasNext();
        } catch (IOException e) {
            return false;
        }
    }

    /** The mean grey level of the outermost ring of pixels. */
    static double borderMean(float[] pixels) {
        double sum = 0;
        int count = 0;
        for (int row = 0; row < Idx.SIDE; row++) {
            for (int col = 0; col < Idx.SIDE; col++) {
                if (row == 0 || col == 0 || row == Idx.SIDE - 1 || col == Idx.SIDE - 1) {
                    sum += pixels[row * Idx.SIDE + col];
                    count++;
                }
            }
        }
        return sum / count;
    }
}
