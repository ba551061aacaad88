package org.losslab.search;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ExecutorService;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.losslab.data.Dataset;
import org.losslab.data.MnistData;
import org.losslab.experiment.RunRecord;
import org.losslab.experiment.RunStatus;

/** Searches with a pruner, on the bundled sample, one candidate at a time so that the decisions are repeatable. */
class PrunedSearchTest {

    /** η 0.001 learns next to nothing in an epoch; 0.5 and 1 learn fast. */
    static final SearchSpec SPEC = SearchSpec.builder().hiddenSizes(20).eta(0.5, 1.0, 0.001).epochs(3).seed(5)
            .dataset(Dataset.SAMPLE).trainLimit(400).testLimit(100).pruner(new Pruner.Median(2, 0)).build();
    static MnistData data;

    @BeforeAll
    static void load() {
        data = MnistData.load(Search.dataSpec(SPEC));
    }

    static Search.Outcome search(SearchSpec spec, Path folder, boolean resume) throws Exception {
        ExecutorService pool = Search.pool(1);
        try {
            return Search.start(SearchRequest.of(spec, folder).withData(data).withResume(resume), pool).finish();
        } finally {
            pool.shutdownNow();
        }
    }

    static CandidateResult number(Search.Outcome outcome, int number) {
        return outcome.ranked().stream().filter(r -> r.number() == number).findFirst().orElseThrow();
    }

    @Test
    void theMedianRulePrunesTheHopelessCandidateAndTheResultsSaySo(@TempDir Path dir) throws Exception {
        assertThat(Search.candidates(SPEC)).extracting(CandidateSpace.Settings::eta).containsExactly(0.5, 1.0, 0.001);
        Path folder = dir.resolve("search");
        Search.Outcome outcome = search(SPEC, folder, false);

        CandidateResult hopeless = number(outcome, 3);
        assertThat(hopeless.status()).isEqualTo(CandidateStatus.PRUNED);
        assertThat(hopeless.metrics()).hasSize(1);
        assertThat(hopeless.score()).isEmpty();
        assertThat(hopeless.statusText()).startsWith("pruned after epoch 1: best accuracy so far ")
                .endsWith(" of 2 finished candidates at epoch 1 (median rule)");
        double median = (number(outcome, 1).metrics().get(0).validationAccuracy()
                + number(outcome, 2).metrics().get(0).validationAccuracy()) / 2;
        assertThat(hopeless.metrics().get(0).validationAccuracy()).isLessThan(median);
        assertThat(outcome.ranked()).extracting(CandidateResult::status).containsExactly(CandidateStatus.FINISHED,
                CandidateStatus.FINISHED, CandidateStatus.PRUNED);
        assertThat(outcome.best().orElseThrow().number()).isIn(1, 2);

        RunRecord record = RunRecord.read(Search.candidateFolder(folder, 3));
        assertThat(record.status()).isEqualTo(RunStatus.PRUNED);
        assertThat(record.completedEpochs()).isEqualTo(1);
        assertThat(Search.candidateFolder(folder, 3).resolve("model.zip")).isRegularFile();
        List<List<String>> csv = org.losslab.report.Tables.readCsv(Files.readString(folder.resolve("results.csv")));
        assertThat(csv.get(3).subList(0, 13)).containsExactly("3", "3", "cross-entropy-sigmoid", "sigmoid", "20",
                "0.001", "0", "pruned", "", "", "", "", "1");
        assertThat(csv.get(3).get(14)).startsWith("after epoch 1: best accuracy so far");
        assertThat(Files.readString(folder.resolve("results.md"))).contains("| pruned after epoch 1: ");
        assertThat(Files.readString(folder.resolve(Search.STATE_FILE))).contains("\"rule\" : \"median\"");

        // started again: nothing trains, the pruned candidate stays pruned, with its epoch and score
        String created = record.created();
        Search.Outcome again = search(SPEC, folder, true);
        assertThat(RunRecord.read(Search.candidateFolder(folder, 3)).created()).isEqualTo(created);
        assertThat(number(again, 3).statusText()).isEqualTo(String.format(java.util.Locale.ROOT,
                "pruned after epoch 1 (accuracy %.2f%%)", 100 * hopeless.metrics().get(0).validationAccuracy()));
        assertThat(again.ranked()).extracting(CandidateResult::number)
                .isEqualTo(outcome.ranked().stream().map(CandidateResult::number).toList());
    }

    @Test
    void successiveHalvingStopsACandidateBelowTheRungsBestAndTheNoPrunerSearchTrainsItToTheEnd(@TempDir Path dir)
            throws Exception {
        SearchSpec two = SPEC.toBuilder().eta(0.5, 0.001).pruner(new Pruner.SuccessiveHalving(1, 2)).build();
        Search.Outcome halved = search(two, dir.resolve("asha"), false);
        CandidateResult second = number(halved, 2);
        assertThat(second.status()).isEqualTo(CandidateStatus.PRUNED);
        assertThat(second.statusText()).startsWith("pruned after epoch 1: accuracy ")
                .contains(" not among the best 1 of 2 at this rung");
        assertThat(number(halved, 1).status()).isEqualTo(CandidateStatus.FINISHED);

        Search.Outcome whole = search(two.toBuilder().pruner(Pruner.NONE).build(), dir.resolve("none"), false);
        assertThat(whole.ranked()).extracting(CandidateResult::status).containsOnly(CandidateStatus.FINISHED);
        assertThat(number(whole, 2).metrics()).hasSize(3);
        // pruning changes nothing that trained: candidate 1 has the same epochs either way
        assertThat(number(halved, 1).metrics().stream().map(m -> m.validationAccuracy()).toList())
                .isEqualTo(number(whole, 1).metrics().stream().map(m -> m.validationAccuracy()).toList());
        assertThat(number(whole, 2).metrics().get(0).validationAccuracy())
                .isEqualTo(second.metrics().get(0).validationAccuracy());
        assertThat(halved.ranked()).isSortedAccordingTo(Comparator.comparing(r -> r.score().isEmpty()));
    }
}
