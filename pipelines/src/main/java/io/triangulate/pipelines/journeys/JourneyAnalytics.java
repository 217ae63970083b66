package io.triangulate.pipelines.journeys;

import io.triangulate.pipelines.ingest.SourceContract;
import io.triangulate.pipelines.lake.DeltaWrites;
import io.triangulate.pipelines.lake.Lake;
import io.triangulate.pipelines.lake.LakeTable;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.storage.StorageLevel;

/**
 * Writes the journey analytics tables from {@code gold/timelines} and {@code gold/journeys}
 * (docs/journeys.md). Every table is overwritten: each is a pure function of silver as of the run
 * date, so a rerun gives the same tables.
 *
 * @param topVariants variants kept by name; the rest go to {@code other}
 * @param funnelSteps phases of {@code gold/funnel}, in order
 * @param funnelWindowDays how long after entering the funnel a customer has to complete it
 * @param funnelExclusions phases or touchpoints that end a customer's progress through the funnel
 * @param gapDays shortest silence reported in {@code gold/journey_gaps}
 */
public record JourneyAnalytics(
    int topVariants, List<String> funnelSteps, int funnelWindowDays, List<String> funnelExclusions, int gapDays) {

  public JourneyAnalytics {
    funnelSteps = List.copyOf(funnelSteps);
    funnelExclusions = List.copyOf(funnelExclusions);
  }

  /** The demo's settings: top 20 variants, forward-phase funnel within a year ending at exit, 30-day gaps. */
  public static JourneyAnalytics defaults(PhaseMap phases) {
    return new JourneyAnalytics(
        Variants.DEFAULT_TOP_N,
        Funnels.defaultSteps(phases),
        Funnels.DEFAULT_WINDOW_DAYS,
        List.of(PhaseMap.EXIT),
        Gaps.DEFAULT_GAP_DAYS);
  }

  /**
   * Writes every analytics table; expects {@code gold/timelines} and {@code gold/journeys} written.
   * The tables do not depend on each other (retention reads lifecycle, so they go together), so
   * they are written {@link DeltaWrites#concurrently}.
   */
  public void write(SparkSession spark, Lake lake, LocalDate runDate) {
    Dataset<Row> timelines =
        Timelines.clustered(lake.read(spark, LakeTable.GOLD_TIMELINES)).persist(StorageLevel.MEMORY_AND_DISK());
    try {
      write(spark, lake, runDate, timelines);
    } finally {
      timelines.unpersist();
    }
  }

  /**
   * {@link #write(SparkSession, Lake, LocalDate)} from timelines the caller holds, best
   * {@link Timelines#clustered} and cached (what {@link Journeys#run} passes): every per-customer
   * window then reads them without a shuffle.
   */
  public void write(SparkSession spark, Lake lake, LocalDate runDate, Dataset<Row> timelines) {
    Dataset<Row> journeys = lake.read(spark, LakeTable.GOLD_JOURNEYS);
    // Visits and edges feed several tables; computing them once keeps the window sorts to one each.
    Dataset<Row> visits = Timelines.visits(timelines).persist(StorageLevel.MEMORY_AND_DISK());
    Dataset<Row> edges = Transitions.edges(visits).persist(StorageLevel.MEMORY_AND_DISK());
    // Each customer's share of the global tables, kept for incremental runs (JourneyParts).
    Dataset<Row> parts = JourneyParts.build(timelines, visits, edges, this).persist(StorageLevel.MEMORY_AND_DISK());
    List<Runnable> writes = new ArrayList<>();
    writes.add(() -> DeltaWrites.overwrite(parts, lake.path(JourneyParts.GOLD_JOURNEY_PARTS)));
    writes.add(() -> DeltaWrites.overwrite(Transitions.transitions(edges), lake.path(LakeTable.GOLD_TRANSITIONS)));
    writes.add(() -> DeltaWrites.overwrite(Loops.loops(edges), lake.path(LakeTable.GOLD_LOOPS)));
    writes.add(() -> DeltaWrites.overwrite(
        Variants.variants(Variants.customerVariantsOf(journeys, JourneyParts.sequences(parts)), topVariants),
        lake.path(LakeTable.GOLD_VARIANTS)));
    writes.add(() -> DeltaWrites.overwrite(
        Funnels.fromDepths(JourneyParts.depths(parts), funnelSteps, funnelWindowDays), lake.path(LakeTable.GOLD_FUNNEL)));
    writes.add(() -> {
      DeltaWrites.overwrite(Retention.lifecycle(journeys, timelines, runDate), lake.path(LakeTable.GOLD_LIFECYCLE));
      DeltaWrites.overwrite(
          Retention.retention(lake.read(spark, LakeTable.GOLD_LIFECYCLE)), lake.path(LakeTable.GOLD_RETENTION));
    });
    writes.add(() -> DeltaWrites.overwrite(
        Gaps.aggregateGaps(JourneyParts.gapSteps(parts), gapDays), lake.path(LakeTable.GOLD_JOURNEY_GAPS)));
    writes.addAll(interviewWrites(spark, lake, journeys));
    try {
      DeltaWrites.concurrently(writes);
    } finally {
      parts.unpersist();
      edges.unpersist();
      visits.unpersist();
    }
  }

  /**
   * The writes of {@code gold/touchpoint_coverage} and {@code gold/say_do}, which read coded
   * interviews, silver channel columns and {@code journeys} (small or one column each).
   */
  List<Runnable> interviewWrites(SparkSession spark, Lake lake, Dataset<Row> journeys) {
    // Interview-based tables need coded interviews (code-interviews). Without them, as on the real
    // data sets, which come with no interviews, they are written empty with their schema: every
    // journey table exists after a run, and an empty one means "nothing to compare", not "not run".
    Dataset<Row> segments =
        lake.exists(spark, LakeTable.SILVER_CODED_SEGMENTS) ? lake.read(spark, LakeTable.SILVER_CODED_SEGMENTS) : null;
    Dataset<Row> interviews =
        lake.exists(spark, LakeTable.SILVER_INTERVIEWS) ? lake.read(spark, LakeTable.SILVER_INTERVIEWS) : null;
    List<Runnable> writes = new ArrayList<>();
    writes.add(() -> DeltaWrites.overwrite(
        segments == null
            ? empty(spark, Gaps.TOUCHPOINT_COVERAGE)
            : Gaps.touchpointCoverage(
                segments,
                Journeys.readOrEmpty(spark, lake, LakeTable.SILVER_CHANNEL_EVENTS, SourceContract.CHANNEL_EVENTS),
                Journeys.readOrEmpty(spark, lake, LakeTable.SILVER_TRANSACTIONS, SourceContract.TRANSACTIONS)),
        lake.path(LakeTable.GOLD_TOUCHPOINT_COVERAGE)));
    writes.add(() -> DeltaWrites.overwrite(
        segments == null || interviews == null ? empty(spark, SayDo.SAY_DO) : SayDo.sayDo(interviews, segments, journeys),
        lake.path(LakeTable.GOLD_SAY_DO)));
    return writes;
  }

  private static Dataset<Row> empty(SparkSession spark, StructType schema) {
    return spark.createDataFrame(List.of(), schema);
  }
}
