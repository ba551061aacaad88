package org.losslab.experiment;

import java.util.List;
import org.losslab.preset.Preset;

/**
 * The lecture's single-neuron runs, with the figures the book reports for them. Mapping 1 → 0: quadratic cost
 * from (w, b) = (0.6, 0.9) and (2, 2) at η 0.15, where the saturated start learns slowly; the lecture's two fixes:
 * cross-entropy from both starts at the book's η 0.005 and at the quadratic runs' η 0.15, and a linear output under
 * the quadratic cost from both starts at η 0.15 (from (2, 2) its output is exactly 4·0.7ᵗ).
 */
public final class NeuronLecture {

    /** Epochs of every lecture run. */
    public static final int EPOCHS = 300;

    private NeuronLecture() {
    }

    /**
     * One figure the book reports: the output at an epoch.
     *
     * @param run    the run's label
     * @param epoch  epoch
     * @param output the book's output at that epoch
     */
    public record BookFigure(String run, int epoch, double output) {
    }

    /** {@return the eight lecture runs, in the order they are charted: sigmoid ones first, then the linear two} */
    public static List<NeuronSpec> specs() {
        return List.of(
                NeuronSpec.lecture(Preset.QUADRATIC_SIGMOID, 0.6, 0.9, 0.15, EPOCHS),
                NeuronSpec.lecture(Preset.QUADRATIC_SIGMOID, 2.0, 2.0, 0.15, EPOCHS),
                NeuronSpec.lecture(Preset.CROSS_ENTROPY_SIGMOID, 0.6, 0.9, 0.005, EPOCHS),
                NeuronSpec.lecture(Preset.CROSS_ENTROPY_SIGMOID, 2.0, 2.0, 0.005, EPOCHS),
                NeuronSpec.lecture(Preset.CROSS_ENTROPY_SIGMOID, 0.6, 0.9, 0.15, EPOCHS),
                NeuronSpec.lecture(Preset.CROSS_ENTROPY_SIGMOID, 2.0, 2.0, 0.15, EPOCHS),
                NeuronSpec.lecture(Preset.QUADRATIC_SIGMOID, NeuronActivation.LINEAR, 0.6, 0.9, 0.15, EPOCHS),
                NeuronSpec.lecture(Preset.QUADRATIC_SIGMOID, NeuronActivation.LINEAR, 2.0, 2.0, 0.15, EPOCHS));
    }

    /**
     * Runs all eight.
     *
     * @return the lecture's eight runs, in its order
     */
    public static List<NeuronRun> run() {
        return specs().stream().map(NeuronExperiment::run).toList();
    }

    /** {@return the outputs the book reports, to compare with the runs} */
    public static List<BookFigure> bookFigures() {
        List<NeuronSpec> s = specs();
        return List.of(
                new BookFigure(NeuronExperiment.label(s.get(0)), 0, 0.818),
                new BookFigure(NeuronExperiment.label(s.get(0)), 300, 0.094),
                new BookFigure(NeuronExperiment.label(s.get(1)), 0, 0.982),
                new BookFigure(NeuronExperiment.label(s.get(1)), 150, 0.933),
                new BookFigure(NeuronExperiment.label(s.get(1)), 300, 0.203),
                new BookFigure(NeuronExperiment.label(s.get(2)), 300, 0.418),
                new BookFigure(NeuronExperiment.label(s.get(3)), 300, 0.780),
                new BookFigure(NeuronExperiment.label(s.get(5)), 50, 0.099));
    }
}
