package org.losslab.search;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.losslab.data.MnistData;
import org.losslab.model.ModelZip;

class SearchTest {

    static final SearchSpec SPEC = new SearchSpec(List.of("softmax-log-likelihood"), List.of("relu", "sigmoid"),
            List.of(List.of(30)), List.of(0.5, 1e30), null, null, 2, 10, "large", 1L, "grid", "accuracy", 10, null,
            null, "sample", 500, 100).validated();
    static MnistData data;

    @BeforeAll
    static void load() {
        data = MnistData.load(Search.dataSpec(SPEC));
    }

    @Test
    void candidatesRunInParallelAndAreRankedWithFailuresRecorded(@TempDir Path folder) throws Exception {
        List<String> heard = new ArrayList<>();
        Search.Outcome outcome = Search.run(SPEC, data, folder, 2, (result, done, total) ->
                heard.add(done + "/" + total + " " + result.status()), (spec, d, f, number, settings, live) -> {
                    if (settings.activation() == org.losslab.preset.HiddenActivation.SIGMOID && settings.eta() > 1) {
                        throw new IllegalStateException("out of memory, pretend");
                    }
                    return Search.train(spec, d, f, number, settings, live);
                }, null);
        List<Search.CandidateResult> ranked = outcome.ranked();
        assertThat(ranked).hasSize(4);
        assertThat(heard).hasSize(4).last().asString().startsWith("4/4");
        // relu at η 1e30 overflows; sigmoid at η 1e30 is made to fail.
        Search.CandidateResult diverged = ranked.stream().filter(r -> r.settings().eta() > 1
                && r.settings().activation() == org.losslab.preset.HiddenActivation.RELU).findFirst().orElseThrow();
        assertThat(diverged.status()).isEqualTo("diverged");
        assertThat(diverged.score()).isNull();
        Search.CandidateResult failed = ranked.stream().filter(r -> r.settings().eta() > 1
                && r.settings().activation() == org.losslab.preset.HiddenActivation.SIGMOID).findFirst().orElseThrow();
        assertThat(failed.status()).isEqualTo("failed");
        assertThat(failed.reason()).contains("out of memory, pretend");
        assertThat(ranked.subList(0, 2)).allSatisfy(r -> assertThat(r.settings().eta()).isEqualTo(0.5));
        assertThat(ranked.get(0).score()).isGreaterThanOrEqualTo(ranked.get(1).score());
        assertThat(ranked.subList(2, 4)).allSatisfy(r -> assertThat(r.score()).isNull());

        List<String> csv = Files.readAllLines(folder.resolve("results.csv"));
        assertThat(csv).hasSize(5);
        assertThat(csv.get(0)).startsWith("rank,candidate,preset,activation,hidden,eta,lambda,status,score");
        assertThat(csv.get(1)).startsWith("1," + ranked.get(0).number() + ",softmax-log-likelihood,");
        assertThat(csv).anyMatch(line -> line.contains(",diverged,")).anyMatch(line -> line.contains(",failed,"));
        assertThat(Files.readString(folder.resolve("results.md"))).contains("| 1 | " + ranked.get(0).number() + " |");

        Search.CandidateResult best = outcome.best();
        assertThat(ModelZip.load(folder.resolve("best.zip")).network().params())
                .isEqualTo(ModelZip.load(best.folder()).network().params());
        assertThat(ImageIO.read(folder.resolve("validation-accuracy.png").toFile())).isNotNull();
        assertThat(ImageIO.read(folder.resolve("training-cost.png").toFile())).isNotNull();
        assertThat(folder.resolve("candidate-001/run.json")).exists();
    }

    @Test
    void theTimeBoundSkipsWhatHasNotStarted(@TempDir Path folder) throws IOException, InterruptedException {
        SearchSpec instant = SPEC.withBounds(null, 1e-9).validated();
        Search.Outcome outcome = Search.run(instant, data, folder, 1, (r, d, t) -> { });
        assertThat(outcome.ranked()).hasSize(4).allSatisfy(r -> {
            assertThat(r.status()).isEqualTo("skipped");
            assertThat(r.reason()).contains("time limit");
        });
        assertThat(outcome.best()).isNull();
        assertThat(folder.resolve("best.zip")).doesNotExist();
        assertThat(Files.readAllLines(folder.resolve("results.csv"))).hasSize(5);
    }

    /** Arbiter's data source hands Arbiter the validation split as its "test" data, never the test split. */
    @Test
    void theArbiterDataSourceScoresOnTheValidationSplit() {
        SearchDataSource source = new SearchDataSource();
        source.configure(SearchDataSource.properties(SPEC, null));
        org.nd4j.linalg.dataset.api.iterator.DataSetIterator scoring =
                (org.nd4j.linalg.dataset.api.iterator.DataSetIterator) source.testData();
        org.nd4j.linalg.dataset.DataSet first = scoring.next();
        assertThat(first.numExamples()).isEqualTo(data.validation().count());
        assertThat(first.getFeatures()).isEqualTo(data.validation().arrays().getFeatures());
        org.nd4j.linalg.dataset.api.iterator.DataSetIterator training =
                (org.nd4j.linalg.dataset.api.iterator.DataSetIterator) source.trainData();
        assertThat(training.next().numExamples()).isEqualTo(SPEC.batch());
        assertThat(source.getDataType()).isEqualTo(org.nd4j.linalg.dataset.api.iterator.DataSetIterator.class);
    }
}
