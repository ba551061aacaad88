package org.losslab.nd4j;

import java.lang.ref.Reference;
import java.util.List;
import org.bytedeco.javacpp.DoublePointer;
import org.bytedeco.javacpp.FloatPointer;
import org.bytedeco.openblas.global.openblas_nolapack;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.CustomOp;
import org.nd4j.linalg.api.ops.impl.reduce.Mmul;

/**
 * ND4J's matrix product ({@code Mmul}, libnd4j's {@code matmul}) of two float or double matrices as the one
 * {@code cblas_sgemm} or {@code cblas_dgemm} call libnd4j 1.0.0-beta7 makes for it, made from Java: the same
 * OpenBLAS function (ND4J hands libnd4j OpenBLAS's {@code cblas_sgemm}) with the same arguments, so the same bits,
 * without the op context, the shape calculation and the dozen native calls around it. A 784-30-10 step at
 * mini-batch 10 has seven; each costs about 13 µs more through libnd4j than the product itself (docs/benchmarks.md).
 *
 * <p>The arguments are those of libnd4j's {@code MmulHelper::mmulMxM}: a transposed input or output is a permuted
 * view; each input must be contiguous along one of its dimensions (else libnd4j copies it first), and the output
 * along its rows (column-major, as DL4J's layers make every product's output: its dimension M contiguous, the BLAS
 * order column-major). Anything else (a row-major output, vectors, a dimension of 1, batched or mixed-type
 * products, arrays without a buffer) is left to libnd4j; DirectGemmTest compares the bits of 600 random products
 * both ways.
 */
final class DirectGemm {

    private static final int ROW_MAJOR = openblas_nolapack.CblasRowMajor;
    private static final int COL_MAJOR = openblas_nolapack.CblasColMajor;
    private static final int NO_TRANS = openblas_nolapack.CblasNoTrans;
    private static final int TRANS = openblas_nolapack.CblasTrans;

    /** Products run here and products left to libnd4j, since the JVM started: for tests and benchmarks. */
    static final java.util.concurrent.atomic.LongAdder TAKEN = new java.util.concurrent.atomic.LongAdder();
    static final java.util.concurrent.atomic.LongAdder LEFT = new java.util.concurrent.atomic.LongAdder();

    private DirectGemm() {
    }

    /**
     * Runs {@code op} as one BLAS call if it is a matrix product this handles, counting it.
     *
     * @param op the operation
     * @return whether it ran; false leaves it, untouched, to libnd4j
     */
    static boolean runCounted(CustomOp op) {
        boolean ran = run(op);
        if (op instanceof Mmul) {
            (ran ? TAKEN : LEFT).increment();
        }
        return ran;
    }

    /** {@return whether {@code op} may be a product this runs: a matrix product with its output given} */
    static boolean handles(CustomOp op) {
        return op instanceof Mmul && op.numInputArguments() == 2 && op.numOutputArguments() == 1;
    }

    /**
     * Runs {@code op} as one BLAS call if it is a matrix product this handles.
     *
     * @param op the operation
     * @return whether it ran; false leaves it, untouched, to libnd4j
     */
    static boolean run(CustomOp op) {
        if (!handles(op)) {
            return false;
        }
        long[] flags = op.iArgs();
        double[] scalars = op.tArgs();
        if (flags.length > 3 || scalars.length > 2 || op.bArgs().length > 0) {
            return false;
        }
        List<INDArray> inputs = op.inputArguments();
        INDArray x = inputs.get(0);
        INDArray y = inputs.get(1);
        INDArray z = op.outputArguments().get(0);
        boolean transX = flags.length > 0 && flags[0] != 0;
        boolean transY = flags.length > 1 && flags[1] != 0;
        boolean transZ = flags.length > 2 && flags[2] != 0;
        double alpha = scalars.length > 0 ? scalars[0] : 1.0;
        double beta = scalars.length > 1 ? scalars[1] : 0.0;
        if (transZ) { // libnd4j: (x·y)ᵀ = yᵀ·xᵀ
            INDArray swap = x;
            x = y;
            y = swap;
            boolean wasX = transX;
            transX = !transY;
            transY = !wasX;
        }
        DataType type = z.dataType();
        if (type != DataType.FLOAT && type != DataType.DOUBLE || x.dataType() != type || y.dataType() != type
                || x.rank() != 2 || y.rank() != 2 || z.rank() != 2 || x.isEmpty() || y.isEmpty() || z.isEmpty()
                || x.data() == null || y.data() == null || z.data() == null) {
            return false;
        }
        // A (M×K), B (K×N) as views: a transposed input is the other dimension first.
        long m = x.size(transX ? 1 : 0);
        long k = x.size(transX ? 0 : 1);
        long aStrideM = x.stride(transX ? 1 : 0);
        long aStrideK = x.stride(transX ? 0 : 1);
        long bStrideK = y.stride(transY ? 1 : 0);
        long bStrideN = y.stride(transY ? 0 : 1);
        long n = y.size(transY ? 0 : 1);
        if (y.size(transY ? 1 : 0) != k || z.size(0) != m || z.size(1) != n || m < 2 || n < 2 || k < 2
                || Math.max(m, Math.max(n, k)) > Integer.MAX_VALUE) {
            return false;
        }
        boolean aMcont = aStrideM == 1;
        boolean aKcont = aStrideK == 1;
        boolean bKcont = bStrideK == 1;
        boolean bNcont = bStrideN == 1;
        boolean cMcont = z.stride(0) == 1;
        boolean cNcont = z.stride(1) == 1;
        if (!aMcont && !aKcont || !bKcont && !bNcont || !cMcont) {
            // libnd4j copies such an input first; and its product into a row-major output differs in the last bits
            // from a row-major BLAS call and from a column-major one into a copy (DirectGemmTest): left to it
            return false;
        }
        int order = cMcont ? COL_MAJOR : ROW_MAJOR;
        boolean transA = !aMcont && cMcont || aMcont && !cMcont;
        boolean transB = !bKcont && cMcont || bKcont && !cMcont;
        long lda = aMcont && aKcont ? m : !aMcont ? aStrideM : aStrideK;
        long ldb = bKcont && bNcont ? k : !bKcont ? bStrideK : bStrideN;
        long ldc = cMcont && cNcont ? m : !cMcont ? z.stride(0) : z.stride(1);
        if (Math.max(lda, Math.max(ldb, ldc)) > Integer.MAX_VALUE) {
            return false;
        }
        try {
            if (type == DataType.FLOAT) {
                openblas_nolapack.cblas_sgemm(order, transA ? TRANS : NO_TRANS, transB ? TRANS : NO_TRANS,
                        (int) m, (int) n, (int) k, (float) alpha, (FloatPointer) x.data().addressPointer(), (int) lda,
                        (FloatPointer) y.data().addressPointer(), (int) ldb, (float) beta,
                        (FloatPointer) z.data().addressPointer(), (int) ldc);
            } else {
                openblas_nolapack.cblas_dgemm(order, transA ? TRANS : NO_TRANS, transB ? TRANS : NO_TRANS,
                        (int) m, (int) n, (int) k, alpha, (DoublePointer) x.data().addressPointer(), (int) lda,
                        (DoublePointer) y.data().addressPointer(), (int) ldb, beta,
                        (DoublePointer) z.data().addressPointer(), (int) ldc);
            }
        } finally {
            Reference.reachabilityFence(x);
            Reference.reachabilityFence(y);
            Reference.reachabilityFence(z);
        }
        return true;
    }
}
