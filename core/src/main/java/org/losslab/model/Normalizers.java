package org.losslab.model;

import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InvalidClassException;
import java.nio.file.Path;
import org.deeplearning4j.util.ModelSerializer;
import org.losslab.io.SafeObjectInput;
import org.losslab.io.SerialFilters;
import org.nd4j.linalg.dataset.api.DataSetPreProcessor;
import org.nd4j.linalg.dataset.api.preprocessor.DataNormalization;
import org.nd4j.linalg.dataset.api.preprocessor.serializer.NormalizerSerializer;
import org.nd4j.linalg.dataset.api.preprocessor.serializer.NormalizerType;

/**
 * A model zip's {@code normalizer.bin} and {@code preprocessor.bin}, read without running anything the file names.
 * DL4J's {@code NormalizerSerializer} would instantiate a "custom" strategy class named in the header, and
 * {@code ModelSerializer.restoreNormalizerFromFile} falls back to Java deserialization of the whole file (and then
 * rewrites it); here only DL4J's built-in single-input normalisers load, their arrays checked first, and an old
 * Java-serialized normaliser or a preprocessor only through {@link SerialFilters#MODEL_OBJECTS}.
 */
final class Normalizers {

    private static final String HEADER = "NORMALIZER";

    private Normalizers() {
    }

    /** The normaliser of {@code normalizer.bin}'s bytes, or null when the zip has none ({@code bytes} null). */
    static DataNormalization read(Path file, byte[] bytes) {
        if (bytes == null) {
            return null;
        }
        String entry = ModelSerializer.NORMALIZER_BIN;
        if (!hasHeader(bytes)) {
            Object old = objects(file, entry, bytes);
            if (!(old instanceof DataNormalization normalizer)) {
                throw new ModelException(file, entry, "holds a " + old.getClass().getName() + ", not a normaliser");
            }
            return normalizer;
        }
        DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes));
        try {
            in.readUTF();
            int version = in.readInt();
            if (version != 1) {
                throw new ModelException(file, entry, "normaliser format version " + version + "; DL4J writes 1");
            }
            String typeName = in.readUTF();
            NormalizerType type;
            try {
                type = NormalizerType.valueOf(typeName);
            } catch (IllegalArgumentException e) {
                throw new ModelException(file, entry, "an unknown normaliser type \"" + ArrayEntries.shorten(typeName)
                        + "\"", e);
            }
            switch (type) {
                case IMAGE_MIN_MAX -> {
                    in.readDouble();
                    in.readDouble();
                    in.readDouble();
                }
                case STANDARDIZE -> arrays(in, file, entry, in.readBoolean() ? 4 : 2);
                case MIN_MAX -> {
                    boolean labels = in.readBoolean();
                    in.readDouble();
                    in.readDouble();
                    arrays(in, file, entry, labels ? 4 : 2);
                }
                case CUSTOM -> throw new ModelException(file, entry, "a custom normaliser strategy ("
                        + ArrayEntries.shorten(in.readUTF()) + "); LossLab loads only DL4J's built-in normalisers "
                        + "and does not instantiate classes a file names");
                default -> throw new ModelException(file, entry, "a " + type + " normaliser; LossLab's models take "
                        + "one input and load IMAGE_MIN_MAX, STANDARDIZE or MIN_MAX");
            }
            return NormalizerSerializer.getDefault().restore(new ByteArrayInputStream(bytes));
        } catch (ModelException e) {
            throw e;
        } catch (Exception e) {
            throw new ModelException(file, entry, "not a DL4J normaliser (" + e.getMessage() + ")", e);
        }
    }

    /**
     * Checks {@code preprocessor.bin}, which {@code ModelSerializer} deserializes and then ignores for a
     * {@code MultiLayerNetwork}: refused unless it is one of ND4J's preprocessors under the allow-list.
     */
    static void checkPreprocessor(Path file, byte[] bytes) {
        if (bytes == null) {
            return;
        }
        Object object = objects(file, ModelSerializer.PREPROCESSOR_BIN, bytes);
        if (!(object instanceof DataSetPreProcessor)) {
            throw new ModelException(file, ModelSerializer.PREPROCESSOR_BIN, "holds a " + object.getClass().getName()
                    + ", not a data set preprocessor");
        }
    }

    private static boolean hasHeader(byte[] bytes) {
        try {
            return HEADER.equals(new DataInputStream(new ByteArrayInputStream(bytes)).readUTF());
        } catch (IOException e) {
            return false;
        }
    }

    private static void arrays(DataInputStream in, Path file, String entry, int count) {
        for (int i = 0; i < count; i++) {
            ArrayEntries.check(in, file, entry);
        }
    }

    private static Object objects(Path file, String entry, byte[] bytes) {
        try {
            return SafeObjectInput.read(bytes, SerialFilters.MODEL_OBJECTS);
        } catch (SafeObjectInput.RefusedClassException e) {
            throw new ModelException(file, entry, "a Java object of class " + e.className() + ", which LossLab does "
                    + "not deserialize (only ND4J's preprocessors and scalers)", e);
        } catch (InvalidClassException e) {
            throw new ModelException(file, entry, "a Java object graph past LossLab's bounds ("
                    + SerialFilters.MODEL_OBJECTS.bounds() + ")", e);
        } catch (IOException | RuntimeException e) {
            throw new ModelException(file, entry, "not a Java-serialized normaliser or preprocessor ("
                    + e.getMessage() + ")", e);
        }
    }
}
