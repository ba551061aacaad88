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
 * MultiLayerNetwork} to the last bit; on an iteration without the score, {@link #score()} is NaN. Its hidden dense
 * layers are {@link TrainingDenseLayer}s (DL4J's, reusing the forward pass's pre-activations in the
 * back-propagation; the first without the input gradient nobody reads), unless {@value #LAYER_SWITCH}{@code
 * =false}.
 *
 * <p>Only {@link Training} makes these, and only while it trains: a saved model is DL4J's configuration, weights
 * and updater state, and loads as a plain {@code MultiLayerNetwork}. A network with dropout or weight noise, or
 * trained by truncated back-propagation through time, always computes the score (its score draws random numbers).
 */
final class TrainingNetwork extends MultiLayerNetwork {

    /**
     * {@value}{@code =false} keeps DL4J's own dense layers in training (each back-propagation computes its
     * pre-activations again, and the first layer its input gradient): the same numbers, more products.
     */
    static final String LAYER_SWITCH = "losslab.trainingLayers";

    private static final long serialVersionUID = 1L;
    private final transient IntPredicate scoreOn;
    /** Whether every step computes the score, whatever {@link #scoreOn} says; decided once, in {@link #of}. */
    private transient boolean scoreAlways;
    /** The hidden layers that keep their forward pass's pre-activations ({@link TrainingDenseLayer}). */
    private transient List<TrainingDenseLayer> keeping = List.of();

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
        TrainingNetwork training = new TrainingNetwork(network.getLayerWiseConfigurations(), scoreOn);
        training.init(network.params(), false);
        training.scoreAlways = training.scoreAlwaysNeeded();
        if (!"false".equalsIgnoreCase(System.getProperty(LAYER_SWITCH))) {
            training.useTrainingLayers();
        }
        return withUpdaterState(network, training);
    }

    /**
     * {@return a plain {@code MultiLayerNetwork} with this one's configuration, weights and updater state (shared,
     * not copied), without listeners: what {@link Training} hands out once it is done}
     */
    MultiLayerNetwork plain() {
        MultiLayerNetwork plain = new MultiLayerNetwork(getLayerWiseConfigurations());
        plain.init(params(), false);
        return withUpdaterState(this, plain);
    }

    /** {@code to}, initialised, with {@code from}'s updater state, as DL4J's model loading sets it. */
    private static <T extends MultiLayerNetwork> T withUpdaterState(MultiLayerNetwork from, T to) {
        INDArray state = from.getUpdater().getStateViewArray();
        if (state != null && state.length() > 0) {
            to.getUpdater().setStateViewArray(to, state, false);
        }
        return to;
    }

    /**
     * Puts a {@link TrainingDenseLayer} in the place of each hidden layer that {@link TrainingDenseLayer#fits}, before
     * the gradient views and the updater are made (they then refer to the new layers). Only for standard
     * back-propagation: TBPTT runs the layers in other orders.
     */
    private void useTrainingLayers() {
        if (layerWiseConfigurations.getBackpropType() != BackpropType.Standard) {
            return;
        }
        List<TrainingDenseLayer> replaced = new java.util.ArrayList<>();
        for (int i = 0; i < layers.length - 1; i++) {
            if (TrainingDenseLayer.fits(layers[i])) {
                TrainingDenseLayer layer = TrainingDenseLayer.replacing(layers[i], layerWiseConfigurations.getDataType());
                layers[i] = layer;
                layerMap.put(layer.conf().getLayer().getLayerName(), layer);
                replaced.add(layer);
            }
        }
        keeping = List.copyOf(replaced);
    }

    /**
     * DL4J's {@code calcBackpropGradients}, telling the first layer when nothing reads the input gradient: DL4J drops
     * it unless {@code returnInputActGrad}, and an input preprocessor would read it first.
     */
    @Override
    protected Pair<Gradient, INDArray> calcBackpropGradients(INDArray epsilon, boolean withOutputLayer, boolean tbptt,
                                                             boolean returnInputActGrad) {
        if (!returnInputActGrad && !tbptt && layers[0] instanceof TrainingDenseLayer first
                && layerWiseConfigurations.getInputPreProcess(0) == null) {
            first.inputGradientUnread();
        }
        return super.calcBackpropGradients(epsilon, withOutputLayer, tbptt, returnInputActGrad);
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
     * left out on iterations that do not compute it; the hidden layers that keep their pre-activations are told to
     * before, and to forget them after.
     */
    @Override
    public void computeGradientAndScore() {
        for (TrainingDenseLayer layer : keeping) {
            layer.keepNextForward();
        }
        try {
            if (scoreAlways || scoreOn.test(getIterationCount())) {
                super.computeGradientAndScore();
            } else {
                gradientWithoutScore();
            }
        } finally {
            for (TrainingDenseLayer layer : keeping) {
                layer.forget();
            }
        }
    }

    /** DL4J's {@code computeGradientAndScore()} without the score. */
    private void gradientWithoutScore() {
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
