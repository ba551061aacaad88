package org.losslab.data;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.awt.image.BufferedImage;
import java.awt.image.Raster;
import javax.imageio.ImageIO;

/**
 * Digit images for prediction, read with Java's own image readers ({@code javax.imageio}: PNG, JPEG, BMP, GIF),
 * turned to grey (ITU-R BT.601 luma, as OpenCV's) and scaled to 28×28 by area averaging (each pixel the mean of the
 * part of the picture it covers; a smaller picture is scaled up bilinearly). MNIST digits are light strokes on a dark
 * background; a picture of a dark digit on light paper
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
     * @param file the file
     * @param invert whether to invert the grey levels first
     * @return the digit, light on dark, 28×28
     */
    public static Digit load(Path file, Invert invert) {
        if (!Files.isRegularFile(file)) {
            throw new DataException(file + ": " + (Files.exists(file) ? "not a file" : "file not found"));
        }
        BufferedImage image = decode(file);
        float[] pixels = scale(grey(image), image.getWidth(), image.getHeight());
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
     * Decodes the image after checking, from the header alone, that Java's image readers recognise the file and that
     * its declared width and height are within bounds: the decoder never sees a non-image or a header that claims
     * 60000×60000 pixels.
     */
    private static BufferedImage decode(Path file) {
        try {
            if (Files.size(file) > MAX_FILE_BYTES) {
                throw new DataException(file + ": larger than " + (MAX_FILE_BYTES >> 20) + " MiB; not a digit image "
                        + "LossLab reads");
            }
        } catch (IOException e) {
            throw new DataException(file + ": cannot read (" + e.getMessage() + ")", e);
        }
        try (javax.imageio.stream.ImageInputStream in = ImageIO.createImageInputStream(file.toFile())) {
            java.util.Iterator<javax.imageio.ImageReader> readers = in == null ? java.util.Collections.emptyIterator()
                    : ImageIO.getImageReaders(in);
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
                return reader.read(0); // the same reader and stream: the file is opened once
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

    /** The image's grey levels 0–255, row after row: a grey image's own samples, a colour image's BT.601 luma. */
    static float[] grey(BufferedImage image) {
        int width = image.getWidth();
        int height = image.getHeight();
        float[] grey = new float[width * height];
        Raster raster = image.getRaster();
        boolean plainGrey = image.getType() == BufferedImage.TYPE_BYTE_GRAY;
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                if (plainGrey) {
                    grey[y * width + x] = raster.getSample(x, y, 0);
                } else {
                    int rgb = image.getRGB(x, y);
                    grey[y * width + x] = Math.round(0.299f * ((rgb >> 16) & 0xff) + 0.587f * ((rgb >> 8) & 0xff)
                            + 0.114f * (rgb & 0xff));
                }
            }
        }
        return grey;
    }

    /**
     * {@code grey} ({@code width}×{@code height}) as 28×28: each axis shrunk by area averaging, or stretched
     * bilinearly when the picture is smaller than 28 pixels along it. 28×28 pictures come back unchanged.
     */
    static float[] scale(float[] grey, int width, int height) {
        float[] rows = new float[Idx.SIDE * height];
        for (int y = 0; y < height; y++) {
            resample(grey, y * width, 1, width, rows, y * Idx.SIDE, 1);
        }
        float[] out = new float[Idx.SIDE * Idx.SIDE];
        for (int x = 0; x < Idx.SIDE; x++) {
            resample(rows, x, Idx.SIDE, height, out, x, Idx.SIDE);
        }
        for (int i = 0; i < out.length; i++) {
            out[i] = Math.round(Math.min(255f, Math.max(0f, out[i])));
        }
        return out;
    }

    /** One line of {@code n} values (from {@code offset}, {@code stride} apart) resampled to 28 values. */
    private static void resample(float[] in, int offset, int stride, int n, float[] out, int outOffset,
                                 int outStride) {
        int side = Idx.SIDE;
        for (int i = 0; i < side; i++) {
            double value;
            if (n == side) {
                value = in[offset + i * stride];
            } else if (n > side) {
                double from = (double) i * n / side;
                double to = (double) (i + 1) * n / side;
                double sum = 0;
                for (int j = (int) Math.floor(from); j < Math.ceil(to); j++) {
                    double cover = Math.min(to, j + 1) - Math.max(from, j);
                    sum += cover * in[offset + j * stride];
                }
                value = sum / (to - from);
            } else {
                double at = Math.max(0, Math.min(n - 1, (i + 0.5) * n / side - 0.5));
                int low = (int) Math.floor(at);
                int high = Math.min(n - 1, low + 1);
                double t = at - low;
                value = (1 - t) * in[offset + low * stride] + t * in[offset + high * stride];
            }
            out[outOffset + i * outStride] = (float) value;
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
