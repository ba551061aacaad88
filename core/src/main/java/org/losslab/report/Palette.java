package org.losslab.report;

import java.awt.Color;
import org.losslab.preset.HiddenActivation;
import org.losslab.preset.Preset;

/** One colour per preset and per hidden activation, the same on every chart of a report (Tableau's palette). */
public final class Palette {

    private Palette() {
    }

    /**
     * @param preset a preset
     * @return its colour: cross-entropy blue, quadratic red, softmax green
     */
    public static Color of(Preset preset) {
        return switch (preset) {
            case CROSS_ENTROPY_SIGMOID -> new Color(31, 119, 180);
            case QUADRATIC_SIGMOID -> new Color(214, 39, 40);
            case SOFTMAX_LOG_LIKELIHOOD -> new Color(44, 160, 44);
        };
    }

    /**
     * @param activation a hidden activation
     * @return its colour: sigmoid blue, tanh orange, ReLU purple, swish brown
     */
    public static Color of(HiddenActivation activation) {
        return switch (activation) {
            case SIGMOID -> new Color(31, 119, 180);
            case TANH -> new Color(255, 127, 14);
            case RELU -> new Color(148, 103, 189);
            case SWISH -> new Color(140, 86, 75);
        };
    }
}
