package org.losslab.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.losslab.cli.MainTest.Result;

class SearchCommandTest {

    @Test
    void aSpecFileRunsAndPrintsARankedTable(@TempDir Path dir) throws IOException {
        Path spec = dir.resolve("spec.json");
        Files.writeString(spec, "{\"presets\": [\"quadratic-sigmoid\", \"cross-entropy-sigmoid\"], \"epochs\": 1,"
                + " \"dataset\": \"sample\", \"trainLimit\": 400, \"testLimit\": 100, \"init\": \"scaled\"}");
        Result result = MainTest.run("search", "--spec", spec.toString(), "--parallel", "2", "--models",
                dir.resolve("models").toString());
        assertThat(result.code()).as(result.err()).isZero();
        assertThat(result.out()).contains("2 candidates (grid), 2 at a time")
                .containsPattern("\\[1/2\\] #\\d (quadratic|cross-entropy)-sigmoid sigmoid 30 η=0.5 λ=0: validation accuracy")
                .contains("| rank | candidate |").contains("best: #").contains("best.zip")
                .contains("not comparable with full-MNIST results");
        try (var searches = Files.list(dir.resolve("models"))) {
            Path search = searches.findFirst().orElseThrow();
            assertThat(search.resolve("results.csv")).exists();
            assertThat(search.resolve("best.zip")).exists();
        }
    }

    @Test
    void theSpecsDataAndLengthAreOverriddenFromTheCommandLine(@TempDir Path dir) throws IOException {
        Path spec = Files.writeString(dir.resolve("spec.json"), "{\"activations\": [\"sigmoid\", \"tanh\"]}");
        Result result = MainTest.run("search", "--spec", spec.toString(), "--epochs", "1", "--dataset", "sample",
                "--train-limit", "300", "--test-limit", "100", "--parallel", "2", "--models", dir.toString());
        assertThat(result.code()).as(result.err()).isZero();
        assertThat(result.out()).contains("2 candidates (grid), 2 at a time, 1 epoch each");
        try (var searches = Files.list(dir)) {
            Path search = searches.filter(Files::isDirectory).findFirst().orElseThrow();
            org.losslab.experiment.RunRecord record = org.losslab.experiment.RunRecord.read(
                    org.losslab.search.Search.candidateFolder(search, 1));
            assertThat(record.epochs()).isEqualTo(1);
            assertThat(record.data().train()).isEqualTo(300);
        }
        assertThat(MainTest.run("search", "--spec", spec.toString(), "--epochs", "0").err())
                .isEqualTo("losslab: --epochs: must be > 0, got 0\n");
        assertThat(MainTest.run("search", "--spec", spec.toString(), "--dataset", "cifar").err())
                .startsWith("losslab: --dataset: unknown value 'cifar'");
        assertThat(MainTest.run("search", "--help").out()).contains("--epochs=N").contains("--dataset=")
                .contains("--train-limit=N").contains("--test-limit=N").contains("--data-dir=DIR");
    }

    @Test
    void aPrunerFromTheCommandLineStopsTheHopelessCandidateAndSaysWhy(@TempDir Path dir) throws IOException {
        Path spec = Files.writeString(dir.resolve("spec.json"), "{\"hidden\": [[20]], \"eta\": [0.5, 0.001], "
                + "\"epochs\": 3, \"seed\": 5, \"dataset\": \"sample\", \"trainLimit\": 400, \"testLimit\": 100}");
        Result result = MainTest.run("search", "--spec", spec.toString(), "--pruner", "asha", "--parallel", "1",
                "--models", dir.resolve("m").toString());
        assertThat(result.code()).as(result.err()).isZero();
        assertThat(result.out()).contains("pruned by successive halving (rungs from epoch 1, 1/3 goes on)")
                .containsPattern("#2 [^\n]*: pruned after epoch 1: accuracy [0-9.]+% not among the best 1 of 2 at "
                        + "this rung")
                .contains("| pruned after epoch 1: ");
        assertThat(MainTest.run("search", "--spec", spec.toString(), "--pruner", "hyperband").err())
                .isEqualTo("losslab: --pruner: unknown rule 'hyperband'; valid: none, median, asha\n");
        assertThat(MainTest.run("compare", "--pruner", "median", "--help").out()).contains("--pruner=none|median|asha");
    }

