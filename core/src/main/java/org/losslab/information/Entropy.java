package org.losslab.information;

import java.util.Arrays;

/**
 * Entropy, cross-entropy and Kullback–Leibler divergence of discrete distributions, in bits or nats, and the binary
 * cross-entropy of one sigmoid output: the lecture's "surprise". H(p) = −Σ p_i log p_i is the mean surprise of
 * outcomes drawn from p, the bits a code made for p needs per outcome; H(p, q) = −Σ p_i log q_i is what a code made
 * for the wrong model q needs, never less than H(p), and D(p‖q) = H(p, q) − H(p) ≥ 0 is the excess, zero only when
 * q = p. Terms with p_i = 0 count 0 (the limit of p log p). DL4J's {@code XENT} loss is {@link #binaryCrossEntropy}
 * in nats.
 *
 * <p>Every method checks its arguments and throws {@link IllegalArgumentException} naming the one that is wrong: a
 * distribution must have non-negative, finite entries summing to 1 (within {@value #TOLERANCE}), and two
 * distributions must have the same length.
 */
public final class Entropy {

    /** How far from 1 a distribution's entries may sum. */
    public static final double TOLERANCE = 1e-9;

    /** The unit of information: the logarithm's base. */
    public enum Unit {
        /** Base 2: a fair coin carries one bit. */
        BITS(Math.log(2)),
        /** Base e: the unit of DL4J's losses, which use the natural logarithm. */
        NATS(1.0);

        private final double lnBase;

        Unit(double lnBase) {
            this.lnBase = lnBase;
        }

        /**
         * @param nats an amount of information in nats
         * @return the same amount in this unit
         */
        public double fromNats(double nats) {
            return nats / lnBase;
        }
    }

    private Entropy() {
    }

    /**
     * @param p    a distribution
     * @param unit bits or nats
     * @return H(p) = −Σ p_i log p_i
     */
    public static double entropy(double[] p, Unit unit) {
        check("p", p);
        double nats = 0;
        for (double pi : p) {
            if (pi > 0) {
                nats -= pi * Math.log(pi);
            }
        }
        return unit.fromNats(nats);
    }

    /**
     * @param p    the true distribution
     * @param q    the model's distribution
     * @param unit bits or nats
     * @return H(p, q) = −Σ p_i log q_i: infinite when q gives 0 to an outcome that p does not
     */
    public static double crossEntropy(double[] p, double[] q, Unit unit) {
        check("p", p);
        check("q", q);
        sameLength(p, q);
        double nats = 0;
        for (int i = 0; i < p.length; i++) {
            if (p[i] > 0) {
                nats -= p[i] * Math.log(q[i]);
            }
        }
        return unit.fromNats(nats);
    }

    /**
     * @param p    the true distribution
     * @param q    the model's distribution
     * @param unit bits or nats
     * @return D(p‖q) = Σ p_i log(p_i / q_i) = H(p, q) − H(p), ≥ 0 and 0 only when q = p
     */
    public static double klDivergence(double[] p, double[] q, Unit unit) {
        check("p", p);
        check("q", q);
        sameLength(p, q);
        double nats = 0;
        for (int i = 0; i < p.length; i++) {
            if (p[i] > 0) {
                nats += p[i] * Math.log(p[i] / q[i]);
            }
        }
        return unit.fromNats(Math.max(0, nats));
    }

    /**
     * The cross-entropy of one sigmoid output a for a target y: H((y, 1 − y), (a, 1 − a)) = −[y ln a + (1 − y)
     * ln(1 − a)], the cost the lecture gives the single neuron.
     *
     * @param y    the target, in [0, 1]
     * @param a    the output, in [0, 1]
     * @param unit bits or nats
     * @return the surprise of the output for that target
     */
    public static double binaryCrossEntropy(double y, double a, Unit unit) {
        probability("y", y);
        probability("a", a);
        return crossEntropy(new double[] {y, 1 - y}, new double[] {a, 1 - a}, unit);
    }

    /**
     * @param outcomes how many outcomes, at least 1
     * @return the uniform distribution over them: a fair coin (2), a fair die (6)
     */
    public static double[] uniform(int outcomes) {
        if (outcomes < 1) {
            throw new IllegalArgumentException("outcomes: must be >= 1, got " + outcomes);
        }
        double[] p = new double[outcomes];
        Arrays.fill(p, 1.0 / outcomes);
        return p;
    }

    /**
     * @param y the outcome that happened
     * @param outcomes how many outcomes
     * @return the distribution that is sure of {@code y}: 1 there, 0 elsewhere (a one-hot label)
     */
    public static double[] certain(int y, int outcomes) {
        if (y < 0 || y >= outcomes) {
            throw new IllegalArgumentException("y: must lie in [0, " + outcomes + "), got " + y);
        }
        double[] p = new double[outcomes];
        p[y] = 1;
        return p;
    }

    private static void check(String name, double[] p) {
        if (p == null || p.length == 0) {
            throw new IllegalArgumentException(name + ": must list at least one probability");
        }
        double sum = 0;
        for (double pi : p) {
            if (!(pi >= 0) || !Double.isFinite(pi)) {
                throw new IllegalArgumentException(name + ": every probability must be a finite number >= 0, got "
                        + Arrays.toString(p));
            }
            sum += pi;
        }
        if (Math.abs(sum - 1) > TOLERANCE) {
            throw new IllegalArgumentException(name + ": probabilities must sum to 1, got " + sum);
        }
    }

    private static void probability(String name, double value) {
        if (!(value >= 0 && value <= 1)) {
            throw new IllegalArgumentException(name + ": must lie in [0, 1], got " + value);
        }
    }

    private static void sameLength(double[] p, double[] q) {
        if (p.length != q.length) {
            throw new IllegalArgumentException("q: must have as many outcomes as p (" + p.length + "), got "
                    + q.length);
        }
    }
}
