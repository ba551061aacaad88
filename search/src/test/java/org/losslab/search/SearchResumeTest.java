package org.losslab.search;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.ExecutorService;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.losslab.data.Dataset;
import org.losslab.data.MnistData;
import org.losslab.experiment.EpochMetrics;
import org.losslab.experiment.RunRecord;
import org.losslab.experiment.RunStatus;
import org.losslab.experiment.Training;
import org.losslab.experiment.TrainingListener;
import org.losslab.preset.HiddenActivation;

/** A search started again on its folder: finished candidates are reused, an interrupted one is resumed. */
class SearchResumeTest {

    static final SearchSpec SPEC = SearchSpec.builder().activations(HiddenActivation.SIGMOID, HiddenActivation.TANH)
            .hiddenSizes(20).eta(0.5).epochs(3).seed(5).maxCandidates(10).dataset(Dataset.SAMPLE).trainLimit(400)
            .testLimit(100).build();
    /** SPEC's first candidate alone. */
    static final SearchSpec FIRST = SPEC.toBuilder().activations(HiddenActivation.SIGMOID).build();
    static MnistData data;

    @BeforeAll
    static void load() {
        data = MnistData.load(Search.dataSpec(SPEC));
    }

    private static final class Interrupted extends RuntimeException {
    }

    private static List<List<Double>> numbers(Search.Outcome outcome) {
        return outcome.ranked().stream().sorted(java.util.Comparator.comparingInt(CandidateResult::number))
                .flatMap(r -> r.metrics().stream().map((EpochMetrics m) -> List.of((double) r.number(), m.trainCost(),
                        m.validationCost(), m.validationAccuracy(), r.testAccuracy().getAsDouble()))).toList();
    }

    @Test
    void aSearchOfAnOlderLossLabKeepsTheMiniBatchMeanForTheCandidatesItStillTrains(@TempDir Path dir)
            throws Exception {
        Path folder = dir.resolve("search");
        Search.run(SearchRequest.of(SPEC, folder).withData(data));
        assertThat(RunRecord.read(Search.candidateFolder(folder, 2)).trainingCost())
                .isEqualTo(org.losslab.experiment.TrainingCost.EPOCH_END);
        // Made an older LossLab's with candidate 2 still to train: candidate 1 recorded without a training cost
        // (an older LossLab's, the mini-batch mean), candidate 2's folder gone.
        org.apache.commons.io.FileUtils.deleteDirectory(Search.candidateFolder(folder, 2).toFile());
        Path first = Search.candidateFolder(folder, 1);
        String older = java.nio.file.Files.readString(first.resolve("run.json"))
                .replaceFirst("\\s*\"trainingCost\" : \"epoch-end\",", "");
        java.nio.file.Files.writeString(first.resolve("run.json"), older);
        assertThat(RunRecord.read(first).trainingCost())
                .isEqualTo(org.losslab.experiment.TrainingCost.MINI_BATCH_MEAN);
        Search.run(SearchRequest.of(SPEC, folder).withData(data).withResume(true));
        assertThat(RunRecord.read(Search.candidateFolder(folder, 2)).trainingCost())
                .isEqualTo(org.losslab.experiment.TrainingCost.MINI_BATCH_MEAN);
    }

    @Test
    void finishedCandidatesAreReusedAndAnInterruptedOneContinues(@TempDir Path dir) throws Exception {
        Search.Outcome reference = Search.run(SearchRequest.of(SPEC, dir.resolve("reference")).withData(data));
        assertThat(Search.candidates(FIRST)).containsExactly(Search.candidates(SPEC).get(0));

        Path folder = dir.resolve("search");
        // Candidate 1 finished; candidate 2 was killed after its first epoch (its checkpoint written).
        Search.run(SearchRequest.of(SPEC, folder).withData(data).withRunner(job -> job.number() != 2
                ? CandidateRunner.LOCAL.train(job)
                : Training.run(job.experiment(), job.data(), job.folder(), new TrainingListener() {
                    @Override
                    public void epochDone(EpochMetrics metrics, RunRecord record) {
                        throw new Interrupted(); // the "kill"
                    }
                }).record()));
        String firstCreated = RunRecord.read(Search.candidateFolder(folder, 1)).created();
        RunRecord killed = RunRecord.read(Search.candidateFolder(folder, 2));
        assertThat(killed.status()).isEqualTo(RunStatus.RUNNING);
        assertThat(killed.completedEpochs()).isEqualTo(1);

        ExecutorService pool = Search.pool(2);
        Search.Outcome resumed;
        try {
            resumed = Search.start(SearchRequest.of(SPEC, folder).withData(data).withResume(true), pool).finish();
        } finally {
            pool.shutdownNow();
        }
        assertThat(RunRecord.read(Search.candidateFolder(folder, 1)).created()).as("candidate 1 reused")
                .isEqualTo(firstCreated);
        RunRecord second = RunRecord.read(Search.candidateFolder(folder, 2));
        assertThat(second.status()).isEqualTo(RunStatus.FINISHED);
        assertThat(second.created()).as("candidate 2 resumed, not restarted").isEqualTo(killed.created());
        assertThat(numbers(resumed)).isEqualTo(numbers(reference));
    }

    @Test
    void aFolderOfAnotherSearchIsRefusedBeforeAnythingTrains(@TempDir Path folder) throws Exception {
        Search.run(SearchRequest.of(FIRST, folder).withData(data));
        String created = RunRecord.read(Search.candidateFolder(folder, 1)).created();
        SearchSpec otherEta = FIRST.toBuilder().eta(0.25).build();
        assertThatThrownBy(() -> Search.run(SearchRequest.of(otherEta, folder).withData(data).withResume(true)))
                .isInstanceOf(Search.OtherSettingsException.class)
                .hasMessage(folder + " holds a search with other settings or data (eta [0.5] then, [0.25] now); "
                        + "discard it to search again from scratch, or give another folder");
        assertThat(RunRecord.read(Search.candidateFolder(folder, 1)).created()).isEqualTo(created);
        // what decides when to stop, not what is trained, may change
        Search.run(SearchRequest.of(FIRST.toBuilder().maxMinutes(60).build(), folder).withData(data)
                .withResume(true));
        assertThat(RunRecord.read(Search.candidateFolder(folder, 1)).created()).isEqualTo(created);
    }

    @Test
    void aCandidateFolderOfOtherSettingsIsNotTakenForTheCandidate(@TempDir Path folder) throws Exception {
        Search.run(SearchRequest.of(FIRST, folder).withData(data));
        java.nio.file.Files.delete(folder.resolve(Search.STATE_FILE)); // a search folder of an earlier LossLab
        SearchSpec otherEta = FIRST.toBuilder().eta(0.25).build();
        ExecutorService pool = Search.pool(1);
        try {
            Search.Outcome outcome = Search.start(SearchRequest.of(otherEta, folder).withData(data).withResume(true),
                    pool).finish();
            CandidateResult first = outcome.ranked().stream().filter(r -> r.number() == 1).findFirst()
                    .orElseThrow();
            assertThat(first.status()).isEqualTo(CandidateStatus.FAILED);
            assertThat(first.reason()).contains("candidate-001: holds a run of other settings or data than candidate 1");
        } finally {
            pool.shutdownNow();
        }
    }
}
