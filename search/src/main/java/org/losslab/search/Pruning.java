package org.losslab.search;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Set;
import java.util.TreeMap;
import org.losslab.experiment.EpochMetrics;
import org.losslab.experiment.RunRecord;
import org.losslab.experiment.TrainingListener;
import org.losslab.report.Numbers;

/**
 * A search's {@link Pruner} at work: every candidate's score per epoch as it reports, which candidates trained to
 * their end, and the decision after each epoch. Called from the threads that train candidates (or hear them from
 * Spark), so every method is synchronized; a search resumed in its folder first tells it what its candidates'
 * records already hold.
 */
final class Pruning {

    private final Pruner pruner;
    private final Score score;
    /** Per candidate, its score per epoch. */
    private final Map<Integer, TreeMap<Integer, Double>> scores = new HashMap<>();
    private final Set<Integer> completed = new HashSet<>();
    private final Map<Integer, String> reasons = new HashMap<>();

    Pruning(Pruner pruner, Score score) {
        this.pruner = pruner;
        this.score = score;
    }

    /** {@return whether this pruner can prune anything} */
    boolean active() {
        return !(pruner instanceof Pruner.None);
    }

    /** A candidate's epoch: its score is recorded. */
    synchronized void reported(int number, EpochMetrics metrics) {
        double value = score.of(metrics);
        if (Double.isFinite(value)) {
            scores.computeIfAbsent(number, n -> new TreeMap<>()).put(metrics.epoch(), value);
        }
    }

    /** A candidate's epochs so far (from its record, on resume): each recorded. */
    synchronized void reported(int number, List<EpochMetrics> metrics) {
        metrics.forEach(m -> reported(number, m));
    }

    /** A candidate trained to its end (finished or stopped early): the median rule counts it from now on. */
    synchronized void completed(int number, List<EpochMetrics> metrics) {
        reported(number, metrics);
        completed.add(number);
    }

    /**
     * Decides after a candidate's epoch (already {@link #reported}) whether it stops there.
     *
     * @param number the candidate
     * @param epoch  the epoch it finished
     * @param epochs its last epoch
     * @return why it stops, or empty to go on
     */
    synchronized Optional<String> decide(int number, int epoch, int epochs) {
        Double own = scores.getOrDefault(number, new TreeMap<>()).get(epoch);
        if (own == null || epoch >= epochs) {
            return Optional.empty();
        }
        Optional<String> reason = pruner instanceof Pruner.Median median ? median(median, number, epoch)
                : pruner instanceof Pruner.SuccessiveHalving halving ? halving(halving, number, epoch, epochs, own)
                : Optional.empty();
        reason.ifPresent(r -> reasons.put(number, r));
        return reason;
    }

    /**
     * {@return why a pruned candidate was pruned: the decision's words when this search made it, otherwise (a
     * candidate pruned before the search was resumed) its epoch and score}
     *
     * @param number  the candidate
     * @param metrics its epochs
     */
    synchronized String reason(int number, List<EpochMetrics> metrics) {
        String reason = reasons.get(number);
        if (reason != null || metrics.isEmpty()) {
            return reason != null ? reason : "before its first epoch";
        }
        EpochMetrics last = metrics.get(metrics.size() - 1);
        return "after epoch " + last.epoch() + " (" + score.id() + " "
                + text(score.of(last)) + ")";
    }

    /**
     * {@return a listener that records a candidate's epochs, asks this pruner after each, and passes everything on
     * to {@code heard}, which may prune too}
     */
    TrainingListener listener(int number, TrainingListener heard) {
        return new TrainingListener() {
            @Override
            public void epochStarted(int epoch, int epochs, int batches) {
                heard.epochStarted(epoch, epochs, batches);
            }

            @Override
            public void batchDone() {
                heard.batchDone();
            }

            @Override
            public void epochDone(EpochMetrics metrics, RunRecord record) {
                reported(number, metrics);
                heard.epochDone(metrics, record);
            }

            @Override
            public boolean prune(EpochMetrics metrics, RunRecord record) {
                boolean pruned = decide(number, metrics.epoch(), record.epochs()).isPresent();
                return heard.prune(metrics, record) || pruned;
            }
        };
    }

    private Optional<String> median(Pruner.Median rule, int number, int epoch) {
        if (epoch <= rule.warmupEpochs()) {
            return Optional.empty();
        }
        List<Double> others = new ArrayList<>();
        for (int other : completed) {
            Double value = other == number ? null : scores.getOrDefault(other, new TreeMap<>()).get(epoch);
            if (value != null) {
                others.add(value);
            }
        }
        if (others.size() < rule.startupCandidates()) {
            return Optional.empty();
        }
        others.sort(null);
        int n = others.size();
        double median = n % 2 == 1 ? others.get(n / 2) : (others.get(n / 2 - 1) + others.get(n / 2)) / 2;
        double best = scores.get(number).headMap(epoch, true).values().stream()
                .reduce((a, b) -> better(a, b) ? a : b).orElseThrow();
        if (!better(median, best)) {
            return Optional.empty();
        }
        return Optional.of("after epoch " + epoch + ": best " + score.id() + " so far " + text(best)
                + (score.higherIsBetter() ? " below" : " above") + " the median " + text(median) + " of " + n
                + " finished candidate" + (n == 1 ? "" : "s") + " at epoch " + epoch + " (median rule)");
    }

    private Optional<String> halving(Pruner.SuccessiveHalving rule, int number, int epoch, int epochs, double own) {
        if (!rule.isRung(epoch, epochs)) {
            return Optional.empty();
        }
        List<Double> rung = new ArrayList<>();
        for (TreeMap<Integer, Double> values : scores.values()) {
            Double value = values.get(epoch);
            if (value != null) {
                rung.add(value);
            }
        }
        rung.sort(score.higherIsBetter() ? java.util.Comparator.reverseOrder() : java.util.Comparator.naturalOrder());
        int goOn = Math.max(1, rung.size() / rule.reduction());
        double threshold = rung.get(goOn - 1);
        if (!better(threshold, own)) {
            return Optional.empty();
        }
        return Optional.of("after epoch " + epoch + ": " + score.id() + " " + text(own) + " not among the best "
                + goOn + " of " + rung.size() + " at this rung (" + text(threshold) + " and better; successive "
                + "halving by " + rule.reduction() + ")");
    }

    /** Whether {@code a} is strictly better than {@code b}. */
    private boolean better(double a, double b) {
        return score.higherIsBetter() ? a > b : a < b;
    }

    private String text(double value) {
        OptionalDouble given = OptionalDouble.of(value);
        return score == Score.ACCURACY ? Numbers.percent(given, "") : Numbers.fixed(given, "");
    }
}
