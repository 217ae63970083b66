package io.triangulate.pipelines.report;

import static io.triangulate.pipelines.report.ReportCharts.FONT;
import static io.triangulate.pipelines.report.ReportCharts.INK;
import static io.triangulate.pipelines.report.ReportCharts.NEUTRAL;

import java.awt.BasicStroke;
import java.awt.Color;
import java.text.NumberFormat;
import java.util.List;
import java.util.Locale;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.CategoryAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.block.BlockBorder;
import org.jfree.chart.labels.StandardCategoryItemLabelGenerator;
import org.jfree.chart.plot.ValueMarker;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.category.BarRenderer;
import org.jfree.chart.renderer.category.StandardBarPainter;
import org.jfree.chart.renderer.xy.DeviationStepRenderer;
import org.jfree.chart.title.LegendTitle;
import org.jfree.chart.ui.RectangleEdge;
import org.jfree.chart.ui.RectangleInsets;
import org.jfree.data.category.DefaultCategoryDataset;
import org.jfree.data.xy.YIntervalSeries;
import org.jfree.data.xy.YIntervalSeriesCollection;

/**
 * The report's other JFreeChart charts, drawn to inline SVG like {@link ReportCharts}: Kaplan–Meier
 * curves with their interval bands and the phase funnel.
 */
final class SectionCharts {
  private SectionCharts() {}

  /** One step of a Kaplan–Meier curve. */
  record Step(int timeDays, double survival, double low, double high) {}

  /** One curve: a label (the whole population or a segment) and its steps in time order. */
  record Curve(String label, List<Step> steps) {}

  private static final Color[] CURVE_COLOURS = {
    new Color(0x1d2330), new Color(0x3b4fb8), new Color(0xb42318), new Color(0x1f7a3f), new Color(0x8a5a00), new Color(0x7a3fb8)
  };

  /**
   * Share of customers without the event over time, one step line per curve with its 95% band, and
   * the claim's horizon as a dashed line. The first curve is drawn darkest: it is the whole population.
   */
  static String kmChart(String id, String title, List<Curve> curves, int horizonDays) {
    YIntervalSeriesCollection data = new YIntervalSeriesCollection();
    int maxTime = horizonDays;
    for (Curve curve : curves) {
      YIntervalSeries series = new YIntervalSeries(curve.label(), false, true);
      series.add(0, 1.0, 1.0, 1.0);
      for (Step s : curve.steps()) {
        series.add(s.timeDays(), s.survival(), s.low(), s.high());
        maxTime = Math.max(maxTime, s.timeDays());
      }
      data.addSeries(series);
    }
    NumberAxis days = new NumberAxis("days since the start of the journey");
    days.setRange(0, maxTime * 1.02 + 1);
    days.setTickLabelFont(FONT);
    days.setLabelFont(FONT);
    days.setLabelPaint(NEUTRAL);
    NumberAxis share = new NumberAxis("share without the event");
    share.setRange(0, 1.0);
    share.setNumberFormatOverride(NumberFormat.getPercentInstance(Locale.ROOT));
    share.setTickLabelFont(FONT);
    share.setLabelFont(FONT);
    share.setLabelPaint(NEUTRAL);

    DeviationStepRenderer renderer = new DeviationStepRenderer();
    renderer.setAlpha(0.18f);
    for (int i = 0; i < curves.size(); i++) {
      Color c = CURVE_COLOURS[i % CURVE_COLOURS.length];
      renderer.setSeriesPaint(i, c);
      renderer.setSeriesFillPaint(i, c);
      renderer.setSeriesStroke(i, new BasicStroke(i == 0 ? 2.4f : 1.6f));
      renderer.setSeriesShapesVisible(i, false);
    }
    XYPlot plot = linePlot(data, days, share, renderer, 4);
    ValueMarker horizon = dashedLine(horizonDays, "horizon " + horizonDays + " days",
        org.jfree.chart.ui.RectangleAnchor.BOTTOM_LEFT, org.jfree.chart.ui.TextAnchor.BOTTOM_RIGHT);
    horizon.setLabelOffset(new RectangleInsets(2, 4, 6, 4));
    plot.addDomainMarker(horizon);

    JFreeChart chart = ReportCharts.chart(plot);
    if (curves.size() > 1) {
      LegendTitle legend = new LegendTitle(plot);
      legend.setItemFont(FONT);
      legend.setPosition(RectangleEdge.BOTTOM);
      legend.setFrame(BlockBorder.NONE);
      chart.addLegend(legend);
    }
    return ReportCharts.svg(chart, "km-" + id, title, 320 + (curves.size() > 1 ? 24 * ((curves.size() + 2) / 3) : 0));
  }

