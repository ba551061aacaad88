package org.losslab.lecture;

import java.awt.Color;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import org.losslab.experiment.EpochMetrics;
import org.losslab.preset.Preset;
import org.losslab.report.Charts;
import org.losslab.report.Numbers;
import org.losslab.search.CandidateResult;

/** The lecture's own charts, beside each search's: the costs side by side, and the hidden activations' signals. */
final class LectureCharts {

    private LectureCharts() {
    }

    private static final Map<Preset, Color> PRESET_COLORS = Map.of(Preset.CROSS_ENTROPY_SIGMOID,
            new Color(31, 119, 180), Preset.QUADRATIC_SIGMOID, new Color(214, 39, 40), Preset.SOFTMAX_LOG_LIKELIHOOD,
            new Color(44, 160, 44));

    /** The cost comparison's accuracy per epoch: a panel per hidden size, a line per preset. */
    static void costs(Path png, List<Lecture.Row> rows) throws IOException {
        List<List<Charts.Line>> panels = new ArrayList<>();
        for (int hidden : List.of(30, 100)) {
            List<Charts.Line> lines = new ArrayList<>();
            for (Lecture.Row row : rows) {
                CandidateResult r = row.result();
                if (r.settings().hidden().equals(List.of(hidden)) && !r.metrics().isEmpty()) {
                    lines.add(new Charts.Line(r.settings().preset().id() + " η=" + Numbers.plain(r.settings().eta()),
                            epochs(r.metrics()), r.metrics().stream()
                            .mapToDouble(EpochMetrics::validationAccuracy).toArray(),
                            PRESET_COLORS.get(r.settings().preset())));
                }
            }
            panels.add(lines);
        }
        if (panels.get(0).isEmpty() || panels.get(1).isEmpty()) {
            return;
        }
        Charts.twoPanelChart(png, "Validation accuracy per epoch", "epoch", "30 hidden neurons", panels.get(0),
                "100 hidden neurons", panels.get(1));
    }

    /** The hidden activations' mean |∂C/∂w| and saturation per layer and epoch. */
    static void activations(Path folder, List<Lecture.Row> rows) throws IOException {
        List<Charts.Line> hiddenGradient = new ArrayList<>();
        List<Charts.Line> outputGradient = new ArrayList<>();
        List<Charts.Line> hiddenSaturation = new ArrayList<>();
        List<Charts.Line> outputSaturation = new ArrayList<>();
        for (Lecture.Row row : rows) {
            CandidateResult r = row.result();
            List<EpochMetrics> metrics = r.metrics().stream().filter(m -> Double.isFinite(m.validationAccuracy()))
                    .toList();
            if (metrics.isEmpty()) {
                continue;
            }
            String name = r.settings().activation().id();
            double[] epochs = epochs(metrics);
            hiddenGradient.add(new Charts.Line(name, epochs, layer(metrics, 0, true)));
            outputGradient.add(new Charts.Line(name, epochs, layer(metrics, 1, true)));
            double[] saturated = layer(metrics, 0, false);
            if (saturated != null) {
                hiddenSaturation.add(new Charts.Line(name, epochs, saturated));
            }
            outputSaturation.add(new Charts.Line(name, epochs, layer(metrics, 1, false)));
        }
        if (hiddenGradient.isEmpty()) {
            return;
        }
        Charts.twoPanelChart(folder.resolve("activations-gradient.png"), "Mean |∂C/∂w| per epoch", "epoch",
                "hidden layer", hiddenGradient, "output layer", outputGradient);
        if (hiddenSaturation.isEmpty()) {
            return;
        }
        Charts.twoPanelChart(folder.resolve("activations-saturation.png"), "Saturated units per epoch", "epoch",
                "hidden layer (sigmoid, tanh)", hiddenSaturation, "output layer (sigmoid)", outputSaturation);
    }

    /** Per epoch, a layer's mean |∂C/∂w| or saturated fraction; null when the layer has no saturation figure. */
    private static double[] layer(List<EpochMetrics> metrics, int layer, boolean gradient) {
        double[] values = new double[metrics.size()];
        for (int i = 0; i < values.length; i++) {
            EpochMetrics m = metrics.get(i);
            OptionalDouble value = gradient
                    ? (m.meanAbsGradient().size() > layer ? OptionalDouble.of(m.meanAbsGradient().get(layer))
                    : OptionalDouble.empty())
                    : (m.saturation().size() > layer ? m.saturation().get(layer) : OptionalDouble.empty());
            if (value.isEmpty()) {
                return null; // Charts draws no line for a layer without the figure
            }
            values[i] = value.getAsDouble();
        }
        return values;
    }

    private static double[] epochs(List<EpochMetrics> metrics) {
        return metrics.stream().mapToDouble(EpochMetrics::epoch).toArray();
    }

    /** {@return the file of a part's chart over the seeds, in the lecture folder} */
    static String seedsChart(Lecture.Part part) {
        return "seeds-" + part.id() + ".png";
    }

    /**
     * With several seeds, a chart per part ({@link #seedsChart}): every seed's test accuracy per setting, the book's
     * figure marked where it has one.
     */
    static void seeds(Path folder, LectureSpec spec, List<Lecture.Spread> spreads) throws IOException {
        if (!spec.isMultiSeed()) {
            return;
        }
        for (Lecture.Part part : Lecture.Part.values()) {
            List<Lecture.Spread> mine = spreads.stream().filter(s -> s.part() == part).toList();
            if (mine.isEmpty()) {
                continue;
            }
            List<String> categories = mine.stream().map(s -> part == Lecture.Part.ACTIVATIONS
                    ? s.setting().activation().id() : s.setting().hidden().get(0) + " hidden").toList();
            List<Charts.Dots> series = new ArrayList<>();
            for (long seed : spec.seeds()) {
                List<Double> values = new ArrayList<>();
                for (Lecture.Spread spread : mine) {
                    values.add(spread.rows().stream().filter(r -> r.seed() == seed)
                            .map(r -> r.result().testAccuracy()).filter(OptionalDouble::isPresent)
                            .map(a -> 100 * a.getAsDouble()).findFirst().orElse(null));
                }
                series.add(new Charts.Dots("seed " + seed, values, java.util.Optional.empty(), false));
            }
            if (mine.stream().anyMatch(s -> s.book().isPresent())) {
                series.add(new Charts.Dots("the book", mine.stream().map(s -> s.book()
                        .map(b -> 100 * b.accuracy()).orElse(null)).toList(), java.util.Optional.empty(), true));
            }
            Lecture.Comparison comparison = Lecture.comparison(spec, part);
            Charts.dotChart(folder.resolve(seedsChart(part)), comparison.title() + ": test accuracy, "
                    + spec.seeds().size() + " seeds", "test accuracy (%)", categories, series);
        }
    }
}
