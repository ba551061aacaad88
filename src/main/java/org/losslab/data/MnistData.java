package org.losslab.data;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import org.losslab.io.Checksums;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A data set loaded into memory and split the book's way: the training file's first five sixths for training
 * (50,000 of MNIST's 60,000), its last sixth for validation (10,000), and the test file for testing.
 *
 * @param location   where the files came from, with the report of every place tried
 * @param train      training split
 * @param validation validation split (for choosing hyperparameters; never the test set)
 * @param test       test split
 * @param files      the four files with their MD5s
 */
public record MnistData(Located location, Split train, Split validation, Split test, List<FileInfo> files) {

    private static final Logger LOG = LoggerFactory.getLogger(MnistData.class);

    /**
     * One file of the data set.
     *
     * @param part         which of the four
     * @param name         its path (or its name in the bundled sample)
     * @param md5          MD5 of its bytes as stored
     * @param canonicalMd5 the canonical MD5 of the original {@code .gz} file, or null where there is none
     */
    public record FileInfo(Dataset.Part part, String name, String md5, String canonicalMd5) {
        /** Whether the stored bytes are the canonical {@code .gz} file. */
        public boolean matchesCanonical() {
            return md5.equals(canonicalMd5);
        }
    }

    /** The data set, for reports. */
    public Dataset dataset() {
        return location.dataset();
    }

    /** Finds (or downloads) the data, reads and checks the four files, and splits them. */
    public static MnistData load(DataSpec spec) {
        return load(spec, DownloadProgress.NONE);
    }

    /** As {@link #load(DataSpec)}, telling {@code progress} how downloads go. */
    public static MnistData load(DataSpec spec, DownloadProgress progress) {
        Located location = DataLocator.locate(spec, progress);
        return load(location, spec.trainLimit(), spec.testLimit());
    }

    /** Reads and checks the four files of a location, and splits them; limits of 0 mean all. */
    public static MnistData load(Located location, int trainLimit, int testLimit) {
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
        return new MnistData(location, train, validation, test, files);
    }

    /** The validation split's size for a training file of {@code n} examples: the last sixth, rounded. */
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

    /** The MD5 of a part's decompressed content (what the canonical checksums of recompressed copies match). */
    public static String contentMd5(Located location, Dataset.Part part) {
        try (InputStream in = Idx.decompressed(location.opener(part))) {
            return Checksums.md5(in);
        } catch (IOException e) {
            throw new DataException(location.name(part) + ": cannot read (" + e.getMessage() + ")", e);
        }
    }
}
