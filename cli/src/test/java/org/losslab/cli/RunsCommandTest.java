package org.losslab.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.losslab.cli.MainTest.Result;

/** {@code losslab runs}: the runs and searches of a models folder in one table, sorted, and as JSON. */
class RunsCommandTest {

    @Test
    void aSearchItsCandidatesAndABrokenRecordAreListedSortedAndAsJson(@TempDir Path dir) throws Exception {
        Path models = dir.resolve("models");
        Result compared = MainTest.run("compare", "--presets", "cross-entropy-sigmoid", "--activation", "sigmoid,relu",
                "--eta", "0.5", "--epochs", "1", "--dataset", "sample", "--train-limit", "300", "--test-limit", "100",
                "--parallel", "1", "--name", "cmp", "--models", models.toString());
        assertThat(compared.code()).as(compared.err()).isZero();
        Files.createDirectories(models.resolve("broken"));
        Files.writeString(models.resolve("broken").resolve("run.json"), "{\"id\": 3");

        Result table = MainTest.run("runs", models.toString());
        assertThat(table.code()).as(table.err()).isZero();
        List<String> lines = table.out().lines().toList();
        assertThat(lines.get(0)).startsWith("id").contains("kind").contains("validation").contains("test")
                .contains("status").endsWith("date");
        assertThat(lines).hasSize(5);
        assertThat(lines.get(1)).startsWith("broken ").contains("run").contains("unreadable: ");
        assertThat(lines.get(2)).startsWith("cmp ").contains("search").contains("2 of 2 finished");
        assertThat(lines.get(3)).startsWith("cmp/candidate-001").contains("candidate").contains("sigmoid");
        assertThat(lines.get(4)).startsWith("cmp/candidate-002").contains("relu");

        JsonNode rows = new ObjectMapper().readTree(MainTest.run("runs", models.toString(), "--json", "--sort",
                "validation").out());
        List<Double> accuracies = new ArrayList<>();
        for (JsonNode row : rows) {
            if (row.get("kind").asText().equals("candidate")) {
                accuracies.add(row.get("validationAccuracy").asDouble());
            }
        }
        assertThat(accuracies).hasSize(2).isSortedAccordingTo(java.util.Comparator.reverseOrder());
        assertThat(rows.get(rows.size() - 1).get("id").asText()).as("no accuracy sorts last").isEqualTo("broken");
        assertThat(rows.get(0).get("testAccuracy").isNumber()).isTrue();

        assertThat(MainTest.run("runs", models.toString(), "--sort", "speed").err()).isEqualTo("losslab: --sort: "
                + "unknown column 'speed'; the columns are id, kind, preset, activation, hidden, eta, lambda, epochs, "
                + "validation, test, status, date\n");
        Result missing = MainTest.run("runs", dir.resolve("none").toString());
        assertThat(missing.code()).isEqualTo(2);
        assertThat(missing.err()).isEqualTo("losslab: " + dir.resolve("none") + ": no such folder\n");
        assertThat(MainTest.run("runs", Files.createDirectories(dir.resolve("empty")).toString()).out())
                .isEqualTo("no runs or searches under " + dir.resolve("empty") + "\n");
    }
}
