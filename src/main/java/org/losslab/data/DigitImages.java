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
        checkDeclaredSize(file);
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

    /** The largest image file read. */
    public static final long MAX_FILE_BYTES = 64L << 20;
    /** The longest side of an image read, in pixels. */
    public static final int MAX_SIDE = 16_384;
    /** The most pixels of an image read (a 40-megapixel photo of a digit is plenty). */
    public static final long MAX_PIXELS = 40_000_000;

    /**
     * Checks, from the header alone, that Java's image readers recognise the file and that its declared width and
     * height are within bounds: OpenCV never sees a non-image or a header that claims 60000×60000 pixels.
     */
    private static void checkDeclaredSize(Path file) {
        try {
            if (Files.size(file) > MAX_FILE_BYTES) {
                throw new DataException(file + ": larger than " + (MAX_FILE_BYTES >> 20) + " MiB; not a digit image "
                        + "LossLab reads");
            }
        } catch (IOException e) {
            throw new DataException(file + ": cannot read (" + e.getMessage() + ")", e);
        }
        try (javax.imageio.stream.ImageInputStream in = javax.imageio.ImageIO.createImageInputStream(file.toFile())) {
            java.util.Iterator<javax.imageio.ImageReader> readers = in == null ? java.util.Collections.emptyIterator()
                    : javax.imageio.ImageIO.getImageReaders(in);
            if (!readers.hasNext()) {
                throw new DataException(file + ": not an image (no PNG, JPEG, BMP or GIF reader accepts it)");
            }
            javax.imageio.ImageReader reader = readers.next();
            try {
                reader.setInput(in, true, true);
                long width = reader.getWidth(0);
                long height = reader.getHeight(0);
                if (width < 1 || height < 1 || width > MAX_SIDE || height > MAX_SIDE
                        || width * height > MAX_PIXELS) {
                    throw new DataException(file + ": its header says " + width + "×" + height + " pixels; LossLab "
                            + "reads images up to " + MAX_SIDE + " pixels a side and " + MAX_PIXELS / 1_000_000
                            + " megapixels");
                }
            } finally {
                reader.dispose();
            }
        } catch (IOException | RuntimeException e) {
            if (e instanceof DataException data) {
                throw data;
            }
            throw new DataException(file + ": not a readable image (" + e.getMessage() + ")", e);
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
