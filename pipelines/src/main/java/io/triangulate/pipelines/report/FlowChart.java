package io.triangulate.pipelines.report;

import static io.triangulate.pipelines.report.ReportCharts.FONT;
import static io.triangulate.pipelines.report.ReportCharts.INK;
import static io.triangulate.pipelines.report.ReportCharts.NEUTRAL;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.geom.Path2D;
import java.awt.geom.RoundRectangle2D;
import java.util.List;
import java.util.Locale;
import org.jfree.svg.SVGGraphics2D;

/**
 * The phase flow as a directly-follows graph drawn with JFreeSVG's Graphics2D: phases as boxes in
 * journey order from top to bottom, each transition as a curve whose width grows with the customers
 * taking it. Forward transitions arc on the right, back-steps (loops) on the left in another colour,
 * so direction is readable without arrows; every curve is labelled with its customer count.
 */
final class FlowChart {
  private FlowChart() {}

  /** One edge of the graph: from and to are indexes into the node list. */
  record Edge(int from, int to, long customers) {}

  private static final int ROW = 46;
  private static final int BOX_W = 170;
  private static final int BOX_H = 30;
  // Left of centre: forward arcs (most edges) need more room than back-steps, and a phone shows the left first.
  private static final int BOX_X = 140;
  private static final Color FORWARD = new Color(0x3b4fb8);
  private static final Color BACK = new Color(0xb42318);
  private static final Font SMALL = FONT.deriveFont(12f);

  static String flowChart(String id, String title, List<String> nodes, List<Edge> edges) {
    int height = ROW * nodes.size() + 16;
    SVGGraphics2D g = ReportCharts.canvas("flow-" + id, height);
    g.setRenderingHint(java.awt.RenderingHints.KEY_ANTIALIASING, java.awt.RenderingHints.VALUE_ANTIALIAS_ON);
    g.setPaint(Color.WHITE);
    g.fillRect(0, 0, ReportCharts.WIDTH, height);
    long max = edges.stream().mapToLong(Edge::customers).max().orElse(1);
    for (Edge e : edges) {
      boolean forward = e.to() > e.from();
      float width = (float) (1.0 + 9.0 * e.customers() / max);
      double y1 = centre(e.from());
      double y2 = centre(e.to());
      int distance = Math.abs(e.to() - e.from());
      // Longer jumps bow further out, so curves between near and far phases do not overlap.
      double side = forward ? BOX_X + BOX_W : BOX_X;
      double bow = forward ? 26 + 22 * distance : -(26 + 22 * distance);
      bow = Math.max(-BOX_X + 8, Math.min(ReportCharts.WIDTH - BOX_X - BOX_W - 8, bow));
      Path2D.Double curve = new Path2D.Double();
      curve.moveTo(side, y1 + (forward ? 5 : -5));
      curve.curveTo(side + bow, y1, side + bow, y2, side, y2 + (forward ? -5 : 5));
      Color c = forward ? FORWARD : BACK;
      g.setPaint(new Color(c.getRed(), c.getGreen(), c.getBlue(), 120));
      g.setStroke(new BasicStroke(width, BasicStroke.CAP_BUTT, BasicStroke.JOIN_ROUND));
      g.draw(curve);
      g.setFont(SMALL);
      g.setPaint(forward ? FORWARD : BACK);
      String label = String.format(Locale.ROOT, "%,d", e.customers());
      FontMetrics m = g.getFontMetrics();
      // A cubic with both control points at side + bow peaks at side + 0.75 bow: the label sits just past the stroke.
      double clear = width / 2 + 3;
      double x = side + bow * 0.75 + (forward ? clear : -clear - m.stringWidth(label));
      g.drawString(label, (float) x, (float) ((y1 + y2) / 2 + 4));
    }
    g.setFont(FONT);
    FontMetrics metrics = g.getFontMetrics();
    for (int i = 0; i < nodes.size(); i++) {
      RoundRectangle2D box = new RoundRectangle2D.Double(BOX_X, centre(i) - BOX_H / 2.0, BOX_W, BOX_H, 10, 10);
      g.setPaint(new Color(0xf5f7fa));
      g.fill(box);
      g.setPaint(NEUTRAL);
      g.setStroke(new BasicStroke(1.2f));
      g.draw(box);
      g.setPaint(INK);
      String name = nodes.get(i);
      g.drawString(name, (float) (BOX_X + (BOX_W - metrics.stringWidth(name)) / 2.0), (float) (centre(i) + 5));
    }
    return ReportCharts.element(g, "flow-" + id, title, height);
  }

  private static double centre(int node) {
    return 8 + ROW * node + ROW / 2.0;
  }
}
