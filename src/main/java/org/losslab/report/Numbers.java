package org.losslab.report;

import java.util.Locale;

/** How reports write numbers: settings as typed ({@code 3}, {@code 0.5}), accuracies and shares as percentages. */
public final class Numbers {

    private Numbers() {
    }

    /** A setting as one would type it: {@code 3.0} as {@code 3}, {@code 0.15} as {@code 0.15}. */
    public static String plain(double value) {
        String text = Double.toString(value);
        return text.endsWith(".0") ? text.substring(0, text.length() - 2) : text;
    }

    /** A share (of saturated units, say) as a whole percentage, e.g. {@code 96%}; {@code missing} for null. */
    public static String share(Double value, String missing) {
        return value == null ? missing : String.format(Locale.ROOT, "%.0f%%", 100 * value);
    }

    /** A fraction as a percentage with two decimals, e.g. {@code 95.49%}; {@code missing} for null. */
    public static String percent(Double value, String missing) {
        return value == null ? missing : String.format(Locale.ROOT, "%.2f%%", 100 * value);
    }
}
