package org.losslab.spark;

import java.io.IOException;
import java.io.InputStream;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.losslab.data.DataException;
import org.losslab.data.DataSpec;
import org.losslab.data.Dataset;
import org.losslab.data.Located;
import org.losslab.data.MnistData;
import org.losslab.io.Bounded;
import org.losslab.io.Checksums;

/**
 * A data set as the driver loaded it, sent to every executor once (a Spark broadcast): the four files' bytes as they
 * are stored, their MD5s, and where the driver found them. An executor writes the bytes to a folder of its own,
 * loads them as the driver did, checks every file's MD5 against the driver's, and then reports the driver's
 * location, so that a run record made on an executor names the same data as one made on the driver.
 */
final class DataPayload implements Serializable {

    private static final long serialVersionUID = 1L;

    /** What each executor JVM has loaded, by {@link #key()}. */
    private static final Map<String, MnistData> LOADED = new ConcurrentHashMap<>();

    private final Dataset dataset;
    private final int trainLimit;
    private final int testLimit;
    private final String source;
    private final String folder;
    private final ArrayList<String> steps;
    private final String[] names;
    private final String[] md5;
    private final String[] canonical;
    private final byte[][] bytes;

    private DataPayload(MnistData data) throws IOException {
        dataset = data.dataset();
        trainLimit = data.spec().trainLimit();
        testLimit = data.spec().testLimit();
        source = data.location().source();
        folder = data.location().folder().map(Path::toString).orElse("");
        steps = new ArrayList<>(data.location().steps());
        int n = Dataset.Part.values().length;
        names = new String[n];
        md5 = new String[n];
        canonical = new String[n];
        bytes = new byte[n][];
        for (MnistData.FileInfo file : data.files()) {
            int i = file.part().ordinal();
            names[i] = file.name();
            md5[i] = file.md5();
            canonical[i] = file.canonicalMd5().orElse("");
            try (InputStream in = data.location().opener(file.part()).open()) {
                bytes[i] = Bounded.readAll(in, Integer.MAX_VALUE - 64);
            }
            if (!Checksums.md5(bytes[i]).equals(md5[i])) {
                throw new DataException(file.name() + ": changed on disk while the search started (MD5 " + md5[i]
                        + " when loaded, " + Checksums.md5(bytes[i]) + " now)");
            }
        }
    }

    /**
     * @param data the driver's loaded data
     * @return its payload, read from where the driver found it
     */
    static DataPayload of(MnistData data) {
        try {
            return new DataPayload(data);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@return what tells data sets apart: the data set, the limits and the four MD5s} */
    String key() {
        return dataset + "/" + trainLimit + "/" + testLimit + "/" + String.join(",", md5);
    }

    /**
     * @param data loaded data
     * @return the {@link #key()} its payload would have, without reading its files
     */
    static String key(MnistData data) {
        return data.dataset() + "/" + data.spec().trainLimit() + "/" + data.spec().testLimit() + "/"
                + String.join(",", data.files().stream().sorted(java.util.Comparator.comparing(
                        (MnistData.FileInfo f) -> f.part().ordinal())).map(MnistData.FileInfo::md5).toList());
    }

    /** {@return the payload's size in bytes} */
    long size() {
        long size = 0;
        for (byte[] file : bytes) {
            size += file.length;
        }
        return size;
    }

    /**
     * The data on this executor, loaded once per JVM.
     *
     * @param scratch a folder of the executor's own, for the files
     * @param executor the executor's name, for messages
     * @return the data, with the driver's location and file names
     * @throws DataException naming the executor and the file when a file's bytes are not the driver's
     */
    MnistData materialize(Path scratch, String executor) {
        return LOADED.computeIfAbsent(key(), k -> load(scratch, executor));
    }

    private MnistData load(Path scratch, String executor) {
        try {
            Path dir = Files.createTempDirectory(Files.createDirectories(scratch), "data");
            List<MnistData.FileInfo> files = new ArrayList<>();
            for (Dataset.Part part : Dataset.Part.values()) {
                int i = part.ordinal();
                String got = Checksums.md5(bytes[i]);
                if (!got.equals(md5[i])) {
                    throw new DataException("executor " + executor + ": " + names[i] + " arrived with MD5 " + got
                            + ", not the driver's " + md5[i]);
                }
                boolean gz = bytes[i].length >= 2 && (bytes[i][0] & 0xff) == 0x1f && (bytes[i][1] & 0xff) == 0x8b;
                Files.write(dir.resolve(gz ? part.gzName() : part.baseName()), bytes[i]);
                files.add(new MnistData.FileInfo(part, names[i], md5[i],
                        canonical[i].isEmpty() ? Optional.empty() : Optional.of(canonical[i])));
            }
            DataSpec spec = DataSpec.of(dataset).withDataDir(dir).withDownload(false).withSampleFallback(false)
                    .withLimits(trainLimit, testLimit);
            MnistData loaded = MnistData.load(spec);
            for (MnistData.FileInfo file : loaded.files()) {
                if (!file.md5().equals(md5[file.part().ordinal()])) {
                    throw new DataException("executor " + executor + ": " + names[file.part().ordinal()]
                            + " reads back with MD5 " + file.md5() + ", not the driver's "
                            + md5[file.part().ordinal()]);
                }
            }
            Located driver = new Located(dataset, source,
                    folder.isEmpty() ? Optional.empty() : Optional.of(Path.of(folder)),
                    steps);
            return new MnistData(DataSpec.of(dataset).withLimits(trainLimit, testLimit), driver, loaded.train(),
                    loaded.validation(), loaded.test(), files);
        } catch (IOException e) {
            throw new DataException("executor " + executor + ": cannot write the data to " + scratch + " ("
                    + e.getMessage() + ")", e);
        }
    }

    /** For tests: a payload whose file {@code part} has other bytes than its MD5 says (a damaged copy). */
    DataPayload damaged(Dataset.Part part) {
        bytes[part.ordinal()] = bytes[part.ordinal()].clone();
        bytes[part.ordinal()][bytes[part.ordinal()].length / 2] ^= 1;
        return this;
    }
}
