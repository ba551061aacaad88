package org.losslab.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.losslab.cli.MainTest.Result;
import org.losslab.experiment.RunRecord;
import org.losslab.experiment.RunStatus;
import org.losslab.search.Search;
import org.losslab.testing.ChildJvm;

/** {@code search --name}: a search of its own folder that the same command resumes, as the lecture does. */
class NamedSearchTest {

    private static final String SPEC = "{\"presets\": [\"cross-entropy-sigmoid\"], \"activations\": [\"sigmoid\", "
            + "\"tanh\", \"relu\"], \"epochs\": 3, \"dataset\": \"sample\", \"trainLimit\": 400, \"testLimit\": 100}";

    @Test
    void aNamedSearchKilledAfterItsFirstCandidateResumesWithoutRedoingIt(@TempDir Path dir) throws Exception {
        Path spec = Files.writeString(dir.resolve("spec.json"), SPEC);
        Path models = dir.resolve("models");
        List<String> args = List.of("search", "--spec", spec.toString(), "--name", "three", "--parallel", "1",
                "--models", models.toString());
        Process child = ChildJvm.start(Main.class, List.of(), args);
        List<String> seen = ChildJvm.readUntilThenKill(child, "[1/3]");
        assertThat(child.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(seen).as("killed after the first candidate").anyMatch(line -> line.startsWith("[1/3]"));
        Path folder = models.resolve("three");
        RunRecord first = RunRecord.read(Search.candidateFolder(folder, 1));
        assertThat(first.status()).isEqualTo(RunStatus.FINISHED);
        assertThat(folder.resolve("results.csv")).doesNotExist();

        Result again = MainTest.run(args.toArray(String[]::new));
        assertThat(again.code()).as(again.err()).isZero();
        assertThat(again.out()).contains("search " + folder + ": 3 candidates").contains("resuming it")
                .contains("[3/3]").contains("best: #");
        assertThat(RunRecord.read(Search.candidateFolder(folder, 1)).created()).as("reused, not retrained")
                .isEqualTo(first.created());
        assertThat(Files.readAllLines(folder.resolve("results.csv"))).hasSize(4);
        try (var searches = Files.list(models)) {
            assertThat(searches.toList()).containsExactly(folder);
        }
    }

    @Test
    void aNamedFolderOfOtherSettingsIsRefusedUntilRestarted(@TempDir Path dir) throws Exception {
        Path spec = Files.writeString(dir.resolve("spec.json"), SPEC.replace("\"epochs\": 3", "\"epochs\": 1")
                .replace("\"tanh\", \"relu\"", "\"tanh\""));
        Path models = dir.resolve("models");
        assertThat(MainTest.run("search", "--spec", spec.toString(), "--name", "s", "--models", models.toString())
                .code()).isZero();
        Path longer = Files.writeString(dir.resolve("longer.json"), Files.readString(spec)
                .replace("\"epochs\": 1", "\"epochs\": 2"));
        Result refused = MainTest.run("search", "--spec", longer.toString(), "--name", "s", "--models",
                models.toString());
        assertThat(refused.code()).isEqualTo(2);
        assertThat(refused.err()).startsWith("losslab: " + models.resolve("s") + " holds a search with other "
                + "settings or data (epochs 1 then, 2 now); --restart searches again from scratch");
        assertThat(RunRecord.read(Search.candidateFolder(models.resolve("s"), 1)).epochs()).isEqualTo(1);

        Result restarted = MainTest.run("search", "--spec", longer.toString(), "--name", "s", "--restart",
                "--models", models.toString());
        assertThat(restarted.code()).as(restarted.err()).isZero();
        assertThat(restarted.out()).doesNotContain("resuming it");
        assertThat(RunRecord.read(Search.candidateFolder(models.resolve("s"), 1)).epochs()).isEqualTo(2);
    }

    @Test
    void aNameIsAFolderNameAndNotSomeoneElsesFolder(@TempDir Path dir) throws Exception {
        Path spec = Files.writeString(dir.resolve("spec.json"), SPEC);
        Path models = dir.resolve("models");
        Files.createDirectories(models.resolve("mine"));
        Files.writeString(models.resolve("mine").resolve("notes.txt"), "keep");
        Result taken = MainTest.run("search", "--spec", spec.toString(), "--name", "mine", "--models",
                models.toString());
        assertThat(taken.code()).isEqualTo(2);
        assertThat(taken.err()).isEqualTo("losslab: --name: " + models.resolve("mine") + " exists and is not a "
                + "search folder (no search.json); choose another --name\n");
        assertThat(models.resolve("mine").resolve("notes.txt")).hasContent("keep");
        assertThat(MainTest.run("search", "--spec", spec.toString(), "--name", "../up").err())
                .startsWith("losslab: --name: letters, digits");
        assertThat(MainTest.run("search", "--spec", spec.toString(), "--restart").err())
                .startsWith("losslab: --restart: only with --name");
    }
}
