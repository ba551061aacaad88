package org.losslab.search;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.deeplearning4j.arbiter.MultiLayerSpace;
import org.deeplearning4j.arbiter.conf.updater.SgdSpace;
import org.deeplearning4j.arbiter.layers.DenseLayerSpace;
import org.deeplearning4j.arbiter.layers.OutputLayerSpace;
import org.deeplearning4j.arbiter.optimize.api.termination.MaxCandidatesCondition;
import org.deeplearning4j.arbiter.optimize.api.termination.MaxTimeCondition;
import org.deeplearning4j.arbiter.optimize.config.OptimizationConfiguration;
import org.deeplearning4j.arbiter.optimize.generator.GridSearchCandidateGenerator;
import org.deeplearning4j.arbiter.optimize.generator.RandomSearchGenerator;
import org.deeplearning4j.arbiter.optimize.runner.CandidateStatus;
import org.deeplearning4j.arbiter.scoring.impl.EvaluationScoreFunction;
import org.deeplearning4j.arbiter.scoring.impl.TestSetLossScoreFunction;
import org.deeplearning4j.arbiter.ui.data.GlobalConfigPersistable;
import org.deeplearning4j.arbiter.ui.data.ModelInfoPersistable;
import org.deeplearning4j.arbiter.ui.misc.JsonMapper;
import org.deeplearning4j.core.storage.StatsStorageRouter;
import org.losslab.experiment.EpochMetrics;
import org.losslab.preset.Networks;
import org.nd4j.evaluation.classification.Evaluation;

/**
 * Reports a search to Arbiter's browser UI module the way Arbiter's own {@code ArbiterStatusListener} does: the
 * search's configuration once (as Arbiter's {@code OptimizationConfiguration}, with a {@code MultiLayerSpace} that
 * shows the choices) and a {@code ModelInfoPersistable} per candidate whenever its state changes.
 */
final class ArbiterStatus {

    private final StatsStorageRouter router;
    private final String sessionId;
    private final SearchSpec spec;
    private final Optional<Path> dataDir;
    private final Path folder;
    private final long start = System.currentTimeMillis();
    private final int candidates;

    /**
     * @param candidates how many candidates the search has: Arbiter's page shows it as the search's bound (its
     *                   {@code MaxCandidatesCondition}), not the spec's upper limit
     */
    ArbiterStatus(StatsStorageRouter router, Path folder, SearchSpec spec, Optional<Path> dataDir, int candidates) {
        this.candidates = candidates;
        this.router = router;
        this.sessionId = folder.getFileName().toString();
        this.folder = folder;
        this.spec = spec;
        this.dataDir = dataDir;
    }

    /** The search's configuration and its candidate counts (queued, completed, failed, total). */
    synchronized void status(int queued, int completed, int failed, int total) {
        router.putStaticInfo(new GlobalConfigPersistable.Builder().sessionId(sessionId)
                .timestamp(System.currentTimeMillis()).optimizationConfigJson(configurationJson())
                .candidateCounts(queued, completed, failed, total).optimizationRunner("LossLab Search").build());
    }

    /** A candidate started. */
    void running(int number) {
        router.putUpdate(new ModelInfoPersistable.Builder().sessionId(sessionId).timestamp(System.currentTimeMillis())
                .workerId(String.valueOf(number)).modelIdx(number).status(CandidateStatus.Running)
                .lastUpdateTime(System.currentTimeMillis()).build());
    }

