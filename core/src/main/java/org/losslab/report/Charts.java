package org.losslab.report;

import java.awt.BasicStroke;
import java.awt.Color;
import java.io.IOException;
import java.util.Optional;
import org.losslab.io.AtomicFiles;
import java.nio.file.Path;
import java.util.List;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;

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
     * @param color its colour; empty for XChart's next one
     */
    public record Line(String name, double[] x, double[] y, Optional<Color> color) {
        /**
         * A line in XChart's next colour.
         *
         * @param name legend text
         * @param x    x values
         * @param y    y values
         */
        public Line(String name, double[] x, double[] y) {
            this(name, x, y, Optional.empty());
        }

        /**
         * A line in a colour of its own.
         *
         * @param name  legend text
         * @param x     x values
         * @param y     y values
         * @param color its colour
         */
        public Line(String name, double[] x, double[] y, Color color) {
            this(name, x, y, Optional.of(color));
        }
    }

    /**
     * Draws the lines on one chart and writes it as a PNG, atomically.
     *
     * @param png the PNG file to write
     * @param title the chart's title
     * @param xLabel the x axis' title
     * @param yLabel the y axis' title
     * @param lines the lines
     * @param logY whether the y axis is logarithmic
     */
    public static void lineChart(Path png, String title, String xLabel, String yLabel, List<Line> lines,
                                 boolean logY) throws IOException {
        XYChart chart = chart(title, xLabel, yLabel, lines, logY);
        AtomicFiles.write(png, out -> BitmapEncoder.saveBitmap(chart, out, BitmapEncoder.BitmapFormat.PNG));
    }

    /**
     * Two charts one above the other in one PNG, sharing the x axis title (e.g. cost and accuracy vs epoch).
     *
     * @param png the PNG file to write
     * @param title the chart's title
     * @param xLabel the x axis' title
     * @param top how many of the most probable digits
     * @param topLabel the top panel's y axis title
     * @param bottomLabel the bottom panel's y axis title
     * @param bottom the bottom panel's lines
     */
    public static void twoPanelChart(Path png, String title, String xLabel, String topLabel, List<Line> top,
                                     String bottomLabel, List<Line> bottom) throws IOException {
        XYChart upper = chart(title + ": " + topLabel, xLabel, topLabel, top, false);
        XYChart lower = chart(title + ": " + bottomLabel, xLabel, bottomLabel, bottom, false);
        java.awt.image.BufferedImage image = new java.awt.image.BufferedImage(WIDTH, 2 * HEIGHT,
                java.awt.image.BufferedImage.TYPE_INT_RGB);
        java.awt.Graphics2D graphics = image.createGraphics();
        upper.paint(graphics, WIDTH, HEIGHT);
        graphics.translate(0, HEIGHT);
        lower.paint(graphics, WIDTH, HEIGHT);
        graphics.dispose();
        AtomicFiles.write(png, out -> javax.imageio.ImageIO.write(image, "png", out));
    }

    private static XYChart chart(String title, String xLabel, String yLabel, List<Line> lines, boolean logY) {
        XYChart chart = new XYChartBuilder().width(WIDTH).height(HEIGHT).title(title)
                .xAxisTitle(xLabel).yAxisTitle(yLabel).build();
        chart.getStyler().setYAxisLogarithmic(logY);
        chart.getStyler().setChartBackgroundColor(Color.WHITE);
        chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideE);
        chart.getStyler().setLegendLayout(Styler.LegendLayout.Vertical);
        chart.getStyler().setXAxisTickMarkSpacingHint(120);
        chart.getStyler().setPlotGridLinesColor(new Color(225, 225, 225));
        for (Line line : lines) {
            XYSeries series = chart.addSeries(line.name(), line.x(), line.y());
            series.setMarker(line.x().length <= 40 ? SeriesMarkers.CIRCLE : SeriesMarkers.NONE);
            series.setLineStyle(LINE);
            if (line.color().isPresent()) {
                series.setLineColor(line.color().get());
                series.setMarkerColor(line.color().get());
            }
        }
        return chart;
    }
}
