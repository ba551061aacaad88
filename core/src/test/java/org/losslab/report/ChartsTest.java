package org.losslab.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.BasicStroke;
import java.awt.Color;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;
import org.losslab.preset.HiddenActivation;
import org.losslab.preset.Preset;

/** What LossLab's charts look like, through XChart's own model of them. */
class ChartsTest {

    @Test
    void ticksHaveALeadingZeroAndReferencesAreDashed() {
        XYChart chart = Charts.chart("t", "epoch", "validation accuracy (%)", List.of(
                new Charts.Line("data", new double[] {1, 2, 3}, new double[] {90.5, 92.25, 93.0}, Color.BLUE),
                Charts.Line.reference("the book: 95.49%", 1, 3, 95.49, Color.BLUE)), false);
        assertThat(chart.getStyler().getYAxisDecimalPattern()).isEqualTo(Charts.DECIMALS);
        assertThat(chart.getStyler().getXAxisMin()).as("a short line keeps a tick per point").isNull();
        double[] epochs = java.util.stream.IntStream.rangeClosed(0, 300).asDoubleStream().toArray();
        XYChart neuron = Charts.chart("t", "epoch", "a", List.of(new Charts.Line("a", epochs, epochs)), false);
        assertThat(neuron.getStyler().getXAxisMin()).as("a long one gets round ticks").isCloseTo(-0.6,
                org.assertj.core.data.Offset.offset(1e-9));
        java.text.DecimalFormat format = new java.text.DecimalFormat(Charts.DECIMALS,
                java.text.DecimalFormatSymbols.getInstance(java.util.Locale.ROOT));
        assertThat(format.format(0.0055)).isEqualTo("0.0055");
        assertThat(format.format(0.867966991747937)).isEqualTo("0.868");
        assertThat(chart.getYAxisTitle()).isEqualTo("validation accuracy (%)");
        XYSeries data = chart.getSeriesMap().get("data");
        XYSeries book = chart.getSeriesMap().get("the book: 95.49%");
        assertThat(data.getMarker()).isEqualTo(SeriesMarkers.CIRCLE);
        assertThat(book.getMarker()).isEqualTo(SeriesMarkers.NONE);
        assertThat(((BasicStroke) book.getLineStyle()).getDashArray()).isNotNull();
        assertThat(((BasicStroke) data.getLineStyle()).getDashArray()).isNull();
        assertThat(book.getYData()).containsExactly(95.49, 95.49);
    }

    @Test
    void logAxesKeepXChartsDecadesAndEveryPresetAndActivationHasItsOwnColour() {
        XYChart chart = Charts.chart("t", "epoch", "mean |∂C/∂w|", List.of(
                new Charts.Line("g", new double[] {1, 2}, new double[] {1e-3, 1e-4})), true);
        assertThat(chart.getStyler().isYAxisLogarithmic()).isTrue();
        assertThat(chart.getYAxisTitle()).isEqualTo("mean |∂C/∂w| (log scale)");
        assertThat(java.util.Arrays.stream(Preset.values()).map(Palette::of).distinct()).hasSize(3);
        assertThat(java.util.Arrays.stream(HiddenActivation.values()).map(Palette::of).distinct()).hasSize(4);
    }

    @Test
    void aLogAxisWithFewerThanTwoPowersOfTenIsDrawnLinearSoItsTicksHaveLabels() {
        List<Charts.Line> narrow = List.of(new Charts.Line("cost", new double[] {1, 2, 3},
                new double[] {0.31, 0.12, 0.09}));
        assertThat(Charts.powersOfTen(narrow)).isEqualTo(1);
        XYChart chart = Charts.chart("t", "epoch", "training cost", narrow, true);
        assertThat(chart.getStyler().isYAxisLogarithmic()).isFalse();
        assertThat(chart.getYAxisTitle()).isEqualTo("training cost");
        assertThat(chart.getStyler().getYAxisDecimalPattern()).isEqualTo(Charts.DECIMALS);
        List<Charts.Line> wide = List.of(new Charts.Line("cost", new double[] {1, 2, 3},
                new double[] {2.3, Double.NaN, 0.04}));
        assertThat(Charts.powersOfTen(wide)).isEqualTo(2);
        assertThat(Charts.powersOfTen(List.of(new Charts.Line("x", new double[] {1}, new double[] {0.1})))).isEqualTo(1);
        assertThat(Charts.powersOfTen(List.of(new Charts.Line("x", new double[] {1}, new double[] {-1})))).isZero();
    }
}
