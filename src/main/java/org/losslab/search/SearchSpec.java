package org.losslab.search;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.losslab.data.Dataset;
import org.losslab.preset.HiddenActivation;
import org.losslab.preset.Initialization;
import org.losslab.preset.Preset;

/**
 * What a search tries, as written in a JSON file (field names as here) or built by {@code losslab compare}. Every
 * field has a default; {@link #validated()} checks them all and names the field that is wrong.
 *
 * @param presets       presets (cost and output activation move together), e.g. {@code ["quadratic-sigmoid"]}
 * @param activations   hidden activations, e.g. {@code ["sigmoid", "relu"]}
 * @param hidden        hidden layer sizes, one list per choice, e.g. {@code [[30], [100]]}
 * @param eta           learning rates to try, or
 * @param etaRange      {@code [min, max]}: a range, split into {@code gridPoints} values by the grid generator
 * @param lambda        L2 λ values (book convention)
 * @param epochs        epochs per candidate
 * @param batch         mini-batch size
 * @param init          {@code large} or {@code scaled}
 * @param seed          seed of every candidate's network and of the random generator
 * @param generator     {@code grid} (every combination) or {@code random} (Arbiter's random search)
 * @param score         {@code accuracy} (validation accuracy, higher is better) or {@code cost} (validation cost)
 * @param maxCandidates the most candidates to train (a grid larger than this is refused)
 * @param maxMinutes    no candidate starts after this many minutes
 * @param gridPoints    values a range is split into by the grid generator
 * @param dataset       data set
 * @param trainLimit    training examples per candidate (0 = all)
 * @param testLimit     validation and test examples (0 = all)
 */
