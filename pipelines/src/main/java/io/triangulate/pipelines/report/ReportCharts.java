package io.triangulate.pipelines.report;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.Paint;
import java.awt.Rectangle;
import java.awt.geom.Line2D;
import java.awt.geom.Rectangle2D;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.CategoryAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.plot.ValueMarker;
import org.jfree.chart.renderer.category.BarRenderer;
import org.jfree.chart.renderer.category.CategoryItemRendererState;
import org.jfree.chart.renderer.category.StandardBarPainter;
import org.jfree.chart.ui.RectangleAnchor;
import org.jfree.chart.ui.RectangleEdge;
import org.jfree.chart.ui.RectangleInsets;
import org.jfree.chart.ui.TextAnchor;
import org.jfree.data.category.CategoryDataset;
import org.jfree.data.category.DefaultCategoryDataset;
import org.jfree.svg.MeetOrSlice;
import org.jfree.svg.PreserveAspectRatio;
import org.jfree.svg.SVGGraphics2D;
import org.jfree.svg.ViewBox;

/**
 * Draws a claim's rates as an inline SVG bar chart with JFreeChart: one horizontal bar for the whole
 * base and one per shown segment, each with its 95% interval as a whisker, and the claimed
 * threshold as a dashed line. Bars take their verdict's colour; the HTML says in words what the
 * chart shows, so colour is never the only carrier.
 *
 * <p>The SVG has a view box and no fixed size, so it scales to the page width, and carries no
 * namespace URIs, links or images: the report stays a single self-contained file.
 */
final class ReportCharts {
  private ReportCharts() {}

  static {
    // Drawing to SVG needs fonts, not a display; without this, AWT may look for an X server.
    if (System.getProperty("java.awt.headless") == null) {
      System.setProperty("java.awt.headless", "true");
    }
  }

  /** One bar: a label, a rate and its interval, and the verdict that colours it. */
  record Bar(String label, double rate, double low, double high, String verdict) {}

  static final int WIDTH = 600;
  private static final int ROW_HEIGHT = 34;
  private static final int FRAME_HEIGHT = 78;
  private static final String SERIES = "rate";
  static final Font FONT = new Font(Font.SANS_SERIF, Font.PLAIN, 14);
  private static final Map<String, Color> VERDICT_COLOURS = Map.of(
      "supported", new Color(0x1f7a3f), "contradicted", new Color(0xb42318),
      "inconclusive", new Color(0x8a7400), "holds_in_segments", new Color(0x3b4fb8));
  static final Color NEUTRAL = new Color(0x5b6475);
  static final Color INK = new Color(0x1d2330);

  /**
   * The chart as an {@code <svg>} element. {@code id} must be unique in the page: it prefixes the
   * SVG's clip-path ids, which would otherwise collide between the charts of one page.
   */
  static String barChart(String id, String title, List<Bar> bars, double threshold, String thresholdLabel) {
    DefaultCategoryDataset data = new DefaultCategoryDataset();
    for (Bar bar : bars) {
      data.addValue(bar.rate(), SERIES, bar.label());
    }
    CategoryAxis categories = new CategoryAxis();
    categories.setTickLabelFont(FONT);
    categories.setTickLabelPaint(INK);
    categories.setMaximumCategoryLabelWidthRatio(0.45f);
    categories.setCategoryMargin(0.3);
    NumberAxis rates = new NumberAxis("share of observed customers");
    double upper = Math.min(1.0, Math.max(threshold, maxHigh(bars)) * 1.15 + 0.02);
    rates.setRange(0.0, upper);
    rates.setNumberFormatOverride(java.text.NumberFormat.getPercentInstance(Locale.ROOT));
    rates.setTickLabelFont(FONT);
    rates.setLabelFont(FONT);
    rates.setLabelPaint(NEUTRAL);

    WhiskerBarRenderer renderer = new WhiskerBarRenderer(bars);
    CategoryPlot plot = horizontalBars(data, categories, rates, renderer);

    ValueMarker claimed = new ValueMarker(threshold, INK,
        new BasicStroke(2f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, new float[] {6f, 4f}, 0f));
    claimed.setLabel(thresholdLabel);
    claimed.setLabelFont(FONT);
    claimed.setLabelPaint(INK);
    // The label sits on the side of the line with room for it, so a high threshold is not cut off.
    boolean labelLeft = threshold > upper * 0.55;
    claimed.setLabelAnchor(labelLeft ? RectangleAnchor.TOP_LEFT : RectangleAnchor.TOP_RIGHT);
    claimed.setLabelTextAnchor(labelLeft ? TextAnchor.TOP_RIGHT : TextAnchor.TOP_LEFT);
    claimed.setLabelBackgroundColor(new Color(255, 255, 255, 220));
    claimed.setLabelOffset(new RectangleInsets(2, 4, 2, 4));
    plot.addRangeMarker(claimed, org.jfree.chart.ui.Layer.FOREGROUND);

    JFreeChart chart = chart(plot);
    int height = FRAME_HEIGHT + ROW_HEIGHT * Math.max(1, bars.size());
    return svg(chart, "chart-" + id, title, height);
  }

