package org.losslab.lecture;

import java.awt.Color;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import org.losslab.experiment.EpochMetrics;
import org.losslab.report.Charts;
import org.losslab.report.Numbers;
import org.losslab.report.Palette;
import org.losslab.search.CandidateResult;

/** The lecture's own charts, beside each search's: the costs side by side, and the hidden activations' signals. */
final class LectureCharts {

    private LectureCharts() {
    }

    /**
     * The cost comparison's validation accuracy (%) per epoch: a panel per hidden size, a line per preset in the
     * report's palette, the book's test accuracy for it as a dashed line of the same colour.
     */
    static void costs(Path png, List<Lecture.Row> rows) throws IOException {
        List<Charts.Panel> panels = new ArrayList<>();
        for (int hidden : List.of(30, 100)) {
            List<Charts.Line> lines = new ArrayList<>();
            int epochs = 1;
            for (Lecture.Row row : rows) {
                CandidateResult r = row.result();
                if (r.settings().hidden().equals(List.of(hidden)) && !r.metrics().isEmpty()) {
                    lines.add(new Charts.Line(r.settings().preset().id() + " η=" + Numbers.readable(r.settings().eta()),
                            epochs(r.metrics()), r.metrics().stream()
                            .mapToDouble(m -> 100 * m.validationAccuracy()).toArray(),
                            Palette.of(r.settings().preset())));
                    epochs = Math.max(epochs, r.metrics().size());
                }
            }
            for (Lecture.Row row : rows) {
                if (row.result().settings().hidden().equals(List.of(hidden)) && row.book().isPresent()) {
                    lines.add(Charts.Line.reference("the book (" + row.book().get().where() + "): "
                                    + Numbers.percent(java.util.OptionalDouble.of(row.book().get().accuracy()), ""),
                            1, epochs, 100 * row.book().get().accuracy(), Palette.of(row.result().settings().preset())));
                }
            }
            panels.add(new Charts.Panel(hidden + " hidden neurons", lines));
        }
        if (panels.stream().anyMatch(p -> p.lines().isEmpty())) {
            return;
        }
        Charts.panels(png, "Validation accuracy per epoch (dashed: the book's test accuracy)", "epoch",
                "validation accuracy (%)", false, panels);
    }

