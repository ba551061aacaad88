package org.losslab.search;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.losslab.preset.HiddenActivation;
import org.losslab.preset.Preset;

class SearchSpecTest {

    @TempDir
    Path dir;

    private SearchSpec read(String json) throws IOException {
        Path file = dir.resolve("spec.json");
        Files.writeString(file, json);
        return SearchSpec.read(file);
    }

    private void rejects(String json, String... fragments) {
        var thrown = assertThatThrownBy(() -> read(json)).isInstanceOf(IllegalArgumentException.class);
        for (String fragment : fragments) {
            thrown.hasMessageContaining(fragment);
        }
    }

    @Test
    void anEmptyObjectIsTheBooksSingleRun() throws IOException {
        SearchSpec spec = read("{}");
        assertThat(spec.presets()).containsExactly(Preset.CROSS_ENTROPY_SIGMOID);
        assertThat(spec.activations()).containsExactly(HiddenActivation.SIGMOID);
        assertThat(spec.hidden()).containsExactly(List.of(30));
        assertThat(spec.eta()).containsExactly(0.5);
        assertThat(spec.epochs()).isEqualTo(30);
        assertThat(spec.gridSize()).isEqualTo(1);
        assertThat(Search.candidates(spec)).hasSize(1);
    }

    @Test
    void badSpecsAreRejectedNamingTheField() {
        rejects("{\"presets\": [\"mse\"]}", "presets", "'mse'", "quadratic-sigmoid");
        rejects("{\"presets\": []}", "presets", "at least one");
        rejects("{\"activations\": [\"gelu\"]}", "activations", "'gelu'");
        rejects("{\"eta\": [0.5, 0]}", "eta", "> 0");
        rejects("{\"eta\": [0.5], \"etaRange\": [0.1, 1]}", "eta or etaRange, not both");
        rejects("{\"etaRange\": [1, 0.1]}", "etaRange");
        rejects("{\"lambda\": [-1]}", "lambda");
        rejects("{\"hidden\": [[30], []]}", "hidden");
        rejects("{\"epochs\": 0}", "epochs");
        rejects("{\"generator\": \"genetic\"}", "generator", "expected one of grid, random");
        rejects("{\"score\": \"f1\"}", "score");
        rejects("{\"presets\": [\"quadratic-sigmoid\", \"cross-entropy-sigmoid\"], \"eta\": [0.1, 0.5, 1, 3],"
                + " \"maxCandidates\": 5}", "maxCandidates", "the grid has 8 candidates");
        rejects("{\"presets\": [\"quadratic-sigmoid\"", "not a valid search spec");
        rejects("{\"learningRate\": 3}", "not a valid search spec", "learningRate");
        assertThatThrownBy(() -> SearchSpec.read(dir.resolve("none.json"))).hasMessageContaining("file not found");
    }

    @Test
    void aBuiltSpecRoundTripsThroughItsJsonAndAWrongFieldIsNamedAsSuch() {
        SearchSpec built = SearchSpec.builder().presets(Preset.QUADRATIC_SIGMOID, Preset.SOFTMAX_LOG_LIKELIHOOD)
                .activations(HiddenActivation.TANH).hiddenSizes(30, 100).etaRange(0.1, 3.0).lambda(0.0, 5.0)
                .generator(Generator.RANDOM).score(Score.COST).maxCandidates(7).seed(3).trainLimit(500).build();
        assertThat(SearchSpec.parse(built.toJson())).isEqualTo(built);
        assertThat(built.toJson()).contains("\"generator\" : \"random\"").contains("\"score\" : \"cost\"")
                .doesNotContain("\"eta\" :");
        assertThatThrownBy(() -> built.toBuilder().trainLimit(-1).build())
                .isInstanceOfSatisfying(org.losslab.io.SpecException.class, e -> {
                    assertThat(e.field()).isEqualTo("trainLimit");
                    assertThat(e.problem()).isEqualTo("must be >= 0 (0 = all), got -1");
                });
        // In a file, the file is named first: its fields are not the command line's options.
        assertThatThrownBy(() -> SearchSpec.parse("{\"epochs\": 0}", "spec.json"))
                .hasMessage("spec.json: not a valid search spec (epochs: must be > 0, got 0)");
        // a misspelt field: the valid ones listed
        assertThatThrownBy(() -> SearchSpec.parse("{\"epoch\": 3}", "spec.json"))
                .hasMessage("spec.json: not a valid search spec (unknown field 'epoch'; the fields are activations, "
                        + "batch, dataset, epochs, eta, etaRange, generator, gridPoints, hidden, init, lambda, "
                        + "maxCandidates, maxMinutes, presets, pruner, score, seed, testLimit, trainLimit)");
    }

