package org.losslab.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.losslab.cli.MainTest.Result;
import org.losslab.data.DataSpec;
import org.losslab.data.Dataset;
import org.losslab.data.MnistData;
import org.losslab.experiment.Experiment;
import org.losslab.experiment.Training;
import org.losslab.experiment.TrainingListener;
import org.losslab.preset.NetworkSpec;
import org.losslab.testing.ChildJvm;

/** {@code losslab ui}: a replay stopped by Ctrl-C or SIGTERM ends quietly; a bad statistics file is one line. */
class UiCommandTest {

    @TempDir
    static Path dir;
    static Path run;

    @BeforeAll
    static void aRun() throws IOException {
        DataSpec sample = DataSpec.of(Dataset.SAMPLE).withLimits(500, 100);
        run = Training.run(Experiment.of(NetworkSpec.defaults().withSeed(2), sample).withEpochs(1),
                MnistData.load(sample), dir.resolve("run"), TrainingListener.NONE).folder();
    }

    @Test
    void aReplayStoppedByCtrlCEndsQuietly() throws Exception {
        assumeFalse(ChildJvm.sigintIgnored(), "this build ignores SIGINT (started in the background without job "
                + "control), so its children do too and Ctrl-C cannot reach them");
        stopsQuietly("INT");
    }

    @Test
    void aReplayStoppedBySigtermEndsQuietly() throws Exception {
        stopsQuietly("TERM");
    }

    /** Starts {@code losslab ui} on the run, sends {@code signal} once it serves: nothing is printed after that. */
    private static void stopsQuietly(String signal) throws Exception {
        Process child = ChildJvm.start(Main.class, List.of(), List.of("ui", run.toString(), "--ui-port", "0"));
        int[] marks = new int[1];
        List<String> lines = ChildJvm.readUntilThen(child, "serving http://127.0.0.1:", process -> {
            try {
                new ProcessBuilder("kill", "-" + signal, Long.toString(process.pid())).start().waitFor();
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, marks);
        assertThat(child.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(marks[0]).as(String.join("\n", lines)).isNotNegative();
        assertThat(lines.subList(marks[0] + 1, lines.size())).as("after SIG%s", signal).isEmpty();
    }

    @Test
    void aDamagedOrForeignStatisticsFileIsOneLine() throws IOException {
        Path damaged = Files.createDirectories(dir.resolve("damaged"));
        Files.writeString(damaged.resolve("stats.dl4j"), "not a database at all\n".repeat(200));
        Result result = MainTest.run("ui", damaged.toString(), "--ui-port", "0");
        assertThat(result.code()).isEqualTo(2);
        assertThat(result.err()).startsWith("losslab: " + damaged.resolve("stats.dl4j")
                + ": damaged or not a DL4J statistics file (").hasLineCount(1);
        Path empty = Files.createDirectories(dir.resolve("empty"));
        Files.createFile(empty.resolve("stats.dl4j"));
        Result none = MainTest.run("ui", empty.toString(), "--ui-port", "0");
        assertThat(none.code()).isEqualTo(2);
        assertThat(none.err()).isEqualTo("losslab: " + empty.resolve("stats.dl4j")
                + ": empty: no statistics were recorded in it\n");
    }
}
