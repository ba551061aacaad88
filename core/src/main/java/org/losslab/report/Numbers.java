package org.losslab.report;

import java.util.Locale;
import java.util.OptionalDouble;

/** How reports write numbers: settings as typed ({@code 3}, {@code 0.5}), accuracies and shares as percentages. */
public final class Numbers {

    private Numbers() {
    }

    /**
     * {@return a setting as one would type it: {@code 3.0} as {@code 3}, {@code 0.15} as {@code 0.15}}
     *
     * @param value the value
     */
    public static String plain(double value) {
        String text = Double.toString(value);
        return text.endsWith(".0") ? text.substring(0, text.length() - 2) : text;
    }

    /**
     * {@return a setting for reading: at most four significant digits, as one would type it ({@code 0.7797} for
     * {@code 0.7797491348741751}, {@code 3} for {@code 3.0}); files that others read back keep {@link #plain}}
     *
     * @param value the value
     */
    public static String readable(double value) {
        if (!Double.isFinite(value) || value == 0) {
            return plain(value);
        }
        return new java.math.BigDecimal(value).round(new java.math.MathContext(4)).stripTrailingZeros()
                .toPlainString();
    }

    /**
     * {@return a fraction as a percentage with two decimals, such as {@code 95.49%}; {@code missing} when there is
     * none}
     *
     * @param value the value
     * @param missing what to write when there is none
     */
    public static String percent(OptionalDouble value, String missing) {
        return value.isEmpty() ? missing : String.format(Locale.ROOT, "%.2f%%", 100 * value.getAsDouble());
    }

    /**
     * {@return a number with four decimals, such as {@code 0.9549}; {@code missing} when there is none}
     *
     * @param value the value
     * @param missing what to write when there is none
     */
    public static String fixed(OptionalDouble value, String missing) {
        return value.isEmpty() ? missing : String.format(Locale.ROOT, "%.4f", value.getAsDouble());
    }

    /**
     * {@return a difference in percentage points with its sign, such as {@code -0.46}; {@code missing} when there
     * is none}
     *
     * @param value the value
     * @param missing what to write when there is none
     */
    public static String points(OptionalDouble value, String missing) {
        return value.isEmpty() ? missing : String.format(Locale.ROOT, "%+.2f", value.getAsDouble());
    }

    /**
     * {@return a share (of saturated units, say) as a whole percentage, such as {@code 96%}; {@code missing} when
     * there is none}
     *
     * @param value the value
     * @param missing what to write when there is none
     */
    public static String share(OptionalDouble value, String missing) {
        return value.isEmpty() ? missing : String.format(Locale.ROOT, "%.0f%%", 100 * value.getAsDouble());
    }

    /**
     * @param n    how many
     * @param noun the noun, singular ({@code epoch}); its plural adds an s
     * @return {@code 1 epoch}, {@code 2 epochs}, {@code 10,000 images}
     */
    public static String count(long n, String noun) {
        return String.format(java.util.Locale.ROOT, "%,d %s%s", n, noun, n == 1 ? "" : "s");
    }
}
