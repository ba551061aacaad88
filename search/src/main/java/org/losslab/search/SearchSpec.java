package org.losslab.search;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.losslab.data.Dataset;
import org.losslab.io.SpecException;
import org.losslab.preset.Choices;
import org.losslab.preset.HiddenActivation;
import org.losslab.preset.Initialization;
import org.losslab.preset.Preset;

/**
 * What a search tries. Built with {@link #builder()} (every field has a default) or read from a JSON file whose field
 * names are the components' and whose choices are their ids ({@code "quadratic-sigmoid"}, {@code "grid"}); every
 * spec is valid, the constructor names the first field that is not ({@link SpecException}).
 *
 * @param presets       presets (cost and output activation move together); default cross-entropy + sigmoid
 * @param activations   hidden activations; default sigmoid
 * @param hidden        hidden layer sizes, one list per choice, e.g. {@code [[30], [100]]}; default {@code [[30]]}
 * @param eta           learning rates to try; empty when {@code etaRange} is given; default {@code [0.5]}
 * @param etaRange      {@code [min, max]}, split into {@code gridPoints} values by the grid generator and drawn
 *                      from by the random one; empty (the default) when {@code eta} lists the values
 * @param lambda        L2 λ values (the book's convention, λ/2n Σw²); default {@code [0]}
 * @param epochs        epochs per candidate; default 30
 * @param batch         mini-batch size; default 10
 * @param init          weight initialisation; default large (N(0, 1))
 * @param seed          seed of every candidate's network and of the random generator; default 1
 * @param generator     grid (every combination) or random; default grid
 * @param score         what ranks the candidates; default validation accuracy
 * @param maxCandidates the most candidates to train (a grid larger than this is refused); default 50
 * @param maxMinutes    no candidate starts after this many minutes; default 1440
 * @param gridPoints    values a range is split into by the grid generator; default 3
 * @param dataset       data set; default MNIST
 * @param trainLimit    training examples per candidate, 0 = all (the default)
 * @param testLimit     validation and test examples each, 0 = all (the default)
 * @param pruner        which candidates stop early as hopeless ({@link Pruner}); default none
 */
