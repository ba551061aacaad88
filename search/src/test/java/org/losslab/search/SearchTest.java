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
import org.losslab.data.Dataset;
import org.losslab.model.ModelZip;
import org.losslab.preset.HiddenActivation;
import org.losslab.preset.Preset;

class SearchTest {

    static final SearchSpec SPEC = SearchSpec.builder().presets(Preset.SOFTMAX_LOG_LIKELIHOOD)
            .activations(HiddenActivation.RELU, HiddenActivation.SIGMOID).hiddenSizes(30).eta(0.5, 1e30).epochs(2)
            .maxCandidates(10).dataset(Dataset.SAMPLE).trainLimit(500).testLimit(100).build();
    static MnistData data;

    @BeforeAll
    static void load() {
        data = MnistData.load(Search.dataSpec(SPEC));
    }

    @Test
    void candidatesRunInParallelAndAreRankedWithFailuresRecorded(@TempDir Path folder) throws Exception {
        List<String> heard = new ArrayList<>();
        Search.Outcome outcome = Search.run(SearchRequest.of(SPEC, folder).withData(data).withParallel(2)
                .withListener((result, done, total) -> heard.add(done + "/" + total + " " + result.status()))
                .withRunner(job -> {
                    if (job.experiment().network().activation() == HiddenActivation.SIGMOID
                            && job.experiment().network().eta() > 1) {
                        throw new IllegalStateException("out of memory, pretend");
                    }
                    return CandidateRunner.LOCAL.train(job);
                }));
        List<CandidateResult> ranked = outcome.ranked();
        assertThat(ranked).hasSize(4);
        assertThat(heard).hasSize(4).last().asString().startsWith("4/4");
        // relu at η 1e30 overflows; sigmoid at η 1e30 is made to fail.
        CandidateResult diverged = ranked.stream().filter(r -> r.settings().eta() > 1
                && r.settings().activation() == HiddenActivation.RELU).findFirst().orElseThrow();
        assertThat(diverged.status()).isEqualTo(CandidateStatus.DIVERGED);
        assertThat(diverged.score()).isEmpty();
        assertThat(diverged.folder()).isPresent();
        CandidateResult failed = ranked.stream().filter(r -> r.settings().eta() > 1
                && r.settings().activation() == HiddenActivation.SIGMOID).findFirst().orElseThrow();
        assertThat(failed.status()).isEqualTo(CandidateStatus.FAILED);
        assertThat(failed.scores()).isEmpty();
        assertThat(failed.reason()).contains("out of memory, pretend");
        assertThat(ranked.subList(0, 2)).allSatisfy(r -> assertThat(r.settings().eta()).isEqualTo(0.5));
        assertThat(ranked.get(0).score().getAsDouble()).isGreaterThanOrEqualTo(ranked.get(1).score().getAsDouble());
        assertThat(ranked.subList(2, 4)).allSatisfy(r -> assertThat(r.score()).isEmpty());

        List<String> csv = Files.readAllLines(folder.resolve("results.csv"));
        assertThat(csv).hasSize(5);
        assertThat(csv.get(0)).startsWith("rank,candidate,preset,activation,hidden,eta,lambda,status,score");
        assertThat(csv.get(1)).startsWith("1," + ranked.get(0).number() + ",softmax-log-likelihood,");
        assertThat(csv).anyMatch(line -> line.contains(",diverged,")).anyMatch(line -> line.contains(",failed,"));
        assertThat(Files.readString(folder.resolve("results.md"))).contains("| 1 | " + ranked.get(0).number() + " |");

        CandidateResult best = outcome.best().orElseThrow();
        assertThat(ModelZip.load(folder.resolve("best.zip")).network().params())
                .isEqualTo(ModelZip.load(best.folder().orElseThrow()).network().params());
        assertThat(ImageIO.read(folder.resolve("validation-accuracy.png").toFile())).isNotNull();
        assertThat(ImageIO.read(folder.resolve("training-cost.png").toFile())).isNotNull();
        assertThat(folder.resolve("candidate-001/run.json")).exists();
    }

    @Test
    void theTimeBoundSkipsWhatHasNotStarted(@TempDir Path folder) throws IOException, InterruptedException {
        SearchSpec instant = SPEC.withMaxMinutes(1e-9);
        Search.Outcome outcome = Search.run(SearchRequest.of(instant, folder).withData(data));
        assertThat(outcome.ranked()).hasSize(4).allSatisfy(r -> {
            assertThat(r.status()).isEqualTo(CandidateStatus.SKIPPED);
            assertThat(r.reason()).contains("time limit");
        });
        assertThat(outcome.best()).isEmpty();
        assertThat(folder.resolve("best.zip")).doesNotExist();
        assertThat(Files.readAllLines(folder.resolve("results.csv"))).hasSize(5);
    }

    /** Arbiter's data source hands Arbiter the validation split as its "test" data, never the test split. */
    @Test
    void theArbiterDataSourceScoresOnTheValidationSplit() {
        SearchDataSource source = new SearchDataSource();
        source.configure(SearchDataSource.properties(SPEC, java.util.Optional.empty()));
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
