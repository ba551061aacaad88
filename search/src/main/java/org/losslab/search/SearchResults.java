package org.losslab.search;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.stream.Collectors;
import org.losslab.experiment.EpochMetrics;
import org.losslab.experiment.TrainingCost;
import org.losslab.io.AtomicFiles;
import org.losslab.report.Charts;
import org.losslab.report.Numbers;
import org.losslab.report.Palette;
import org.losslab.report.Tables;

/** A finished search's results: its candidates ranked, and the files that say so. */
final class SearchResults {

    private SearchResults() {
    }

    /** The candidates best first (by the spec's score), those without a score last, ties by number. */
    static List<CandidateResult> rank(List<CandidateResult> results, Score score) {
        Comparator<CandidateResult> byScore = Comparator.comparing(
                (CandidateResult r) -> r.score().isPresent() ? r.score().getAsDouble() : null,
                Comparator.nullsLast(score.higherIsBetter() ? Comparator.<Double>reverseOrder()
                        : Comparator.<Double>naturalOrder()));
        return results.stream().sorted(byScore.thenComparingInt(CandidateResult::number)).toList();
    }

    /** The columns of {@code results.csv}: every figure at full precision, for a program to read. */
    static final List<String> CSV_HEADER = List.of("rank", "candidate", "preset", "activation", "hidden", "eta",
            "lambda", "status", "score", "validation_accuracy", "validation_cost", "test_accuracy", "epochs",
            "seconds", "reason");

    /**
     * Writes {@code results.csv}, {@code results.md}, {@code best.zip} and the charts of a ranked search whose
     * candidates recorded {@code cost} as their training cost.
     */
    static void write(SearchSpec spec, Path folder, List<CandidateResult> ranked, TrainingCost cost)
            throws IOException {
        List<List<String>> csv = new ArrayList<>();
        List<List<String>> md = new ArrayList<>();
        boolean byCost = spec.score() == Score.COST;
        for (int i = 0; i < ranked.size(); i++) {
            CandidateResult r = ranked.get(i);
            String hidden = r.settings().hidden().stream().map(String::valueOf).collect(Collectors.joining("-"));
            csv.add(List.of(String.valueOf(i + 1), String.valueOf(r.number()), r.settings().preset().id(),
                    r.settings().activation().id(), hidden, Numbers.plain(r.settings().eta()),
                    Numbers.plain(r.settings().lambda()), r.status().id(), number(r.score()),
                    number(r.validationAccuracy()), number(r.validationCost()), number(r.testAccuracy()),
                    String.valueOf(r.metrics().size()), String.format(Locale.ROOT, "%.2f", r.seconds()), r.reason()));
            List<String> row = new ArrayList<>(List.of(String.valueOf(i + 1), String.valueOf(r.number()),
                    r.settings().preset().id(), r.settings().activation().id(), hidden,
                    Numbers.readable(r.settings().eta()), Numbers.readable(r.settings().lambda()), r.statusText(),
                    percent(r.validationAccuracy())));
            if (byCost) {
                row.add(Numbers.fixed(r.validationCost(), "-"));
            }
            row.addAll(List.of(percent(r.testAccuracy()), String.valueOf(r.metrics().size()),
                    String.format(Locale.ROOT, "%.1f", r.seconds())));
            md.add(row);
        }
        List<String> mdHeader = new ArrayList<>(List.of("rank", "candidate", "preset", "activation", "hidden", "η", "λ",
                "status", "validation accuracy" + (byCost ? "" : " (the score)")));
        if (byCost) {
            mdHeader.add("validation cost (the score)");
        }
        mdHeader.addAll(List.of("test accuracy", "epochs", "seconds"));
        AtomicFiles.writeString(folder.resolve("results.csv"), Tables.csv(CSV_HEADER, csv));
        AtomicFiles.writeString(folder.resolve("results.md"), Tables.markdown(mdHeader, md));
        Optional<CandidateResult> best = new Search.Outcome(folder, ranked).best();
        if (best.isPresent()) {
            Path model = best.get().folder().orElseThrow().resolve("model.zip");
            AtomicFiles.write(folder.resolve("best.zip"), out -> Files.copy(model, out));
        }
        charts(folder, ranked, cost);
    }

    /**
     * Validation accuracy (%) and training cost (log axis: the presets' costs differ by orders) per candidate, one
     * colour per activation when the search varies them, else per preset (the report's palette). A diverged
     * candidate is not drawn (its cost would set the axis for all): the title names it. {@code cost} is the
     * candidates' training cost, which names the cost chart's axis.
     */
    static void charts(Path folder, List<CandidateResult> ranked, TrainingCost cost) throws IOException {
        boolean byActivation = ranked.stream().map(r -> r.settings().activation()).distinct().count() > 1;
        boolean byPreset = ranked.stream().map(r -> r.settings().preset()).distinct().count() > 1;
        List<Charts.Line> accuracy = new ArrayList<>();
        List<Charts.Line> costs = new ArrayList<>();
        List<String> diverged = new ArrayList<>();
        for (CandidateResult r : ranked) {
            if (r.status() == CandidateStatus.DIVERGED) {
                diverged.add("#" + r.number());
                continue;
            }
            if (r.metrics().isEmpty()) {
                continue;
            }
            Optional<java.awt.Color> color = byActivation ? Optional.of(Palette.of(r.settings().activation()))
                    : byPreset ? Optional.of(Palette.of(r.settings().preset())) : Optional.empty();
            double[] epochs = r.metrics().stream().mapToDouble(EpochMetrics::epoch).toArray();
            accuracy.add(new Charts.Line(r.label(), epochs,
                    r.metrics().stream().mapToDouble(m -> 100 * m.validationAccuracy()).toArray(), color));
            costs.add(new Charts.Line(r.label(), epochs,
                    r.metrics().stream().mapToDouble(m -> Double.isFinite(m.trainCost()) && m.trainCost() > 0
                            ? m.trainCost() : Double.NaN).toArray(), color));
        }
        String notDrawn = diverged.isEmpty() ? "" : " (diverged, not drawn: " + String.join(", ", diverged) + ")";
        if (!accuracy.isEmpty()) {
            Charts.lineChart(folder.resolve("validation-accuracy.png"), "Validation accuracy per candidate" + notDrawn,
                    "epoch", "validation accuracy (%)", accuracy, false);
            Charts.lineChart(folder.resolve("training-cost.png"), "Training cost per candidate" + notDrawn, "epoch",
                    cost.label(), costs, true);
        }
    }

    /** A figure at full precision, for a program to read; empty when there is none. */
    private static String number(OptionalDouble value) {
        return value.isEmpty() ? "" : String.valueOf(value.getAsDouble());
    }

    private static String percent(OptionalDouble value) {
        return Numbers.percent(value, "-");
    }
}