public record SearchSpec(List<Preset> presets, List<HiddenActivation> activations, List<List<Integer>> hidden,
                         List<Double> eta, List<Double> etaRange, List<Double> lambda, int epochs, int batch,
                         Initialization init, long seed, Generator generator, Score score, int maxCandidates,
                         double maxMinutes, int gridPoints, Dataset dataset, int trainLimit, int testLimit,
                         Pruner pruner) {

    private static final ObjectMapper JSON = org.losslab.io.StrictJson.mapper()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    /** The largest spec file read; a spec is a few hundred bytes. */
    public static final long MAX_BYTES = 1L << 20;
    /**
     * The most candidates one search trains: a bound checked before anything is generated, so a spec that asks
     * for billions is refused at once instead of spinning while its grid is built.
     */
    public static final int MAX_CANDIDATES = 10_000;

    /**
     * Checks every field and copies the lists; throws {@link SpecException} naming the first wrong field.
     *
     * @param presets presets (cost and output activation move together); default cross-entropy + sigmoid
     * @param activations hidden activations; default sigmoid
     * @param hidden hidden layer sizes, one list per choice, e.g. {@code [[30], [100]]}; default {@code [[30]]}
     * @param eta learning rates to try; empty when {@code etaRange} is given; default {@code [0.5]}
     * @param etaRange {@code [min, max]}, split into {@code gridPoints} values by the grid generator and drawn from
     *                 by the random one; empty (the default) when {@code eta} lists the values
     * @param lambda L2 λ values (the book's convention, λ/2n Σw²); default {@code [0]}
     * @param epochs epochs per candidate; default 30
     * @param batch mini-batch size; default 10
     * @param init weight initialisation; default large (N(0, 1))
     * @param seed seed of every candidate's network and of the random generator; default 1
     * @param generator grid (every combination) or random; default grid
     * @param score what ranks the candidates; default validation accuracy
     * @param maxCandidates the most candidates to train (a grid larger than this is refused); default 50
     * @param maxMinutes no candidate starts after this many minutes; default 1440
     * @param gridPoints values a range is split into by the grid generator; default 3
     * @param dataset data set; default MNIST
     * @param trainLimit training examples per candidate, 0 = all (the default)
     * @param testLimit validation and test examples each, 0 = all (the default)
     * @param pruner which candidates stop early as hopeless ({@link Pruner}); default none
     */
    public SearchSpec {
        presets = nonEmpty("presets", presets);
        activations = nonEmpty("activations", activations);
        hidden = nonEmpty("hidden", hidden).stream().map(sizes -> {
            if (sizes == null || sizes.isEmpty() || sizes.stream().anyMatch(size -> size == null || size <= 0)) {
                throw new SpecException("hidden", "every choice must list positive layer sizes, got " + sizes);
            }
            return List.copyOf(sizes);
        }).toList();
        eta = copy("eta", eta);
        etaRange = copy("etaRange", etaRange);
        if (!eta.isEmpty() && !etaRange.isEmpty()) {
            throw new SpecException("eta", "give eta or etaRange, not both");
        }
        if (eta.isEmpty() && etaRange.isEmpty()) {
            throw new SpecException("eta", "give the values to try, or etaRange [min, max]");
        }
        for (double value : eta) {
            if (!(value > 0) || Double.isInfinite(value)) {
                throw new SpecException("eta", "every value must be a finite number > 0, got " + eta);
            }
        }
        if (!etaRange.isEmpty() && (etaRange.size() != 2 || !(etaRange.get(0) > 0)
                || !(etaRange.get(1) >= etaRange.get(0)) || etaRange.get(1).isInfinite())) {
            throw new SpecException("etaRange", "must be [min, max] with 0 < min <= max, got " + etaRange);
        }
        lambda = nonEmpty("lambda", lambda);
        for (double value : lambda) {
            if (!(value >= 0) || Double.isInfinite(value)) {
                throw new SpecException("lambda", "every value must be a finite number >= 0, got " + lambda);
            }
        }
        positive("epochs", epochs);
        positive("batch", batch);
        given("init", init);
        given("generator", generator);
        given("score", score);
        given("dataset", dataset);
        given("pruner", pruner);
        positive("maxCandidates", maxCandidates);
        if (maxCandidates > MAX_CANDIDATES) {
            throw new SpecException("maxCandidates", "at most " + MAX_CANDIDATES + " candidates in one search, got "
                    + maxCandidates);
        }
        if (!(maxMinutes > 0)) {
            throw new SpecException("maxMinutes", "must be > 0, got " + maxMinutes);
        }
        positive("gridPoints", gridPoints);
        if (gridPoints > MAX_CANDIDATES) {
            throw new SpecException("gridPoints", "at most " + MAX_CANDIDATES + ", got " + gridPoints);
        }
        if (trainLimit < 0) {
            throw new SpecException("trainLimit", "must be >= 0 (0 = all), got " + trainLimit);
        }
        if (testLimit < 0) {
            throw new SpecException("testLimit", "must be >= 0 (0 = all), got " + testLimit);
        }
        long grid = gridSize(presets, activations, hidden, eta, etaRange, lambda, gridPoints);
        if (generator == Generator.GRID && grid > maxCandidates) {
            throw new SpecException("maxCandidates", "the grid has " + grid + " candidates, more than maxCandidates "
                    + maxCandidates + "; raise maxCandidates or narrow the grid");
        }
    }

    /**
     * A builder with every default: the book's network, η 0.5, a grid over one candidate.
     *
     * @return this builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * A builder that starts from this spec's values.
     *
     * @return this builder
     */
    public Builder toBuilder() {
        return new Builder(this);
    }

    /**
     * A copy that trains at most {@code maxCandidates} candidates.
     *
     * @param maxCandidates the most candidates to train (a grid larger than this is refused); default 50
     * @return a copy with that value
     */
    public SearchSpec withMaxCandidates(int maxCandidates) {
        return toBuilder().maxCandidates(maxCandidates).build();
    }

    /**
     * A copy in which no candidate starts after {@code maxMinutes} minutes.
     *
     * @param maxMinutes no candidate starts after this many minutes; default 1440
     * @return a copy with that value
     */
    public SearchSpec withMaxMinutes(double maxMinutes) {
        return toBuilder().maxMinutes(maxMinutes).build();
    }

    /**
     * A spec as a JSON file has it: choices as ids, a field left out taking its default. Jackson calls it; the file's
     * absent fields are nulls here, and nowhere else.
     */
    @JsonCreator
    static SearchSpec fromJson(@JsonProperty("presets") List<String> presets,
                               @JsonProperty("activations") List<String> activations,
                               @JsonProperty("hidden") List<List<Integer>> hidden,
                               @JsonProperty("eta") List<Double> eta,
                               @JsonProperty("etaRange") List<Double> etaRange,
                               @JsonProperty("lambda") List<Double> lambda,
                               @JsonProperty("epochs") Integer epochs,
                               @JsonProperty("batch") Integer batch,
                               @JsonProperty("init") String init,
                               @JsonProperty("seed") Long seed,
                               @JsonProperty("generator") String generator,
                               @JsonProperty("score") String score,
                               @JsonProperty("maxCandidates") Integer maxCandidates,
                               @JsonProperty("maxMinutes") Double maxMinutes,
                               @JsonProperty("gridPoints") Integer gridPoints,
                               @JsonProperty("dataset") String dataset,
                               @JsonProperty("trainLimit") Integer trainLimit,
                               @JsonProperty("testLimit") Integer testLimit,
                               @JsonProperty("pruner") com.fasterxml.jackson.databind.JsonNode pruner) {
        Builder builder = builder();
        if (presets != null) {
            builder.presets(copy("presets", presets).stream().map(p -> Choices.parse(Preset.class, "presets", p))
                    .toList());
        }
        if (activations != null) {
            builder.activations(copy("activations", activations).stream()
                    .map(a -> Choices.parse(HiddenActivation.class, "activations", a)).toList());
        }
        if (hidden != null) {
            builder.hidden(copy("hidden", hidden));
        }
        if (eta != null && etaRange != null) {
            throw new SpecException("eta", "give eta or etaRange, not both");
        }
        if (etaRange != null) {
            builder.etaRange(copy("etaRange", etaRange));
        }
        if (eta != null) {
            builder.eta(copy("eta", eta));
        }
        if (lambda != null) {
            builder.lambda(copy("lambda", lambda));
        }
        if (epochs != null) {
            builder.epochs(epochs);
        }
        if (batch != null) {
            builder.batch(batch);
        }
        if (init != null) {
            builder.init(Initialization.parse(init));
        }
        if (seed != null) {
            builder.seed(seed);
        }
        if (generator != null) {
            builder.generator(Choices.parse(Generator.class, "generator", generator));
        }
        if (score != null) {
            builder.score(Choices.parse(Score.class, "score", score));
        }
        if (maxCandidates != null) {
            builder.maxCandidates(maxCandidates);
        }
        if (maxMinutes != null) {
            builder.maxMinutes(maxMinutes);
        }
        if (gridPoints != null) {
            builder.gridPoints(gridPoints);
        }
        if (dataset != null) {
            builder.dataset(Dataset.parse(dataset));
        }
        if (trainLimit != null) {
            builder.trainLimit(trainLimit);
        }
        if (testLimit != null) {
            builder.testLimit(testLimit);
        }
        if (pruner != null && !pruner.isNull()) {
            builder.pruner(Pruner.fromJson(pruner));
        }
        return builder.build();
    }

    /**
     * Reads a spec file.
     *
     * @param file the file
     * @return the spec
     */
    public static SearchSpec read(Path file) {
        try {
            if (Files.size(file) > MAX_BYTES) {
                throw new IllegalArgumentException(file + ": larger than " + org.losslab.io.Bounded.bytes(MAX_BYTES)
                        + "; not a search spec");
            }
            return parse(Files.readString(file), file.toString());
        } catch (NoSuchFileException e) {
            throw new IllegalArgumentException(file + ": file not found", e);
        } catch (IOException e) {
            throw new IllegalArgumentException(file + ": cannot read (" + e.getMessage() + ")", e);
        }
    }

    /**
     * Parses a spec from JSON text (as in a spec file); {@code where} names its origin in messages.
     *
     * @param json the JSON text
     * @param where what the text is, for messages (a file name, say)
     * @return the spec
     */
    public static SearchSpec parse(String json, String where) {
        try {
            SearchSpec spec = JSON.readValue(json, SearchSpec.class);
            if (spec == null) {
                throw new IllegalArgumentException(where + ": not a valid search spec (it holds null, not an object "
                        + "of fields)");
            }
            return spec;
        } catch (com.fasterxml.jackson.databind.exc.ValueInstantiationException e) {
            String problem = e.getCause() instanceof IllegalArgumentException named ? named.getMessage()
                    : e.getOriginalMessage();
            throw new IllegalArgumentException(where + ": not a valid search spec (" + problem + ")", e);
        } catch (com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException e) {
            List<String> known = e.getKnownPropertyIds().stream().map(Object::toString).sorted().toList();
            throw new IllegalArgumentException(where + ": not a valid search spec (unknown field '"
                    + e.getPropertyName() + "'; the fields are " + String.join(", ", known) + ")", e);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalArgumentException(where + ": not a valid search spec (" + e.getOriginalMessage() + ")", e);
        }
    }

    /**
     * Parses a spec from JSON text, e.g. in a notebook cell.
     *
     * @param json the JSON text
     * @return the spec
     */
    public static SearchSpec parse(String json) {
        return parse(json, "search spec");
    }

    /** {@return the spec as JSON, one field a line, as {@link #parse(String)} and spec files read it} */
    public String toJson() {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("presets", presets.stream().map(Preset::id).toList());
        json.put("activations", activations.stream().map(HiddenActivation::id).toList());
        json.put("hidden", hidden);
        if (!eta.isEmpty()) {
            json.put("eta", eta);
        } else {
            json.put("etaRange", etaRange);
        }
        json.put("lambda", lambda);
        json.put("epochs", epochs);
        json.put("batch", batch);
        json.put("init", init.id());
        json.put("seed", seed);
        json.put("generator", generator.id());
        json.put("score", score.id());
        json.put("maxCandidates", maxCandidates);
        json.put("maxMinutes", maxMinutes);
        json.put("gridPoints", gridPoints);
        json.put("dataset", dataset.id());
        json.put("trainLimit", trainLimit);
        json.put("testLimit", testLimit);
        if (!(pruner instanceof Pruner.None)) {
            json.put("pruner", pruner.toJson());
        }
        try {
            return new ObjectMapper().writerWithDefaultPrettyPrinter().writeValueAsString(json);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("search spec not serialisable", e);
        }
    }

    /**
     * {@return the number of grid candidates: the product of the choices per field (saturating at Long.MAX_VALUE)}
     */
    public long gridSize() {
        return gridSize(presets, activations, hidden, eta, etaRange, lambda, gridPoints);
    }

    private static long gridSize(List<?> presets, List<?> activations, List<?> hidden, List<Double> eta,
                                 List<Double> etaRange, List<?> lambda, int gridPoints) {
        long etas = !eta.isEmpty() ? eta.size() : (etaRange.get(0).equals(etaRange.get(1)) ? 1 : gridPoints);
        long size = 1;
        for (long choices : new long[] {presets.size(), activations.size(), hidden.size(), etas, lambda.size()}) {
            size = choices != 0 && size > Long.MAX_VALUE / choices ? Long.MAX_VALUE : size * choices;
        }
        return size;
    }

    private static <T> List<T> copy(String field, List<T> values) {
        if (values == null) {
            throw new SpecException(field, "must be given (an empty list for none)");
        }
        if (values.stream().anyMatch(Objects::isNull)) {
            throw new SpecException(field, "holds null; leave the field out for its default");
        }
        return List.copyOf(values);
    }

    private static <T> List<T> nonEmpty(String field, List<T> values) {
        List<T> copy = copy(field, values);
        if (copy.isEmpty()) {
            throw new SpecException(field, "must list at least one value, got []");
        }
        return copy;
    }

    private static void positive(String field, long value) {
        if (value <= 0) {
            throw new SpecException(field, "must be > 0, got " + value);
        }
    }

    private static void given(String field, Object value) {
        if (value == null) {
            throw new SpecException(field, "must be given");
        }
    }

    /** Builds a {@link SearchSpec}; every field starts at its default. */
    public static final class Builder {
        private List<Preset> presets = List.of(Preset.CROSS_ENTROPY_SIGMOID);
        private List<HiddenActivation> activations = List.of(HiddenActivation.SIGMOID);
        private List<List<Integer>> hidden = List.of(List.of(30));
        private List<Double> eta = List.of(0.5);
        private List<Double> etaRange = List.of();
        private List<Double> lambda = List.of(0.0);
        private int epochs = 30;
        private int batch = 10;
        private Initialization init = Initialization.LARGE;
        private long seed = 1;
        private Generator generator = Generator.GRID;
        private Score score = Score.ACCURACY;
        private int maxCandidates = 50;
        private double maxMinutes = 24 * 60.0;
        private int gridPoints = 3;
        private Dataset dataset = Dataset.MNIST;
        private int trainLimit;
        private int testLimit;
        private Pruner pruner = Pruner.NONE;

        private Builder() {
        }

        private Builder(SearchSpec spec) {
            presets = spec.presets;
            activations = spec.activations;
            hidden = spec.hidden;
            eta = spec.eta;
            etaRange = spec.etaRange;
            lambda = spec.lambda;
            epochs = spec.epochs;
            batch = spec.batch;
            init = spec.init;
            seed = spec.seed;
            generator = spec.generator;
            score = spec.score;
            maxCandidates = spec.maxCandidates;
            maxMinutes = spec.maxMinutes;
            gridPoints = spec.gridPoints;
            dataset = spec.dataset;
            trainLimit = spec.trainLimit;
            testLimit = spec.testLimit;
            pruner = spec.pruner;
        }

        /**
         * @param presets the presets to try
         *
         * @return this builder
         */
        public Builder presets(List<Preset> presets) {
            this.presets = presets;
            return this;
        }

        /**
         * @param presets the presets to try
         *
         * @return this builder
         */
        public Builder presets(Preset... presets) {
            return presets(Arrays.asList(presets));
        }

        /**
         * @param activations the hidden activations to try
         *
         * @return this builder
         */
        public Builder activations(List<HiddenActivation> activations) {
            this.activations = activations;
            return this;
        }

        /**
         * @param activations the hidden activations to try
         *
         * @return this builder
         */
        public Builder activations(HiddenActivation... activations) {
            return activations(Arrays.asList(activations));
        }

        /**
         * @param hidden the hidden layer sizes to try, one list per choice
         *
         * @return this builder
         */
        public Builder hidden(List<List<Integer>> hidden) {
            this.hidden = hidden;
            return this;
        }

        /**
         * @param sizes one hidden layer per choice, of these sizes (e.g. 30, 100)
         *
         * @return this builder
         */
        public Builder hiddenSizes(Integer... sizes) {
            return hidden(Arrays.stream(sizes).map(List::of).toList());
        }

        /**
         * @param eta the learning rates to try (clears a range)
         *
         * @return this builder
         */
        public Builder eta(List<Double> eta) {
            this.eta = eta;
            this.etaRange = List.of();
            return this;
        }

        /**
         * @param eta the learning rates to try (clears a range)
         *
         * @return this builder
         */
        public Builder eta(Double... eta) {
            return eta(Arrays.asList(eta));
        }

        /**
         * @param range {@code [min, max]} of the learning rate (clears the listed values)
         *
         * @return this builder
         */
        public Builder etaRange(List<Double> range) {
            this.etaRange = range;
            this.eta = List.of();
            return this;
        }

        /**
         * @param min the smallest learning rate
         * @param max the largest
         * @return this builder
         */
        public Builder etaRange(double min, double max) {
            return etaRange(List.of(min, max));
        }

        /**
         * @param lambda the L2 λ values to try
         *
         * @return this builder
         */
        public Builder lambda(List<Double> lambda) {
            this.lambda = lambda;
            return this;
        }

        /**
         * @param lambda the L2 λ values to try
         *
         * @return this builder
         */
        public Builder lambda(Double... lambda) {
            return lambda(Arrays.asList(lambda));
        }

        /**
         * @param epochs epochs per candidate
         *
         * @return this builder
         */
        public Builder epochs(int epochs) {
            this.epochs = epochs;
            return this;
        }

        /**
         * @param batch mini-batch size
         *
         * @return this builder
         */
        public Builder batch(int batch) {
            this.batch = batch;
            return this;
        }

        /**
         * @param init weight initialisation
         *
         * @return this builder
         */
        public Builder init(Initialization init) {
            this.init = init;
            return this;
        }

        /**
         * @param seed seed of every candidate and of the random generator
         *
         * @return this builder
         */
        public Builder seed(long seed) {
            this.seed = seed;
            return this;
        }

        /**
         * @param generator grid or random
         *
         * @return this builder
         */
        public Builder generator(Generator generator) {
            this.generator = generator;
            return this;
        }

        /**
         * @param score what ranks the candidates
         *
         * @return this builder
         */
        public Builder score(Score score) {
            this.score = score;
            return this;
        }

        /**
         * @param maxCandidates the most candidates to train
         *
         * @return this builder
         */
        public Builder maxCandidates(int maxCandidates) {
            this.maxCandidates = maxCandidates;
            return this;
        }

        /**
         * @param maxMinutes no candidate starts after this many minutes
         *
         * @return this builder
         */
        public Builder maxMinutes(double maxMinutes) {
            this.maxMinutes = maxMinutes;
            return this;
        }

        /**
         * @param gridPoints values a range is split into by the grid generator
         *
         * @return this builder
         */
        public Builder gridPoints(int gridPoints) {
            this.gridPoints = gridPoints;
            return this;
        }

        /**
         * @param dataset the data set
         *
         * @return this builder
         */
        public Builder dataset(Dataset dataset) {
            this.dataset = dataset;
            return this;
        }

        /**
         * @param trainLimit training examples per candidate, 0 = all
         *
         * @return this builder
         */
        public Builder trainLimit(int trainLimit) {
            this.trainLimit = trainLimit;
            return this;
        }

        /**
         * @param testLimit validation and test examples each, 0 = all
         *
         * @return this builder
         */
        public Builder testLimit(int testLimit) {
            this.testLimit = testLimit;
            return this;
        }

        /**
         * @param pruner which candidates stop early as hopeless, e.g. {@link Pruner#median()}
         *
         * @return this builder
         */
        public Builder pruner(Pruner pruner) {
            this.pruner = pruner;
            return this;
        }

        /**
         * @return the spec
         * @throws SpecException naming the first field whose value is wrong
         */
        public SearchSpec build() {
            return new SearchSpec(presets, activations, hidden, eta, etaRange, lambda, epochs, batch, init, seed,
                    generator, score, maxCandidates, maxMinutes, gridPoints, dataset, trainLimit, testLimit,
                    pruner);
        }
    }
}
