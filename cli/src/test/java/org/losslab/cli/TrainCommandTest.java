package org.losslab.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
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
import org.losslab.cli.MainTest.Result;
import org.losslab.data.DataSpec;
import org.losslab.data.Dataset;
import org.losslab.data.MnistData;
import org.losslab.experiment.EpochMetrics;
import org.losslab.experiment.Experiment;
import org.losslab.experiment.RunRecord;
import org.losslab.experiment.RunStatus;
import org.losslab.experiment.Training;
import org.losslab.experiment.TrainingListener;
import org.losslab.model.ModelZip;
import org.losslab.preset.NetworkSpec;
import org.losslab.testing.ChildJvm;

/** Training from the command line: runs, killed runs resumed, and the same result in another JVM. */
class TrainCommandTest {

    private static final List<String> SMALL = List.of("--dataset", "sample", "--train-limit", "3000",
            "--test-limit", "300", "--seed", "3");
    private static MnistData data;

    @BeforeAll
    static void load() {
        data = MnistData.load(DataSpec.of(Dataset.SAMPLE).withLimits(3000, 300));
    }

    /** The same run as {@code train SMALL --epochs N}, in this JVM, uninterrupted. */
    private static Training.Outcome reference(int epochs, Path folder) throws IOException {
        Experiment experiment = Experiment.of(NetworkSpec.defaults().withSeed(3),
                DataSpec.of(Dataset.SAMPLE).withLimits(3000, 300)).withEpochs(epochs);
        return Training.run(experiment, data, folder, TrainingListener.NONE);
    }

    private static Process child(Path models, String... extra) throws IOException {
        List<String> args = new ArrayList<>(List.of("train", "--models", models.toString()));
        args.addAll(SMALL);
        args.addAll(List.of(extra));
        return ChildJvm.start(Main.class, List.of(), args);
    }

    private static Path onlyRun(Path models) throws IOException {
        try (var runs = Files.list(models)) {
            List<Path> all = runs.toList();
            assertThat(all).hasSize(1);
            return all.get(0);
        }
    }

    private static List<List<Double>> withoutTimes(List<EpochMetrics> metrics) {
        return metrics.stream().map(m -> List.of(m.trainCost(), m.validationCost(), m.validationAccuracy())).toList();
    }

    @Test
    void aKilledRunResumesToTheSameEndAsAnUninterruptedOne(@TempDir Path dir) throws Exception {
        Path models = dir.resolve("models");
        Process process = child(models, "--epochs", "8");
        List<String> seen = ChildJvm.readUntilThenKill(process, "epoch   2/8");
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(seen).as("the child got to epoch 2").anyMatch(line -> line.startsWith("epoch   2/8"));
        Path run = onlyRun(models);
        RunRecord killed = RunRecord.read(run);
        assertThat(killed.status()).isEqualTo(RunStatus.RUNNING);
        assertThat(killed.completedEpochs()).isBetween(2, 7);
        // The training statistics up to the last completed epoch survive the kill.
        org.deeplearning4j.ui.model.storage.FileStatsStorage stats =
                new org.deeplearning4j.ui.model.storage.FileStatsStorage(run.resolve("stats.dl4j").toFile());
        try {
            assertThat(stats.listSessionIDs()).containsExactly(killed.id());
            String worker = stats.listWorkerIDsForSession(killed.id()).get(0);
            int updatesAfterKill = stats.getAllUpdatesAfter(killed.id(), "StatsListener", worker, 0).size();
            // 300 batches an epoch, statistics on about every 50th: 5 or more an epoch.
            assertThat(updatesAfterKill).isGreaterThanOrEqualTo(5 * killed.completedEpochs());
        } finally {
            stats.close();
        }

        Result resumed = MainTest.run("train", "--resume", run.toString());
        assertThat(resumed.code()).as(resumed.err()).isZero();
        assertThat(resumed.out()).contains("resuming " + run).contains("epoch   8/8").contains("finished: test accuracy");

        Training.Outcome reference = reference(8, dir.resolve("reference"));
        RunRecord finished = RunRecord.read(run);
        assertThat(finished.status()).isEqualTo(RunStatus.FINISHED);
        assertThat(withoutTimes(finished.metrics())).isEqualTo(withoutTimes(reference.record().metrics()));
        assertThat(finished.testAccuracy()).isEqualTo(reference.record().testAccuracy());
        assertThat(ModelZip.load(run).network().params()).isEqualTo(reference.network().params());
        try (var files = Files.list(run)) {
            assertThat(files.map(p -> p.getFileName().toString()))
                    .containsExactlyInAnyOrder("model.zip", "run.json", "curves.png", "stats.dl4j");
        }

        Result again = MainTest.run("train", "--resume", run.toString());
        assertThat(again.code()).isEqualTo(2);
        assertThat(again.err()).contains("already finished");
    }

