package org.losslab.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.losslab.cli.MainTest.Result;
import org.losslab.testing.ChildJvm;

/** {@code losslab lecture}: a killed lecture resumes to the same results; bad options are refused. */
class LectureCommandTest {

    private static final List<String> SMALL = List.of("--dataset", "sample", "--epochs", "2", "--train-limit",
            "600", "--test-limit", "100", "--name", "small");

    private static List<String> args(Path dir, String models, String... extra) {
        List<String> args = new ArrayList<>(List.of("lecture", "--models", dir.resolve(models).toString(),
                "--notebooks", dir.resolve("notebooks-" + models).toString()));
        args.addAll(SMALL);
        args.addAll(List.of(extra));
        return args;
    }

    /** The printed results: from the table next to the book to the end, without the file paths. */
    private static String results(String out) {
        String tables = out.substring(out.indexOf("MNIST, test accuracy next to the book's"));
        return tables.substring(0, tables.indexOf("wrote "));
    }

    @Test
    void aKilledLectureResumesToTheSameResults(@TempDir Path dir) throws Exception {
        Process process = ChildJvm.start(Main.class, List.of(), args(dir, "models", "--parallel", "1"));
        List<String> seen = ChildJvm.readUntilThenKill(process, "[3/15]");
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(seen).as("the child got to its third candidate").anyMatch(line -> line.startsWith("[3/15]"));
        assertThat(seen).as("an epoch line before the first candidate's end").anyMatch(line -> line.matches(
                "  cross-entropy #1 cross-entropy-sigmoid sigmoid 30 η=0\\.5 λ=0: epoch 1/\\d+, validation accuracy "
                        + "\\d+\\.\\d\\d% \\(\\d+\\.\\d s\\)(; lecture about .+ left)?"));
        assertThat(seen.indexOf(seen.stream().filter(l -> l.contains(": epoch 1/")).findFirst().orElseThrow()))
                .isLessThan(seen.indexOf(seen.stream().filter(l -> l.startsWith("[1/15]")).findFirst().orElseThrow()));
        assertThat(dir.resolve("notebooks-models/small.ipynb")).doesNotExist();

        Result resumed = MainTest.run(args(dir, "models").toArray(String[]::new));
        assertThat(resumed.code()).as(resumed.err()).isZero();
        assertThat(resumed.out()).containsPattern("resuming: ([3-9]|1[0-5]) of 15 candidates already finished");
        assertThat(dir.resolve("notebooks-models/small.ipynb")).isNotEmptyFile();
        assertThat(dir.resolve("notebooks-models/small.html")).isNotEmptyFile();

        Result reference = MainTest.run(args(dir, "reference").toArray(String[]::new));
        assertThat(reference.code()).as(reference.err()).isZero();
        assertThat(reference.out()).doesNotContain("resuming").containsPattern("lecture small: quick profile, \\d+ epochs")
                .contains("note: not the book's setting (quick profile");
        assertThat(results(resumed.out())).isEqualTo(results(reference.out()))
                .contains("cross-entropy-sigmoid        30   0.5").contains("95.49%");
    }

    @Test
    void withUiTheLectureSaysWhereToWatchAndStopsTheServerAtTheEnd(@TempDir Path dir) throws Exception {
        Result result = MainTest.run(args(dir, "models", "--ui", "--ui-port", "0", "--parallel", "2")
                .toArray(String[]::new));
        assertThat(result.code()).as(result.err()).isZero();
        java.util.regex.Matcher address = java.util.regex.Pattern.compile("UI: (http://127\\.0\\.0\\.1:(\\d+)/)")
                .matcher(result.out());
        assertThat(address.find()).as(result.out()).isTrue();
        assertThat(result.out()).contains("the searches under " + address.group(1) + "arbiter")
                .contains("[15/15]");
        // Without --ui-keep the server is gone when the command returns: its port is free again.
        try (java.net.ServerSocket socket = new java.net.ServerSocket(Integer.parseInt(address.group(2)), 1,
                java.net.InetAddress.getByName("127.0.0.1"))) {
            assertThat(socket.getLocalPort()).isEqualTo(Integer.parseInt(address.group(2)));
        }
    }

