package org.losslab.preset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.lossfunctions.ILossFunction;

/** The output-layer error δ = ∂C/∂z and the cost that DL4J computes for each preset, against the lecture. */
class PresetDeltaTest {

    private static final int EXAMPLES = 7;
    private static final int OUTPUTS = 5;

    private static double sigmoid(double z) {
        return 1 / (1 + Math.exp(-z));
    }

    /** Random pre-activations z in [-4, 4] and targets: one-hot for softmax, in [0, 1] otherwise. */
    private static double[][][] randomPoint(Preset preset, long seed) {
        Random random = new Random(seed);
        double[][] z = new double[EXAMPLES][OUTPUTS];
        double[][] y = new double[EXAMPLES][OUTPUTS];
        for (int i = 0; i < EXAMPLES; i++) {
            int hot = random.nextInt(OUTPUTS);
            for (int j = 0; j < OUTPUTS; j++) {
                z[i][j] = random.nextDouble() * 8 - 4;
                y[i][j] = preset == Preset.SOFTMAX_LOG_LIKELIHOOD ? (j == hot ? 1 : 0) : random.nextDouble();
            }
        }
        return new double[][][] {z, y};
    }

    /** The lecture's outputs a for pre-activations z. */
    private static double[][] outputs(Preset preset, double[][] z) {
        double[][] a = new double[z.length][];
        for (int i = 0; i < z.length; i++) {
            a[i] = new double[z[i].length];
            if (preset == Preset.SOFTMAX_LOG_LIKELIHOOD) {
                double sum = 0;
                for (double v : z[i]) {
                    sum += Math.exp(v);
                }
                for (int j = 0; j < z[i].length; j++) {
                    a[i][j] = Math.exp(z[i][j]) / sum;
                }
            } else {
                for (int j = 0; j < z[i].length; j++) {
                    a[i][j] = sigmoid(z[i][j]);
                }
            }
        }
        return a;
    }

    @ParameterizedTest
    @EnumSource(Preset.class)
    void deltaIsTheLecturesFormula(Preset preset) {
        for (long seed = 1; seed <= 5; seed++) {
            double[][][] point = randomPoint(preset, seed);
            double[][] z = point[0];
            double[][] y = point[1];
            double[][] a = outputs(preset, z);
            ILossFunction loss = Networks.lossFunction(preset);
            IActivation activation = Networks.outputActivation(preset).getActivationFunction();
            INDArray zArray = Nd4j.create(z).castTo(DataType.DOUBLE);
            INDArray delta = loss.computeGradient(Nd4j.create(y), zArray, activation, null);
            for (int i = 0; i < EXAMPLES; i++) {
                for (int j = 0; j < OUTPUTS; j++) {
                    double expected = switch (preset) {
                        case QUADRATIC_SIGMOID -> (a[i][j] - y[i][j]) * a[i][j] * (1 - a[i][j]);
                        case CROSS_ENTROPY_SIGMOID, SOFTMAX_LOG_LIKELIHOOD -> a[i][j] - y[i][j];
                    };
                    assertThat(delta.getDouble(i, j)).as("%s δ[%d][%d], seed %d", preset, i, j, seed)
                            .isCloseTo(expected, within(1e-6));
                }
            }
            if (preset == Preset.QUADRATIC_SIGMOID) {
                // LossLab's own cost leaves z alone (DL4J's XENT overwrites it, which its layers allow for).
                assertThat(zArray).as("computeGradient must leave z alone").isEqualTo(Nd4j.create(z));
            }
        }
    }

    @ParameterizedTest
    @EnumSource(Preset.class)
    void costIsTheLecturesFormulaAveragedOverTheBatch(Preset preset) {
        double[][][] point = randomPoint(preset, 42);
        double[][] z = point[0];
        double[][] y = point[1];
        double[][] a = outputs(preset, z);
        double total = 0;
        double[] perExample = new double[EXAMPLES];
        for (int i = 0; i < EXAMPLES; i++) {
            for (int j = 0; j < OUTPUTS; j++) {
                perExample[i] += switch (preset) {
                    case QUADRATIC_SIGMOID -> 0.5 * (y[i][j] - a[i][j]) * (y[i][j] - a[i][j]);
                    case CROSS_ENTROPY_SIGMOID -> -(y[i][j] * Math.log(a[i][j])
                            + (1 - y[i][j]) * Math.log(1 - a[i][j]));
                    case SOFTMAX_LOG_LIKELIHOOD -> y[i][j] == 1 ? -Math.log(a[i][j]) : 0;
                };
            }
            total += perExample[i];
        }
        ILossFunction loss = Networks.lossFunction(preset);
        IActivation activation = Networks.outputActivation(preset).getActivationFunction();
        INDArray labels = Nd4j.create(y);
        assertThat(loss.computeScore(labels, Nd4j.create(z), activation, null, true))
                .isCloseTo(total / EXAMPLES, within(1e-9));
        assertThat(loss.computeScore(labels, Nd4j.create(z), activation, null, false))
                .isCloseTo(total, within(1e-9));
        INDArray scores = loss.computeScoreArray(labels, Nd4j.create(z), activation, null);
        assertThat(scores.shape()).containsExactly(EXAMPLES, 1);
        for (int i = 0; i < EXAMPLES; i++) {
            assertThat(scores.getDouble(i, 0)).isCloseTo(perExample[i], within(1e-9));
        }
    }

    @org.junit.jupiter.api.Test
    void quadraticCostIsHalfOfSquaredErrorNotMse() {
        // One output a = σ(0) = 0.5, target 1: ½(1 − 0.5)² = 0.125 (DL4J's MSE would give 0.25).
        ILossFunction loss = new QuadraticCost();
        IActivation sigmoid = Networks.outputActivation(Preset.QUADRATIC_SIGMOID).getActivationFunction();
        double cost = loss.computeScore(Nd4j.create(new double[][] {{1}}), Nd4j.create(new double[][] {{0}}),
                sigmoid, null, true);
        assertThat(cost).isCloseTo(0.125, within(1e-12));
    }

    @org.junit.jupiter.api.Test
    void quadraticCostHonoursAPerExampleMask() {
        ILossFunction loss = new QuadraticCost();
        IActivation sigmoid = Networks.outputActivation(Preset.QUADRATIC_SIGMOID).getActivationFunction();
        INDArray z = Nd4j.create(new double[][] {{0, 0}, {0, 0}});
        INDArray y = Nd4j.create(new double[][] {{1, 1}, {1, 1}});
        INDArray mask = Nd4j.create(new double[][] {{1}, {0}});
        assertThat(loss.computeScore(y, z, sigmoid, mask, false)).isCloseTo(0.25, within(1e-12));
        INDArray delta = loss.computeGradient(y, z, sigmoid, mask);
        assertThat(delta.getDouble(0, 0)).isCloseTo(-0.125, within(1e-12));
        assertThat(delta.getDouble(1, 0)).isZero();
    }

    @org.junit.jupiter.api.Test
    void quadraticCostRejectsMismatchedShapes() {
        ILossFunction loss = new QuadraticCost();
        IActivation sigmoid = Networks.outputActivation(Preset.QUADRATIC_SIGMOID).getActivationFunction();
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> loss.computeScore(Nd4j.zeros(DataType.DOUBLE, 2, 3),
                        Nd4j.zeros(DataType.DOUBLE, 2, 4), sigmoid, null, true))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("[2, 3]").hasMessageContaining("[2, 4]");
    }
}
