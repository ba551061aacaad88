package org.losslab.experiment;

/**
 * The neuron's state at the start of an epoch, before that epoch's update (epoch 0 is the start).
 *
 * @param epoch  epoch number
 * @param w      weight
 * @param b      bias
 * @param output a = σ(wx + b)
 * @param cost   C(a, y)
 * @param dCdw   ∂C/∂w as DL4J computed it
 * @param dCdb   ∂C/∂b as DL4J computed it
 */
public record NeuronStep(int epoch, double w, double b, double output, double cost, double dCdw, double dCdb) {
}
