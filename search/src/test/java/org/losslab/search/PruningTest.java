package org.losslab.search;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;
import org.losslab.experiment.EpochMetrics;
import org.losslab.experiment.RunRecord;
import org.losslab.experiment.TrainingListener;

/** The pruners' decisions on crafted validation curves. */
class PruningTest {

    /** A curve of validation accuracies, epoch 1 first (costs: 1 − accuracy). */
    static List<EpochMetrics> curve(double... accuracies) {
        List<EpochMetrics> metrics = new ArrayList<>();
        for (int i = 0; i < accuracies.length; i++) {
            metrics.add(new EpochMetrics(i + 1, 1, 1 - accuracies[i], accuracies[i], 0.1, List.of(0.1, 0.1),
                    List.of(OptionalDouble.empty(), OptionalDouble.empty())));
        }
        return metrics;
    }

    /** Reports candidate {@code number}'s curve epoch by epoch and returns the first decision to prune. */
    static Optional<String> train(Pruning pruning, int number, int epochs, double... accuracies) {
        for (EpochMetrics m : curve(accuracies)) {
            pruning.reported(number, m);
            Optional<String> decision = pruning.decide(number, m.epoch(), epochs);
            if (decision.isPresent()) {
                return Optional.of(decision.get());
            }
        }
        return Optional.empty();
    }

    static Pruning medianAfterFive() {
        Pruning pruning = new Pruning(Pruner.median(), Score.ACCURACY);
        double[] finals = {0.80, 0.82, 0.84, 0.86, 0.88};
        for (int i = 0; i < finals.length; i++) {
            pruning.completed(i + 1, curve(finals[i] - 0.2, finals[i] - 0.1, finals[i]));
        }
        return pruning;
    }

    @Test
    void theMedianRulePrunesACandidateWhoseBestIsBelowTheMedianOfTheFinishedOnes() {
        Pruning pruning = medianAfterFive();
        // medians of the finished candidates: 0.64, 0.74, 0.84 at epochs 1, 2, 3
        assertThat(train(pruning, 6, 10, 0.65, 0.75, 0.85)).isEmpty();
        assertThat(train(pruning, 7, 10, 0.65, 0.73)).hasValue("after epoch 2: best accuracy so far 73.00% below "
                + "the median 74.00% of 5 finished candidates at epoch 2 (median rule)");
        assertThat(pruning.reason(7, curve(0.65, 0.73))).startsWith("after epoch 2: best accuracy so far 73.00%");
    }

    @Test
    void theMedianRuleComparesTheBestSoFarNotTheLastEpoch() {
        Pruning pruning = medianAfterFive();
        assertThat(train(pruning, 6, 10, 0.80, 0.70)).as("0.80 at epoch 1 beats the median 0.74 at epoch 2")
                .isEmpty();
    }

    @Test
    void theMedianRuleWaitsForItsStartupCandidatesAndWarmUp() {
        Pruning few = new Pruning(Pruner.median(), Score.ACCURACY);
        for (int n = 1; n <= 4; n++) {
            few.completed(n, curve(0.9, 0.9));
        }
        assertThat(train(few, 5, 10, 0.1, 0.1, 0.1)).as("4 finished of the 5 needed").isEmpty();
        // running candidates do not count, however far they got
        few.reported(6, curve(0.9, 0.9, 0.9));
        assertThat(train(few, 7, 10, 0.1, 0.1)).isEmpty();

        Pruning warm = new Pruning(new Pruner.Median(1, 2), Score.ACCURACY);
        warm.completed(1, curve(0.9, 0.9, 0.9));
        assertThat(train(warm, 2, 10, 0.1, 0.1, 0.1)).hasValueSatisfying(reason -> assertThat(reason)
                .startsWith("after epoch 3:").endsWith("of 1 finished candidate at epoch 3 (median rule)"));
    }

    @Test
    void noPrunerDecidesAtTheLastEpochOrWithoutAScore() {
        Pruning pruning = medianAfterFive();
        pruning.reported(6, curve(0.1, 0.1, 0.1));
        assertThat(pruning.decide(6, 3, 3)).as("the last epoch").isEmpty();
        assertThat(pruning.decide(6, 4, 10)).as("an epoch it never reported").isEmpty();
        Pruning none = new Pruning(Pruner.NONE, Score.ACCURACY);
        none.completed(1, curve(0.9));
        assertThat(train(none, 2, 10, 0.0, 0.0)).isEmpty();
        assertThat(none.active()).isFalse();
    }

