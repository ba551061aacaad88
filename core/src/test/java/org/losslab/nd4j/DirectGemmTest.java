package org.losslab.nd4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.blas.params.MMulTranspose;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.memory.conf.WorkspaceConfiguration;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.executioner.OpExecutioner;
import org.nd4j.linalg.api.ops.impl.reduce.Mmul;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

class DirectGemmTest {

    private static Nd4jTuning.Executioner executioner;

    @BeforeAll
    static void install() {
        Nd4jTuning.install();
        executioner = (Nd4jTuning.Executioner) Nd4j.getExecutioner();
    }

    @AfterEach
    void directAgain() {
        executioner.directGemm = true;
    }

    /** One product to make twice: operands, output layout, flags, α and β. */
    private record Case(INDArray x, INDArray y, char zOrder, boolean transX, boolean transY, boolean transZ,
                        double alpha, double beta, INDArray zStart) {

        /** Runs the product into a fresh output (a copy of zStart), directly or through libnd4j. */
        INDArray run(boolean direct) {
            executioner.directGemm = direct;
            INDArray z = zStart.dup(zOrder);
            Nd4j.exec(new Mmul(x, y, z, alpha, beta, MMulTranspose.builder().transposeA(transX).transposeB(transY)
                    .transposeResult(transZ).build()));
            return z;
        }
    }

    /** Operand of a product: c or f order, or a view at an offset inside a larger array, or a transposed view. */
    private static INDArray operand(Random random, DataType type, long rows, long columns) {
        switch (random.nextInt(4)) {
            case 0:
                return Nd4j.rand(type, 'c', rows, columns).subi(0.5);
            case 1:
                return Nd4j.rand(type, 'f', rows, columns).subi(0.5);
            case 2: {
                INDArray big = Nd4j.rand(type, 'c', rows + 3, columns + 2).subi(0.5);
                return big.get(NDArrayIndex.interval(2, 2 + rows), NDArrayIndex.interval(1, 1 + columns));
            }
            default:
                return Nd4j.rand(type, 'c', columns, rows).subi(0.5).transpose();
        }
    }

