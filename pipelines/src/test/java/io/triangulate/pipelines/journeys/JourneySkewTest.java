package io.triangulate.pipelines.journeys;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.element_at;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.pmod;
import static org.apache.spark.sql.functions.rand;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.timestamp_seconds;
import static org.apache.spark.sql.functions.when;
import static org.apache.spark.sql.functions.xxhash64;
import static org.assertj.core.api.Assertions.assertThat;

import io.triangulate.pipelines.SparkTestBase;
import io.triangulate.pipelines.ingest.SourceContract;
import java.time.LocalDate;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Skew: one customer ("whale") with {@link #WHALE_EVENTS} steps among 200 ordinary customers goes
 * through every transformation of the journey stage under the test heap (-Xmx3g). The whale's
 * steps come in groups of four at the same instant and alternate between phases, the worst case for
 * visits, variants and the funnel walk. {@code triangulate.skew.events} raises the count (1,000,000
 * is the target; bench/journeys-skew runs it), the default keeps CI fast.
 */
class JourneySkewTest extends SparkTestBase {
  private static final long WHALE_EVENTS = Long.getLong("triangulate.skew.events", 200_000L);
  private static final long SMALL_CUSTOMERS = 200;
  private static final long SMALL_EVENTS = 20;
  private static final LocalDate RUN_DATE = LocalDate.of(2026, 6, 30);
  private static final long START_SECONDS = 1_767_225_600L; // 2026-01-01T00:00:00Z

  private static Dataset<Row> steps;

  /**
   * Steps as {@link Journeys#STEPS}: the whale first, then 20 steps per ordinary customer. Four whale
   * steps share each second, with touchpoints cycling so the phase changes at almost every step.
   */
  private static Dataset<Row> steps() {
    long total = WHALE_EVENTS + SMALL_CUSTOMERS * SMALL_EVENTS;
    Column id = col("id");
    Column isWhale = id.lt(WHALE_EVENTS);
    Column small = id.minus(WHALE_EVENTS);
    Column touchpoints = org.apache.spark.sql.functions.array(
        lit("page_view"), lit("watch_sync"), lit("support_call"), lit("setup_started"), lit("watch_sync"));
    Column phases = org.apache.spark.sql.functions.array(
        lit("consideration"), lit("usage"), lit("support"), lit("onboarding"), lit("usage"));
    Column pick = pmod(id.multiply(7), lit(5)).plus(1).cast(DataTypes.IntegerType);
    PhaseMap map = PhaseMap.defaults();
    Column rank = when(element_at(phases, pick).equalTo("consideration"), map.rank("consideration"))
        .when(element_at(phases, pick).equalTo("usage"), map.rank("usage"))
        .when(element_at(phases, pick).equalTo("support"), map.rank("support"))
        .otherwise(map.rank("onboarding"));
    return spark.range(total)
        .select(
            when(isWhale, lit("whale")).otherwise(concat(lit("c"), small.divide(SMALL_EVENTS).cast(DataTypes.LongType).cast(DataTypes.StringType)))
                .as("customer_id"),
            timestamp_seconds(lit(START_SECONDS).plus(when(isWhale, id.divide(4).cast(DataTypes.LongType)).otherwise(small.multiply(3600))))
                .as("occurred_at"),
            lit("app").as("channel"),
            element_at(touchpoints, pick).as("touchpoint"),
            pmod(id, lit(2)).cast(DataTypes.StringType).as("product_id"),
            element_at(phases, pick).as("phase"),
            rank.cast(DataTypes.IntegerType).as("phase_rank"),
            lit("channel_events").as("source_table"),
            lit(false).as("is_purchase"),
            element_at(touchpoints, pick).equalTo("watch_sync").as("is_usage"));
  }

  @BeforeAll
  static void build() {
    steps = steps();
  }

  /** A checksum of (customer, step_index, step) over all rows: equal iff every step got the same index. */
  private static long fingerprint(Dataset<Row> input) {
    Dataset<Row> timelines = Timelines.timelines(input);
    return timelines
        .select(sum(xxhash64(col("customer_id"), col("step_index"), col("occurred_at"), col("touchpoint"), col("product_id"))))
        .first()
        .getLong(0);
  }

  @Test
  void tiesAreOrderedTheSameWhateverThePartitioning() {
    long first = fingerprint(steps.repartition(2));
    long second = fingerprint(steps.orderBy(rand(7)).repartition(5));
    assertThat(second).as("step order with the input shuffled and split differently").isEqualTo(first);
  }

  @Test
  void theWhaleGoesThroughEveryJourneyTable() {
    Dataset<Row> timelines = Timelines.timelines(steps).cache();
    try {
      Dataset<Row> noCustomers = spark.createDataFrame(List.of(), SourceContract.CUSTOMERS.silverSchema());
      Dataset<Row> noChurn = spark.createDataFrame(List.of(), SourceContract.CHURN.silverSchema());
      Dataset<Row> journeys =
          Journeys.journeys(noCustomers, timelines.drop("step_index"), noChurn, null, PhaseMap.defaults(), RUN_DATE, 60).cache();
      Row whale = journeys.where(col("customer_id").equalTo("whale")).first();
      assertThat(whale.<Long>getAs("step_count")).as("whale steps").isEqualTo(WHALE_EVENTS);
      assertThat(journeys.count()).as("journeys").isEqualTo(SMALL_CUSTOMERS + 1);

      Dataset<Row> visits = Timelines.visits(timelines);
      Dataset<Row> edges = Transitions.edges(visits).cache();
      long occurrences = Transitions.transitions(edges).select(sum("occurrence_count")).first().getLong(0);
      assertThat(occurrences).as("edges: one per visit plus one start edge per customer").isEqualTo(edges.count());

      String variant =
          Variants.customerVariants(journeys, visits).where(col("customer_id").equalTo("whale")).first().getAs("variant");
      assertThat(variant).as("the whale's variant is capped, with its real length").endsWith(" phases)");
      assertThat(variant.split(" > ")).as("phases spelled out").hasSize(Variants.MAX_PHASES + 1);

      int depth =
          Funnels.depths(timelines, List.of("consideration", "usage", "support"), 365, List.of("exit"))
              .where(col("customer_id").equalTo("whale")).first().getInt(1);
      assertThat(depth).as("the whale reaches all three funnel steps").isEqualTo(3);

      assertThat(Gaps.journeyGaps(timelines, 30).count()).as("no 30-day silence in three days").isZero();
      assertThat(Retention.lifecycle(journeys, timelines, RUN_DATE).where(col("customer_id").equalTo("whale")).count())
          .as("whale lifecycle months January to June").isEqualTo(6);
      edges.unpersist();
      journeys.unpersist();
    } finally {
      timelines.unpersist();
    }
  }
}
