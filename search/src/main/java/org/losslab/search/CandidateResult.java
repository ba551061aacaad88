package org.losslab.search;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;
import org.losslab.experiment.EpochMetrics;

/**
 * One candidate's result. Made by {@link #trained}, {@link #diverged}, {@link #pruned}, {@link #failed} and
 * {@link #skipped}.
 *
 * @param number   candidate number, from 1, in generation order
 * @param settings what it tried
 * @param status   how it ended
 * @param reason   why it diverged, was pruned, failed or was skipped; empty for a trained candidate
 * @param scores   its figures, for a trained candidate only
 * @param metrics  per-epoch metrics (empty when it never trained)
 * @param seconds  training seconds
 * @param folder   its run folder, when it has one
 */
public record CandidateResult(int number, CandidateSpace.Settings settings, CandidateStatus status, String reason,
                              Optional<Scores> scores, List<EpochMetrics> metrics, double seconds,
                              Optional<Path> folder) {

    /**
     * A trained candidate's figures.
     *
     * @param score              what ranks it: validation accuracy or cost, as the spec's {@link Score} says
     * @param validationAccuracy final validation accuracy
     * @param validationCost     final validation cost
     * @param testAccuracy       test accuracy of the final model
     */
    public record Scores(double score, double validationAccuracy, double validationCost, double testAccuracy) {
    }

    /**
     * Checks that a result is whole: scores exactly when the status has them.
     *
     * @param number candidate number, from 1, in generation order
     * @param settings what it tried
     * @param status how it ended
     * @param reason why it diverged, was pruned, failed or was skipped; empty for a trained candidate
     * @param scores its figures, for a trained candidate only
     * @param metrics per-epoch metrics (empty when it never trained)
     * @param seconds training seconds
     * @param folder its run folder, when it has one
     */
    public CandidateResult {
        Objects.requireNonNull(settings, "settings");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(scores, "scores");
        Objects.requireNonNull(folder, "folder");
        metrics = List.copyOf(metrics);
        if (scores.isPresent() != status.scored()) {
            throw new IllegalArgumentException("scores: a " + status.id() + " candidate "
                    + (status.scored() ? "needs" : "has no") + " scores");
        }
    }

    /**
     * @param number   candidate number
     * @param settings what it tried
     * @param status   finished or stopped early
     * @param scores   its figures
     * @param metrics  per-epoch metrics
     * @param seconds  training seconds
     * @param folder   its run folder
     * @return a trained candidate
     */
    public static CandidateResult trained(int number, CandidateSpace.Settings settings, CandidateStatus status,
                                          Scores scores, List<EpochMetrics> metrics, double seconds, Path folder) {
        return new CandidateResult(number, settings, status, "", Optional.of(scores), metrics, seconds,
                Optional.of(folder));
    }

    /**
     * @param number   candidate number
     * @param settings what it tried
     * @param reason   where its cost stopped being finite
     * @param metrics  per-epoch metrics
     * @param seconds  training seconds
     * @param folder   its run folder
     * @return a diverged candidate
     */
    public static CandidateResult diverged(int number, CandidateSpace.Settings settings, String reason,
                                           List<EpochMetrics> metrics, double seconds, Path folder) {
        return new CandidateResult(number, settings, CandidateStatus.DIVERGED, reason, Optional.empty(), metrics,
                seconds, Optional.of(folder));
    }

    /**
     * @param number   candidate number
     * @param settings what it tried
     * @param reason   the pruner's decision, from the epoch: {@code after epoch 3: …}
     * @param metrics  per-epoch metrics, up to the epoch it was pruned after
     * @param seconds  training seconds
     * @param folder   its run folder
     * @return a pruned candidate
     */
    public static CandidateResult pruned(int number, CandidateSpace.Settings settings, String reason,
                                         List<EpochMetrics> metrics, double seconds, Path folder) {
        return new CandidateResult(number, settings, CandidateStatus.PRUNED, reason, Optional.empty(), metrics,
                seconds, Optional.of(folder));
    }

    /**
     * @param number   candidate number
     * @param settings what it tried
     * @param reason   what went wrong
     * @return a failed candidate
     */
    public static CandidateResult failed(int number, CandidateSpace.Settings settings, String reason) {
        return new CandidateResult(number, settings, CandidateStatus.FAILED, reason, Optional.empty(), List.of(), 0,
                Optional.empty());
    }

    /**
     * @param number   candidate number
     * @param settings what it would have tried
     * @param reason   why it never started
     * @return a skipped candidate
     */
    public static CandidateResult skipped(int number, CandidateSpace.Settings settings, String reason) {
        return new CandidateResult(number, settings, CandidateStatus.SKIPPED, reason, Optional.empty(), List.of(), 0,
                Optional.empty());
    }

    /** @return what ranks it, when it trained */
    public OptionalDouble score() {
        return figure(Scores::score);
    }

    /** @return its final validation accuracy, when it trained */
    public OptionalDouble validationAccuracy() {
        return figure(Scores::validationAccuracy);
    }

    /** @return its final validation cost, when it trained */
    public OptionalDouble validationCost() {
        return figure(Scores::validationCost);
    }

    /** @return its test accuracy, when it trained */
    public OptionalDouble testAccuracy() {
        return figure(Scores::testAccuracy);
    }

    private OptionalDouble figure(java.util.function.ToDoubleFunction<Scores> which) {
        return scores.isPresent() ? OptionalDouble.of(which.applyAsDouble(scores.get())) : OptionalDouble.empty();
    }

    /** @return the status, with the reason when there is one, e.g. {@code failed: out of memory} */
    public String statusText() {
        if (status == CandidateStatus.PRUNED) {
            return status.id() + " " + reason; // "pruned after epoch 3: …"
        }
        return reason.isEmpty() ? status.id() : status.id() + ": " + reason;
    }

    /** @return a short label, e.g. {@code #3 quadratic-sigmoid tanh 30 η=0.5 λ=0} */
    public String label() {
        return settings.label(number);
    }
}