    private static List<Case> cases(long seed, int count) {
        Random random = new Random(seed);
        List<Case> cases = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            DataType type = random.nextInt(4) == 0 ? DataType.DOUBLE : DataType.FLOAT;
            long m = 2 + random.nextInt(40);
            long k = 2 + random.nextInt(800);
            long n = 2 + random.nextInt(40);
            boolean transX = random.nextBoolean();
            boolean transY = random.nextBoolean();
            boolean transZ = random.nextInt(4) == 0;
            INDArray x = transX ? operand(random, type, k, m) : operand(random, type, m, k);
            INDArray y = transY ? operand(random, type, n, k) : operand(random, type, k, n);
            long[] zShape = transZ ? new long[] {n, m} : new long[] {m, n};
            double alpha = random.nextInt(3) == 0 ? 0.5 + random.nextDouble() : 1.0;
            double beta = random.nextInt(3) == 0 ? random.nextDouble() : 0.0;
            cases.add(new Case(x, y, random.nextBoolean() ? 'c' : 'f', transX, transY, transZ, alpha, beta,
                    Nd4j.rand(type, zShape)));
        }
        return cases;
    }

    private static Object bits(INDArray array) {
        INDArray c = array.dup('c');
        return c.dataType() == DataType.DOUBLE ? c.data().asDouble() : c.data().asFloat();
    }

    @Test
    void everyProductGivesLibnd4jsBitsAndRunsAsOneBlasCallWhenItsOutputIsColumnMajor() {
        int direct = 0;
        for (Case product : cases(18, 600)) {
            INDArray plain = product.run(false);
            long taken = DirectGemm.TAKEN.sum();
            INDArray made = product.run(true);
            boolean ran = DirectGemm.TAKEN.sum() == taken + 1;
            // A row-major output: libnd4j's product then differs in the last bits from any one BLAS call tried
            // (row-major, or column-major into a copy), so it is left to libnd4j.
            assertThat(ran).as("%s ran directly", product).isEqualTo(product.zOrder() == 'f');
            direct += ran ? 1 : 0;
            assertThat(bits(made)).as("%s", product).isEqualTo(bits(plain));
        }
        assertThat(direct).isGreaterThan(250);
    }

    @Test
    void dl4jsOwnProductsAreTakenAndGiveTheSameBits() {
        // What DL4J's dense layers call: x.mmul(W) into an f-order result, Nd4j.gemm with transposes into a view.
        INDArray x = Nd4j.rand(DataType.FLOAT, 10, 784);
        INDArray w = Nd4j.rand(DataType.FLOAT, 'f', 784, 30);
        INDArray delta = Nd4j.rand(DataType.FLOAT, 10, 30);
        INDArray gradients = Nd4j.create(DataType.FLOAT, new long[] {784 * 30 + 30}, 'f');
        INDArray gradientView = gradients.get(NDArrayIndex.interval(0, 784 * 30)).reshape('f', 784, 30);
        List<List<Object>> results = new ArrayList<>();
        for (boolean direct : new boolean[] {false, true}) {
            executioner.directGemm = direct;
            long taken = DirectGemm.TAKEN.sum();
            INDArray z = x.mmul(w);
            Nd4j.gemm(x, delta, gradientView, true, false, 1.0, 0.0);
            INDArray epsilon = w.mmul(delta.transpose()).transpose();
            results.add(List.of(bits(z), bits(gradientView), bits(epsilon)));
            assertThat(DirectGemm.TAKEN.sum() - taken).isEqualTo(direct ? 3 : 0);
        }
        for (int i = 0; i < 3; i++) {
            assertThat(results.get(1).get(i)).as("product %d", i).isEqualTo(results.get(0).get(i));
        }
    }

    @Test
    void vectorsAndMixedTypesAreLeftToLibnd4j() {
        INDArray row = Nd4j.rand(DataType.FLOAT, 1, 784);
        INDArray w = Nd4j.rand(DataType.FLOAT, 784, 30);
        long left = DirectGemm.LEFT.sum();
        INDArray z = row.mmul(w);
        INDArray column = Nd4j.rand(DataType.FLOAT, 30, 1);
        INDArray y = w.mmul(column);
        INDArray mixed = Nd4j.create(DataType.FLOAT, 4, 3);
        assertThatThrownBy(() -> Nd4j.exec(new Mmul(Nd4j.rand(DataType.DOUBLE, 4, 5), Nd4j.rand(DataType.DOUBLE, 5, 3),
                mixed, MMulTranspose.allFalse()))).hasStackTraceContaining("data types");
        assertThat(DirectGemm.LEFT.sum() - left).isGreaterThanOrEqualTo(3);
        executioner.directGemm = false;
        assertThat(bits(row.mmul(w))).isEqualTo(bits(z));
        assertThat(bits(w.mmul(column))).isEqualTo(bits(y));
    }

    @Test
    void anArrayOfAClosedWorkspaceIsRefusedAsByNd4jWhenItChecksWorkspaces() {
        OpExecutioner.ProfilingMode before = executioner.getProfilingMode();
        executioner.setProfilingMode(OpExecutioner.ProfilingMode.SCOPE_PANIC); // ND4J's checks of custom ops on
        try {
            WorkspaceConfiguration conf = WorkspaceConfiguration.builder().initialSize(1 << 20).build();
            INDArray closed;
            try (MemoryWorkspace ws = Nd4j.getWorkspaceManager().getAndActivateWorkspace(conf, "losslab-gemm")) {
                closed = Nd4j.rand(DataType.FLOAT, 10, 20);
            }
            INDArray y = Nd4j.rand(DataType.FLOAT, 20, 5);
            INDArray z = Nd4j.create(DataType.FLOAT, new long[] {10, 5}, 'f');
            for (boolean direct : new boolean[] {false, true}) {
                executioner.directGemm = direct;
                long taken = DirectGemm.TAKEN.sum();
                assertThatThrownBy(() -> Nd4j.exec(new Mmul(closed, y, z, MMulTranspose.allFalse())))
                        .as("direct %s", direct).hasStackTraceContaining("no longer open");
                assertThat(DirectGemm.TAKEN.sum()).isEqualTo(taken);
            }
        } finally {
            executioner.setProfilingMode(before);
        }
    }
}
