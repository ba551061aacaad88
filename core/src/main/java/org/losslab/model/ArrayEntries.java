package org.losslab.model;

import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.UTFDataFormatException;
import java.nio.file.Path;
import org.nd4j.linalg.api.buffer.DataBuffer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * ND4J's binary array format ({@code Nd4j.write}: a shape buffer, then a data buffer, each a header of allocation
 * mode, length and type before its values), checked before ND4J reads it: ND4J allocates whatever length a header
 * claims, so a crafted 100-byte entry could ask for terabytes. Here every length must fit the bytes that are really
 * there, the shape must be a real one, and its element count must match the data.
 */
final class ArrayEntries {

    /** The highest rank accepted; a network's parameters and updater state are rank 2. */
    static final int MAX_RANK = 32;

    private ArrayEntries() {
    }

    /** What one array in the stream holds. */
    record Checked(long length, DataType type) {
    }

    /**
     * Reads one array from {@code bytes} (the whole entry) after checking it.
     *
     * @param expectedLength the element count it must have, or -1 for any
     */
    static INDArray read(byte[] bytes, Path file, String entry, long expectedLength) {
        DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes));
        Checked checked = check(in, file, entry);
        if (expectedLength >= 0 && checked.length() != expectedLength) {
            throw new ModelException(file, entry, "holds " + checked.length() + " values; the network's configuration "
                    + "needs " + expectedLength);
        }
        try {
            return Nd4j.read(new DataInputStream(new ByteArrayInputStream(bytes)));
        } catch (RuntimeException e) {
            throw new ModelException(file, entry, "not an ND4J array (" + e.getMessage() + ")", e);
        }
    }

    /** Checks one array at the stream's position and moves past it. */
    static Checked check(DataInputStream in, Path file, String entry) {
        try {
            Header shape = header(in, file, entry, "shape");
            if (shape.type() != DataType.LONG && shape.type() != DataType.INT) {
                throw new ModelException(file, entry, "a shape of type " + shape.type() + "; ND4J writes LONG or INT");
            }
            if (shape.length() < 4 || shape.length() > 2L * MAX_RANK + 4) {
                throw new ModelException(file, entry, "a shape of " + shape.length() + " values; an array of rank 0 to "
                        + MAX_RANK + " has 4 to " + (2 * MAX_RANK + 4));
            }
            long[] info = new long[(int) shape.length()];
            for (int i = 0; i < info.length; i++) {
                info[i] = shape.type() == DataType.LONG ? in.readLong() : in.readInt();
            }
            long rank = info[0];
            if (rank < 0 || rank > MAX_RANK || info.length != 2 * rank + 4) {
                throw new ModelException(file, entry, "a shape buffer that is not one (rank " + rank + " in "
                        + info.length + " values)");
            }
            long elements = 1;
            for (int d = 1; d <= rank; d++) {
                if (info[d] < 0) {
                    throw new ModelException(file, entry, "a negative dimension (" + info[d] + ")");
                }
                elements = Math.multiplyExact(elements, info[d]);
            }
            Header data = header(in, file, entry, "data");
            int width = switch (data.type()) {
                case DOUBLE -> 8;
                case FLOAT -> 4;
                case HALF, BFLOAT16 -> 2;
                default -> throw new ModelException(file, entry, "values of type " + data.type()
                        + "; network parameters are DOUBLE, FLOAT, HALF or BFLOAT16");
            };
            if (data.length() != elements) {
                throw new ModelException(file, entry, "a shape of " + elements + " elements but " + data.length()
                        + " values");
            }
            long needed = Math.multiplyExact(data.length(), width);
            if (needed > in.available()) {
                throw new ModelException(file, entry, "claims " + data.length() + " values (" + needed
                        + " bytes) but holds " + in.available() + " bytes");
            }
            in.skipNBytes(needed);
            return new Checked(data.length(), data.type());
        } catch (ArithmeticException e) {
            throw new ModelException(file, entry, "an array too large to exist", e);
        } catch (EOFException | UTFDataFormatException e) {
            throw new ModelException(file, entry, "ends inside an array (truncated or not an ND4J array)", e);
        } catch (IOException e) {
            throw new ModelException(file, entry, "cannot be read (" + e.getMessage() + ")", e);
        }
    }

    private record Header(DataBuffer.AllocationMode mode, long length, DataType type) {
    }

    private static Header header(DataInputStream in, Path file, String entry, String part) throws IOException {
        String modeName = in.readUTF();
        DataBuffer.AllocationMode mode;
        try {
            mode = DataBuffer.AllocationMode.valueOf(modeName);
        } catch (IllegalArgumentException e) {
            throw new ModelException(file, entry, "not an ND4J array (" + part + " buffer: allocation mode \""
                    + shorten(modeName) + "\")", e);
        }
        long length = mode.ordinal() < 3 ? in.readInt() : in.readLong();
        String typeName = in.readUTF();
        DataType type;
        try {
            type = DataType.valueOf(typeName);
        } catch (IllegalArgumentException e) {
            throw new ModelException(file, entry, "not an ND4J array (" + part + " buffer: type \""
                    + shorten(typeName) + "\")", e);
        }
        if (length < 0) {
            throw new ModelException(file, entry, "a " + part + " buffer of negative length " + length);
        }
        return new Header(mode, length, type);
    }

    static String shorten(String text) {
        return org.losslab.io.Bounded.excerpt(text, 60);
    }

}
