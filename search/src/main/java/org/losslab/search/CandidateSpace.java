package org.losslab.search;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.deeplearning4j.arbiter.optimize.api.AbstractParameterSpace;
import org.deeplearning4j.arbiter.optimize.api.CandidateGenerator;
import org.deeplearning4j.arbiter.optimize.api.ParameterSpace;
import org.deeplearning4j.arbiter.optimize.generator.GridSearchCandidateGenerator;
import org.deeplearning4j.arbiter.optimize.generator.RandomSearchGenerator;
import org.deeplearning4j.arbiter.optimize.parameter.FixedValue;
import org.deeplearning4j.arbiter.optimize.parameter.continuous.ContinuousParameterSpace;
import org.deeplearning4j.arbiter.optimize.parameter.discrete.DiscreteParameterSpace;
import org.losslab.preset.HiddenActivation;
import org.losslab.preset.Preset;

/**
 * The search's choices as an Arbiter parameter space, so that Arbiter's grid and random generators pick
 * candidates: one leaf each for the preset (cost and output activation as one choice, so never an invalid pair),
 * the hidden activation, the hidden sizes, η (values or a continuous range) and λ.
 */
public final class CandidateSpace extends AbstractParameterSpace<CandidateSpace.Settings> {

    /**
     * One candidate's settings.
     *
     * @param preset     cost and output activation
     * @param activation hidden activation
     * @param hidden     hidden layer sizes
     * @param eta        learning rate
     * @param lambda     L2 λ
     */
    public record Settings(Preset preset, HiddenActivation activation, List<Integer> hidden, double eta, double lambda)
            implements java.io.Serializable {

        /**
         * {@return a short label, e.g. {@code #3 quadratic-sigmoid tanh 30 η=0.5 λ=0}, η and λ to four significant
         * digits (a random search's η=0.7797; the CSV and JSON keep every digit)}
         *
         * @param number the candidate's number, from 1
         */
        public String label(int number) {
            return String.format(java.util.Locale.ROOT, "#%d %s %s %s η=%s λ=%s", number, preset.id(), activation.id(),
                    hidden.stream().map(String::valueOf).collect(java.util.stream.Collectors.joining("-")),
                    org.losslab.report.Numbers.readable(eta), org.losslab.report.Numbers.readable(lambda));
        }
    }

    /** λ wrapped, so that its leaf never equals η's leaf (Arbiter merges equal leaves into one). */
    record Lambda(double value) implements java.io.Serializable {
    }

    private final ParameterSpace<Preset> preset;
    private final ParameterSpace<HiddenActivation> activation;
    private final ParameterSpace<List<Integer>> hidden;
    private final ParameterSpace<Double> eta;
    private final ParameterSpace<Lambda> lambda;

    public CandidateSpace(SearchSpec spec) {
        preset = leaf(spec.presets());
        activation = leaf(spec.activations());
        hidden = leaf(spec.hidden());
        eta = eta(spec);
        lambda = leaf(spec.lambda().stream().map(Lambda::new).toList());
    }

    /** The learning rates of a spec as a space: its values, or its range (one value when min = max). */
    static ParameterSpace<Double> eta(SearchSpec spec) {
        if (!spec.eta().isEmpty()) {
            return leaf(spec.eta());
        }
        if (spec.etaRange().get(0).equals(spec.etaRange().get(1))) {
            return new FixedValue<>(spec.etaRange().get(0));
        }
        return new ContinuousParameterSpace(spec.etaRange().get(0), spec.etaRange().get(1));
    }

    /** One value as a fixed leaf, several as a discrete choice. */
    static <T> ParameterSpace<T> leaf(List<T> values) {
        return values.size() == 1 ? new FixedValue<>(values.get(0)) : new DiscreteParameterSpace<>(values);
    }

    @Override
    public Settings getValue(double[] values) {
        return new Settings(preset.getValue(values), activation.getValue(values), hidden.getValue(values),
                eta.getValue(values), lambda.getValue(values).value());
    }

    @Override
    public int numParameters() {
        return collectLeaves().stream().mapToInt(ParameterSpace::numParameters).sum();
    }

    @Override
    public List<ParameterSpace> collectLeaves() {
        List<ParameterSpace> leaves = new ArrayList<>();
        for (ParameterSpace<?> space : List.of(preset, activation, hidden, eta, lambda)) {
            leaves.addAll(space.collectLeaves());
        }
        return leaves;
    }

    @Override
    public boolean isLeaf() {
        return false;
    }

    @Override
    public void setIndices(int... indices) {
        throw new UnsupportedOperationException("CandidateSpace is not a leaf");
    }

    /** The candidates Arbiter's generator picks for the spec, in order, at most {@code maxCandidates}. */
    static List<Settings> generate(SearchSpec spec) {
        CandidateSpace space = new CandidateSpace(spec);
        CandidateGenerator generator;
        if (spec.generator() == Generator.GRID) {
            generator = new GridSearchCandidateGenerator(space, spec.gridPoints(),
                    GridSearchCandidateGenerator.Mode.Sequential, null);
        } else {
            generator = new RandomSearchGenerator(space, null);
        }
        generator.setRngSeed(spec.seed());
        // Arbiter hands each candidate over through Java serialization (its SerializedSupplier): the JVM's first
        // ObjectInputStream, if nothing came before, after which LossLab's filter factory could no longer be set
        org.losslab.io.SerialFilters.install();
        List<Settings> candidates = new ArrayList<>();
        Set<Settings> seen = new HashSet<>();
        // A random search may draw the same discrete combination twice; it gets a bounded number of tries.
        for (int draws = 0; candidates.size() < spec.maxCandidates() && generator.hasMoreCandidates()
                && draws < 20 * spec.maxCandidates(); draws++) {
            Settings settings = (Settings) generator.getCandidate().getValue();
            if (seen.add(settings)) {
                candidates.add(settings);
            }
        }
        return candidates;
    }
}
