package org.losslab.nd4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.losslab.experiment.EpochMetrics;
import org.losslab.experiment.RunRecord;
import org.losslab.testing.ChildJvm;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.DynamicCustomOp;
import org.nd4j.linalg.factory.Nd4j;

class Nd4jTuningTest {

    @BeforeAll
    static void install() {
        assertThat(Nd4jTuning.install()).isTrue();
        assertThat(Nd4jTuning.install()).as("twice is once").isTrue();
        assertThat(Nd4j.getExecutioner()).isInstanceOf(Nd4jTuning.Executioner.class);
    }

    @Test
    void arraysOfOneShapeShareOneDescriptorAndOthersDoNot() {
        INDArray a = Nd4j.create(DataType.FLOAT, 3, 4);
        INDArray b = Nd4j.create(DataType.FLOAT, 3, 4);
        INDArray c = Nd4j.create(DataType.FLOAT, 4, 3);
        INDArray d = Nd4j.create(DataType.DOUBLE, 3, 4);
        INDArray f = Nd4j.create(DataType.FLOAT, new long[] {3, 4}, 'f');
        assertThat(a.shapeInfoDataBuffer()).isSameAs(b.shapeInfoDataBuffer());
        assertThat(List.of(c, d, f)).allSatisfy(x -> assertThat(x.shapeInfoDataBuffer())
                .isNotSameAs(a.shapeInfoDataBuffer()));
        assertThat(c.shape()).containsExactly(4, 3);
        assertThat(d.dataType()).isEqualTo(DataType.DOUBLE);
        assertThat(f.ordering()).isEqualTo('f');
    }

    @Test
    void viewsAtOtherOffsetsKeepTheirOwnValues() {
        // Rows of a matrix share one descriptor (offsets are not in it); each must still read its own numbers.
        INDArray m = Nd4j.createFromArray(new float[][] {{1, 2, 3}, {10, 20, 30}, {100, 200, 300}});
        assertThat(m.getRow(0).shapeInfoDataBuffer()).isSameAs(m.getRow(2).shapeInfoDataBuffer());
        assertThat(m.getRow(0).sumNumber().doubleValue()).isEqualTo(6);
        assertThat(m.getRow(1).sumNumber().doubleValue()).isEqualTo(60);
        assertThat(m.getRow(2).sumNumber().doubleValue()).isEqualTo(600);
        assertThat(m.getColumn(1).sumNumber().doubleValue()).isEqualTo(222);
    }

    @Test
    void reductionsAndBroadcastsAlongDimensionsUseEachArraysOwnData() {
        INDArray x = Nd4j.createFromArray(new float[][] {{1, 2}, {3, 4}, {5, 6}});
        INDArray y = x.mul(10);
        assertThat(x.sum(1).toFloatVector()).containsExactly(3, 7, 11);
        assertThat(y.sum(1).toFloatVector()).containsExactly(30, 70, 110);
        assertThat(x.sum(0).toFloatVector()).containsExactly(9, 12);
        assertThat(y.max(0).toFloatVector()).containsExactly(50, 60);
        INDArray bias = Nd4j.createFromArray(new float[] {100, 200});
        assertThat(x.addRowVector(bias).getRow(2).toFloatVector()).containsExactly(105, 206);
        assertThat(y.addRowVector(bias).getRow(0).toFloatVector()).containsExactly(110, 220);
        int[] dims = {1, 0};
        assertThat(x.sum(dims).getDouble(0)).isEqualTo(21);
    }

    @Test
    void aReusedOpContextKeepsNothingOfTheLastCall() {
        INDArray x = Nd4j.createFromArray(new float[][] {{1, 2}, {3, 4}});
        // reduce_sum along the axis in its integer argument, then with none: all of it. A context that kept the
        // first call's argument would sum along axis 1 the second time.
        INDArray[] rows = Nd4j.exec(DynamicCustomOp.builder("reduce_sum").addInputs(x).addIntegerArguments(1)
                .build());
        INDArray[] all = Nd4j.exec(DynamicCustomOp.builder("reduce_sum").addInputs(x).build());
        assertThat(rows[0].toFloatVector()).containsExactly(3, 7);
        assertThat(all[0].length()).isEqualTo(1);
        assertThat(all[0].getDouble(0)).isEqualTo(10);
        // Matrix products go through custom ops too; two in a row with other shapes.
        INDArray a = Nd4j.createFromArray(new float[][] {{1, 2, 3}});
        assertThat(a.mmul(Nd4j.createFromArray(new float[][] {{1}, {1}, {1}})).getDouble(0)).isEqualTo(6);
        assertThat(x.mmul(x).toFloatMatrix()).isEqualTo(new float[][] {{7, 10}, {15, 22}});
    }

