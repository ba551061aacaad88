package org.losslab.nd4j;

import java.util.Arrays;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.broadcast.BroadcastAddOp;
import org.nd4j.linalg.api.ops.impl.reduce.same.Sum;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Operations whose dimensions and second operand only the operation holds, on four threads for a number of
 * seconds, while two more threads make garbage so that collections come every millisecond or so, some of them
 * while an operation runs. Without {@link Nd4jTuning}'s executioner ND4J 1.0.0-beta7 frees such arrays under
 * the native code now and then: a crash ({@code SIGSEGV}) within seconds (docs/benchmarks.md). Prints
 * {@code ops} and each thread's count, or exits with 1 if a result was wrong. Arguments: seconds, and
 * {@code install} to install {@link Nd4jTuning} first.
 */
public final class ArrayChurn {

    private static final int THREADS = 4;
    private static final int GARBAGE_MAKERS = 2;

    private ArrayChurn() {
    }

    public static void main(String[] args) throws InterruptedException {
        long seconds = Long.parseLong(args[0]);
        if (args.length > 1 && args[1].equals("install")) {
            Nd4jTuning.install();
        }
        for (int i = 0; i < GARBAGE_MAKERS; i++) {
            Thread maker = new Thread(() -> {
                Object[] recent = new Object[64];
                for (int k = 0; ; k++) {
                    recent[k & 63] = new byte[256];
                }
            });
            maker.setDaemon(true);
            maker.start();
        }
        long end = System.nanoTime() + seconds * 1_000_000_000L;
        long[] counts = new long[THREADS];
        boolean[] wrong = new boolean[THREADS];
        Thread[] threads = new Thread[THREADS];
        for (int t = 0; t < THREADS; t++) {
            int id = t;
            threads[t] = new Thread(() -> {
                INDArray x = Nd4j.linspace(DataType.FLOAT, 1, 300, 1).reshape(10, 30);
                INDArray row = Nd4j.linspace(DataType.FLOAT, 1000, 30, 1000).reshape(1, 30);
                INDArray z = Nd4j.create(DataType.FLOAT, 10, 30);
                INDArray sums = Nd4j.create(DataType.FLOAT, 10);
                INDArray expected = x.addRowVector(row);
                INDArray expectedSums = expected.sum(1);
                while (System.nanoTime() < end) {
                    // Each operation makes its dimensions, an array that only the operation holds.
                    Nd4j.getExecutioner().exec(new BroadcastAddOp(x, row.reshape(30), z, 1));
                    Nd4j.getExecutioner().exec(new Sum(z, sums, 1));
                    counts[id]++;
                }
                wrong[id] = !z.equals(expected) || !sums.equals(expectedSums);
            });
            threads[t].start();
        }
        for (Thread thread : threads) {
            thread.join();
        }
        System.out.println("ops " + Arrays.toString(counts));
        for (boolean w : wrong) {
            if (w) {
                System.out.println("a result was wrong");
                System.exit(1);
            }
        }
    }
}
