package org.losslab.experiment;

import java.util.Map;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.gradient.DefaultGradient;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.layers.feedforward.dense.DenseLayer;
import org.deeplearning4j.nn.params.DefaultParamInitializer;
import org.deeplearning4j.nn.workspace.ArrayType;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * DL4J's dense layer ({@code org.deeplearning4j.nn.layers.feedforward.dense.DenseLayer}), except in the training
 * steps of a {@link TrainingNetwork}: there its back-propagation uses the pre-activations z = x·W + b of the forward
 * pass it follows instead of computing them again, and, as the network's first layer, it leaves out the gradient
 * with respect to the network's input (Wᵀδ), which DL4J computes and then drops. DL4J beta7's
 * {@code BaseLayer.backpropGradient} makes four matrix products for the first layer of 784-30-10 (z again, Wᵀδ,
 * xᵀδ and the forward's x·W): this one makes two, the two a plain numpy loop makes. Every other figure is computed by
 * DL4J's code in DL4J's order: the weights after a step are those of a plain {@code MultiLayerNetwork} to the last
 * bit (TrainingTest checks it).
 *
 * <p>Only layers without dropout, weight noise or layer normalisation are made this way (their z is drawn or
 * normalised again in DL4J's back-propagation), and only while {@link Training} trains: the configuration is
 * DL4J's {@code DenseLayer}'s and a saved model loads as a plain one.
 */
final class TrainingDenseLayer extends DenseLayer {

    private static final long serialVersionUID = 1L;

    /** Whether the next training-mode forward pass keeps its pre-activations. */
    private transient boolean keepNext;
    /** The pre-activations kept, in the forward pass's workspace, for the back-propagation that follows. */
    private transient INDArray kept;
    /** Whether the next back-propagation may leave out the gradient with respect to the input. */
    private transient boolean inputGradientUnread;

    private TrainingDenseLayer(NeuralNetConfiguration conf, DataType dataType) {
        super(conf, dataType);
    }

    /**
     * {@return whether {@code layer} can be made a {@code TrainingDenseLayer}: DL4J's own dense layer class, without
     * dropout, weight noise or layer normalisation}
     */
    static boolean fits(Layer layer) {
        if (layer.getClass() != DenseLayer.class) {
            return false;
        }
        org.deeplearning4j.nn.conf.layers.DenseLayer conf =
                (org.deeplearning4j.nn.conf.layers.DenseLayer) layer.conf().getLayer();
        return conf.getIDropout() == null && conf.getWeightNoise() == null && !conf.hasLayerNorm();
    }

    /**
     * {@return a layer in {@code layer}'s place: its configuration, index, listeners, parameter views and data type
     * (as DL4J's {@code DenseLayer.instantiate} sets them); gradient views are set later by the network}
     *
     * @param layer a layer that {@link #fits}
     */
    static TrainingDenseLayer replacing(Layer layer, DataType dataType) {
        TrainingDenseLayer replacement = new TrainingDenseLayer(layer.conf(), dataType);
        replacement.setListeners(layer.getListeners());
        replacement.setIndex(layer.getIndex());
        replacement.setParamsViewArray(layer.params());
        Map<String, INDArray> table = layer.paramTable();
        replacement.setParamTable(table);
        replacement.setConf(layer.conf());
        return replacement;
    }

    /** The next training-mode forward pass keeps its pre-activations for the back-propagation after it. */
    void keepNextForward() {
        keepNext = true;
        kept = null;
    }

    /** The next back-propagation may leave out the gradient with respect to the input: nothing reads it. */
    void inputGradientUnread() {
        inputGradientUnread = true;
    }

    /** Forgets what was kept for a back-propagation (after a step, or one that failed). */
    void forget() {
        keepNext = false;
        kept = null;
        inputGradientUnread = false;
    }

    /** DL4J beta7's {@code BaseLayer.activate(boolean, LayerWorkspaceMgr)}, keeping a copy of z when asked. */
    @Override
    public INDArray activate(boolean training, LayerWorkspaceMgr workspaceMgr) {
        if (!(training && keepNext)) {
            return super.activate(training, workspaceMgr);
        }
        keepNext = false;
        INDArray z = preOutput(training, workspaceMgr);
        // The activation function works in place on z: the copy is what the back-propagation would compute again.
        kept = workspaceMgr.dup(ArrayType.ACTIVATIONS, z);
        INDArray ret = layerConf().getActivationFn().getActivation(z, training);
        if (maskArray != null) {
            applyMask(ret);
        }
        return ret;
    }

    /**
     * DL4J beta7's {@code BaseLayer.backpropGradient} (Apache License 2.0) with the kept z instead of
     * {@code preOutputWithPreNorm}, and without ε = Wᵀδ where it is unread; without a kept z, DL4J's own.
     */
    @Override
    public Pair<Gradient, INDArray> backpropGradient(INDArray epsilon, LayerWorkspaceMgr workspaceMgr) {
        INDArray z = kept;
        boolean withInputGradient = !inputGradientUnread;
        forget();
        if (z == null) {
            return super.backpropGradient(epsilon, workspaceMgr);
        }
        assertInputSet(true);
        INDArray delta = layerConf().getActivationFn().backprop(z, epsilon).getFirst();
        if (maskArray != null) {
            applyMask(delta);
        }
        Gradient ret = new DefaultGradient();
        if (hasBias()) {
            INDArray biasGrad = gradientViews.get(DefaultParamInitializer.BIAS_KEY);
            delta.sum(biasGrad, 0);
            ret.gradientForVariable().put(DefaultParamInitializer.BIAS_KEY, biasGrad);
        }
        INDArray epsilonNext = null;
        if (withInputGradient) {
            INDArray w = getParamWithNoise(DefaultParamInitializer.WEIGHT_KEY, true, workspaceMgr);
            epsilonNext = workspaceMgr.createUninitialized(ArrayType.ACTIVATION_GRAD, delta.dataType(),
                    new long[] {w.size(0), delta.size(0)}, 'f');
            epsilonNext = w.mmuli(delta.transpose(), epsilonNext).transpose();
        }
        INDArray weightGrad = gradientViews.get(DefaultParamInitializer.WEIGHT_KEY);
        Nd4j.gemm(input.castTo(weightGrad.dataType()), delta, weightGrad, true, false, 1.0, 0.0);
        ret.gradientForVariable().put(DefaultParamInitializer.WEIGHT_KEY, weightGrad);
        weightNoiseParams.clear();
        return new Pair<>(ret, epsilonNext);
    }
}
