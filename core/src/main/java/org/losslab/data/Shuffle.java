package org.losslab.data;

import java.util.SplittableRandom;

/** The order in which an epoch visits the examples: a permutation drawn from the seed and the epoch number. */
public final class Shuffle {

    private Shuffle() {
    }

    /**
     * {@return a permutation of 0..n−1 for {@code epoch} (0, 1, …); the same seed and epoch always give the same one}
     *
     * @param n the number
     * @param seed the seed
     * @param epoch the epoch, from 0
     */
    public static int[] permutation(int n, long seed, int epoch) {
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        SplittableRandom random = new SplittableRandom(seed * 0x9E3779B97F4A7C15L + epoch);
        for (int i = n - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int swap = order[i];
            order[i] = order[j];
            order[j] = swap;
        }
        return order;
    }
}
