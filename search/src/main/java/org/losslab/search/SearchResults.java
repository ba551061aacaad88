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
import org.losslab.io.AtomicFiles;
import org.losslab.report.Charts;
import org.losslab.report.Numbers;

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

    /** Writes {@code results.csv}, {@code results.md}, {@code best.zip} and the charts of a ranked search. */
    static void write(SearchSpec spec, Path folder, List<CandidateResult> ranked) throws IOException {
        StringBuilder csv = new StringBuilder("rank,candidate,preset,activation,hidden,eta,lambda,status,score,"
                + "validation_accuracy,validation_cost,test_accuracy,epochs,seconds,reason\n");
        StringBuilder md = new StringBuilder("| rank | candidate | preset | activation | hidden | η | λ | status | "
                + spec.score().id() + " | validation accuracy | test accuracy | epochs | seconds |\n"
                + "| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |\n");
        for (int i = 0; i < ranked.size(); i++) {
            CandidateResult r = ranked.get(i);
            String hidden = r.settings().hidden().stream().map(String::valueOf).collect(Collectors.joining("-"));
            csv.append(String.format(Locale.ROOT, "%d,%d,%s,%s,%s,%s,%s,%s,%s,%s,%s,%s,%d,%.2f,%s%n", i + 1,
                    r.number(), r.settings().preset().id(), r.settings().activation().id(), hidden,
                    Numbers.plain(r.settings().eta()), Numbers.plain(r.settings().lambda()), r.status().id(), number(r.score()),
                    number(r.validationAccuracy()), number(r.validationCost()), number(r.testAccuracy()),
                    r.metrics().size(), r.seconds(), r.reason().isEmpty() ? "" : '"' + r.reason().replace('"', '\'') + '"'));
            md.append(String.format(Locale.ROOT, "| %d | %d | %s | %s | %s | %s | %s | %s | %s | %s | %s | %d | %.1f |%n",
                    i + 1, r.number(), r.settings().preset().id(), r.settings().activation().id(), hidden,
                    Numbers.plain(r.settings().eta()), Numbers.plain(r.settings().lambda()),
                    r.statusText(), number(r.score()),
                    percent(r.validationAccuracy()), percent(r.testAccuracy()), r.metrics().size(), r.seconds()));
        }
        AtomicFiles.writeString(folder.resolve("results.csv"), csv.toString());
        AtomicFiles.writeString(folder.resolve("results.md"), md.toString());
        Optional<CandidateResult> best = new Search.Outcome(folder, ranked).best();
        if (best.isPresent()) {
            Path model = best.get().folder().orElseThrow().resolve("model.zip");
            AtomicFiles.write(folder.resolve("best.zip"), out -> Files.copy(model, out));
        }
        List<Charts.Line> accuracy = new ArrayList<>();
        List<Charts.Line> cost = new ArrayList<>();
        for (CandidateResult r : ranked) {
            if (r.metrics().isEmpty()) {
                continue;
            }
            double[] epochs = r.metrics().stream().mapToDouble(EpochMetrics::epoch).toArray();
            accuracy.add(new Charts.Line(r.label(), epochs,
                    r.metrics().stream().mapToDouble(EpochMetrics::validationAccuracy).toArray()));
            cost.add(new Charts.Line(r.label(), epochs,
                    r.metrics().stream().mapToDouble(m -> Double.isFinite(m.trainCost()) ? m.trainCost() : Double.NaN)
                            .toArray()));
        }
        if (!accuracy.isEmpty()) {
            Charts.lineChart(folder.resolve("validation-accuracy.png"), "Validation accuracy per candidate", "epoch",
                    "validation accuracy", accuracy, false);
            Charts.lineChart(folder.resolve("training-cost.png"), "Training cost per candidate", "epoch",
                    "training cost", cost, false);
        }
    }

    private static String number(OptionalDouble value) {
        return Numbers.fixed(value, "");
    }

    private static String percent(OptionalDouble value) {
        return Numbers.percent(value, "-");
    }
}