    @Test
    void badOptionsAreOneLineAndExitTwo(@TempDir Path dir) throws Exception {
        Result name = MainTest.run("lecture", "--name", "../elsewhere", "--models", dir.toString());
        assertThat(name.code()).isEqualTo(2);
        assertThat(name.err()).contains("--name: letters, digits").hasLineCount(1);

        String tooLong = "n".repeat(300);
        Result longName = MainTest.run("lecture", "--name", tooLong, "--dataset", "sample", "--models",
                dir.resolve("long").toString(), "--notebooks", dir.resolve("notebooks").toString());
        assertThat(longName.code()).isEqualTo(2);
        assertThat(longName.err()).isEqualTo("losslab: --name: at most 200 characters (it names files), got 300\n");
        assertThat(dir.resolve("long")).as("nothing made").doesNotExist();
        assertThat(dir.resolve("notebooks")).as("nothing made").doesNotExist();
        Path busy = dir.resolve("busy");
        try (org.losslab.io.FolderLock lock = org.losslab.io.FolderLock.acquire(busy.resolve("mine"), "lecture")) {
            Result inUse = MainTest.run("lecture", "--name", "mine", "--dataset", "sample", "--models",
                    busy.toString(), "--notebooks", dir.resolve("busy-notebooks").toString());
            assertThat(inUse.code()).isEqualTo(2);
            assertThat(inUse.err()).isEqualTo("losslab: " + busy.resolve("mine") + ": this lecture is in use by another "
                    + "LossLab process (pid " + ProcessHandle.current().pid() + "); wait until it ends, or use another "
                    + "folder\n");
        }
        Files.writeString(busy.resolve("mine").resolve("lecture.json"), "null");
        Result nullState = MainTest.run("lecture", "--name", "mine", "--dataset", "sample", "--models",
                busy.toString(), "--notebooks", dir.resolve("busy-notebooks").toString());
        assertThat(nullState.code()).isEqualTo(2);
        assertThat(nullState.err()).isEqualTo("losslab: " + busy.resolve("mine").resolve("lecture.json")
                + ": holds null, not a lecture record (remove the folder or use another name)\n");
        Result full = MainTest.run("lecture", "--full", "--dataset", "sample", "--models", dir.toString());
        assertThat(full.code()).isEqualTo(2);
        assertThat(full.err()).contains("--full: the book's settings need all of MNIST");

        Files.createDirectories(dir.resolve("mine"));
        Files.writeString(dir.resolve("mine/notes.txt"), "keep me");
        Result restart = MainTest.run("lecture", "--restart", "--name", "mine", "--dataset", "sample", "--models",
                dir.toString());
        assertThat(restart.code()).isEqualTo(2);
        assertThat(restart.err()).contains("--restart: ").contains("is not a lecture folder");
        assertThat(dir.resolve("mine/notes.txt")).hasContent("keep me");

        Result parallel = MainTest.run("lecture", "--parallel", "0", "--models", dir.toString());
        assertThat(parallel.code()).isEqualTo(2);
        assertThat(parallel.err()).contains("--parallel: must be >= 1, got 0");

        assertThat(MainTest.run("lecture", "--seeds", "x", "--models", dir.toString()).err())
                .isEqualTo("losslab: --seeds: 'x' is neither a count (5) nor seeds separated by commas (1,4,7)\n");
        assertThat(MainTest.run("lecture", "--seeds", "1,y", "--models", dir.toString()).err())
                .startsWith("losslab: --seeds: 'y' is not a whole number");
        assertThat(MainTest.run("lecture", "--seeds", "0", "--models", dir.toString()).err())
                .isEqualTo("losslab: --seeds: from 1 to 100 seeds, got 0\n");
        assertThat(MainTest.run("lecture", "--seeds", "2,2", "--models", dir.toString()).err())
                .isEqualTo("losslab: --seeds: each seed once, got [2, 2]\n");
        assertThat(MainTest.run("lecture", "--seed", "3", "--seeds", "1,2", "--models", dir.toString()).err())
                .isEqualTo("losslab: --seed: not with a list of --seeds (the list names every seed)\n");
    }

    @Test
    void overSeveralSeedsTheSummaryGivesEachSettingsRangeAgainstTheBook(@TempDir Path dir) {
        Result result = MainTest.run("lecture", "--dataset", "sample", "--epochs", "1", "--train-limit", "300",
                "--test-limit", "100", "--seed", "3", "--seeds", "2", "--models", dir.resolve("models").toString(),
                "--notebooks", dir.resolve("notebooks").toString());
        assertThat(result.code()).as(result.err()).isZero();
        assertThat(result.out()).contains("lecture lecture-quick-sample-seeds-3-4: quick profile")
                .contains("seeds 3, 4, ")
                .contains("MNIST over 2 seeds (3, 4), test accuracy next to the book's")
                .containsPattern("quadratic-sigmoid +100 +3 +\\d+\\.\\d\\d% +\\d+\\.\\d\\d% – \\d+\\.\\d\\d% +[012]/2 "
                        + "+96\\.59%")
                .containsPattern("quadratic-sigmoid sigmoid 100 η=3: the book's 96\\.59% lies (inside|below|above) "
                        + "LossLab's 2-seed range")
                .contains("Hidden activations under cross-entropy over 2 seeds")
                .containsPattern("  swish +30 +0\\.1 +\\d+\\.\\d\\d%")
                .contains("quadratic-seed-4 #2 quadratic-sigmoid sigmoid 100 η=3 λ=0")
                .contains(dir.resolve("models").resolve("lecture-quick-sample-seeds-3-4").resolve("results.csv")
                        .toString());
    }
}
