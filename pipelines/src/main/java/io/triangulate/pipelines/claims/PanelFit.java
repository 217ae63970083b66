package io.triangulate.pipelines.claims;

import static org.apache.spark.sql.functions.array;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import io.triangulate.pipelines.stats.GoodnessOfFit;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.catalyst.expressions.GenericRowWithSchema;

/**
 * Is the interview panel representative of the base? For each segment column, the interviewees'
 * mix (interviews linked to a customer through {@code silver/interviews.customer_id}, joined to
 * {@code gold/journeys}) is tested against the whole base's mix with a chi-square goodness-of-fit
 * test whose p-value is exact (multinomial enumeration) or Monte Carlo, since a panel of 15–20 has
 * expected counts far below 5. A small p says the panel over- or under-represents some values, so
 * themes heard there may not transfer to the base.
 */
public final class PanelFit {
  private PanelFit() {}

  /** Base and panel counts per value of one column, values in sorted order. */
  public record Mix(String column, List<String> values, long[] base, long[] panel) {
    public long panelN() {
      long n = 0;
      for (long c : panel) {
        n += c;
      }
      return n;
    }
  }

  /** One Spark job: counts per (column, value) over all journeys and over the interviewed customers. */
  public static Map<String, Mix> mixes(Dataset<Row> journeys, Dataset<Row> interviews, Collection<String> columns) {
    Map<String, Mix> out = new TreeMap<>();
    if (columns.isEmpty()) {
      return out;
    }
    Dataset<Row> panel = interviews.filter(col("customer_id").isNotNull()).select(col("customer_id").as("panel_customer_id")).distinct();
    Dataset<Row> flagged = journeys.join(panel, journeys.col("customer_id").equalTo(panel.col("panel_customer_id")), "left")
        .withColumn("is_panel", col("panel_customer_id").isNotNull());
    List<Column> keys = new ArrayList<>();
    for (String column : columns) {
      keys.add(struct(lit(column).as("segment_column"),
          coalesce(col(column).cast("string"), lit(ClaimValidation.MISSING_VALUE)).as("segment_value")));
    }
    List<Row> counts = flagged
        .select(col("is_panel"), explode(array(keys.toArray(Column[]::new))).as("key"))
        .groupBy(col("key.segment_column").as("segment_column"), col("key.segment_value").as("segment_value"))
        .agg(count(lit(1)).as("base_n"), sum(when(col("is_panel"), 1L).otherwise(0L)).as("panel_n"))
        .collectAsList();
    Map<String, TreeMap<String, long[]>> byColumn = new HashMap<>();
    for (Row r : counts) {
      byColumn.computeIfAbsent(r.getString(0), k -> new TreeMap<>()).put(r.getString(1), new long[] {r.getLong(2), r.getLong(3)});
    }
    byColumn.forEach((column, values) -> {
      long[] base = values.values().stream().mapToLong(c -> c[0]).toArray();
      long[] panelCounts = values.values().stream().mapToLong(c -> c[1]).toArray();
      out.put(column, new Mix(column, List.copyOf(values.keySet()), base, panelCounts));
    });
    return out;
  }

  /** The goodness-of-fit row for one claim and column; null when untestable (no panel, one value). */
  public static Row row(String claimId, LocalDate runDate, Mix mix) {
    if (mix == null || mix.panelN() == 0 || mix.values().size() < 2) {
      return null;
    }
    double[] expected = new double[mix.base().length];
    for (int i = 0; i < expected.length; i++) {
      expected[i] = mix.base()[i];
    }
    GoodnessOfFit.Result fit = GoodnessOfFit.chiSquare(mix.panel(), expected);
    double total = 0;
    for (double e : expected) {
      total += e;
    }
    List<Double> shares = new ArrayList<>();
    for (double e : expected) {
      shares.add(e / total);
    }
    List<Long> panel = new ArrayList<>();
    for (long p : mix.panel()) {
      panel.add(p);
    }
    return new GenericRowWithSchema(new Object[] {
        runDate.toString(), claimId, mix.column(), mix.panelN(), ClaimValidation.seq(mix.values()), ClaimValidation.seq(panel),
        ClaimValidation.seq(shares), fit.chiSquare(), fit.degreesOfFreedom(), fit.asymptoticP(), fit.resampledP(), fit.method().name()},
        ClaimResultSchema.PANEL_FIT);
  }
}