    @Test
    void compareIsAGridFromOptions(@TempDir Path dir) {
        Result result = MainTest.run("compare", "--presets", "cross-entropy-sigmoid", "--activation", "sigmoid,tanh",
                "--epochs", "1", "--dataset", "sample", "--train-limit", "300", "--test-limit", "100", "--parallel",
                "1", "--models", dir.toString());
        assertThat(result.code()).as(result.err()).isZero();
        assertThat(result.out()).contains("2 candidates (grid), 1 at a time")
                .contains("cross-entropy-sigmoid sigmoid 30").contains("cross-entropy-sigmoid tanh 30");
    }

    @Test
    void badSpecsStopBeforeAnythingTrains(@TempDir Path dir) throws IOException {
        Path spec = dir.resolve("spec.json");
        Files.writeString(spec, "{\"presets\": [\"quadratic\"]}");
        Result result = MainTest.run("search", "--spec", spec.toString(), "--models", dir.resolve("m").toString());
        assertThat(result.code()).isEqualTo(2);
        assertThat(result.err()).startsWith("losslab: " + spec + ": not a valid search spec (presets: unknown value "
                + "'quadratic'");
        assertThat(dir.resolve("m")).doesNotExist();
        Files.writeString(spec, "{\"eta\": [-1]}");
        assertThat(MainTest.run("search", "--spec", spec.toString()).err()).contains("eta: every value");
        Files.writeString(spec, "not json");
        assertThat(MainTest.run("search", "--spec", spec.toString()).err()).contains("not a valid search spec");
        assertThat(MainTest.run("compare", "--presets", "cross-entropy-sigmoid", "--max-candidates", "0").err())
                .isEqualTo("losslab: --max-candidates: must be > 0, got 0\n");
    }

    @Test
    void aSearchInWhichNoCandidateFinishesExitsWithOne(@TempDir Path dir) throws IOException {
        Path spec = Files.writeString(dir.resolve("diverges.json"), "{\"presets\": [\"softmax-log-likelihood\"], "
                + "\"activations\": [\"relu\"], \"eta\": [1e30], \"epochs\": 1, \"dataset\": \"sample\", "
                + "\"trainLimit\": 500, \"testLimit\": 100}");
        Result result = MainTest.run("search", "--spec", spec.toString(), "--parallel", "1", "--models",
                dir.resolve("m").toString());
        assertThat(result.code()).isEqualTo(1);
        assertThat(result.out()).contains("diverged");
        assertThat(result.err()).startsWith("losslab: no candidate of " + dir.resolve("m"))
                .endsWith(" finished (1 tried; results.md says why)\n");
    }

    @Test
    void aSearchTooLargeToGenerateIsRefusedAtOnceAndLeavesNoFolder(@TempDir Path dir) throws IOException {
        Path models = dir.resolve("m");
        Path huge = Files.writeString(dir.resolve("huge.json"), "{\"etaRange\": [0.1, 1], \"gridPoints\": 2000000000, "
                + "\"maxCandidates\": 2000000000, \"dataset\": \"sample\"}");
        Result result = MainTest.run("search", "--spec", huge.toString(), "--models", models.toString());
        assertThat(result.code()).isEqualTo(2);
        assertThat(result.err()).isEqualTo("losslab: " + huge + ": not a valid search spec (maxCandidates: at most "
                + "10000 candidates in one search, got 2000000000)\n");
        Path grid = Files.writeString(dir.resolve("grid.json"), "{\"etaRange\": [0.1, 1], \"gridPoints\": 2000000000, "
                + "\"dataset\": \"sample\"}");
        assertThat(MainTest.run("search", "--spec", grid.toString(), "--models", models.toString()).err())
                .isEqualTo("losslab: " + grid + ": not a valid search spec (gridPoints: at most 10000, got 2000000000)\n");
        assertThat(models).doesNotExist();
    }

    @Test
    void twoSearchesStartedInTheSameSecondGetTwoFolders(@TempDir Path dir) throws IOException {
        java.util.Set<Path> folders = new java.util.HashSet<>();
        for (int i = 0; i < 5; i++) {
            folders.add(org.losslab.search.Search.newFolder(dir));
        }
        assertThat(folders).hasSize(5).allSatisfy(folder -> assertThat(folder).isDirectory());
    }
}