    @Test
    void theMedianRuleOnCostPrunesTheCandidateAboveTheMedian() {
        Pruning pruning = new Pruning(new Pruner.Median(3, 0), Score.COST);
        pruning.completed(1, curve(0.7));
        pruning.completed(2, curve(0.8));
        pruning.completed(3, curve(0.9));
        // costs 0.3, 0.2, 0.1: median 0.2
        assertThat(train(pruning, 4, 5, 0.81)).isEmpty();
        assertThat(train(pruning, 5, 5, 0.75)).hasValue("after epoch 1: best cost so far 0.2500 above the median "
                + "0.2000 of 3 finished candidates at epoch 1 (median rule)");
    }

    @Test
    void successiveHalvingsRungsAreMinEpochsTimesPowersOfTheReductionBeforeTheLastEpoch() {
        Pruner.SuccessiveHalving thirds = new Pruner.SuccessiveHalving(1, 3);
        List<Integer> rungs = new ArrayList<>();
        for (int epoch = 1; epoch <= 30; epoch++) {
            if (thirds.isRung(epoch, 30)) {
                rungs.add(epoch);
            }
        }
        assertThat(rungs).containsExactly(1, 3, 9, 27);
        assertThat(thirds.isRung(9, 9)).as("the last epoch").isFalse();
        Pruner.SuccessiveHalving halves = new Pruner.SuccessiveHalving(2, 2);
        assertThat(List.of(1, 2, 3, 4, 6, 8)).filteredOn(e -> halves.isRung(e, 10)).containsExactly(2, 4, 8);
    }

    @Test
    void successiveHalvingKeepsTheBestThirdOfWhatReachedTheRung() {
        Pruning pruning = new Pruning(new Pruner.SuccessiveHalving(1, 3), Score.ACCURACY);
        assertThat(train(pruning, 1, 10, 0.50)).as("alone at the rung").isEmpty();
        assertThat(train(pruning, 2, 10, 0.40)).hasValue("after epoch 1: accuracy 40.00% not among the best 1 of 2 "
                + "at this rung (50.00% and better; successive halving by 3)");
        assertThat(train(pruning, 3, 10, 0.60)).isEmpty();
        assertThat(train(pruning, 4, 10, 0.55)).as("best 1 of 4").isPresent();
        assertThat(train(pruning, 5, 10, 0.45)).isPresent();
        assertThat(train(pruning, 6, 10, 0.58)).as("best 2 of 6: 0.60 and 0.58 go on").isEmpty();

        // epoch 2 is no rung; at rung 3 only those that got there compete
        Pruning later = new Pruning(new Pruner.SuccessiveHalving(1, 3), Score.ACCURACY);
        assertThat(train(later, 1, 10, 0.50, 0.10, 0.70)).isEmpty();
        assertThat(train(later, 2, 10, 0.60, 0.65, 0.69)).hasValueSatisfying(reason -> assertThat(reason)
                .startsWith("after epoch 3: accuracy 69.00% not among the best 1 of 2"));
    }

    @Test
    void theListenerRecordsEveryEpochAndAsksThePrunerAndTheListenerItWraps() {
        Pruning pruning = medianAfterFive();
        List<String> heard = new ArrayList<>();
        TrainingListener wrapped = pruning.listener(6, new TrainingListener() {
            @Override
            public void epochDone(EpochMetrics metrics, RunRecord record) {
                heard.add("epoch " + metrics.epoch());
            }

            @Override
            public boolean prune(EpochMetrics metrics, RunRecord record) {
                heard.add("asked " + metrics.epoch());
                return false;
            }
        });
        RunRecord record = new RunRecord("candidate-006", org.losslab.experiment.RunStatus.RUNNING,
                "2026-12-02T10:00:00Z", java.util.Map.of(), org.losslab.preset.NetworkSpec.defaults(), 10, 10, 0, 1,
                org.losslab.experiment.TrainingCost.EPOCH_END,
                new RunRecord.DataRecord("sample", "test", Optional.empty(), true, 0, 0, 1, 1, 1, java.util.Map.of()),
                List.of(), java.util.OptionalInt.empty(), OptionalDouble.empty(), OptionalDouble.empty(), 0, Optional.empty(),
                "test");
        List<EpochMetrics> curve = curve(0.65, 0.70);
        wrapped.epochDone(curve.get(0), record);
        assertThat(wrapped.prune(curve.get(0), record)).isFalse();
        wrapped.epochDone(curve.get(1), record);
        assertThat(wrapped.prune(curve.get(1), record)).isTrue();
        assertThat(heard).containsExactly("epoch 1", "asked 1", "epoch 2", "asked 2");
    }
}
