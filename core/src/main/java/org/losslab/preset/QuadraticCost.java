package org.losslab.preset;

import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.lossfunctions.ILossFunction;
import org.nd4j.linalg.lossfunctions.LossUtil;

/**
 * The lecture's quadratic cost C = ½‖y − a‖², summed over the outputs of one example and averaged over the
 * mini-batch, so that ∂C/∂a = a − y and, behind a sigmoid, ∂C/∂z = (a − y)σ′(z).
 *
 * <p>DL4J's own {@code LossMSE} differs: it has no ½ and divides by the number of outputs, and {@code LossL2}
 * has no ½. This class is an ordinary {@link ILossFunction}: DL4J writes it into a configuration's JSON under its
 * class name ({@code "@class"}) and restores it with the public no-argument constructor, so a model zip that uses it
 * loads with plain {@code ModelSerializer} wherever this class is on the class path.
 */
public final class QuadraticCost implements ILossFunction {

    private static final long serialVersionUID = 1L;

    /** Creates the cost; it has no settings. */
    public QuadraticCost() {
    }

    /** Per-element ½(a − y)², masked. */
    private static INDArray halfSquaredErrors(INDArray labels, INDArray preOutput, IActivation activationFn,
                                              INDArray mask) {
        checkShapes(labels, preOutput);
        INDArray output = activationFn.getActivation(preOutput.dup(), true);
        INDArray diff = output.subi(labels.castTo(preOutput.dataType()));
        INDArray scores = diff.muli(diff).muli(0.5);
        if (mask != null) {
            LossUtil.applyMask(scores, mask);
        }
        return scores;
    }

    private static void checkShapes(INDArray labels, INDArray preOutput) {
        if (!labels.equalShapes(preOutput)) {
            throw new IllegalArgumentException("QuadraticCost: labels and network output differ in shape: "
                    + java.util.Arrays.toString(labels.shape()) + " vs "
                    + java.util.Arrays.toString(preOutput.shape()));
        }
    }

    @Override
    public double computeScore(INDArray labels, INDArray preOutput, IActivation activationFn, INDArray mask,
                               boolean average) {
        INDArray scores = halfSquaredErrors(labels, preOutput, activationFn, mask);
        double total = scores.sumNumber().doubleValue();
        return average ? total / scores.size(0) : total;
    }

    @Override
    public INDArray computeScoreArray(INDArray labels, INDArray preOutput, IActivation activationFn,
                                      INDArray mask) {
        return halfSquaredErrors(labels, preOutput, activationFn, mask).sum(true, 1);
    }

    @Override
    public INDArray computeGradient(INDArray labels, INDArray preOutput, IActivation activationFn, INDArray mask) {
        checkShapes(labels, preOutput);
        INDArray output = activationFn.getActivation(preOutput.dup(), true);
        INDArray dCda = output.subi(labels.castTo(preOutput.dataType()));
        if (mask != null && LossUtil.isPerOutputMasking(dCda, mask)) {
            LossUtil.applyMask(dCda, mask);
        }
        // backprop overwrites its input in DL4J, so hand it a copy.
        INDArray dCdz = activationFn.backprop(preOutput.dup(), dCda).getFirst();
        if (mask != null) {
            LossUtil.applyMask(dCdz, mask);
        }
        return dCdz;
    }

    @Override
    public Pair<Double, INDArray> computeGradientAndScore(INDArray labels, INDArray preOutput,
                                                          IActivation activationFn, INDArray mask,
                                                          boolean average) {
        return new Pair<>(computeScore(labels, preOutput, activationFn, mask, average),
                computeGradient(labels, preOutput, activationFn, mask));
    }

    @Override
    public String name() {
        return "QuadraticCost";
    }

    @Override
    public String toString() {
        return "QuadraticCost()";
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof QuadraticCost;
    }

    @Override
    public int hashCode() {
        return QuadraticCost.class.hashCode();
    }
}