@JsonIgnoreProperties(ignoreUnknown = false)
public record SearchSpec(List<String> presets, List<String> activations, List<List<Integer>> hidden,
                         List<Double> eta, List<Double> etaRange, List<Double> lambda, Integer epochs,
                         Integer batch, String init, Long seed, String generator, String score,
                         Integer maxCandidates, Double maxMinutes, Integer gridPoints, String dataset,
                         Integer trainLimit, Integer testLimit) {

    private static final ObjectMapper JSON = org.losslab.io.StrictJson.mapper()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    /** The largest spec file read; a spec is a few hundred bytes. */
    public static final long MAX_BYTES = 1L << 20;

    /** The spec with every missing field set to its default. */
    public SearchSpec {
        presets = presets == null ? List.of(Preset.CROSS_ENTROPY_SIGMOID.id()) : noNulls("presets", presets);
        activations = activations == null ? List.of(HiddenActivation.SIGMOID.id())
                : noNulls("activations", activations);
        hidden = hidden == null ? List.of(List.of(30)) : noNulls("hidden", hidden);
        hidden.forEach(layers -> noNulls("hidden", layers));
        eta = eta == null && etaRange == null ? List.of(0.5) : eta == null ? null : noNulls("eta", eta);
        etaRange = etaRange == null ? null : noNulls("etaRange", etaRange);
        lambda = lambda == null ? List.of(0.0) : noNulls("lambda", lambda);
        epochs = epochs == null ? 30 : epochs;
        batch = batch == null ? 10 : batch;
        init = init == null ? Initialization.LARGE.id() : init;
        seed = seed == null ? 1L : seed;
        generator = generator == null ? "grid" : generator;
        score = score == null ? "accuracy" : score;
        maxCandidates = maxCandidates == null ? 50 : maxCandidates;
        maxMinutes = maxMinutes == null ? 24 * 60.0 : maxMinutes;
        gridPoints = gridPoints == null ? 3 : gridPoints;
        dataset = dataset == null ? Dataset.MNIST.id() : dataset;
        trainLimit = trainLimit == null ? 0 : trainLimit;
        testLimit = testLimit == null ? 0 : testLimit;
    }

    /** A copy of a list field; a null inside is named (a field left out takes its default instead). */
    private static <T> List<T> noNulls(String field, List<T> values) {
        if (values.stream().anyMatch(java.util.Objects::isNull)) {
            throw new IllegalArgumentException(field + ": holds null; leave the field out for its default");
        }
        return List.copyOf(values);
    }

    /** Reads a spec file. */
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

    /** Parses a spec from JSON text (as in a spec file); {@code where} names its origin in messages. */
    public static SearchSpec parse(String json, String where) {
        try {
            SearchSpec spec = JSON.readValue(json, SearchSpec.class);
            if (spec == null) {
                throw new IllegalArgumentException(where + ": not a valid search spec (it holds null, not an object "
                        + "of fields)");
            }
            return spec.validated();
        } catch (com.fasterxml.jackson.databind.exc.ValueInstantiationException e) {
            String problem = e.getCause() instanceof IllegalArgumentException named ? named.getMessage()
                    : e.getOriginalMessage();
            throw new IllegalArgumentException(where + ": not a valid search spec (" + problem + ")", e);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalArgumentException(where + ": not a valid search spec (" + e.getOriginalMessage() + ")", e);
        }
    }

    /** Parses a spec from JSON text, e.g. in a notebook cell. */
    public static SearchSpec parse(String json) {
        return parse(json, "search spec");
    }

    /** The spec as JSON, one field a line, as {@link #parse(String)} and spec files read it. */
    public String toJson() {
        try {
            return new ObjectMapper().setSerializationInclusion(
                    com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL).writerWithDefaultPrettyPrinter()
                    .writeValueAsString(this);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("search spec not serialisable", e);
        }
    }

    /** The parsed presets. */
    public List<Preset> presetChoices() {
        return presets.stream().map(p -> org.losslab.preset.Choices.parse(Preset.class, "presets", p)).toList();
    }

    /** The parsed hidden activations. */
    public List<HiddenActivation> activationChoices() {
        return activations.stream()
                .map(a -> org.losslab.preset.Choices.parse(HiddenActivation.class, "activations", a)).toList();
    }

    /** Checks every field; throws {@link IllegalArgumentException} naming the first wrong one. */
    public SearchSpec validated() {
        nonEmpty("presets", presets);
        presetChoices();
        nonEmpty("activations", activations);
        activationChoices();
        nonEmpty("hidden", hidden);
        for (List<Integer> sizes : hidden) {
            if (sizes == null || sizes.isEmpty() || sizes.stream().anyMatch(s -> s == null || s <= 0)) {
                throw new IllegalArgumentException("hidden: every choice must list positive layer sizes, got "
                        + hidden);
            }
        }
        if (eta != null && etaRange != null) {
            throw new IllegalArgumentException("eta, etaRange: give one of them, not both");
        }
        if (eta != null) {
            nonEmpty("eta", eta);
            for (Double value : eta) {
                if (value == null || !(value > 0) || value.isInfinite()) {
                    throw new IllegalArgumentException("eta: every value must be a finite number > 0, got " + eta);
                }
            }
        } else if (etaRange.size() != 2 || !(etaRange.get(0) > 0) || !(etaRange.get(1) >= etaRange.get(0))
                || etaRange.get(1).isInfinite()) {
            throw new IllegalArgumentException("etaRange: must be [min, max] with 0 < min <= max, got " + etaRange);
        }
        nonEmpty("lambda", lambda);
        for (Double value : lambda) {
            if (value == null || !(value >= 0) || value.isInfinite()) {
                throw new IllegalArgumentException("lambda: every value must be a finite number >= 0, got " + lambda);
            }
        }
        positive("epochs", epochs);
        positive("batch", batch);
        Initialization.parse(init);
        if (!generator.equals("grid") && !generator.equals("random")) {
            throw new IllegalArgumentException("generator: expected grid or random, got '" + generator + "'");
        }
        if (!score.equals("accuracy") && !score.equals("cost")) {
            throw new IllegalArgumentException("score: expected accuracy or cost, got '" + score + "'");
        }
        positive("maxCandidates", maxCandidates);
        if (maxCandidates > MAX_CANDIDATES) {
            throw new IllegalArgumentException("maxCandidates: at most " + MAX_CANDIDATES + " candidates in one search, "
                    + "got " + maxCandidates);
        }
        if (!(maxMinutes > 0)) {
            throw new IllegalArgumentException("maxMinutes: must be > 0, got " + maxMinutes);
        }
        positive("gridPoints", gridPoints);
        if (gridPoints > MAX_CANDIDATES) {
            throw new IllegalArgumentException("gridPoints: at most " + MAX_CANDIDATES + ", got " + gridPoints);
        }
        Dataset.parse(dataset);
        if (trainLimit < 0 || testLimit < 0) {
            throw new IllegalArgumentException("trainLimit, testLimit: must be >= 0 (0 = all), got " + trainLimit
                    + ", " + testLimit);
        }
        if (generator.equals("grid") && gridSize() > maxCandidates) {
            throw new IllegalArgumentException("maxCandidates: the grid has " + gridSize()
                    + " candidates, more than maxCandidates " + maxCandidates
                    + "; raise maxCandidates or narrow the grid");
        }
        return this;
    }

    /**
     * The most candidates one search trains: a bound checked before anything is generated, so a spec that asks
     * for billions is refused at once instead of spinning while its grid is built.
     */
    public static final int MAX_CANDIDATES = 10_000;

    /** The number of grid candidates: the product of the choices per field (saturating at Long.MAX_VALUE). */
    public long gridSize() {
        long etas = eta != null ? eta.size() : (etaRange.get(0).equals(etaRange.get(1)) ? 1 : gridPoints);
        long size = 1;
        for (long choices : new long[] {presets.size(), activations.size(), hidden.size(), etas, lambda.size()}) {
            size = choices != 0 && size > Long.MAX_VALUE / choices ? Long.MAX_VALUE : size * choices;
        }
        return size;
    }

    /** A copy with other limits, e.g. from command-line options. */
    public SearchSpec withBounds(Integer maxCandidates, Double maxMinutes) {
        return new SearchSpec(presets, activations, hidden, eta, etaRange, lambda, epochs, batch, init, seed,
                generator, score, maxCandidates == null ? this.maxCandidates : maxCandidates,
                maxMinutes == null ? this.maxMinutes : maxMinutes, gridPoints, dataset, trainLimit, testLimit);
    }

    private static void nonEmpty(String field, List<?> values) {
        if (values == null || values.isEmpty()) {
            throw new IllegalArgumentException(field + ": must list at least one value, got " + values);
        }
        if (new ArrayList<>(values).contains(null)) {
            throw new IllegalArgumentException(field + ": null in " + values);
        }
    }

    private static void positive(String field, Integer value) {
        if (value <= 0) {
            throw new IllegalArgumentException(field + ": must be > 0, got " + value);
        }
    }
}