    @Test
    void anotherJvmTrainsTheSameNetwork(@TempDir Path dir) throws Exception {
        Path models = dir.resolve("models");
        Process process = child(models, "--epochs", "2");
        String printed = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as(printed).isZero();
        Training.Outcome here = reference(2, dir.resolve("here"));
        Path there = onlyRun(models);
        // each record says what made it: the command line, or the Java API
        assertThat(RunRecord.read(there).command()).isEqualTo("losslab train --models " + models + " "
                + String.join(" ", SMALL) + " --epochs 2");
        assertThat(here.record().command()).isEqualTo(org.losslab.io.Invocation.JAVA_API);
        assertThat(ModelZip.load(there).network().params()).isEqualTo(here.network().params());
        assertThat(withoutTimes(RunRecord.read(there).metrics())).isEqualTo(withoutTimes(here.record().metrics()));
    }

    @Test
    void aRunPrintsEpochsAndASummaryAndSavesACopy(@TempDir Path dir) {
        Path copy = dir.resolve("copies/mine.zip");
        List<String> args = new ArrayList<>(List.of("train", "--epochs", "2", "--models", dir.resolve("m").toString(),
                "--save", copy.toString(), "--early-stop", "5"));
        args.addAll(SMALL);
        Result result = MainTest.run(args.toArray(new String[0]));
        assertThat(result.code()).as(result.err()).isZero();
        assertThat(result.out()).contains("data: using the bundled sample")
                .containsPattern("epoch   1/2  train cost \\d\\.\\d{4}  validation cost \\d\\.\\d{4}  accuracy +\\d+\\.\\d\\d%")
                .contains("finished: test accuracy").contains("note: figures from the bundled sample")
                .contains("saved " + copy);
        assertThat(ModelZip.load(copy).runJson().get()).contains("\"status\" : \"finished\"");
    }

    @ParameterizedTest
    @ValueSource(strings = {"--eta=-1", "--hidden=30,0", "--preset=mse", "--activation=gelu", "--init=huge",
            "--epochs=0", "--batch=0", "--threads=0", "--early-stop=-2", "--lambda=-1", "--train-limit=-5"})
    void badOptionsAreNamed(String option) {
        Result result = MainTest.run("train", "--dataset", "sample", option);
        assertThat(result.code()).isEqualTo(2);
        String name = option.substring(2, option.indexOf('='));
        assertThat(result.err()).startsWith("losslab: ").contains(name).doesNotContain("\tat ");
    }

    /** A killed run whose checkpoint is gone: run.json says "running" with epochs done, no model.zip. */
    private static Path runWithoutCheckpoint(Path dir, String name) throws IOException {
        Path run = reference(2, dir.resolve(name)).folder();
        String json = Files.readString(run.resolve("run.json")).replace("\"status\" : \"finished\"",
                "\"status\" : \"running\"");
        Files.writeString(run.resolve("run.json"), json);
        Files.delete(run.resolve("model.zip"));
        return run;
    }

