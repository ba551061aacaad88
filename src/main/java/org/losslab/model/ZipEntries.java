package org.losslab.model;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Enumeration;
import java.util.HashMap;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;
import org.deeplearning4j.util.ModelSerializer;
import org.losslab.io.Bounded;

/**
 * A model zip's entries, read with bounds: the file's size, the number of entries, and for each entry LossLab
 * reads the bytes that really inflate, up to a limit for its kind (the parameters' limit follows from the
 * configuration, so it is taken later with {@link #take}). A zip bomb stops at the limit; entries LossLab does not
 * use are never inflated.
 */
final class ZipEntries {

    /** The largest model file. */
    static final long MAX_FILE = 2L << 30;
    /** The most entries in a model zip (DL4J writes at most six, LossLab one more). */
    static final int MAX_ENTRIES = 64;
    /** What an array entry may hold beyond its values: the headers. */
    static final long HEADROOM = 64 << 10;
    /** Entries read at once, with their limits; the arrays are read on demand. */
    private static final Map<String, Long> SMALL = Map.of(
            ModelSerializer.CONFIGURATION_JSON, 4L << 20,
            ModelSerializer.NORMALIZER_BIN, 1L << 20,
            ModelSerializer.PREPROCESSOR_BIN, 1L << 20,
            ModelSerializer.NO_PARAMS_MARKER, 1024L,
            ModelZip.RUN_ENTRY, 16L << 20);
    /** A marker for an array entry not read yet. */
    private static final byte[] LATER = new byte[0];

    private ZipEntries() {
    }

    /**
     * Reads the entries LossLab uses; array entries ({@code coefficients.bin}, {@code updaterState.bin}) are
     * present as keys and read by {@link #take}.
     */
    static Map<String, byte[]> read(Path file) {
        try {
            if (Files.size(file) > MAX_FILE) {
                throw new ModelException(file, "larger than " + Bounded.bytes(MAX_FILE) + "; not a model LossLab loads");
            }
        } catch (IOException e) {
            throw new ModelException(file, "cannot read (" + e.getMessage() + ")", e);
        }
        Map<String, byte[]> entries = new HashMap<>();
        try (ZipFile zip = new ZipFile(file.toFile())) {
            if (zip.size() > MAX_ENTRIES) {
                throw new ModelException(file, zip.size() + " entries; a model zip has at most " + MAX_ENTRIES);
            }
            for (Enumeration<? extends ZipEntry> all = zip.entries(); all.hasMoreElements(); ) {
                ZipEntry entry = all.nextElement();
                String name = entry.getName();
                if (entries.containsKey(name)) {
                    throw new ModelException(file, name, "appears twice; a model zip names each entry once");
                }
                Long limit = SMALL.get(name);
                if (limit != null) {
                    entries.put(name, bounded(file, zip, entry, limit));
                } else if (name.equals(ModelSerializer.COEFFICIENTS_BIN) || name.equals(ModelSerializer.UPDATER_BIN)) {
                    entries.put(name, LATER);
                }
            }
        } catch (ZipException e) {
            throw new ModelException(file, "not a zip file (" + e.getMessage() + ")", e);
        } catch (IOException e) {
            throw new ModelException(file, "cannot read (" + e.getMessage() + ")", e);
        }
        return entries;
    }

    /** Reads an array entry found by {@link #read}, at most {@code limit} bytes. */
    static byte[] take(Path file, Map<String, byte[]> entries, String name, long limit) {
        try (ZipFile zip = new ZipFile(file.toFile())) {
            ZipEntry entry = zip.getEntry(name);
            if (entry == null) {
                throw new ModelException(file, name, "missing (the file changed while it was read)");
            }
            byte[] bytes = bounded(file, zip, entry, limit);
            entries.put(name, bytes);
            return bytes;
        } catch (IOException e) {
            throw new ModelException(file, name, "cannot read (" + e.getMessage() + ")", e);
        }
    }

    private static byte[] bounded(Path file, ZipFile zip, ZipEntry entry, long limit) {
        if (entry.isDirectory()) {
            throw new ModelException(file, entry.getName(), "a folder where DL4J writes a file");
        }
        try (InputStream in = zip.getInputStream(entry)) {
            return Bounded.readAll(in, limit);
        } catch (Bounded.TooLargeException e) {
            throw new ModelException(file, entry.getName(), "inflates to more than " + Bounded.bytes(limit)
                    + ", more than a model of this configuration needs", e);
        } catch (IOException e) {
            throw new ModelException(file, entry.getName(), "damaged (" + e.getMessage() + ")", e);
        }
    }
}
