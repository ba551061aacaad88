package org.losslab.lecture;

import com.fasterxml.jackson.annotation.JsonIgnore;
import org.losslab.data.Dataset;

/**
 * How much of the lecture to run. The {@code quick} profile trains on the first 10,000 training images for 10
 * epochs (minutes on two cores, the bundled sample when offline); {@code full} is the book's setting: all 50,000
 * training images, 30 epochs, validation and test on all 10,000. Every MNIST network is 784-n-10 with mini-batches
 * of 10. Missing fields take the profile's defaults; {@link #validated()} names the field that is wrong.
 *
 * @param profile    {@code quick} or {@code full}
 * @param dataset    {@code mnist}, {@code fashion-mnist} or {@code sample}
 * @param epochs     epochs of every MNIST network (quick 10, full 30)
 * @param trainLimit training images (quick 10,000, full 0 = all)
 * @param testLimit  validation and test images each (quick 2,000, full 0 = all)
 * @param seed       seed of every network and shuffle
 */
public record LectureSpec(String profile, String dataset, Integer epochs, Integer trainLimit, Integer testLimit,
                          Long seed) {

    /** The quick profile's name. */
    public static final String QUICK = "quick";
    /** The full profile's name: the book's settings. */
    public static final String FULL = "full";

    public LectureSpec {
        profile = profile == null ? QUICK : profile;
        boolean full = FULL.equals(profile);
        dataset = dataset == null ? Dataset.MNIST.id() : dataset;
        epochs = epochs == null ? (full ? 30 : 10) : epochs;
        trainLimit = trainLimit == null ? (full ? 0 : 10_000) : trainLimit;
        testLimit = testLimit == null ? (full ? 0 : 2_000) : testLimit;
        seed = seed == null ? 1L : seed;
    }

    /** The quick profile on MNIST (or the bundled sample). */
    public static LectureSpec quick() {
        return new LectureSpec(QUICK, null, null, null, null, null);
    }

    /** The book's full settings on MNIST. */
    public static LectureSpec full() {
        return new LectureSpec(FULL, null, null, null, null, null);
    }

    /** Whether this is the full profile. */
    @JsonIgnore
    public boolean isFull() {
        return FULL.equals(profile);
    }

    /** Whether the settings are the book's: the full profile on all of MNIST for 30 epochs. */
    @JsonIgnore
    public boolean isBookSetting() {
        return isFull() && dataset.equals(Dataset.MNIST.id()) && epochs == 30 && trainLimit == 0 && testLimit == 0;
    }

    /** A copy with another data set. */
    public LectureSpec withDataset(String dataset) {
        return new LectureSpec(profile, dataset, epochs, trainLimit, testLimit, seed);
    }

    /** A copy with other epochs and limits (null keeps the current value). */
    public LectureSpec withSize(Integer epochs, Integer trainLimit, Integer testLimit) {
        return new LectureSpec(profile, dataset, epochs == null ? this.epochs : epochs,
                trainLimit == null ? this.trainLimit : trainLimit, testLimit == null ? this.testLimit : testLimit,
                seed);
    }

    /** A copy with another seed. */
    public LectureSpec withSeed(long seed) {
        return new LectureSpec(profile, dataset, epochs, trainLimit, testLimit, seed);
    }

    /** Checks every field; throws {@link IllegalArgumentException} naming the first wrong one. */
    public LectureSpec validated() {
        if (!profile.equals(QUICK) && !profile.equals(FULL)) {
            throw new IllegalArgumentException("profile: expected quick or full, got '" + profile + "'");
        }
        Dataset.parse(dataset);
        if (epochs <= 0) {
            throw new IllegalArgumentException("epochs: must be > 0, got " + epochs);
        }
        if (trainLimit < 0 || testLimit < 0) {
            throw new IllegalArgumentException("trainLimit, testLimit: must be >= 0 (0 = all), got " + trainLimit
                    + ", " + testLimit);
        }
        return this;
    }

    /**
     * The default name of the run: {@code lecture-quick} or {@code lecture-full}, with the data set when it is not
     * MNIST and the seed when it is not 1. Its models go to {@code models/<name>/}, its report to
     * {@code notebooks-export/<name>.ipynb} and {@code .html}.
     */
    public String name() {
        return "lecture-" + profile + (dataset.equals(Dataset.MNIST.id()) ? "" : "-" + dataset)
                + (seed == 1L ? "" : "-seed" + seed);
    }
}
