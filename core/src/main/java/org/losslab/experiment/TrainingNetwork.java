package org.losslab.experiment;

import java.util.List;
import java.util.function.IntPredicate;
import org.deeplearning4j.nn.api.FwdPassType;
import org.deeplearning4j.nn.api.layers.IOutputLayer;
import org.deeplearning4j.nn.conf.BackpropType;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.WorkspaceMode;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.workspace.ArrayType;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.deeplearning4j.optimize.api.TrainingListener;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * DL4J's {@code MultiLayerNetwork}, except that its {@code fit} computes the mini-batch score only on the
 * iterations that read it. DL4J's {@code computeGradientAndScore} runs the forward pass, the back-propagation and
 * then the score (the output layer's pre-activations, activations and loss again, and the L2 term): for 784-30-10
 * at mini-batch 10 that score is 14 of a step's 41 native operations (docs/benchmarks.md). Here the forward pass,
 * the back-propagation, the listeners' calls and everything {@code fit} does after (updater, step, iteration
 * count) are DL4J's, in DL4J's order, so the weights after every step are those of a plain {@code
 * MultiLayerNetwork} to the last bit; on an iteration without the score, {@link #score()} is NaN.
 *
 * <p>Only {@link Training} makes these, and only while it trains: a saved model is DL4J's configuration, weights
 * and updater state, and loads as a plain {@code MultiLayerNetwork}. A network with dropout or weight noise, or
 * trained by truncated back-propagation through time, always computes the score (its score draws random numbers).
 */
final class TrainingNetwork extends MultiLayerNetwork {

    private static final long serialVersionUID = 1L;
    private final transient IntPredicate scoreOn;

    private TrainingNetwork(MultiLayerConfiguration configuration, IntPredicate scoreOn) {
        super(configuration);
        this.scoreOn = scoreOn;
    }

    /**
     * {@return a network that trains as {@code network} would, from its weights and updater state (shared, not
     * copied: {@code network} is not to be used after), computing the score on the iterations {@code scoreOn}
     * accepts (DL4J's iteration count, as listeners' {@code iterationDone} receive it)}
     *
     * @param network a plain network, initialised (built or loaded)
     * @param scoreOn which iterations compute the mini-batch score
     */
    static TrainingNetwork of(MultiLayerNetwork network, IntPredicate scoreOn) {
        return moved(network, new TrainingNetwork(network.getLayerWiseConfigurations(), scoreOn));
    }

    /**
     * {@return a plain {@code MultiLayerNetwork} with this one's configuration, weights and updater state (shared,
     * not copied), without listeners: what {@link Training} hands out once it is done}
     */
    MultiLayerNetwork plain() {
        return moved(this, new MultiLayerNetwork(getLayerWiseConfigurations()));
    }

    /** {@code to}, initialised on {@code from}'s weights and updater state, as DL4J's model loading does. */
    private static <T extends MultiLayerNetwork> T moved(MultiLayerNetwork from, T to) {
        to.init(from.params(), false);
        INDArray state = from.getUpdater().getStateViewArray();
        if (state != null && state.length() > 0) {
            to.getUpdater().setStateViewArray(to, state, false);
        }
        return to;
    }

    /** {@return whether a skipped score could change the numbers: random numbers drawn in it, or TBPTT} */
    private boolean scoreAlwaysNeeded() {
        if (layerWiseConfigurations.getBackpropType() == BackpropType.TruncatedBPTT) {
            return true;
        }
        for (NeuralNetConfiguration layer : layerWiseConfigurations.getConfs()) {
            if (layer.getLayer().getIDropout() != null
                    || layer.getLayer() instanceof org.deeplearning4j.nn.conf.layers.BaseLayer base
                    && base.getWeightNoise() != null) {
                return true;
            }
        }
        return !(getOutputLayer() instanceof IOutputLayer);
    }

    /**
     * DL4J 1.0.0-beta7's {@code MultiLayerNetwork.computeGradientAndScore()} (Apache License 2.0), with the score
     * left out on iterations that do not compute it.
     */
    @Override
    public void computeGradientAndScore() {
        if (scoreOn.test(getIterationCount()) || scoreAlwaysNeeded()) {
            super.computeGradientAndScore();
            return;
        }
        LayerWorkspaceMgr mgr;
        if (layerWiseConfigurations.getTrainingWorkspaceMode() == WorkspaceMode.NONE) {
            mgr = LayerWorkspaceMgr.noWorkspaces();
        } else {
            mgr = LayerWorkspaceMgr.builder()
                    .with(ArrayType.INPUT, WS_ALL_LAYERS_ACT, WS_ALL_LAYERS_ACT_CONFIG)
                    .with(ArrayType.ACTIVATIONS, WS_ALL_LAYERS_ACT, WS_ALL_LAYERS_ACT_CONFIG)
                    .with(ArrayType.FF_WORKING_MEM, WS_LAYER_WORKING_MEM, WS_LAYER_WORKING_MEM_CONFIG)
                    .with(ArrayType.BP_WORKING_MEM, WS_LAYER_WORKING_MEM, WS_LAYER_WORKING_MEM_CONFIG)
                    .with(ArrayType.RNN_FF_LOOP_WORKING_MEM, WS_RNN_LOOP_WORKING_MEM, WS_RNN_LOOP_WORKING_MEM_CONFIG)
                    .with(ArrayType.RNN_BP_LOOP_WORKING_MEM, WS_RNN_LOOP_WORKING_MEM, WS_RNN_LOOP_WORKING_MEM_CONFIG)
                    .build();
            if (layerWiseConfigurations.getCacheMode() != null) {
                mgr.setWorkspace(ArrayType.FF_CACHE, WS_ALL_LAYERS_ACT, WS_ALL_LAYERS_ACT_CONFIG);
            }
        }
        synchronizeIterEpochCounts();
        try (MemoryWorkspace ws = mgr.notifyScopeEntered(ArrayType.ACTIVATIONS)) {
            List<INDArray> activations = ffToLayerActivationsInWs(layers.length - 2, FwdPassType.STANDARD, false,
                    input, mask, null);
            for (TrainingListener listener : trainingListeners) {
                listener.onForwardPass(this, activations);
            }
            INDArray inputToOutputLayer = activations.get(activations.size() - 1);
            if (layerWiseConfigurations.getInputPreProcess(layers.length - 1) != null) {
                inputToOutputLayer = layerWiseConfigurations.getInputPreProcess(layers.length - 1)
                        .preProcess(inputToOutputLayer, getInputMiniBatchSize(), mgr);
            }
            getOutputLayer().setInput(inputToOutputLayer, mgr);
            Pair<Gradient, INDArray> pair = calcBackpropGradients(null, true, false, false);
            this.gradient = pair == null ? null : pair.getFirst();
            score = Double.NaN;
            if (!trainingListeners.isEmpty()) {
                try (MemoryWorkspace workspace = Nd4j.getMemoryManager().scopeOutOfWorkspaces()) {
                    for (TrainingListener listener : trainingListeners) {
                        listener.onBackwardPass(this);
                    }
                }
            }
        }
        getOutputLayer().clearNoiseWeightParams();
    }
}
