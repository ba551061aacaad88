package org.losslab.experiment;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.losslab.data.DataSpec;
import org.losslab.data.Dataset;
import org.losslab.data.MnistData;
import org.losslab.nd4j.Nd4jSetup;
import org.losslab.preset.NetworkSpec;
import org.losslab.testing.ChildJvm;

/**
 * More trainings at once than ND4J 1.0.0-beta7's thread pool has slots crashed the JVM in native code (its pool
 * hands out one ticket per slot, and an operation past the last one reads an empty queue): three candidates at a
 * time on two cores, or a Spark executor, whose {@code OMP_NUM_THREADS} Spark sets to 1, running two tasks. Each
 * training now holds a slot; the others wait.
 */
class TrainingSlotsTest {

    @Test
    void threeTrainingsAtOnceInAJvmWithOneSlotAllFinish() throws Exception {
        Process child = ChildJvm.start(ThreeAtOnce.class, List.of(), List.of(), Map.of("OMP_NUM_THREADS", "1"));
        String output = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(child.waitFor()).as(output).isZero();
        assertThat(output).contains("slots 1").contains("finished 3 of 3");
    }

    /** The child: three one-epoch trainings on three threads at once. */
    public static final class ThreeAtOnce {
        public static void main(String[] args) throws Exception {
            System.out.println("slots " + Nd4jSetup.trainingSlots());
            DataSpec sample = DataSpec.of(Dataset.SAMPLE).withLimits(300, 100);
            MnistData data = MnistData.load(sample);
            Path root = Files.createTempDirectory("slots");
            ExecutorService threads = Executors.newFixedThreadPool(3);
            List<Future<RunRecord>> runs = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                Experiment experiment = Experiment.of(NetworkSpec.defaults().withSeed(i + 1), sample).withEpochs(1);
                Path folder = root.resolve("run-" + i);
                runs.add(threads.submit(() -> Training.run(experiment, data, folder, TrainingListener.NONE).record()));
            }
            int finished = 0;
            for (Future<RunRecord> run : runs) {
                finished += run.get().status() == RunStatus.FINISHED ? 1 : 0;
            }
            threads.shutdown();
            System.out.println("finished " + finished + " of 3");
        }

        private ThreeAtOnce() {
        }
    }
}