  /** Horizontal bars on white, values along the bottom: the layout of every bar chart of the report. */
  static CategoryPlot horizontalBars(CategoryDataset data, CategoryAxis categories, NumberAxis values, BarRenderer renderer) {
    CategoryPlot plot = new CategoryPlot(data, categories, values, renderer);
    plot.setOrientation(PlotOrientation.HORIZONTAL);
    plot.setBackgroundPaint(Color.WHITE);
    plot.setOutlineVisible(false);
    plot.setRangeGridlinePaint(new Color(0xdfe3ea));
    plot.setRangeAxisLocation(org.jfree.chart.axis.AxisLocation.BOTTOM_OR_LEFT);
    plot.setInsets(new RectangleInsets(4, 4, 4, 16));
    return plot;
  }

  /** A chart without title or legend, on white, anti-aliased. */
  static JFreeChart chart(org.jfree.chart.plot.Plot plot) {
    JFreeChart chart = new JFreeChart(null, FONT, plot, false);
    chart.setBackgroundPaint(Color.WHITE);
    chart.setAntiAlias(true);
    chart.setTextAntiAlias(true);
    return chart;
  }

  /** Draws a chart to an inline {@code <svg>} element {@code WIDTH} wide; {@code id} unique in the page. */
  static String svg(JFreeChart chart, String id, String title, int height) {
    SVGGraphics2D svg = canvas(id, height);
    chart.draw(svg, new Rectangle(0, 0, WIDTH, height));
    return element(svg, id, title, height);
  }

  /** An SVG canvas whose defs (clip paths) carry {@code id} as prefix, so charts of one page never collide. */
  static SVGGraphics2D canvas(String id, int height) {
    SVGGraphics2D svg = new SVGGraphics2D(WIDTH, height);
    svg.setDefsKeyPrefix(id.replaceAll("[^A-Za-z0-9_-]", "_") + "-");
    return svg;
  }

  static String element(SVGGraphics2D svg, String id, String title, int height) {
    String element = svg.getSVGElement(id, false, new ViewBox(0, 0, WIDTH, height),
        PreserveAspectRatio.XMID_YMID, MeetOrSlice.MEET);
    return inline(element, title);
  }

  /**
   * Inline SVG in HTML needs no namespace declarations; dropping them keeps every URI out of the
   * page (nothing is fetched for a namespace, but a page with no URIs at all is easy to verify).
   */
  static String inline(String element, String title) {
    String svg = element
        .replaceAll("\\s+xmlns(:\\w+)?=(\"[^\"]*\"|'[^']*')", "")
        .replaceFirst("<svg ", "<svg role=\"img\" aria-label=\"" + escape(title) + "\" ");
    return svg;
  }

  private static String escape(String text) {
    return text.replace("&", "&amp;").replace("\"", "&quot;").replace("<", "&lt;").replace(">", "&gt;");
  }

  private static double maxHigh(List<Bar> bars) {
    double max = 0;
    for (Bar bar : bars) {
      max = Math.max(max, Math.max(bar.rate(), bar.high()));
    }
    return max;
  }

  static Color colour(String verdict) {
    return VERDICT_COLOURS.getOrDefault(verdict, NEUTRAL);
  }

  /** Bars coloured by their own verdict, each with its interval drawn as a capped whisker. */
  private static final class WhiskerBarRenderer extends BarRenderer {
    private static final long serialVersionUID = 1L;
    private final List<Bar> bars;

    WhiskerBarRenderer(List<Bar> bars) {
      this.bars = new ArrayList<>(bars);
      setBarPainter(new StandardBarPainter());
      setShadowVisible(false);
      setDrawBarOutline(false);
      setMaximumBarWidth(0.6);
    }

    @Override
    public Paint getItemPaint(int row, int column) {
      Color c = colour(bars.get(column).verdict());
      return new Color(c.getRed(), c.getGreen(), c.getBlue(), 170);
    }

    @Override
    public void drawItem(Graphics2D g2, CategoryItemRendererState state, Rectangle2D dataArea, CategoryPlot plot,
        CategoryAxis domainAxis, org.jfree.chart.axis.ValueAxis rangeAxis, CategoryDataset dataset, int row,
        int column, int pass) {
      super.drawItem(g2, state, dataArea, plot, domainAxis, rangeAxis, dataset, row, column, pass);
      if (pass != 0) {
        return;
      }
      Bar bar = bars.get(column);
      RectangleEdge domainEdge = plot.getDomainAxisEdge();
      RectangleEdge rangeEdge = plot.getRangeAxisEdge();
      double middle = domainAxis.getCategoryMiddle(column, dataset.getColumnCount(), dataArea, domainEdge);
      double low = rangeAxis.valueToJava2D(bar.low(), dataArea, rangeEdge);
      double high = rangeAxis.valueToJava2D(bar.high(), dataArea, rangeEdge);
      double cap = Math.min(8, state.getBarWidth() / 3);
      g2.setPaint(INK);
      g2.setStroke(new BasicStroke(1.6f));
      // horizontal plot: the range runs along x, categories along y
      g2.draw(new Line2D.Double(low, middle, high, middle));
      g2.draw(new Line2D.Double(low, middle - cap, low, middle + cap));
      g2.draw(new Line2D.Double(high, middle - cap, high, middle + cap));
    }
  }
}
