package org.losslab.experiment;

import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.nativeblas.NativeOpsHolder;

/**
 * ND4J's thread count. {@code OMP_NUM_THREADS} would also size ND4J's thread pool, which bounds how many trainings a
 * JVM runs at once ({@code Nd4jSetup.trainingSlots()}: 1 with {@code OMP_NUM_THREADS=1}); so LossLab caps ND4J's own
 * and OpenBLAS's threads for the process through the API instead, and OpenMP's for the calling thread (an OpenMP
 * setting is per thread: other threads keep theirs).
 */
public final class Threads {

    private Threads() {
    }

    /**
     * Caps ND4J (and OpenBLAS) at {@code threads} threads per operation, and the OpenMP teams of the calling thread
     * (which libnd4j 1.0.0-beta7 starts for some operations, {@code tanh} among them, whatever ND4J's own cap says).
     * Without the OpenMP cap, two trainings on two cores in two JVMs (two Spark executors, say) each took about 1.5
     * times as long as with it: each one's OpenMP team competed with the other's training (docs/benchmarks.md).
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
        NativeOpsHolder.getInstance().getDeviceNativeOps().setOmpNumThreads(threads);
    }
}