    /** The hidden activations' mean |∂C/∂w| (log axis) and saturated share (%) per layer and epoch. */
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
            Color color = Palette.of(r.settings().activation());
            double[] epochs = epochs(metrics);
            hiddenGradient.add(new Charts.Line(name, epochs, layer(metrics, 0, true), color));
            outputGradient.add(new Charts.Line(name, epochs, layer(metrics, 1, true), color));
            double[] saturated = layer(metrics, 0, false);
            if (saturated != null) {
                hiddenSaturation.add(new Charts.Line(name, epochs, percent(saturated), color));
            }
            double[] output = layer(metrics, 1, false);
            if (output != null) {
                outputSaturation.add(new Charts.Line(name, epochs, percent(output), color));
            }
        }
        if (hiddenGradient.isEmpty()) {
            return;
        }
        Charts.panels(folder.resolve("activations-gradient.png"), "Mean |∂C/∂w| per epoch", "epoch",
                "mean |∂C/∂w|", true, List.of(new Charts.Panel("hidden layer", hiddenGradient),
                        new Charts.Panel("output layer", outputGradient)));
        if (hiddenSaturation.isEmpty()) {
            return;
        }
        Charts.panels(folder.resolve("activations-saturation.png"), "Saturated units per epoch", "epoch",
                "saturated units (%)", false, List.of(new Charts.Panel("hidden layer (sigmoid, tanh)", hiddenSaturation),
                        new Charts.Panel("output layer (sigmoid)", outputSaturation)));
    }

    private static double[] percent(double[] shares) {
        return java.util.Arrays.stream(shares).map(v -> 100 * v).toArray();
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
            List<String> categories = mine.stream().map(s -> switch (part) {
                case ACTIVATIONS -> s.setting().activation().id();
                case DEPTH -> "784-" + layers(s.setting().hidden()) + "-10";
                case INITIALIZATION -> "large init";
                default -> s.setting().hidden().get(0) + " hidden";
            }).toList();
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

    /** The many-layers part's chart of its deepest network's speeds of learning. */
    static final String DEPTH_CHART = "many-layers-speed.png";
    /** The many-layers part's chart of every depth's validation accuracy. */
    static final String DEPTH_ACCURACY_CHART = "many-layers-accuracy.png";
    /** The initialisation part's chart. */
    static final String INITIALIZATION_CHART = "initialization.png";
    /** The softmax network's −ln a_y chart. */
    static final String SOFTMAX_CHART = "softmax-surprise.png";

    private static final Color[] LAYER_COLORS = {new Color(140, 190, 225), new Color(66, 146, 198),
        new Color(33, 113, 181), new Color(8, 48, 107)};

    private static String layers(List<Integer> hidden) {
        return hidden.stream().map(String::valueOf).collect(java.util.stream.Collectors.joining("-"));
    }

    /**
     * The many-layers part: the deepest network's mean |∂C/∂b| (top) and |∂C/∂w| (bottom) per hidden layer from the
     * start (epoch 0) on, on log axes, the earlier layers lighter; and every depth's validation accuracy per epoch.
     */
    static void depth(Path folder, List<Lecture.Row> rows) throws IOException {
        List<Charts.Line> accuracy = new ArrayList<>();
        for (Lecture.Row row : rows) {
            List<EpochMetrics> metrics = finite(Lecture.withStart(row.result()));
            if (!metrics.isEmpty()) {
                accuracy.add(new Charts.Line("784-" + layers(row.result().settings().hidden()) + "-10", epochs(metrics),
                        metrics.stream().mapToDouble(m -> 100 * m.validationAccuracy()).toArray(),
                        LAYER_COLORS[Math.min(LAYER_COLORS.length, row.result().settings().hidden().size()) - 1]));
            }
        }
        int last = rows.stream().mapToInt(r -> r.result().metrics().size()).max().orElse(1);
        for (Lecture.Row row : rows) {
            if (row.book().isPresent()) {
                accuracy.add(Charts.Line.reference("the book: 784-" + layers(row.result().settings().hidden())
                                + "-10 " + Numbers.percent(java.util.OptionalDouble.of(row.book().get().accuracy()), ""),
                        0, last, 100 * row.book().get().accuracy(), LAYER_COLORS[Math.min(LAYER_COLORS.length,
                                row.result().settings().hidden().size()) - 1]));
            }
        }
        if (!accuracy.isEmpty()) {
            Charts.lineChart(folder.resolve(DEPTH_ACCURACY_CHART), "Validation accuracy per epoch, by depth (dashed: "
                    + "the book's test accuracy)", "epoch (0 = the start)", "validation accuracy (%)", accuracy, false);
        }
        Optional<Lecture.Row> deepest = rows.stream().max(java.util.Comparator.comparingInt(
                (Lecture.Row r) -> r.result().settings().hidden().size()));
        if (deepest.isEmpty()) {
            return;
        }
        List<EpochMetrics> metrics = finite(Lecture.withStart(deepest.get().result()));
        int hidden = deepest.get().result().settings().hidden().size();
        List<Charts.Line> biases = new ArrayList<>();
        List<Charts.Line> weights = new ArrayList<>();
        for (int layer = 0; layer < hidden; layer++) {
            double[] b = speeds(metrics, layer, true);
            double[] w = speeds(metrics, layer, false);
            Color color = LAYER_COLORS[Math.min(layer, LAYER_COLORS.length - 1)];
            if (b != null) {
                biases.add(new Charts.Line("hidden layer " + (layer + 1), epochs(metrics), b, color));
            }
            if (w != null) {
                weights.add(new Charts.Line("hidden layer " + (layer + 1), epochs(metrics), w, color));
            }
        }
        if (biases.isEmpty() || weights.isEmpty()) {
            return;
        }
        String title = "784-" + layers(deepest.get().result().settings().hidden()) + "-10, speed of learning";
        Charts.twoPanelChart(folder.resolve(DEPTH_CHART), title, "epoch (0 = the start)", "mean |∂C/∂b|", biases,
                true, "mean |∂C/∂w|", weights, true);
    }

    /**
     * The initialisation part: validation accuracy (top) and the hidden layer's saturated share (bottom) from the
     * start on, large init against scaled.
     */
    static void initialization(Path folder, List<Lecture.Row> rows) throws IOException {
        List<Charts.Line> accuracy = new ArrayList<>();
        List<Charts.Line> saturation = new ArrayList<>();
        for (Lecture.Row row : rows) {
            List<EpochMetrics> metrics = finite(Lecture.withStart(row.result()));
            if (metrics.isEmpty()) {
                continue;
            }
            boolean large = row.comparison().part() == Lecture.Part.INITIALIZATION;
            String name = large ? "N(0, 1) weights" : "N(0, 1/√n_in) weights";
            Color color = large ? new Color(214, 39, 40) : new Color(31, 119, 180);
            accuracy.add(new Charts.Line(name, epochs(metrics), metrics.stream()
                    .mapToDouble(m -> 100 * m.validationAccuracy()).toArray(), color));
            double[] saturated = layer(metrics, 0, false);
            if (saturated != null) {
                saturation.add(new Charts.Line(name, epochs(metrics),
                        java.util.Arrays.stream(saturated).map(v -> 100 * v).toArray(), color));
            }
        }
        if (accuracy.isEmpty() || saturation.isEmpty()) {
            return;
        }
        // the book's chapter 3 after epoch 1: "under 87 percent" and "almost 93 percent"
        accuracy.add(new Charts.Line("the book after epoch 1, N(0, 1): under 87%", new double[] {1}, new double[] {87},
                new Color(120, 0, 0)));
        accuracy.add(new Charts.Line("the book after epoch 1, scaled: almost 93%", new double[] {1}, new double[] {93},
                new Color(0, 40, 110)));
        Charts.twoPanelChart(folder.resolve(INITIALIZATION_CHART), "784-30-10, two initialisations",
                "epoch (0 = the start)", "validation accuracy (%)", accuracy, "saturated hidden units (%)", saturation);
    }

    /** The softmax network's −ln a_y on the test images: the share of right and of wrong answers per bin. */
    static void softmax(Path folder, SoftmaxCheck check) throws IOException {
        double width = 0.5;
        int bins = 20;
        List<Charts.Line> lines = new ArrayList<>();
        for (boolean right : new boolean[] {true, false}) {
            List<Double> values = right ? check.right() : check.wrong();
            if (values.isEmpty()) {
                continue;
            }
            double[] x = new double[bins];
            double[] y = new double[bins];
            for (int i = 0; i < bins; i++) {
                x[i] = (i + 0.5) * width;
            }
            for (double v : values) {
                y[Math.min(bins - 1, (int) (v / width))] += 100.0 / values.size();
            }
            lines.add(new Charts.Line((right ? "right answers (" : "wrong answers (") + values.size() + ")", x, y,
                    right ? new Color(44, 160, 44) : new Color(214, 39, 40)));
        }
        if (!lines.isEmpty()) {
            Charts.lineChart(folder.resolve(SOFTMAX_CHART), check.network() + ": −ln a_y on the test images",
                    "−ln a_y (bins of " + width + "; the last holds everything above " + (bins - 1) * width + ")",
                    "share of the answers (%)", lines, false);
        }
    }

    private static List<EpochMetrics> finite(List<EpochMetrics> metrics) {
        return metrics.stream().filter(m -> Double.isFinite(m.validationAccuracy())).toList();
    }

    /** Per epoch, a layer's mean |∂C/∂b| or |∂C/∂w|; null when an epoch lacks it. */
    private static double[] speeds(List<EpochMetrics> metrics, int layer, boolean bias) {
        double[] values = new double[metrics.size()];
        for (int i = 0; i < values.length; i++) {
            List<Double> speeds = bias ? metrics.get(i).meanAbsBiasGradient() : metrics.get(i).meanAbsGradient();
            if (speeds.size() <= layer || speeds.get(layer) == null || !(speeds.get(layer) > 0)) {
                return null;
            }
            values[i] = speeds.get(layer);
        }
        return values;
    }
}
