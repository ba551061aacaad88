package org.losslab.data;

import java.io.BufferedInputStream;
import org.losslab.io.AtomicFiles;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

/**
 * Reads and writes IDX files (the MNIST format), raw or gzip-compressed (told apart by their first bytes, not by
 * name). Every problem becomes a {@link DataException} that names the file and what is wrong.
 */
public final class Idx {

    /** Magic number of an unsigned-byte, 3-dimensional IDX file: images. */
    public static final int IMAGES_MAGIC = 0x00000803;
    /** Magic number of an unsigned-byte, 1-dimensional IDX file: labels. */
    public static final int LABELS_MAGIC = 0x00000801;
    /** MNIST's image side. */
    public static final int SIDE = 28;
    /** Number of classes. */
    public static final int CLASSES = 10;

    private Idx() {
    }

    /**
     * Images of one IDX file.
     *
     * @param count  number of images
     * @param rows   rows per image
     * @param cols   columns per image
     * @param pixels count × rows × cols unsigned bytes, image after image
     */
    public record Images(int count, int rows, int cols, byte[] pixels) {
        /**
         * Pixels per image.
         *
         * @return the pixels per image
         */
        public int size() {
            return rows * cols;
        }
    }

    /** Opens the bytes of an IDX file. */
    @FunctionalInterface
    public interface Opener {
        /**
         * A new stream over the file's bytes, compressed or not.
         *
         * @return a new stream over the file's bytes, compressed or not
         */
        InputStream open() throws IOException;
    }

    /** Opens a stream, decompressing it when it starts with the gzip signature. */
    static InputStream decompressed(Opener opener) throws IOException {
        InputStream in = new BufferedInputStream(opener.open(), 1 << 16);
        in.mark(2);
        int first = in.read();
        int second = in.read();
        in.reset();
        if (first == 0x1f && second == 0x8b) {
            return new GZIPInputStream(in, 1 << 16);
        }
        return in;
    }

    /**
     * Reads an images file and checks it holds 28×28 images.
     *
     * @param file the file
     * @return the images
     */
    public static Images readImages(Path file) {
        return readImages(file.toString(), () -> Files.newInputStream(file));
    }

    /**
     * Reads images from a stream; {@code file} names it in messages.
     *
     * @param file the file
     * @return the images
     * @param opener opens the file's bytes, compressed or not
     */
    public static Images readImages(String file, Opener opener) {
        try (DataInputStream in = new DataInputStream(decompressed(opener))) {
            int magic = readHeaderInt(in, file);
            if (magic != IMAGES_MAGIC) {
                throw new DataException(file + ": not an IDX images file (magic number " + hex(magic)
                        + ", expected " + hex(IMAGES_MAGIC) + (magic == LABELS_MAGIC ? "; this is a labels file" : "")
                        + ")");
            }
            int count = readHeaderInt(in, file);
            int rows = readHeaderInt(in, file);
            int cols = readHeaderInt(in, file);
            if (count < 0 || rows <= 0 || cols <= 0) {
                throw new DataException(file + ": invalid IDX header (" + count + " images of " + rows + "×" + cols
                        + ")");
            }
            if (rows != SIDE || cols != SIDE) {
                throw new DataException(file + ": images are " + rows + "×" + cols + ", expected " + SIDE + "×" + SIDE);
            }
            if (count > MAX_ITEMS) {
                throw new DataException(file + ": the header promises " + count + " images; LossLab reads at most "
                        + MAX_ITEMS);
            }
            byte[] pixels = readBody(in, (long) count * rows * cols, file, count + " images of " + rows + "×" + cols);
            return new Images(count, rows, cols, pixels);
        } catch (IOException e) {
            throw failure(file, e);
        }
    }

    /**
     * Reads a labels file and checks every label lies in 0–9.
     *
     * @param file the file
     * @return the labels, one byte each
     */
    public static byte[] readLabels(Path file) {
        return readLabels(file.toString(), () -> Files.newInputStream(file));
    }

