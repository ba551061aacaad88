package org.losslab.experiment;

import java.util.List;

/**
 * A finished single-neuron run: its spec and one {@link NeuronStep} per epoch, from epoch 0 to
 * {@code spec.epochs()} inclusive.
 *
 * @param label a short name for charts and tables
 * @param spec  what was run
 * @param steps the states, index = epoch
 */
public record NeuronRun(String label, NeuronSpec spec, List<NeuronStep> steps) {

    public NeuronRun {
        steps = List.copyOf(steps);
    }

    /**
     * {@return the state at the start of {@code epoch}}
     *
     * @param epoch the epoch, from 0 (before training)
     */
    public NeuronStep at(int epoch) {
        if (epoch < 0 || epoch >= steps.size()) {
            throw new IllegalArgumentException("epoch: must lie in 0.." + (steps.size() - 1) + ", got " + epoch);
        }
        return steps.get(epoch);
    }

    /** {@return the state after the last update} */
    public NeuronStep last() {
        return steps.get(steps.size() - 1);
    }
}
