package io.triangulate.pipelines.journeys;

import static org.apache.spark.sql.functions.array;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.collect_list;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.sort_array;
import static org.apache.spark.sql.functions.struct;

import io.triangulate.pipelines.lake.Layer;
import io.triangulate.pipelines.lake.LakeTable;
import java.util.Arrays;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * {@code gold/journey_parts}: one row per customer with a step, holding that customer's share of
 * every global journey table: their variant, funnel depth, directly-follows edges and long gaps.
 *
 * <p>The global tables ({@code transitions}, {@code loops}, {@code variants}, {@code funnel},
 * {@code journey_gaps}) are aggregates over customers. An incremental run rebuilds the parts of the
 * customers whose facts changed and re-aggregates all parts, instead of re-sorting every customer's
 * timeline: the parts are a small fraction of the timelines (edges are between visits, not steps).
 * The aggregation functions are the ones the full path uses ({@link Transitions#transitions},
 * {@link Loops#loops}, {@link Variants#variants}, {@link Funnels#fromDepths}, {@link Gaps#aggregateGaps}),
 * so both paths give the same rows. The lists are sorted, so a rerun writes the same rows.
 */
public final class JourneyParts {
  private JourneyParts() {}

  public static final LakeTable GOLD_JOURNEY_PARTS = new LakeTable(Layer.GOLD, "journey_parts");

  private static final StructType EDGE = without(Transitions.EDGES, "customer_id");
  private static final StructType GAP = without(Gaps.GAP_STEPS, "customer_id");

  public static final StructType PARTS =
      new StructType()
          .add("customer_id", DataTypes.StringType, false)
          .add("variant", DataTypes.StringType, true)
          .add("phase_count", DataTypes.IntegerType, true)
          .add("steps_reached", DataTypes.IntegerType, false)
          .add("edges", DataTypes.createArrayType(EDGE, false), false)
          .add("gaps", DataTypes.createArrayType(GAP, false), false);

  /**
   * Parts of the customers in {@code timelines} ({@link Timelines#TIMELINES} rows, best
   * {@link Timelines#clustered}), from their visits and edges.
   */
  public static Dataset<Row> build(
      Dataset<Row> timelines, Dataset<Row> visits, Dataset<Row> edges, JourneyAnalytics analytics) {
    Dataset<Row> depths = Funnels.depths(timelines, analytics.funnelSteps(), analytics.funnelWindowDays(), analytics.funnelExclusions());
    Dataset<Row> edgeLists =
        edges.groupBy("customer_id").agg(sort_array(collect_list(struct(columns(EDGE)))).as("edges"));
    Dataset<Row> gapLists =
        Gaps.gapSteps(timelines, analytics.gapDays()).groupBy("customer_id").agg(sort_array(collect_list(struct(columns(GAP)))).as("gaps"));
    return depths
        .join(Variants.sequences(visits), "customer_id", "left")
        .join(edgeLists, "customer_id", "left")
        .join(gapLists, "customer_id", "left")
        .select(
            col("customer_id"),
            col("variant"),
            col("phase_count"),
            col("steps_reached"),
            coalesce(col("edges"), array().cast(DataTypes.createArrayType(EDGE, false))).as("edges"),
            coalesce(col("gaps"), array().cast(DataTypes.createArrayType(GAP, false))).as("gaps"));
  }

  /** {@link Transitions#EDGES} rows of all parts. */
  public static Dataset<Row> edges(Dataset<Row> parts) {
    return parts.select(col("customer_id"), explode(col("edges")).as("_e"))
        .select(col("customer_id"), col("_e.*"))
        .select(Timelines.columns(Transitions.EDGES));
  }

  /** {@link Gaps#GAP_STEPS} rows of all parts. */
  public static Dataset<Row> gapSteps(Dataset<Row> parts) {
    return parts.select(col("customer_id"), explode(col("gaps")).as("_g"))
        .select(col("customer_id"), col("_g.*"))
        .select(Timelines.columns(Gaps.GAP_STEPS));
  }

  /** {@link Funnels#DEPTHS} rows of all parts. */
  public static Dataset<Row> depths(Dataset<Row> parts) {
    return parts.select(Timelines.columns(Funnels.DEPTHS));
  }

  /** {@link Variants#sequences} rows of all parts. */
  public static Dataset<Row> sequences(Dataset<Row> parts) {
    return parts.where(col("variant").isNotNull()).select("customer_id", "variant", "phase_count");
  }

  /** The global tables of {@code analytics} derived from all customers' parts, in write order. */
  public static List<Dataset<Row>> globalTables(Dataset<Row> parts, Dataset<Row> journeys, JourneyAnalytics analytics) {
    Dataset<Row> edges = edges(parts);
    return List.of(
        Transitions.transitions(edges),
        Loops.loops(edges),
        Variants.variants(Variants.customerVariantsOf(journeys, sequences(parts)), analytics.topVariants()),
        Funnels.fromDepths(depths(parts), analytics.funnelSteps(), analytics.funnelWindowDays()),
        Gaps.aggregateGaps(gapSteps(parts), analytics.gapDays()));
  }

  /** The tables {@link #globalTables} returns, in the same order. */
  public static final List<LakeTable> GLOBAL_TABLES =
      List.of(LakeTable.GOLD_TRANSITIONS, LakeTable.GOLD_LOOPS, LakeTable.GOLD_VARIANTS, LakeTable.GOLD_FUNNEL, LakeTable.GOLD_JOURNEY_GAPS);

  private static StructType without(StructType schema, String field) {
    StructType result = new StructType();
    for (var f : schema.fields()) {
      if (!f.name().equals(field)) {
        result = result.add(f);
      }
    }
    return result;
  }

  private static Column[] columns(StructType schema) {
    return Arrays.stream(schema.fieldNames()).map(org.apache.spark.sql.functions::col).toArray(Column[]::new);
  }
}
