package org.losslab.search;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.ExecutorService;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.losslab.data.MnistData;
import org.losslab.experiment.EpochMetrics;
import org.losslab.experiment.RunRecord;
import org.losslab.experiment.Training;

/** A search started again on its folder: finished candidates are reused, an interrupted one is resumed. */
class SearchResumeTest {

    static final SearchSpec SPEC = new SearchSpec(List.of("cross-entropy-sigmoid"), List.of("sigmoid", "tanh"),
            List.of(List.of(20)), List.of(0.5), null, null, 3, 10, "large", 5L, "grid", "accuracy", 10, null,
            null, "sample", 400, 100).validated();
    /** SPEC's first candidate alone. */
    static final SearchSpec FIRST = new SearchSpec(List.of("cross-entropy-sigmoid"), List.of("sigmoid"),
            List.of(List.of(20)), List.of(0.5), null, null, 3, 10, "large", 5L, "grid", "accuracy", 10, null,
            null, "sample", 400, 100).validated();
    static MnistData data;

    @BeforeAll
    static void load() {
        data = MnistData.load(Search.dataSpec(SPEC));
    }

    private static final class Interrupted extends RuntimeException {
    }

    private static List<List<Double>> numbers(Search.Outcome outcome) {
        return outcome.ranked().stream().sorted(java.util.Comparator.comparingInt(Search.CandidateResult::number))
                .flatMap(r -> r.metrics().stream().map((EpochMetrics m) -> List.of((double) r.number(), m.trainCost(),
                        m.validationCost(), m.validationAccuracy(), r.testAccuracy()))).toList();
    }

    @Test
    void finishedCandidatesAreReusedAndAnInterruptedOneContinues(@TempDir Path dir) throws Exception {
        Search.Outcome reference = Search.run(SPEC, data, dir.resolve("reference"), 1, (r, d, t) -> { });
        assertThat(Search.candidates(FIRST)).containsExactly(Search.candidates(SPEC).get(0));

        Path folder = dir.resolve("search");
        // Candidate 1 finished; candidate 2 was killed after its first epoch (its checkpoint written).
        Search.run(FIRST, data, folder, 1, (r, d, t) -> { });
        String firstCreated = RunRecord.read(Search.candidateFolder(folder, 1)).created();
        try {
            Training.run(Search.experiment(SPEC, Search.candidates(SPEC).get(1)), data,
                    Search.candidateFolder(folder, 2), new Training.Progress() {
                        @Override
                        public void epochDone(EpochMetrics metrics, RunRecord record) {
                            throw new Interrupted();
                        }
                    });
        } catch (Interrupted expected) {
            // the "kill"
        }
        RunRecord killed = RunRecord.read(Search.candidateFolder(folder, 2));
        assertThat(killed.status()).isEqualTo(RunRecord.RUNNING);
        assertThat(killed.completedEpochs()).isEqualTo(1);

        ExecutorService pool = Search.pool(2);
        Search.Outcome resumed;
        try {
            resumed = Search.start(SPEC, data, folder, pool, true, (r, d, t) -> { }, null).finish();
        } finally {
            pool.shutdownNow();
        }
        assertThat(RunRecord.read(Search.candidateFolder(folder, 1)).created()).as("candidate 1 reused")
                .isEqualTo(firstCreated);
        RunRecord second = RunRecord.read(Search.candidateFolder(folder, 2));
        assertThat(second.status()).isEqualTo(RunRecord.FINISHED);
        assertThat(second.created()).as("candidate 2 resumed, not restarted").isEqualTo(killed.created());
        assertThat(numbers(resumed)).isEqualTo(numbers(reference));
    }

    @Test
    void aFolderOfOtherSettingsIsNotTakenForTheCandidate(@TempDir Path folder) throws Exception {
        Search.run(FIRST, data, folder, 1, (r, d, t) -> { });
        SearchSpec otherEta = new SearchSpec(FIRST.presets(), FIRST.activations(), FIRST.hidden(), List.of(0.25), null,
                null, 3, 10, "large", 5L, "grid", "accuracy", 10, null, null, "sample", 400, 100).validated();
        ExecutorService pool = Search.pool(1);
        try {
            Search.Outcome outcome = Search.start(otherEta, data, folder, pool, true, (r, d, t) -> { }, null)
                    .finish();
            Search.CandidateResult first = outcome.ranked().stream().filter(r -> r.number() == 1).findFirst()
                    .orElseThrow();
            assertThat(first.status()).isEqualTo("failed");
            assertThat(first.reason()).contains("candidate-001: holds a run of other settings or data than candidate 1");
        } finally {
            pool.shutdownNow();
        }
    }
}
