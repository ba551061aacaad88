package org.losslab.lecture;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.losslab.data.DataSpec;
import org.losslab.data.Dataset;
import org.losslab.io.SpecException;
import org.losslab.preset.Choices;

/**
 * How much of the lecture to run. The {@link Profile#QUICK quick} profile trains on the first 10,000 training images
 * for 10 epochs (minutes on two cores, the bundled sample when offline); {@link Profile#FULL full} is the book's
 * setting: all 50,000 training images, 30 epochs, validation and test on all 10,000. Every MNIST network is 784-n-10
 * with mini-batches of 10. Start from {@link #quick()} or {@link #full()}; every spec is valid, the constructor
 * names the first field that is not ({@link SpecException}).
 *
 * @param profile    quick or full
 * @param dataset    MNIST, Fashion-MNIST or the bundled sample
 * @param epochs     epochs per network (quick 10, full 30)
 * @param trainLimit training images (quick 10,000, full 0 = all)
 * @param testLimit  validation and test images each (quick 2,000, full 0 = all)
 * @param seeds      the seeds every MNIST network is trained with, each of a network's and its shuffle's ({@code [1]});
 *                   with several, every setting is trained once per seed and reported as a spread
 */
public record LectureSpec(Profile profile, Dataset dataset, int epochs, int trainLimit, int testLimit,
                          List<Long> seeds) {

    /** The most seeds one lecture trains every setting with. */
    public static final int MAX_SEEDS = 100;

    /** The lecture's two profiles; {@link #id()} is how the command line and the report name them. */
    public enum Profile implements Choices.Named {
        /** 10 epochs on the first 10,000 training images, validation and test on 2,000 each. */
        QUICK("quick", 10, 10_000, 2_000),
        /** The book's setting: 30 epochs on all 50,000 training images, validation and test on 10,000 each. */
        FULL("full", 30, 0, 0);

        private final String id;
        private final int epochs;
        private final int trainLimit;
        private final int testLimit;

        Profile(String id, int epochs, int trainLimit, int testLimit) {
            this.id = id;
            this.epochs = epochs;
            this.trainLimit = trainLimit;
            this.testLimit = testLimit;
        }

        @Override
        public String id() {
            return id;
        }

        @Override
        public String toString() {
            return id;
        }
    }

    /**
     * Checks every field.
     *
     * @param profile quick or full
     * @param dataset MNIST, Fashion-MNIST or the bundled sample
     * @param epochs epochs per network (quick 10, full 30)
     * @param trainLimit training images (quick 10,000, full 0 = all)
     * @param testLimit validation and test images each (quick 2,000, full 0 = all)
     * @param seeds the seeds every MNIST network is trained with ({@code [1]})
     */
    public LectureSpec {
        if (profile == null) {
            throw new SpecException("profile", "must be given");
        }
        if (dataset == null) {
            throw new SpecException("dataset", "must be given");
        }
        if (epochs <= 0) {
            throw new SpecException("epochs", "must be > 0, got " + epochs);
        }
        if (trainLimit < 0) {
            throw new SpecException("trainLimit", "must be >= 0 (0 = all), got " + trainLimit);
        }
        if (testLimit < 0) {
            throw new SpecException("testLimit", "must be >= 0 (0 = all), got " + testLimit);
        }
        if (seeds == null || seeds.isEmpty() || seeds.stream().anyMatch(java.util.Objects::isNull)) {
            throw new SpecException("seeds", "must list at least one seed, got " + seeds);
        }
        seeds = List.copyOf(seeds);
        if (new java.util.HashSet<>(seeds).size() != seeds.size()) {
            throw new SpecException("seeds", "each seed once, got " + seeds);
        }
        if (seeds.size() > MAX_SEEDS) {
            throw new SpecException("seeds", "at most " + MAX_SEEDS + " seeds, got " + seeds.size());
        }
    }

    /**
     * Checks every field, with one seed.
     *
     * @param profile quick or full
     * @param dataset MNIST, Fashion-MNIST or the bundled sample
     * @param epochs epochs per network (quick 10, full 30)
     * @param trainLimit training images (quick 10,000, full 0 = all)
     * @param testLimit validation and test images each (quick 2,000, full 0 = all)
     * @param seed the seed of every network and shuffle (1)
     */
    public LectureSpec(Profile profile, Dataset dataset, int epochs, int trainLimit, int testLimit, long seed) {
        this(profile, dataset, epochs, trainLimit, testLimit, List.of(seed));
    }

    /** {@return the first seed: the only one, unless several are given} */
    @JsonIgnore
    public long seed() {
        return seeds.get(0);
    }

    /** {@return whether every setting is trained with several seeds} */
    @JsonIgnore
    public boolean isMultiSeed() {
        return seeds.size() > 1;
    }

    /**
     * @param profile the profile
     * @return the profile's settings on MNIST (or the bundled sample, offline), seed 1
     */
    public static LectureSpec of(Profile profile) {
        return new LectureSpec(profile, Dataset.MNIST, profile.epochs, profile.trainLimit, profile.testLimit,
                List.of(1L));
    }

    /** @return the quick profile on MNIST (or the bundled sample, offline) */
    public static LectureSpec quick() {
        return of(Profile.QUICK);
    }

    /** @return the book's full settings on MNIST */
    public static LectureSpec full() {
        return of(Profile.FULL);
    }

    /** @return whether this is the full profile */
    @JsonIgnore
    public boolean isFull() {
        return profile == Profile.FULL;
    }

    /** @return whether the settings are the book's: the full profile on all of MNIST for 30 epochs */
    @JsonIgnore
    public boolean isBookSetting() {
        return isFull() && dataset == Dataset.MNIST && epochs == 30 && trainLimit == 0 && testLimit == 0;
    }

    /**
     * The data the lecture trains on, found and loaded as {@code DataSpec.of} says (the bundled sample when the data
     * set is the sample).
     *
     * @return the data set with the lecture's limits
     */
    @JsonIgnore
    public DataSpec dataSpec() {
        return DataSpec.of(dataset).withLimits(trainLimit, testLimit);
    }

    /**
     * @param dataset another data set
     *
     * @return a copy with that value
     */
    public LectureSpec withDataset(Dataset dataset) {
        return new LectureSpec(profile, dataset, epochs, trainLimit, testLimit, seeds);
    }

    /**
     * @param epochs epochs per network
     *
     * @return a copy with that value
     */
    public LectureSpec withEpochs(int epochs) {
        return new LectureSpec(profile, dataset, epochs, trainLimit, testLimit, seeds);
    }

    /**
     * @param trainLimit training images, 0 = all
     * @param testLimit  validation and test images each, 0 = all
     * @return a copy with that value
     */
    public LectureSpec withLimits(int trainLimit, int testLimit) {
        return new LectureSpec(profile, dataset, epochs, trainLimit, testLimit, seeds);
    }

    /**
     * @param seed the seed of every network and shuffle
     *
     * @return a copy with that one seed
     */
    public LectureSpec withSeed(long seed) {
        return new LectureSpec(profile, dataset, epochs, trainLimit, testLimit, List.of(seed));
    }

    /**
     * @param seeds the seeds every setting is trained with
     *
     * @return a copy with those seeds
     */
    public LectureSpec withSeeds(List<Long> seeds) {
        return new LectureSpec(profile, dataset, epochs, trainLimit, testLimit, seeds);
    }

    /**
     * @param count how many seeds, from the first one up: {@code withSeedCount(5)} on seed 1 gives seeds 1 to 5
     *
     * @return a copy with those seeds
     */
    public LectureSpec withSeedCount(int count) {
        if (count < 1 || count > MAX_SEEDS) {
            throw new SpecException("seeds", "from 1 to " + MAX_SEEDS + " seeds, got " + count);
        }
        return withSeeds(java.util.stream.LongStream.range(seed(), seed() + count).boxed().toList());
    }

    /**
     * @return the spec as the lecture's record ({@code lecture.json}) holds it: choices as their ids, so that a
     *         folder of an earlier run compares equal
     */
    @JsonIgnore
    public Map<String, Object> toJsonMap() {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("profile", profile.id());
        json.put("dataset", dataset.id());
        json.put("epochs", epochs);
        json.put("trainLimit", trainLimit);
        json.put("testLimit", testLimit);
        if (isMultiSeed()) {
            json.put("seeds", seeds);
        } else {
            json.put("seed", seed()); // as before there were seeds: a one-seed folder of then is still this one's
        }
        return json;
    }

    /**
     * The default name of the run: {@code lecture-quick} or {@code lecture-full}, with the data set when it is not
     * MNIST and the seed when it is not 1, or the seeds when there are several ({@code -seeds-5} for 1 to 5,
     * {@code -seeds-3-8-9} otherwise). Its models go to {@code models/<name>/}, its report to
     * {@code notebooks-export/<name>.ipynb} and {@code .html}.
     *
     * @return the name
     */
    @JsonProperty(access = JsonProperty.Access.READ_ONLY)
    public String name() {
        return "lecture-" + profile.id() + (dataset == Dataset.MNIST ? "" : "-" + dataset.id())
                + (isMultiSeed() ? "-seeds-" + seedsName() : seed() == 1L ? "" : "-seed" + seed());
    }

    private String seedsName() {
        boolean oneToN = true;
        for (int i = 0; i < seeds.size(); i++) {
            oneToN &= seeds.get(i) == i + 1;
        }
        return oneToN ? String.valueOf(seeds.size())
                : String.join("-", seeds.stream().map(String::valueOf).toList());
    }
}