    @Test
    void aContextIsReusedAndAFailedOpLeavesItClean() {
        INDArray x = Nd4j.createFromArray(new float[][] {{1, 2}, {3, 4}});
        Nd4j.exec(DynamicCustomOp.builder("reduce_sum").addInputs(x).build());
        int idle = Nd4jTuning.sizes()[2];
        for (int i = 0; i < 20; i++) {
            Nd4j.exec(DynamicCustomOp.builder("reduce_sum").addInputs(x).build());
        }
        assertThat(Nd4jTuning.sizes()[2]).as("no new contexts for the same operation").isEqualTo(idle);
        INDArray wrong = Nd4j.create(DataType.FLOAT, 3, 3);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> Nd4j.exec(DynamicCustomOp.builder("matmul")
                .addInputs(x, wrong).addOutputs(Nd4j.create(DataType.FLOAT, 2, 3)).build()))
                .isInstanceOf(RuntimeException.class);
        assertThat(x.mmul(x).toFloatMatrix()).isEqualTo(new float[][] {{7, 10}, {15, 22}});
    }

    @Test
    void newBuffersAreRegisteredWithLossLabsDeallocations() {
        assertThat(Nd4j.getDeallocatorService()).isInstanceOf(Nd4jTuning.Deallocations.class);
        Nd4jTuning.Deallocations deallocations = (Nd4jTuning.Deallocations) Nd4j.getDeallocatorService();
        List<INDArray> kept = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            kept.add(Nd4j.create(DataType.FLOAT, 10));
        }
        // Others may be freed meanwhile (the collector runs when it likes); the 100 kept ones stay registered.
        assertThat(deallocations.registered()).isGreaterThanOrEqualTo(100);
        assertThat(kept).allSatisfy(a -> assertThat(a.sumNumber().doubleValue()).isZero());
    }

    @Test
    void aStripeUnlinksFromItsMiddleAndBothEnds() {
        Nd4jTuning.Stripe stripe = new Nd4jTuning.Stripe();
        INDArray owner = Nd4j.create(DataType.FLOAT, 1);
        java.lang.ref.ReferenceQueue<org.nd4j.linalg.api.memory.Deallocatable> queue =
                new java.lang.ref.ReferenceQueue<>();
        List<Nd4jTuning.Registered> all = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            Nd4jTuning.Registered r = new Nd4jTuning.Registered(
                    (org.nd4j.linalg.api.memory.Deallocatable) owner.data(), queue, stripe);
            stripe.add(r);
            all.add(r);
        }
        assertThat(stripe.size()).isEqualTo(4);
        stripe.remove(all.get(1)); // middle
        stripe.remove(all.get(3)); // first (the newest is at the head)
        stripe.remove(all.get(0)); // last
        assertThat(stripe.size()).isEqualTo(1);
        assertThat(stripe.first()).isSameAs(all.get(2));
        stripe.remove(all.get(2));
        assertThat(stripe.size()).isZero();
        assertThat(stripe.first()).isNull();
    }

    @Test
    void everyPublicExecOfAnOperationIsFenced() {
        // Each public exec that takes an operation must be overridden, or it would run without the fence. (The two
        // that return nothing, for MetaOp and GridOp, only throw UnsupportedOperationException in ND4J beta7.)
        List<String> missing = new ArrayList<>();
        for (java.lang.reflect.Method method : org.nd4j.linalg.cpu.nativecpu.ops.NativeOpExecutioner.class
                .getMethods()) {
            boolean takesAnOperation = java.util.Arrays.stream(method.getParameterTypes()).anyMatch(type ->
                    org.nd4j.linalg.api.ops.Op.class.isAssignableFrom(type)
                            || org.nd4j.linalg.api.ops.CustomOp.class.isAssignableFrom(type));
            if (!method.getName().equals("exec") || !takesAnOperation || method.getReturnType() == void.class) {
                continue;
            }
            try {
                Nd4jTuning.Executioner.class.getDeclaredMethod(method.getName(), method.getParameterTypes());
            } catch (NoSuchMethodException e) {
                missing.add(method.toString());
            }
        }
        assertThat(missing).isEmpty();
    }

    @Test
    void lossLabChangesNdFourJOnlyWhenAskedTo() throws Exception {
        Process process = ChildJvm.start(SetupProbe.class, List.of(), List.of());
        String printed = new String(process.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        assertThat(process.waitFor(2, TimeUnit.MINUTES)).isTrue();
        assertThat(process.exitValue()).as(printed).isZero();
        // Building, training, saving and loading a network leave the user's ND4J as it was.
        assertThat(printed).contains("before: " + org.nd4j.linalg.cpu.nativecpu.ops.NativeOpExecutioner.class.getName()
                + " ").doesNotContain("before: " + Nd4jTuning.Executioner.class.getName())
                .doesNotContainPattern("before: \\S+ " + PerThreadSecureRandom.ALGORITHM);
        assertThat(printed).contains("after: " + Nd4jTuning.Executioner.class.getName() + " "
                + PerThreadSecureRandom.ALGORITHM);
    }

    @ParameterizedTest(name = "garbage cuts {0}")
    @ValueSource(booleans = {true, false})
    void operationsKeepTheirArraysWhileCollectionsComeAndGo(boolean lessGarbage) throws Exception {
        // Without the fences ND4J crashed in 8 runs of 9 (12 s: 6 of 6, within 4.6-8.8 s; docs/benchmarks.md).
        Process process = ChildJvm.start(ArrayChurn.class, List.of("-Xmn4m", "-D" + Nd4jTuning.SWITCH + "="
                + lessGarbage), List.of("12", "install"));
        String printed = new String(process.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        assertThat(process.waitFor(2, TimeUnit.MINUTES)).isTrue();
        assertThat(process.exitValue()).as(printed).isZero();
        assertThat(printed).containsPattern("ops \\[[1-9]\\d*, [1-9]\\d*, [1-9]\\d*, [1-9]\\d*\\]");
    }

    @Test
    void aTrainingGivesTheSameNumbersAsWithoutTheTuning(@TempDir Path dir) throws Exception {
        Path tuned = dir.resolve("tuned");
        Path plain = dir.resolve("plain");
        assertThat(run(tuned, true)).isZero();
        assertThat(run(plain, false)).isZero();
        RunRecord a = RunRecord.read(onlyRun(tuned));
        RunRecord b = RunRecord.read(onlyRun(plain));
        assertThat(a.metrics()).hasSize(2);
        for (int i = 0; i < 2; i++) {
            EpochMetrics x = a.metrics().get(i);
            EpochMetrics y = b.metrics().get(i);
            assertThat(List.of(x.trainCost(), x.validationCost(), x.validationAccuracy()))
                    .isEqualTo(List.of(y.trainCost(), y.validationCost(), y.validationAccuracy()));
            assertThat(x.meanAbsGradient()).isEqualTo(y.meanAbsGradient());
            assertThat(x.saturation()).isEqualTo(y.saturation());
        }
        assertThat(a.testCost()).isEqualTo(b.testCost());
        assertThat(a.testAccuracy()).isEqualTo(b.testAccuracy());
    }

    /** {@link TrainOnce} in a JVM of its own, with the tuning on or off. */
    private static int run(Path models, boolean tuning) throws Exception {
        List<String> args = List.of(models.toString());
        Process process = ChildJvm.start(TrainOnce.class, List.of("-D" + Nd4jTuning.SWITCH + "=" + tuning), args);
        process.getInputStream().transferTo(java.io.OutputStream.nullOutputStream());
        assertThat(process.waitFor(5, TimeUnit.MINUTES)).isTrue();
        return process.exitValue();
    }

    private static Path onlyRun(Path models) throws IOException {
        try (var runs = Files.list(models)) {
            List<Path> all = runs.toList();
            assertThat(all).hasSize(1);
            return all.get(0);
        }
    }
}
