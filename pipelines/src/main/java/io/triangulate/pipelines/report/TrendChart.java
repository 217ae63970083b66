package io.triangulate.pipelines.report;

import static io.triangulate.pipelines.report.ReportCharts.FONT;
import static io.triangulate.pipelines.report.ReportCharts.INK;
import static io.triangulate.pipelines.report.ReportCharts.NEUTRAL;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.geom.Ellipse2D;
import java.text.NumberFormat;
import java.text.SimpleDateFormat;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;
import java.util.TimeZone;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.DateAxis;
import org.jfree.chart.axis.DateTickUnit;
import org.jfree.chart.axis.DateTickUnitType;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.labels.ItemLabelAnchor;
import org.jfree.chart.labels.ItemLabelPosition;
import org.jfree.chart.plot.ValueMarker;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.DeviationRenderer;
import org.jfree.chart.ui.RectangleAnchor;
import org.jfree.chart.ui.RectangleInsets;
import org.jfree.chart.ui.TextAnchor;
import org.jfree.data.xy.YIntervalSeries;
import org.jfree.data.xy.YIntervalSeriesCollection;

/**
 * A claim's headline number across nightly runs as an inline SVG line chart (JFreeChart, drawn
 * like {@link ReportCharts}): one marked point per run date, its 95% interval as a band, and the
 * claimed threshold (for a comparison claim: no difference) as a dashed line. Each point is
 * labelled with its value, so the chart can be read without the table next to it.
 */
final class TrendChart {
  private TrendChart() {}

  /** One run: its date, the number (a rate, or a difference of rates) and its interval. */
  record Point(LocalDate runDate, double value, double low, double high) {}

  private static final Color LINE = new Color(0x3b4fb8);
  /** Up to this many runs every point carries its value; beyond, only the first and the last. */
  static final int LABELLED_RUNS = 10;

  /**
   * @param id unique in the page; the SVG's id is {@code trend-<id>}
   * @param isDifference the values are differences of rates (signed, in points), not rates
   */
  static String chart(String id, String title, List<Point> points, double reference, String referenceLabel,
      boolean isDifference) {
    YIntervalSeries series = new YIntervalSeries(isDifference ? "difference" : "rate", false, true);
    double low = reference;
    double high = reference;
    for (Point p : points) {
      series.add(millis(p.runDate()), p.value(), p.low(), p.high());
      low = Math.min(low, p.low());
      high = Math.max(high, p.high());
    }
    YIntervalSeriesCollection data = new YIntervalSeriesCollection();
    data.addSeries(series);

    DateAxis dates = new DateAxis("run date");
    dates.setTimeZone(TimeZone.getTimeZone(ZoneOffset.UTC));
    LocalDate first = points.get(0).runDate();
    LocalDate last = points.get(points.size() - 1).runDate();
    long spanDays = Math.max(1, last.toEpochDay() - first.toEpochDay());
    // Whole days only: automatic units would put hour ticks between two nightly runs.
    SimpleDateFormat format = new SimpleDateFormat("yyyy-MM-dd", Locale.ROOT);
    format.setTimeZone(TimeZone.getTimeZone(ZoneOffset.UTC));
    dates.setTickUnit(new DateTickUnit(DateTickUnitType.DAY, (int) Math.max(1, Math.ceil(spanDays / 4.0)), format));
    double margin = Math.max(0.5, spanDays * 0.08) * 86_400_000d;
    dates.setRange(millis(first) - margin, millis(last) + margin);
    dates.setTickLabelFont(FONT);
    dates.setLabelFont(FONT);
    dates.setLabelPaint(NEUTRAL);

    NumberAxis values = new NumberAxis(isDifference ? "difference of the groups' rates" : "share of observed customers");
    double pad = Math.max(0.02, (high - low) * 0.15);
    values.setRange(isDifference ? Math.max(-1, low - pad) : Math.max(0, low - pad), Math.min(1, high + pad));
    NumberFormat percent = NumberFormat.getPercentInstance(Locale.ROOT);
    values.setNumberFormatOverride(percent);
    values.setTickLabelFont(FONT);
    values.setLabelFont(FONT);
    values.setLabelPaint(NEUTRAL);

    DeviationRenderer renderer = new DeviationRenderer(true, true);
    renderer.setSeriesPaint(0, LINE);
    renderer.setSeriesFillPaint(0, LINE);
    renderer.setAlpha(0.18f);
    renderer.setSeriesStroke(0, new BasicStroke(2.2f));
    renderer.setSeriesShape(0, new Ellipse2D.Double(-4, -4, 8, 8));
    int count = points.size();
    renderer.setDefaultItemLabelGenerator((dataset, s, item) -> count <= LABELLED_RUNS || item == 0 || item == count - 1
        ? (isDifference ? ReportModel.points(dataset.getYValue(s, item)) : ReportModel.percent(dataset.getYValue(s, item)))
        : null);
    renderer.setDefaultItemLabelsVisible(true);
    renderer.setDefaultItemLabelFont(FONT);
    renderer.setDefaultItemLabelPaint(INK);
    renderer.setDefaultPositiveItemLabelPosition(new ItemLabelPosition(ItemLabelAnchor.OUTSIDE12, TextAnchor.BOTTOM_CENTER));
    renderer.setDefaultNegativeItemLabelPosition(new ItemLabelPosition(ItemLabelAnchor.OUTSIDE12, TextAnchor.BOTTOM_CENTER));

    XYPlot plot = SectionCharts.linePlot(data, dates, values, renderer, 8);
    ValueMarker claimed = SectionCharts.dashedLine(reference, referenceLabel, RectangleAnchor.BOTTOM_LEFT, TextAnchor.TOP_LEFT);
    claimed.setLabelOffset(new RectangleInsets(4, 6, 4, 6));
    plot.addRangeMarker(claimed, org.jfree.chart.ui.Layer.FOREGROUND);

    JFreeChart chart = ReportCharts.chart(plot);
    return ReportCharts.svg(chart, "trend-" + id, title, 280);
  }

  private static double millis(LocalDate date) {
    return date.atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli();
  }
}
