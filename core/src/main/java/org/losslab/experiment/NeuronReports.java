package org.losslab.experiment;

import java.awt.Color;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.function.ToDoubleFunction;
import org.losslab.io.AtomicFiles;
import org.losslab.preset.Preset;
import org.losslab.report.Charts;
import org.losslab.report.Charts.Line;

/** The files of single-neuron runs: a CSV per run, one row per epoch, and the lecture's two charts. */
public final class NeuronReports {

    /** The CSV header line. */
    public static final String HEADER = "epoch,w,b,output,cost,dC_dw,dC_db";
    /** The chart of output against epoch, in a folder of lecture runs. */
    public static final String OUTPUT_CHART = "neuron-output.png";
    /** The chart of |∂C/∂w| against epoch, in a folder of lecture runs. */
    public static final String GRADIENT_CHART = "neuron-gradient.png";

    private NeuronReports() {
    }

    /**
     * {@return the whole CSV text, header first; values before each epoch's update}
     *
     * @param run the run
     */
    public static String csv(NeuronRun run) {
        StringBuilder csv = new StringBuilder(HEADER).append('\n');
        for (NeuronStep s : run.steps()) {
            csv.append(String.format(Locale.ROOT, "%d,%.17g,%.17g,%.17g,%.17g,%.17g,%.17g%n", s.epoch(), s.w(),
                    s.b(), s.output(), s.cost(), s.dCdw(), s.dCdb()));
        }
        return csv.toString();
    }

    /**
     * Writes the CSV atomically.
     *
     * @param run the run
     * @param file the file
     */
    public static void writeCsv(NeuronRun run, Path file) throws IOException {
        AtomicFiles.writeString(file, csv(run));
    }

    /**
     * Writes the lecture's files for {@code runs} into {@code folder}: {@value #OUTPUT_CHART},
     * {@value #GRADIENT_CHART} and one CSV per run, named after its label.
     *
     * @param folder the folder
     * @param runs the runs
     */
    public static void writeAll(Path folder, List<NeuronRun> runs) throws IOException {
        neuronOutputs(folder.resolve(OUTPUT_CHART), runs);
        neuronGradients(folder.resolve(GRADIENT_CHART), runs);
        for (NeuronRun run : runs) {
            writeCsv(run, folder.resolve(run.label().replace("η", "eta").replaceAll("[^A-Za-z0-9.=-]+", "_")
                    + ".csv"));
        }
    }

    /**
     * The neuron's output a against epoch, one line per run.
     *
     * @param png the PNG file to write
     * @param runs the runs
     */
    public static void neuronOutputs(Path png, List<NeuronRun> runs) throws IOException {
        List<NeuronRun> sigmoid = runs.stream().filter(r -> r.spec().activation() == NeuronActivation.SIGMOID)
                .toList();
        List<NeuronRun> linear = runs.stream().filter(r -> r.spec().activation() == NeuronActivation.LINEAR)
                .toList();
        if (sigmoid.isEmpty() || linear.isEmpty()) {
            Charts.lineChart(png, "Single " + (linear.isEmpty() ? "sigmoid" : "linear") + " neuron learning 1 → 0: "
                    + "output vs epoch", "epoch", "output a", lines(runs, NeuronStep::output), false);
            return;
        }
        // a linear output starts at w + b (up to 4) and is unbounded: on its own panel, the sigmoid curves keep (0, 1)
        Charts.twoPanelChart(png, "Single neuron learning 1 → 0", "epoch", "sigmoid output a = σ(z)",
                lines(sigmoid, NeuronStep::output), "linear output a = z", lines(linear, NeuronStep::output));
    }

    /**
     * |∂C/∂w| against epoch on a log scale, one line per run: where it is small, learning is slow.
     *
     * @param png the PNG file to write
     * @param runs the runs
     */
    public static void neuronGradients(Path png, List<NeuronRun> runs) throws IOException {
        Charts.lineChart(png, "Single neuron: |∂C/∂w| vs epoch (small = slow learning)", "epoch", "|∂C/∂w|",
                lines(runs, s -> Math.max(Math.abs(s.dCdw()), 1e-12)), true);
    }

    /**
     * Colour by cost, output and η (quadratic blue, cross-entropy at the smaller η green, at the larger orange,
     * linear output purple), light for the start (0.6, 0.9) and dark for the saturated start (2, 2).
     */
    private static List<Line> lines(List<NeuronRun> runs, ToDoubleFunction<NeuronStep> value) {
        double smallestEta = runs.stream().filter(run -> run.spec().preset() == Preset.CROSS_ENTROPY_SIGMOID)
                .mapToDouble(run -> run.spec().eta()).min().orElse(0);
        return runs.stream().map(run -> {
            NeuronSpec spec = run.spec();
            boolean saturatedStart = spec.w() + spec.b() > 2.5;
            Color color;
            if (spec.activation() == NeuronActivation.LINEAR) {
                color = saturatedStart ? new Color(90, 20, 120) : new Color(180, 110, 220);
            } else if (spec.preset() == Preset.QUADRATIC_SIGMOID) {
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