    /**
     * Reads labels from a stream; {@code file} names it in messages.
     *
     * @param file the file
     * @return the labels, one byte each
     * @param opener opens the file's bytes, compressed or not
     */
    public static byte[] readLabels(String file, Opener opener) {
        try (DataInputStream in = new DataInputStream(decompressed(opener))) {
            int magic = readHeaderInt(in, file);
            if (magic != LABELS_MAGIC) {
                throw new DataException(file + ": not an IDX labels file (magic number " + hex(magic)
                        + ", expected " + hex(LABELS_MAGIC) + (magic == IMAGES_MAGIC ? "; this is an images file" : "")
                        + ")");
            }
            int count = readHeaderInt(in, file);
            if (count < 0) {
                throw new DataException(file + ": invalid IDX header (" + count + " labels)");
            }
            if (count > MAX_ITEMS) {
                throw new DataException(file + ": the header promises " + count + " labels; LossLab reads at most "
                        + MAX_ITEMS);
            }
            byte[] labels = readBody(in, count, file, count + " labels");
            for (int i = 0; i < count; i++) {
                if (labels[i] < 0 || labels[i] >= CLASSES) {
                    throw new DataException(file + ": label " + (labels[i] & 0xff) + " at index " + i
                            + " is outside 0–9");
                }
            }
            return labels;
        } catch (IOException e) {
            throw failure(file, e);
        }
    }

    /**
     * Writes images as an IDX file, gzip-compressed when the name ends in {@code .gz}.
     *
     * @param file the file
     * @param count number of images
     * @param rows rows per image
     * @param cols columns per image
     * @param pixels count × rows × cols unsigned bytes, image after image
     */
    public static void writeImages(Path file, int count, int rows, int cols, byte[] pixels) throws IOException {
        if (pixels.length != count * rows * cols) {
            throw new IllegalArgumentException("pixels: expected " + count * rows * cols + " bytes, got "
                    + pixels.length);
        }
        write(file, new int[] {IMAGES_MAGIC, count, rows, cols}, pixels);
    }

    /**
     * Writes labels as an IDX file, gzip-compressed when the name ends in {@code .gz}.
     *
     * @param file the file
     * @param labels the labels
     */
    public static void writeLabels(Path file, byte[] labels) throws IOException {
        write(file, new int[] {LABELS_MAGIC, labels.length}, labels);
    }

    private static void write(Path file, int[] header, byte[] body) throws IOException {
        AtomicFiles.write(file, raw -> {
            java.io.OutputStream out = file.getFileName().toString().endsWith(".gz")
                    ? new java.util.zip.GZIPOutputStream(raw, 1 << 16) : raw;
            java.io.DataOutputStream data = new java.io.DataOutputStream(out);
            for (int value : header) {
                data.writeInt(value);
            }
            data.write(body);
            data.flush();
            if (out instanceof java.util.zip.GZIPOutputStream gzip) {
                gzip.finish();
            }
        });
    }

    private static int readHeaderInt(DataInputStream in, String file) throws IOException {
        try {
            return in.readInt();
        } catch (EOFException e) {
            throw new DataException(file + ": truncated: the file ends inside the IDX header");
        }
    }

    /**
     * Reads the {@code length} bytes a header promises. The buffer grows with the data that really arrives
     * ({@code readNBytes} reads in chunks), so a crafted header cannot make a tiny file allocate gigabytes.
     */
    private static byte[] readBody(DataInputStream in, long length, String file, String promised) throws IOException {
        if (length > MAX_BYTES) {
            throw new DataException(file + ": the header promises " + promised + ", more than LossLab reads ("
                    + MAX_ITEMS + " items at most)");
        }
        byte[] body = in.readNBytes((int) length);
        if (body.length < length) {
            throw new DataException(file + ": truncated: the header promises " + promised + " (" + length
                    + " bytes of data) but the data ends after " + body.length + " bytes");
        }
        return body;
    }

    /** The most images or labels one IDX file may hold (MNIST's training file holds 60,000). */
    public static final int MAX_ITEMS = 1_000_000;
    private static final long MAX_BYTES = (long) MAX_ITEMS * SIDE * SIDE;

    private static DataException failure(String file, IOException e) {
        if (e instanceof NoSuchFileException || e instanceof java.io.FileNotFoundException) {
            return new DataException(file + ": file not found", e);
        }
        if (e instanceof EOFException) {
            return new DataException(file + ": truncated gzip data (" + e.getMessage() + ")", e);
        }
        if (e instanceof ZipException) {
            return new DataException(file + ": corrupted gzip data (" + e.getMessage() + ")", e);
        }
        return new DataException(file + ": cannot read (" + e + ")", e);
    }

    private static String hex(int value) {
        return String.format("0x%08x", value);
    }
}
