package org.losslab.experiment;

import org.nd4j.linalg.factory.Nd4j;

/**
 * ND4J's thread count for the current process. Setting {@code OMP_NUM_THREADS=1} crashes beta7 once two threads
 * train in one JVM, so LossLab caps ND4J's own and OpenBLAS's threads through the API instead.
 */
public final class Threads {

    private Threads() {
    }

    /**
     * Caps ND4J (and OpenBLAS) at {@code threads} threads per operation.
     *
     * @param threads ND4J threads
     */
    public static void limit(int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("threads: must be >= 1, got " + threads);
        }
        Nd4j.getEnvironment().setMaxMasterThreads(threads);
        Nd4j.getEnvironment().setMaxThreads(threads);
        Nd4j.factory().blas().setMaxThreads(threads);
    }
}
