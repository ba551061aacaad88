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

/** PNG line charts and dot charts drawn with XChart. */
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
    public record Line(String name, double[] x, double[] y, Optional<Color> color, boolean reference) {
        /**
         * A line of data.
         *
         * @param name  legend text
         * @param x     x values
         * @param y     y values
         * @param color its colour; empty for XChart's next one
         */
        public Line(String name, double[] x, double[] y, Optional<Color> color) {
            this(name, x, y, color, false);
        }

        /**
         * A line in XChart's next colour.
         *
         * @param name legend text
         * @param x    x values
         * @param y    y values
         */
        public Line(String name, double[] x, double[] y) {
            this(name, x, y, Optional.empty(), false);
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
            this(name, x, y, Optional.of(color), false);
        }

        /**
         * A reference value drawn as a dashed horizontal line, e.g. a figure the book reports.
         *
         * @param name  legend text
         * @param from  where it starts on the x axis
         * @param to    where it ends
         * @param value its value
         * @param color its colour
         * @return the line
         */
        public static Line reference(String name, double from, double to, double value, Color color) {
            return new Line(name, new double[] {from, to}, new double[] {value, value}, Optional.of(color), true);
        }
    }

    /**
     * One panel of a chart of panels.
     *
     * @param name  what the panel shows, added to the chart's title (e.g. {@code 30 hidden neurons})
     * @param lines its lines
     */
    public record Panel(String name, List<Line> lines) {
    }

    /** Lines longer than this get ticks at round numbers (every 50 of 300 epochs), not at every k-th point. */
    static final int LONG_LINE = 40;

    /** Ticks with a leading zero and at most four decimals: {@code 0.0055}, never {@code .0055}. */
    static final String DECIMALS = "#,##0.####";
    private static final BasicStroke DASHED = new BasicStroke(1.6f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f,
            new float[] {8f, 6f}, 0f);

    /**
     * Panels one above the other in one PNG, sharing the quantity on their y axes.
     *
     * @param png    the PNG file to write
     * @param title  the chart's title
     * @param xLabel the x axis' title, quantity and unit
     * @param yLabel the y axes' title, quantity and unit (e.g. {@code validation accuracy (%)})
     * @param logY   whether the y axes are logarithmic
     * @param panels the panels, top first
     */
    public static void panels(Path png, String title, String xLabel, String yLabel, boolean logY, List<Panel> panels)
            throws IOException {
        java.awt.image.BufferedImage image = new java.awt.image.BufferedImage(WIDTH, panels.size() * HEIGHT,
                java.awt.image.BufferedImage.TYPE_INT_RGB);
        java.awt.Graphics2D graphics = image.createGraphics();
        for (Panel panel : panels) {
            chart(title + ": " + panel.name(), xLabel, yLabel, panel.lines(), logY).paint(graphics, WIDTH, HEIGHT);
            graphics.translate(0, HEIGHT);
        }
        graphics.dispose();
        AtomicFiles.write(png, out -> javax.imageio.ImageIO.write(image, "png", out));
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
        twoPanelChart(png, title, xLabel, topLabel, top, false, bottomLabel, bottom, false);
    }

    /**
     * Two charts one above the other in one PNG, each with a linear or logarithmic y axis.
     *
     * @param png the PNG file to write
     * @param title the chart's title
     * @param xLabel the x axis' title
     * @param topLabel the top panel's y axis title
     * @param top the top panel's lines
     * @param logTop whether the top panel's y axis is logarithmic
     * @param bottomLabel the bottom panel's y axis title
     * @param bottom the bottom panel's lines
     * @param logBottom whether the bottom panel's y axis is logarithmic
     */
    public static void twoPanelChart(Path png, String title, String xLabel, String topLabel, List<Line> top,
                                     boolean logTop, String bottomLabel, List<Line> bottom, boolean logBottom)
            throws IOException {
        XYChart upper = chart(title + ": " + topLabel, xLabel, topLabel, top, logTop);
        XYChart lower = chart(title + ": " + bottomLabel, xLabel, bottomLabel, bottom, logBottom);
        java.awt.image.BufferedImage image = new java.awt.image.BufferedImage(WIDTH, 2 * HEIGHT,
                java.awt.image.BufferedImage.TYPE_INT_RGB);
        java.awt.Graphics2D graphics = image.createGraphics();
        upper.paint(graphics, WIDTH, HEIGHT);
        graphics.translate(0, HEIGHT);
        lower.paint(graphics, WIDTH, HEIGHT);
        graphics.dispose();
        AtomicFiles.write(png, out -> javax.imageio.ImageIO.write(image, "png", out));
    }

    /**
     * {@return the XChart chart of the lines, as the PNG methods draw it}: white, legend outside on the right, ticks
     * with a leading zero ({@value #DECIMALS}), reference lines dashed, markers on lines of at most 40 points
     *
     * @param title the chart's title
     * @param xLabel the x axis' title
     * @param yLabel the y axis' title
     * @param lines the lines
     * @param logY whether the y axis may be logarithmic: it is (and its title says {@code (log scale)}) when at
     *             least two powers of ten lie among the values, so that its labels say something; else it is linear
     */
    public static XYChart chart(String title, String xLabel, String yLabel, List<Line> lines, boolean logY) {
        boolean log = logY && powersOfTen(lines) >= 2;
        XYChart chart = new XYChartBuilder().width(WIDTH).height(HEIGHT).title(title)
                .xAxisTitle(xLabel).yAxisTitle(log ? yLabel + " (log scale)" : yLabel).build();
        chart.getStyler().setYAxisLogarithmic(log);
        if (!log) {
            chart.getStyler().setYAxisDecimalPattern(DECIMALS);
        }
        chart.getStyler().setXAxisDecimalPattern(DECIMALS);
        chart.getStyler().setChartBackgroundColor(Color.WHITE);
        chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideE);
        chart.getStyler().setLegendLayout(Styler.LegendLayout.Vertical);
        chart.getStyler().setXAxisTickMarkSpacingHint(120);
        spaceLongXAxes(chart, lines);
        chart.getStyler().setPlotGridLinesColor(new Color(225, 225, 225));
        for (Line line : lines) {
            XYSeries series = chart.addSeries(line.name(), line.x(), line.y());
            series.setMarker(!line.reference() && line.x().length <= 40 ? SeriesMarkers.CIRCLE : SeriesMarkers.NONE);
            series.setLineStyle(line.reference() ? DASHED : LINE);
            if (line.color().isPresent()) {
                series.setLineColor(line.color().get());
                series.setMarkerColor(line.color().get());
            }
        }
        return chart;
    }

    /**
     * XChart puts the x ticks of equally spaced points on every k-th point (0, 12, 24, … for 300 epochs, 26 crowded
     * labels); a start a hair before the first point makes the axis' values unequal, so that XChart picks round
     * steps by its spacing hint instead. Short lines (epochs 1 to 10) keep a tick per point.
     */
    private static void spaceLongXAxes(XYChart chart, List<Line> lines) {
        if (lines.stream().noneMatch(line -> line.x().length > LONG_LINE)) {
            return;
        }
        java.util.DoubleSummaryStatistics x = lines.stream().flatMapToDouble(l -> java.util.Arrays.stream(l.x()))
                .filter(Double::isFinite).summaryStatistics();
        if (x.getCount() > 0 && x.getMax() > x.getMin()) {
            chart.getStyler().setXAxisMin(x.getMin() - 0.002 * (x.getMax() - x.getMin()));
        }
    }

    /**
     * {@return how many powers of ten lie inside the lines' finite positive y values}, 0 when there are none. XChart
     * labels a logarithmic axis at powers of ten only, so with fewer than two of them it would say next to nothing.
     *
     * @param lines the lines
     */
    static int powersOfTen(List<Line> lines) {
        java.util.DoubleSummaryStatistics range = lines.stream().flatMapToDouble(l -> java.util.Arrays.stream(l.y()))
                .filter(y -> Double.isFinite(y) && y > 0).summaryStatistics();
        if (range.getCount() == 0) {
            return 0;
        }
        return (int) Math.max(0, Math.floor(Math.log10(range.getMax()) + 1e-9)
                - Math.ceil(Math.log10(range.getMin()) - 1e-9) + 1);
    }

    /**
     * One series of a dot chart: a value per category, or none.
     *
     * @param name   legend text
     * @param values one per category, {@code null} where the series has none
     * @param color  its colour; empty for XChart's next one
     * @param mark   whether it is a reference mark (a large black diamond, e.g. a published figure) rather than dots
     */
    public record Dots(String name, List<Double> values, Optional<Color> color, boolean mark) {
    }

    /**
     * A value per category for each series, as dots over the categories (e.g. each seed's test accuracy per setting,
     * with the book's figure as a mark), written as a PNG, atomically.
     *
     * @param png        the PNG file to write
     * @param title      the chart's title
     * @param yLabel     the y axis' title
     * @param categories the categories, left to right
     * @param series     the series, each with one value (or null) per category
     */
    public static void dotChart(Path png, String title, String yLabel, List<String> categories, List<Dots> series)
            throws IOException {
        org.knowm.xchart.CategoryChart chart = new org.knowm.xchart.CategoryChartBuilder().width(WIDTH).height(HEIGHT)
                .title(title).yAxisTitle(yLabel).build();
        chart.getStyler().setDefaultSeriesRenderStyle(
                org.knowm.xchart.CategorySeries.CategorySeriesRenderStyle.Scatter);
        chart.getStyler().setChartBackgroundColor(Color.WHITE);
        chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideE);
        chart.getStyler().setLegendLayout(Styler.LegendLayout.Vertical);
        chart.getStyler().setPlotGridLinesColor(new Color(225, 225, 225));
        chart.getStyler().setMarkerSize(9);
        for (Dots dots : series) {
            if (dots.values().size() != categories.size()) {
                throw new IllegalArgumentException("series " + dots.name() + ": " + dots.values().size()
                        + " values for " + categories.size() + " categories");
            }
            org.knowm.xchart.CategorySeries added = chart.addSeries(dots.name(), categories, dots.values());
            if (dots.mark()) {
                added.setMarker(SeriesMarkers.DIAMOND);
                added.setMarkerColor(Color.BLACK);
            } else {
                added.setMarker(SeriesMarkers.CIRCLE);
                dots.color().ifPresent(added::setMarkerColor);
            }
        }
        AtomicFiles.write(png, out -> BitmapEncoder.saveBitmap(chart, out, BitmapEncoder.BitmapFormat.PNG));
    }
}