    /** A candidate ended. */
    void ended(CandidateResult result) {
        CandidateStatus status = switch (result.status()) {
            case SKIPPED, PRUNED -> CandidateStatus.Cancelled;
            case FAILED, DIVERGED -> CandidateStatus.Failed;
            case FINISHED, STOPPED_EARLY -> CandidateStatus.Complete;
        };
        List<EpochMetrics> metrics = result.metrics();
        int[] epochs = metrics.stream().mapToInt(EpochMetrics::epoch).toArray();
        float[] scores = new float[metrics.size()];
        for (int i = 0; i < scores.length; i++) {
            EpochMetrics m = metrics.get(i);
            scores[i] = (float) rounded(spec.score().of(m));
        }
        ModelInfoPersistable.Builder info = new ModelInfoPersistable.Builder().sessionId(sessionId)
                .timestamp(System.currentTimeMillis()).workerId(String.valueOf(result.number()))
                .modelIdx(result.number()).score(result.score().isPresent() ? rounded(result.score().getAsDouble()) : null)
                .status(status).scoreVsIter(epochs, scores)
                .lastUpdateTime(System.currentTimeMillis()).numLayers(result.settings().hidden().size() + 1)
                .totalNumUpdates(metrics.size());
        if (!result.reason().isEmpty()) {
            // Arbiter's UI has no status for a pruned candidate (it shows Cancelled) but shows this text with the
            // candidate: "pruned after epoch 3: …", "skipped: time limit …"
            info.exceptionStackTrace(result.statusText());
        }
        router.putUpdate(info.build());
    }

    /** Arbiter's configuration of this search, as its UI reads it. */
    private String configurationJson() {
        MultiLayerSpace space = new MultiLayerSpace.Builder()
                .updater(new SgdSpace(CandidateSpace.eta(spec)))
                .l2(CandidateSpace.leaf(spec.lambda()))
                .addLayer(new DenseLayerSpace.Builder()
                        .nOut(CandidateSpace.leaf(spec.hidden().stream().flatMap(List::stream).distinct().toList()))
                        .activation(CandidateSpace.leaf(spec.activations().stream().map(Networks::activation)
                                .distinct().toList())).build(),
                        // the hidden layers' count, when the search varies it (1 to 4 in the lecture's many layers)
                        CandidateSpace.leaf(spec.hidden().stream().map(List::size).distinct().toList()))
                .addLayer(new OutputLayerSpace.Builder().nOut(10)
                        .activation(CandidateSpace.leaf(spec.presets().stream().map(Networks::outputActivation)
                                .distinct().toList()))
                        .iLossFunction(CandidateSpace.leaf(spec.presets().stream().map(Networks::lossFunction)
                                .collect(Collectors.toList()))).build())
                .build();
        OptimizationConfiguration configuration = new OptimizationConfiguration.Builder()
                .candidateGenerator(spec.generator() == Generator.GRID
                        ? new GridSearchCandidateGenerator(space, spec.gridPoints(),
                        GridSearchCandidateGenerator.Mode.Sequential, null)
                        : new RandomSearchGenerator(space, null))
                .dataSource(SearchDataSource.class, SearchDataSource.properties(spec, dataDir))
                .scoreFunction(spec.score() == Score.ACCURACY
                        ? new EvaluationScoreFunction(Evaluation.Metric.ACCURACY) : new TestSetLossScoreFunction(true))
                .terminationConditions(new MaxCandidatesCondition(candidates),
                        new MaxTimeCondition(Math.round(spec.maxMinutes() * 60), TimeUnit.SECONDS))
                .modelSaver(new RunFolderSaver(folder.toAbsolutePath().toString()))
                .rngSeed(spec.seed()).build();
        configuration.setExecutionStartTime(start);
        return jsonOf(configuration);
    }

    /**
     * A score as Arbiter's page shows it: to four significant digits ({@code 0.868}, not {@code 0.867966991747937});
     * results.csv and the run records keep every digit.
     */
    static double rounded(double score) {
        if (!Double.isFinite(score) || score == 0) {
            return score;
        }
        return new java.math.BigDecimal(score).round(new java.math.MathContext(4)).doubleValue();
    }

    /** Serialised the way Arbiter's own status listener does, with the UI module's mapper. */
    private static String jsonOf(OptimizationConfiguration configuration) {
        try {
            return JsonMapper.getInstance().writeValueAsString(configuration);
        } catch (Exception e) {
            throw new IllegalStateException("cannot describe the search to Arbiter's UI", e);
        }
    }
}