    @Test
    void aPrunerIsARuleOrAnObjectOfTheRuleAndItsSettings() throws IOException {
        assertThat(read("{}").pruner()).isEqualTo(Pruner.NONE);
        assertThat(read("{}").toJson()).as("no pruner, no field: older search folders still match")
                .doesNotContain("pruner");
        assertThat(read("{\"pruner\": \"median\"}").pruner()).isEqualTo(new Pruner.Median(5, 0));
        assertThat(read("{\"pruner\": \"asha\"}").pruner()).isEqualTo(new Pruner.SuccessiveHalving(1, 3));
        assertThat(read("{\"pruner\": \"none\"}").pruner()).isEqualTo(Pruner.NONE);
        assertThat(read("{\"pruner\": {\"rule\": \"median\", \"warmupEpochs\": 2}}").pruner())
                .isEqualTo(new Pruner.Median(5, 2));
        assertThat(read("{\"pruner\": {\"rule\": \"asha\", \"minEpochs\": 2, \"reduction\": 4}}").pruner())
                .isEqualTo(new Pruner.SuccessiveHalving(2, 4));
        SearchSpec built = SearchSpec.builder().pruner(new Pruner.Median(3, 1)).build();
        assertThat(SearchSpec.parse(built.toJson())).isEqualTo(built);
        assertThat(built.toJson()).contains("\"rule\" : \"median\"");

        rejects("{\"pruner\": \"hyperband\"}", "pruner: unknown rule 'hyperband'; valid: none, median, asha");
        rejects("{\"pruner\": {\"rule\": \"median\", \"minEpochs\": 2}}",
                "pruner: unknown field 'minEpochs' for rule median; valid: rule, startupCandidates, warmupEpochs");
        rejects("{\"pruner\": {\"warmupEpochs\": 2}}", "pruner: needs \"rule\"");
        rejects("{\"pruner\": {\"rule\": \"asha\", \"reduction\": 1}}", "pruner: reduction must be >= 2, got 1");
        rejects("{\"pruner\": {\"rule\": \"asha\", \"minEpochs\": 1.5}}", "pruner: minEpochs must be a whole "
                + "number, got 1.5");
        rejects("{\"pruner\": 3}", "pruner: must be a rule");
        assertThatThrownBy(() -> new Pruner.Median(0, 0)).hasMessage("pruner: startupCandidates must be >= 1, got 0");
    }

    @Test
    void aGridGivesEveryCombinationOnce() throws IOException {
        SearchSpec spec = read("{\"presets\": [\"quadratic-sigmoid\", \"cross-entropy-sigmoid\", "
                + "\"softmax-log-likelihood\"], \"activations\": [\"sigmoid\", \"tanh\", \"relu\", \"swish\"],"
                + " \"hidden\": [[30], [100]], \"eta\": [0.5, 3.0], \"lambda\": [0.5, 3.0], \"maxCandidates\": 96}");
        List<CandidateSpace.Settings> candidates = Search.candidates(spec);
        assertThat(candidates).hasSize(3 * 4 * 2 * 2 * 2);
        assertThat(new HashSet<>(candidates)).hasSize(candidates.size());
        // η and λ share their values but stay independent choices.
        assertThat(candidates).anyMatch(c -> c.eta() == 0.5 && c.lambda() == 3.0)
                .anyMatch(c -> c.eta() == 3.0 && c.lambda() == 0.5);
    }

    @Test
    void aRangeIsSplitForTheGridAndSampledForRandom() throws IOException {
        SearchSpec grid = read("{\"etaRange\": [0.1, 0.9], \"gridPoints\": 5}");
        List<Double> etas = Search.candidates(grid).stream().map(CandidateSpace.Settings::eta).toList();
        assertThat(etas).hasSize(5);
        double[] expected = {0.1, 0.3, 0.5, 0.7, 0.9};
        for (int i = 0; i < 5; i++) {
            assertThat(etas.get(i)).isCloseTo(expected[i], org.assertj.core.api.Assertions.within(1e-12));
        }
        SearchSpec random = read("{\"etaRange\": [0.1, 0.9], \"generator\": \"random\", \"maxCandidates\": 7,"
                + " \"seed\": 4}");
        List<CandidateSpace.Settings> drawn = Search.candidates(random);
        assertThat(drawn).hasSize(7).allSatisfy(c -> assertThat(c.eta()).isBetween(0.1, 0.9));
        assertThat(Search.candidates(random)).as("same seed, same draws").isEqualTo(drawn);
    }

    @Test
    void theExampleSpecInDocsIsValid() {
        SearchSpec spec = SearchSpec.read(org.losslab.testing.Checkout.root().resolve("docs/examples/lecture-search.json"));
        assertThat(Search.candidates(spec)).hasSize(12);
    }

    @Test
    void nullsAndHugeFilesAreNamedNotCrashes() throws IOException {
        rejects("null", "holds null");
        rejects("{\"presets\": [null]}", "presets");
        rejects("{\"hidden\": [[30, null]]}", "hidden");
        Path big = dir.resolve("big.json");
        Files.writeString(big, "{\"presets\": [" + "\"x\",".repeat(300_000) + "\"y\"]}");
        assertThatThrownBy(() -> SearchSpec.read(big)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage(big + ": larger than 1 MiB; not a search spec");
    }
}
