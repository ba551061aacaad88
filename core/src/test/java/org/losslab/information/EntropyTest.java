package org.losslab.information;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.losslab.information.Entropy.Unit;

class EntropyTest {

    @Test
    void aFairCoinCarriesOneBitAndAFairDieLog2Of6() {
        assertThat(Entropy.entropy(Entropy.uniform(2), Unit.BITS)).isCloseTo(1.0, within(1e-15));
        assertThat(Entropy.entropy(Entropy.uniform(6), Unit.BITS)).isCloseTo(2.584962500721156, within(1e-14));
        assertThat(Entropy.entropy(Entropy.uniform(6), Unit.NATS)).isCloseTo(Math.log(6), within(1e-14));
        assertThat(Entropy.entropy(Entropy.certain(3, 10), Unit.BITS)).isZero();
        // a biased coin: 0.9 / 0.1 carries 0.469 bits
        assertThat(Entropy.entropy(new double[] {0.9, 0.1}, Unit.BITS)).isCloseTo(0.4689955935892812, within(1e-15));
    }

    @Test
    void crossEntropyIsAtLeastTheEntropyAndEqualOnlyForTheRightModel() {
        Random random = new Random(7);
        for (int trial = 0; trial < 200; trial++) {
            double[] p = random(random, 1 + random.nextInt(8), true);
            double[] q = random(random, p.length, false); // > 0 everywhere: finite H(p, q)
            double h = Entropy.entropy(p, Unit.BITS);
            double cross = Entropy.crossEntropy(p, q, Unit.BITS);
            assertThat(cross).isGreaterThanOrEqualTo(h - 1e-12);
            assertThat(Entropy.klDivergence(p, q, Unit.BITS)).isCloseTo(cross - h, within(1e-12));
            assertThat(Entropy.crossEntropy(p, p, Unit.BITS)).isCloseTo(h, within(1e-12));
            assertThat(Entropy.klDivergence(p, p, Unit.NATS)).isCloseTo(0, within(1e-15));
        }
        // the die coded as if it were a fair coin on {1, 2} and never anything else: impossible outcomes, infinite bits
        double[] coinOnDie = {0.5, 0.5, 0, 0, 0, 0};
        assertThat(Entropy.crossEntropy(Entropy.uniform(6), coinOnDie, Unit.BITS)).isInfinite();
        // a loaded model of a fair coin: 0.9 / 0.1 costs 1.737 bits per toss instead of 1
        assertThat(Entropy.crossEntropy(Entropy.uniform(2), new double[] {0.9, 0.1}, Unit.BITS))
                .isCloseTo(-0.5 * (Math.log(0.9) + Math.log(0.1)) / Math.log(2), within(1e-15))
                .isCloseTo(1.7369655941662063, within(1e-14));
    }

    @Test
    void binaryCrossEntropyIsTheLecturesNeuronCost() {
        // the slow neuron at w = b = 2: a = σ(4), target 0: C = −ln(1 − a) = ln(1 + e^4)
        double a = 1 / (1 + Math.exp(-4));
        assertThat(Entropy.binaryCrossEntropy(0, a, Unit.NATS)).isCloseTo(Math.log1p(Math.exp(4)), within(1e-12));
        assertThat(Entropy.binaryCrossEntropy(0, a, Unit.BITS)).isCloseTo(Math.log1p(Math.exp(4)) / Math.log(2),
                within(1e-12));
        assertThat(Entropy.binaryCrossEntropy(1, 1, Unit.BITS)).isZero();
        assertThat(Entropy.binaryCrossEntropy(0.3, 0.3, Unit.BITS))
                .isCloseTo(Entropy.entropy(new double[] {0.3, 0.7}, Unit.BITS), within(1e-15));
    }

    @Test
    void badArgumentsNameWhatIsWrong() {
        assertThatThrownBy(() -> Entropy.entropy(new double[] {0.5, 0.6}, Unit.BITS))
                .hasMessage("p: probabilities must sum to 1, got 1.1");
        assertThatThrownBy(() -> Entropy.entropy(new double[] {1.5, -0.5}, Unit.BITS))
                .hasMessageStartingWith("p: every probability must be a finite number >= 0");
        assertThatThrownBy(() -> Entropy.crossEntropy(Entropy.uniform(2), Entropy.uniform(3), Unit.BITS))
                .hasMessage("q: must have as many outcomes as p (2), got 3");
        assertThatThrownBy(() -> Entropy.entropy(new double[0], Unit.BITS))
                .hasMessage("p: must list at least one probability");
        assertThatThrownBy(() -> Entropy.binaryCrossEntropy(0, 1.2, Unit.NATS)).hasMessage("a: must lie in [0, 1], got 1.2");
        assertThatThrownBy(() -> Entropy.certain(10, 10)).hasMessage("y: must lie in [0, 10), got 10");
    }

    private static double[] random(Random random, int n, boolean zeros) {
        double[] p = new double[n];
        double sum = 0;
        for (int i = 0; i < n; i++) {
            p[i] = zeros && random.nextDouble() < 0.2 ? 0 : 0.01 + random.nextDouble();
            sum += p[i];
        }
        if (sum == 0) {
            p[0] = sum = 1;
        }
        for (int i = 0; i < n; i++) {
            p[i] /= sum;
        }
        return p;
    }
}
