package org.losslab.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.losslab.cli.MainTest.Result;

/** {@code --spark}: the command runs again in a Spark driver JVM of its own, whose output is the command's. */
class SparkCommandTest {

    private static final String SPEC = "{\"presets\": [\"cross-entropy-sigmoid\"], \"activations\": [\"sigmoid\", "
            + "\"relu\"], \"hidden\": [[20]], \"epochs\": 2, \"dataset\": \"sample\", \"trainLimit\": 500, "
            + "\"testLimit\": 100}";

    @Test
    void aSearchOnLocalSparkPrintsAndWritesWhatTheLocalOneDoes(@TempDir Path dir) throws IOException {
        Path spec = dir.resolve("spec.json");
        Files.writeString(spec, SPEC);
        Result local = MainTest.run("search", "--spec", spec.toString(), "--parallel", "2", "--models",
                dir.resolve("local").toString());
        assertThat(local.code()).as(local.err()).isZero();
        Result spark = MainTest.run("search", "--spec", spec.toString(), "--spark", "local[2]", "--models",
                dir.resolve("spark").toString());
        assertThat(spark.code()).as(spark.err()).isZero();
        assertThat(spark.err()).isEmpty();
        assertThat(spark.out()).contains("spark: local[2], 2 slots\n").contains("2 candidates (grid), 2 at a time")
                .contains("best: #");
        assertThat(withoutTimes(only(dir.resolve("spark")).resolve("results.csv")))
                .isEqualTo(withoutTimes(only(dir.resolve("local")).resolve("results.csv")));
    }

    @Test
    void badMastersAreOneLineAndLeaveNoSearchFolder(@TempDir Path dir) throws IOException {
        Path spec = dir.resolve("spec.json");
        Files.writeString(spec, SPEC);
        Path models = dir.resolve("models");
        Result notAUrl = MainTest.run("search", "--spec", spec.toString(), "--spark", "yarn", "--models",
                models.toString());
        assertThat(notAUrl.code()).isEqualTo(2);
        assertThat(notAUrl.err()).isEqualTo("losslab: --spark: not a Spark master URL: 'yarn' (local[N] for N threads "
                + "here, spark://host:port for a standalone cluster)\n");
        int port;
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            port = socket.getLocalPort();
        }
        Result unreachable = MainTest.run("compare", "--presets", "cross-entropy-sigmoid", "--epochs", "1",
                "--dataset", "sample", "--spark", "spark://127.0.0.1:" + port, "--models", models.toString());
        assertThat(unreachable.code()).isEqualTo(2);
        assertThat(unreachable.err()).isEqualTo("losslab: --spark: spark://127.0.0.1:" + port + ": no Spark master "
                + "answers there (nothing listens, or the host cannot be reached)\n");
        Result withUi = MainTest.run("search", "--spec", spec.toString(), "--spark", "local[2]", "--ui");
        assertThat(withUi.code()).isEqualTo(2);
        assertThat(withUi.err()).isEqualTo("losslab: --ui: not with --spark; start ./losslab ui --listen apart and "
                + "give --live with its address\n");
        assertThat(models).doesNotExist();
    }

    /** results.csv without its seconds column. */
    private static List<String> withoutTimes(Path csv) throws IOException {
        List<String> lines = Files.readAllLines(csv);
        int seconds = List.of(lines.get(0).split(",")).indexOf("seconds");
        return lines.stream().map(line -> {
            List<String> cells = new java.util.ArrayList<>(List.of(line.split(",", -1)));
            cells.remove(seconds);
            return String.join(",", cells);
        }).toList();
    }

    private static Path only(Path models) throws IOException {
        try (Stream<Path> searches = Files.list(models)) {
            List<Path> all = searches.toList();
            assertThat(all).hasSize(1);
            return all.get(0);
        }
    }
}