    @Test
    void aLostCheckpointIsRefusedAndRestartedOnlyWhenAsked(@TempDir Path dir) throws IOException {
        Path run = runWithoutCheckpoint(dir, "lost");
        String before = Files.readString(run.resolve("run.json"));
        Result refused = MainTest.run("train", "--resume", run.toString());
        assertThat(refused.code()).isEqualTo(2);
        assertThat(refused.err()).isEqualTo("losslab: " + run.resolve("model.zip") + ": missing, but run.json counts "
                + "2 finished epochs; without the checkpoint the run cannot continue where it stopped (--resume "
                + run + " --restart trains it again from epoch 0)\n");
        assertThat(Files.readString(run.resolve("run.json"))).as("nothing changed").isEqualTo(before);
        assertThat(run.resolve("model.zip")).doesNotExist();

        Files.writeString(run.resolve("model.zip"), "damaged");
        Result damaged = MainTest.run("train", "--resume", run.toString());
        assertThat(damaged.code()).isEqualTo(2);
        assertThat(damaged.err()).startsWith("losslab: " + run.resolve("model.zip") + ": not a zip file (")
                .endsWith(" (--resume " + run + " --restart trains it again from epoch 0)\n");

        Result restarted = MainTest.run("train", "--resume", run.toString(), "--restart");
        assertThat(restarted.code()).as(restarted.err()).isZero();
        assertThat(restarted.out()).contains("restarting " + run + " from epoch 0 of 2").contains("epoch   1/2")
                .contains("finished: test accuracy");
        Training.Outcome reference = reference(2, dir.resolve("reference"));
        assertThat(withoutTimes(RunRecord.read(run).metrics())).isEqualTo(withoutTimes(reference.record().metrics()));
        assertThat(ModelZip.load(run).network().params()).isEqualTo(reference.network().params());

        Result alone = MainTest.run("train", "--restart", "--dataset", "sample");
        assertThat(alone.code()).isEqualTo(2);
        assertThat(alone.err()).isEqualTo("losslab: --restart: goes with --resume RUN_DIR\n");
    }

    @Test
    void aRunInUseByAnotherProcessIsRefusedAndSigtermEndsItQuietly(@TempDir Path dir) throws Exception {
        Path models = dir.resolve("models");
        Process process = child(models, "--epochs", "30");
        Result[] second = new Result[1];
        int[] marks = new int[1];
        List<String> lines = ChildJvm.readUntilThen(process, "epoch   1/30", child -> {
            try {
                second[0] = MainTest.run("train", "--resume", onlyRun(models).toString());
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
            child.toHandle().destroy(); // SIGTERM, keeping the output stream open to read what follows
        }, marks);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(marks[0]).as(String.join("\n", lines)).isNotNegative();
        Path run = onlyRun(models);
        assertThat(second[0].code()).isEqualTo(2);
        assertThat(second[0].err()).isEqualTo("losslab: " + run + ": this run is in use by another LossLab process (pid "
                + process.pid() + "); wait until it ends, or use another folder\n");
        assertThat(lines.subList(marks[0] + 1, lines.size())).as("after SIGTERM")
                .allSatisfy(line -> assertThat(line).startsWith("epoch "));
        // The lock ended with the process: the folder can be taken again at once.
        org.losslab.io.FolderLock.acquire(run, "run").close();
        assertThat(RunRecord.read(run).status()).isEqualTo(RunStatus.RUNNING);
    }

    @Test
    void resumingSomethingThatIsNotARun(@TempDir Path dir) {
        Result result = MainTest.run("train", "--resume", dir.toString());
        assertThat(result.code()).isEqualTo(2);
        assertThat(result.err()).isEqualTo("losslab: " + dir + ": not a run folder (no run.json)\n");
    }

    @Test
    void aTakenUiPortStopsTheCommandWithOneLine() {
        try (org.losslab.ui.UiServer taken = org.losslab.ui.UiServer.start("127.0.0.1", 0)) {
            Result result = MainTest.run("train", "--ui", "--ui-port", String.valueOf(taken.port()), "--dataset",
                    "sample", "--epochs", "1");
            assertThat(result.code()).isEqualTo(2);
            assertThat(result.err()).isEqualTo("losslab: --ui-port " + taken.port() + ": already in use on 127.0.0.1"
                    + " (choose another port, or 0 for any free one)\n");
        }
    }
}
