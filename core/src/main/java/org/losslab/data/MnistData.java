package org.losslab.data;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.losslab.io.Checksums;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A data set loaded into memory and split the book's way: the training file's first five sixths for training
 * (50,000 of MNIST's 60,000), its last sixth for validation (10,000), and the test file for testing.
 *
 * @param spec       what was asked for: the data set, where to look, the limits (the one source of truth for code
 *             that
 *                   is handed loaded data, which checks it with {@link #matches(DataSpec)})
 * @param location   where the files came from, with the report of every place tried
 * @param train      training split
 * @param validation validation split (for choosing hyperparameters; never the test set)
 * @param test       test split
 * @param files      the four files with their MD5s
 */
public record MnistData(DataSpec spec, Located location, Split train, Split validation, Split test,
                        List<FileInfo> files) {

    private static final Logger LOG = LoggerFactory.getLogger(MnistData.class);

    /**
     * One file of the data set.
     *
     * @param part         which of the four
     * @param name         its path (or its name in the bundled sample)
     * @param md5          MD5 of its bytes as stored
     * @param canonicalMd5 the canonical MD5 of the original {@code .gz} file, where there is one
     */
    public record FileInfo(Dataset.Part part, String name, String md5, Optional<String> canonicalMd5) {
        /** {@return whether the stored bytes are the canonical {@code .gz} file} */
        public boolean matchesCanonical() {
            return canonicalMd5.filter(md5::equals).isPresent();
        }
    }

    /**
     * Whether this is the data {@code wanted} asks for: the same data set and limits (where it was looked for may
     * differ; the checksums in run records tell the files apart).
     *
     * @param wanted the data an experiment, search or lecture names
     * @return whether this data is that
     */
    public boolean matches(DataSpec wanted) {
        return spec.dataset() == wanted.dataset() && spec.trainLimit() == wanted.trainLimit()
                && spec.testLimit() == wanted.testLimit();
    }

    /**
     * @param wanted the data an experiment, search or lecture names
     * @param field  the field that names it, for the message
     * @throws org.losslab.io.SpecException naming {@code field} when this is not that data
     */
    public void check(DataSpec wanted, String field) {
        if (!matches(wanted)) {
            throw new org.losslab.io.SpecException(field, "names " + describe(wanted) + " but the loaded data is "
                    + describe(spec));
        }
    }

    private static String describe(DataSpec spec) {
        return spec.dataset().id() + " (trainLimit " + spec.trainLimit() + ", testLimit " + spec.testLimit() + ")";
    }

    /** {@return the data set, for reports} */
    public Dataset dataset() {
        return location.dataset();
    }

    /**
     * Finds (or downloads) the data, reads and checks the four files, and splits them.
     *
     * @param spec what was asked for: the data set, where to look, the limits (the one source of truth for code that
     *             is handed loaded data, which checks it with {@link #matches(DataSpec)})
     * @return the three splits, with where they came from and the files' MD5s
     */
    public static MnistData load(DataSpec spec) {
        return load(spec, DownloadListener.NONE);
    }

    /**
     * As {@link #load(DataSpec)}, telling {@code progress} how downloads go.
     *
     * @param spec what was asked for: the data set, where to look, the limits (the one source of truth for code that
     *             is handed loaded data, which checks it with {@link #matches(DataSpec)})
     * @param progress hears how downloads go
     * @return the three splits, with where they came from and the files' MD5s
     */
    public static MnistData load(DataSpec spec, DownloadListener progress) {
        Located location = DataLocator.locate(spec, progress);
        return load(spec, location);
    }

    /** Reads and checks the four files {@code spec} was found at, and splits them as it says. */
    private static MnistData load(DataSpec spec, Located location) {
        int trainLimit = spec.trainLimit();
        int testLimit = spec.testLimit();
        long start = System.nanoTime();
        Idx.Images trainImages = Idx.readImages(location.name(Dataset.Part.TRAIN_IMAGES),
                location.opener(Dataset.Part.TRAIN_IMAGES));
        byte[] trainLabels = Idx.readLabels(location.name(Dataset.Part.TRAIN_LABELS),
                location.opener(Dataset.Part.TRAIN_LABELS));
        Idx.Images testImages = Idx.readImages(location.name(Dataset.Part.TEST_IMAGES),
                location.opener(Dataset.Part.TEST_IMAGES));
        byte[] testLabels = Idx.readLabels(location.name(Dataset.Part.TEST_LABELS),
                location.opener(Dataset.Part.TEST_LABELS));
        sameCount(location, Dataset.Part.TRAIN_IMAGES, trainImages.count(), Dataset.Part.TRAIN_LABELS,
                trainLabels.length);
        sameCount(location, Dataset.Part.TEST_IMAGES, testImages.count(), Dataset.Part.TEST_LABELS,
                testLabels.length);

        int trainFile = trainLabels.length;
        int validationSize = validationSize(trainFile);
        int trainEnd = trainFile - validationSize;
        Split train = Split.of("train", trainImages, trainLabels, 0, limit(trainEnd, trainLimit));
        Split validation = Split.of("validation", trainImages, trainLabels, trainEnd,
                trainEnd + limit(validationSize, testLimit));
        Split test = Split.of("test", testImages, testLabels, 0, limit(testLabels.length, testLimit));
        List<FileInfo> files = new ArrayList<>();
        for (Dataset.Part part : Dataset.Part.values()) {
            files.add(new FileInfo(part, location.name(part), md5(location, part),
                    location.dataset().canonicalGzMd5(part)));
        }
        LOG.info("loaded {} from {} in {} ms: {}, {}, {}", location.dataset().id(), location.source(),
                (System.nanoTime() - start) / 1_000_000, train, validation, test);
        return new MnistData(spec, location, train, validation, test, files);
    }

    /**
     * {@return the validation split's size for a training file of {@code n} examples: the last sixth, rounded}
     *
     * @param n the number
     */
    public static int validationSize(int n) {
        return (int) Math.round(n / 6.0);
    }

    private static int limit(int available, int limit) {
        return limit == 0 ? available : Math.min(available, limit);
    }

    private static void sameCount(Located location, Dataset.Part images, int imageCount, Dataset.Part labels,
                                  int labelCount) {
        if (imageCount != labelCount) {
            throw new DataException(location.name(images) + " holds " + imageCount + " images but "
                    + location.name(labels) + " holds " + labelCount + " labels");
        }
    }

    static String md5(Located location, Dataset.Part part) {
        try (InputStream in = location.opener(part).open()) {
            return Checksums.md5(in);
        } catch (IOException e) {
            throw new DataException(location.name(part) + ": cannot read (" + e.getMessage() + ")", e);
        }
    }

    /**
     * {@return the MD5 of a part's decompressed content (what the canonical checksums of recompressed copies match)}
     *
     * @param location where the files came from, with the report of every place tried
     * @param part which of the four
     */
    public static String contentMd5(Located location, Dataset.Part part) {
        try (InputStream in = Idx.decompressed(location.opener(part))) {
            return Checksums.md5(in);
        } catch (IOException e) {
            throw new DataException(location.name(part) + ": cannot read (" + e.getMessage() + ")", e);
        }
    }
}
