package org.losslab.model;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Enumeration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;
import org.deeplearning4j.util.ModelSerializer;
import org.losslab.io.Bounded;

/**
 * A model zip opened for reading with bounds: the file's size, the number of entries, and for each entry the bytes
 * that really inflate, up to a limit for its kind. The small entries are read at once; the arrays
 * ({@code coefficients.bin}, {@code updaterState.bin}) by {@link #array}, whose limit follows from the configuration.
 * A zip bomb stops at the limit; entries LossLab does not use are never inflated.
 */
final class ZipEntries implements AutoCloseable {

    /** The largest model file. */
    static final long MAX_FILE = 2L << 30;
    /** The most entries in a model zip (DL4J writes at most six, LossLab one more). */
    static final int MAX_ENTRIES = 64;
    /** What an array entry may hold beyond its values: the headers. */
    static final long HEADROOM = 64 << 10;
    /** The entries read at once, with their limits. */
    private static final Map<String, Long> SMALL = Map.of(
            ModelSerializer.CONFIGURATION_JSON, 4L << 20,
            ModelSerializer.NORMALIZER_BIN, 1L << 20,
            ModelSerializer.PREPROCESSOR_BIN, 1L << 20,
            ModelSerializer.NO_PARAMS_MARKER, 1024L,
            ModelZip.RUN_ENTRY, 16L << 20);

    private final Path file;
    private final ZipFile zip;
    private final Map<String, byte[]> small = new HashMap<>();

    private ZipEntries(Path file, ZipFile zip) {
        this.file = file;
        this.zip = zip;
    }

    /** Opens {@code file}, checks its size and entries, and reads the small entries. */
    static ZipEntries open(Path file) {
        try {
            if (Files.size(file) > MAX_FILE) {
                throw new ModelException(file, "larger than " + Bounded.bytes(MAX_FILE) + "; not a model LossLab loads");
            }
        } catch (IOException e) {
            throw new ModelException(file, "cannot read (" + e.getMessage() + ")", e);
        }
        ZipFile zip;
        try {
            zip = new ZipFile(file.toFile());
        } catch (ZipException e) {
            throw new ModelException(file, "not a zip file (" + e.getMessage() + ")", e);
        } catch (IOException e) {
            throw new ModelException(file, "cannot read (" + e.getMessage() + ")", e);
        }
        ZipEntries entries = new ZipEntries(file, zip);
        try {
            entries.readSmall();
            return entries;
        } catch (RuntimeException e) {
            entries.close();
            throw e;
        }
    }

    private void readSmall() {
        if (zip.size() > MAX_ENTRIES) {
            throw new ModelException(file, zip.size() + " entries; a model zip has at most " + MAX_ENTRIES);
        }
        Set<String> names = new HashSet<>();
        for (Enumeration<? extends ZipEntry> all = zip.entries(); all.hasMoreElements(); ) {
            ZipEntry entry = all.nextElement();
            if (!names.add(entry.getName())) {
                throw new ModelException(file, entry.getName(), "appears twice; a model zip names each entry once");
            }
            Long limit = SMALL.get(entry.getName());
            if (limit != null) {
                small.put(entry.getName(), bounded(entry, limit));
            }
        }
    }

    /** Whether the zip has an entry of that name. */
    boolean has(String name) {
        return zip.getEntry(name) != null;
    }

    /** A small entry's bytes, or null when the zip has none. */
    byte[] small(String name) {
        return small.get(name);
    }

    /** An array entry's bytes, at most {@code limit} of them. */
    byte[] array(String name, long limit) {
        ZipEntry entry = zip.getEntry(name);
        if (entry == null) {
            throw new ModelException(file, name, "missing");
        }
        return bounded(entry, limit);
    }

    private byte[] bounded(ZipEntry entry, long limit) {
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

    @Override
    public void close() {
        try {
            zip.close();
        } catch (IOException e) {
            // only read; nothing to lose
        }
    }
}
