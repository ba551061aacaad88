package org.losslab.report;

import java.awt.BasicStroke;
import java.awt.Color;
import java.io.IOException;
import org.losslab.io.AtomicFiles;
import java.nio.file.Path;
import java.util.List;
import java.util.function.ToDoubleFunction;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;
import org.losslab.experiment.NeuronRun;
import org.losslab.experiment.NeuronSpec;
import org.losslab.experiment.NeuronStep;
import org.losslab.preset.Preset;

/** PNG line charts drawn with XChart. */
public final class Charts {

    private static final int WIDTH = 1100;
    private static final int HEIGHT = 560;
    private static final BasicStroke LINE = new BasicStroke(2.2f);

    private Charts() {
    }

    /**
     * One line of a chart.
     *
     * @param name  legend text
     * @param x     x values
     * @param y     y values
     * @param color colour, or null for XChart's next colour
     */
    public record Line(String name, double[] x, double[] y, Color color) {
    }

    /** Draws the lines on one chart and writes it as a PNG, atomically. */
    public static void lineChart(Path png, String title, String xLabel, String yLabel, List<Line> lines,
                                 boolean logY) throws IOException {
        XYChart chart = new XYChartBuilder().width(WIDTH).height(HEIGHT).title(title)
                .xAxisTitle(xLabel).yAxisTitle(yLabel).build();
        chart.getStyler().setYAxisLogarithmic(logY);
        chart.getStyler().setChartBackgroundColor(java.awt.Color.WHITE);
        chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideE);
        chart.getStyler().setLegendLayout(Styler.LegendLayout.Vertical);
        chart.getStyler().setXAxisTickMarkSpacingHint(120);
        chart.getStyler().setPlotGridLinesColor(new Color(225, 225, 225));
        for (Line line : lines) {
            XYSeries series = chart.addSeries(line.name(), line.x(), line.y());
            series.setMarker(SeriesMarkers.NONE);
            series.setLineStyle(LINE);
            if (line.color() != null) {
                series.setLineColor(line.color());
            }
        }
        AtomicFiles.write(png, out -> BitmapEncoder.saveBitmap(chart, out, BitmapEncoder.BitmapFormat.PNG));
    }

    /** The neuron's output a against epoch, one line per run. */
    public static void neuronOutputs(Path png, List<NeuronRun> runs) throws IOException {
        lineChart(png, "Single sigmoid neuron learning 1 → 0: output vs epoch", "epoch", "output a",
                lines(runs, NeuronStep::output), false);
    }

    /** |∂C/∂w| against epoch on a log scale, one line per run: where it is small, learning is slow. */
    public static void neuronGradients(Path png, List<NeuronRun> runs) throws IOException {
        lineChart(png, "Single sigmoid neuron: |∂C/∂w| vs epoch (small = slow learning)", "epoch", "|∂C/∂w|",
                lines(runs, s -> Math.max(Math.abs(s.dCdw()), 1e-12)), true);
    }

    /**
     * Colour by cost and η (quadratic blue, cross-entropy at the smaller η green, at the larger orange), light for
     * the start (0.6, 0.9) and dark for the saturated start (2, 2).
     */
    private static List<Line> lines(List<NeuronRun> runs, ToDoubleFunction<NeuronStep> value) {
        double smallestEta = runs.stream().mapToDouble(run -> run.spec().eta()).min().orElse(0);
        return runs.stream().map(run -> {
            NeuronSpec spec = run.spec();
            boolean saturatedStart = spec.w() + spec.b() > 2.5;
            Color color;
            if (spec.preset() == Preset.QUADRATIC_SIGMOID) {
                color = saturatedStart ? new Color(10, 40, 140) : new Color(90, 150, 240);
            } else if (spec.eta() == smallestEta) {
                color = saturatedStart ? new Color(0, 100, 30) : new Color(90, 200, 110);
            } else {
                color = saturatedStart ? new Color(190, 80, 0) : new Color(250, 170, 60);
            }
            return new Line(run.label(), run.steps().stream().mapToDouble(NeuronStep::epoch).toArray(),
                    run.steps().stream().mapToDouble(value).toArray(), color);
        }).toList();
    }
}