  /** An XY plot on white with light grid lines: the layout of the report's line charts. */
  static XYPlot linePlot(org.jfree.data.xy.XYDataset data, org.jfree.chart.axis.ValueAxis x,
      org.jfree.chart.axis.ValueAxis y, org.jfree.chart.renderer.xy.XYItemRenderer renderer, int topInset) {
    XYPlot plot = new XYPlot(data, x, y, renderer);
    plot.setBackgroundPaint(Color.WHITE);
    plot.setOutlineVisible(false);
    plot.setRangeGridlinePaint(new Color(0xdfe3ea));
    plot.setDomainGridlinePaint(new Color(0xdfe3ea));
    plot.setInsets(new RectangleInsets(topInset, 4, 4, 16));
    return plot;
  }

  /** A dashed reference line (a horizon, a claimed rate) with its label on a white backing. */
  static ValueMarker dashedLine(double value, String label, org.jfree.chart.ui.RectangleAnchor anchor,
      org.jfree.chart.ui.TextAnchor textAnchor) {
    ValueMarker marker = new ValueMarker(value, INK,
        new BasicStroke(1.5f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, new float[] {6f, 4f}, 0f));
    marker.setLabel(label);
    marker.setLabelFont(FONT);
    marker.setLabelPaint(INK);
    marker.setLabelAnchor(anchor);
    marker.setLabelTextAnchor(textAnchor);
    marker.setLabelBackgroundColor(new Color(255, 255, 255, 220));
    return marker;
  }

  /** One funnel step: its phase and how many customers reached it. */
  record FunnelStep(String phase, long reached) {}

  /** Customers reaching each funnel step, as horizontal bars labelled with their counts. */
  static String funnelChart(String id, String title, List<FunnelStep> steps) {
    DefaultCategoryDataset data = new DefaultCategoryDataset();
    for (FunnelStep step : steps) {
      data.addValue(step.reached(), "reached", step.phase());
    }
    CategoryAxis phases = new CategoryAxis();
    phases.setTickLabelFont(FONT);
    phases.setTickLabelPaint(INK);
    phases.setCategoryMargin(0.25);
    NumberAxis customers = new NumberAxis("customers who reached the step");
    customers.setTickLabelFont(FONT);
    customers.setLabelFont(FONT);
    customers.setLabelPaint(NEUTRAL);
    customers.setUpperMargin(0.18);
    customers.setNumberFormatOverride(NumberFormat.getIntegerInstance(Locale.ROOT));
    BarRenderer renderer = new BarRenderer();
    renderer.setBarPainter(new StandardBarPainter());
    renderer.setShadowVisible(false);
    renderer.setSeriesPaint(0, new Color(0x3b4fb8));
    renderer.setMaximumBarWidth(0.6);
    renderer.setDefaultItemLabelGenerator(new StandardCategoryItemLabelGenerator("{2}", NumberFormat.getIntegerInstance(Locale.ROOT)));
    renderer.setDefaultItemLabelsVisible(true);
    // Right of each bar: the default (above) collides with the bar above in a horizontal plot.
    renderer.setDefaultPositiveItemLabelPosition(new org.jfree.chart.labels.ItemLabelPosition(
        org.jfree.chart.labels.ItemLabelAnchor.OUTSIDE3, org.jfree.chart.ui.TextAnchor.CENTER_LEFT));
    renderer.setDefaultItemLabelFont(FONT);
    renderer.setDefaultItemLabelPaint(INK);
    JFreeChart chart = ReportCharts.chart(ReportCharts.horizontalBars(data, phases, customers, renderer));
    return ReportCharts.svg(chart, "funnel-" + id, title, 78 + 34 * Math.max(1, steps.size()));
  }
}
