package io.triangulate.pipelines.journeys;

import static org.assertj.core.api.Assertions.assertThat;

import io.delta.tables.DeltaTable;
import io.triangulate.pipelines.SparkTestBase;
import io.triangulate.pipelines.ingest.SourceContract;
import io.triangulate.pipelines.lake.DeltaWrites;
import io.triangulate.pipelines.lake.Lake;
import io.triangulate.pipelines.lake.LakeTable;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A full load for 2026-06-30, then day 2026-07-01 (a new month) with new customers, new steps, a churn,
 * an updated old row and a fact that was already in silver but dated after the first run: the
 * incremental run must give the same rows in every gold journey table as a full recompute.
 */
class IncrementalJourneysTest extends SparkTestBase {
  private static final LocalDate DAY_N = LocalDate.parse("2026-06-30");
  private static final LocalDate DAY_N1 = DAY_N.plusDays(1);

  private static final List<LakeTable> GOLD =
      List.of(
          LakeTable.GOLD_TIMELINES, LakeTable.GOLD_JOURNEYS, LakeTable.GOLD_TRANSITIONS, LakeTable.GOLD_LOOPS,
          LakeTable.GOLD_VARIANTS, LakeTable.GOLD_FUNNEL, LakeTable.GOLD_LIFECYCLE, LakeTable.GOLD_RETENTION,
          LakeTable.GOLD_JOURNEY_GAPS, LakeTable.GOLD_TOUCHPOINT_COVERAGE, LakeTable.GOLD_SAY_DO);

  private static Timestamp at(String instant) {
    return Timestamp.from(Instant.parse(instant));
  }

  private static Row tx(String id, String customer, String when, String product, int quantity) {
    return RowFactory.create(id, customer, at(when), product, "wearables", quantity, new BigDecimal("10.00"), "EUR", "web");
  }

  private static Row event(String id, String customer, String when, String channel, String type) {
    return RowFactory.create(id, customer, at(when), channel, type, "sports_watch", null);
  }

  private void load(Lake lake, SourceContract contract, List<Row> rows) {
    DeltaWrites.mergeOnKeys(spark.createDataFrame(rows, contract.silverSchema()), lake.path(contract.silver()), contract.naturalKey());
  }

  @Test
  void dayNPlusOneIncrementallyEqualsAFullRecompute(@TempDir Path dir) {
    Lake lake = new Lake(dir.toString());
    // Day N: the history.
    load(lake, SourceContract.CUSTOMERS, List.of(
        RowFactory.create("C1", at("2026-01-01T09:00:00Z"), "25-34", "north", "search"),
        RowFactory.create("C2", at("2026-02-01T09:00:00Z"), "18-24", "south", "social"),
        RowFactory.create("C3", at("2026-03-01T09:00:00Z"), "55+", "east", "store"),
        RowFactory.create("C5", at("2026-04-01T09:00:00Z"), "35-44", "west", "search")));
    load(lake, SourceContract.TRANSACTIONS, List.of(
        tx("T1", "C1", "2026-01-05T10:00:00Z", "sports_watch", 1),
        tx("T2", "C3", "2026-03-02T10:00:00Z", "sports_watch", 1),
        tx("T4", "C5", "2026-04-03T10:00:00Z", "sports_watch", 1)));
    load(lake, SourceContract.CHANNEL_EVENTS, List.of(
        event("E1", "C1", "2026-01-06T08:00:00Z", "app", "setup_completed"),
        event("E2", "C1", "2026-03-07T08:00:00Z", "device", "watch_sync"),
        event("E4", "C5", "2026-07-01T05:00:00Z", "device", "watch_sync"), // in silver already, dated N+1
        event("E5", "C2", "2026-02-02T08:00:00Z", "web", "page_view")));
    // Another delivery, so these rows sit in files that day N+1's update of E5 does not rewrite.
    load(lake, SourceContract.CHANNEL_EVENTS, List.of(
        event("E3", "C3", "2026-05-02T08:00:00Z", "device", "watch_sync"), // 60 days before N+1: abandoned then
        event("E6", "L1", "2026-05-03T08:00:00Z", "email", "email_open")));
    load(lake, SourceContract.CHURN, List.of(RowFactory.create("C2", at("2026-03-01T00:00:00Z"), "price", "too expensive")));

    IncrementalJourneys.Result first = IncrementalJourneys.run(spark, lake, DAY_N, JourneyPreset.named("demo"), 60, false);
    assertThat(first.incremental()).as("the first run has no previous run to start from").isFalse();

    // Day N+1: new rows, one updated old row (E5), a new customer and a churn.
    load(lake, SourceContract.CUSTOMERS, List.of(RowFactory.create("C4", at("2026-07-01T09:00:00Z"), "18-24", "north", "social")));
    load(lake, SourceContract.TRANSACTIONS, List.of(tx("T3", "C1", "2026-07-01T10:00:00Z", "watch_strap", 1)));
    load(lake, SourceContract.CHANNEL_EVENTS, List.of(
        event("E5", "C2", "2026-02-02T08:00:00Z", "web", "email_open"),
        event("E10", "C1", "2026-07-01T11:00:00Z", "device", "watch_sync"),
        event("E11", "C4", "2026-07-01T09:30:00Z", "web", "page_view")));
    load(lake, SourceContract.CHURN, List.of(RowFactory.create("C5", at("2026-07-01T12:00:00Z"), "other", "moved")));

    IncrementalJourneys.Result next = IncrementalJourneys.run(spark, lake, DAY_N1, JourneyPreset.named("demo"), 60, false);
    assertThat(next.incremental()).as("day N+1 after a full load: %s", next).isTrue();
    assertThat(next.customersRebuilt())
        .as("C1 (new steps), C2 (updated row), C4 (new), C5 (churn, fact dated N+1); not C3 or L1")
        .isEqualTo(4);
    assertThat(next.timelinesWrite())
        .as("C2's updated event changes one of its stored steps, which an append cannot express")
        .isEqualTo("rewritten: earlier steps of 1 customer(s) changed");
    assertThat(next.stepSeconds())
        .as("an incremental run says where its time went")
        .containsKeys("changed customers", "rebuilt customers' timelines and journeys", "timelines", "journeys",
            "journey_parts", "lifecycle", "global aggregates", "retention", "interview tables")
        .allSatisfy((step, seconds) -> assertThat(seconds).as(step).isPositive());
    assertThat(first.stepSeconds()).as("a full run has no incremental steps").isEmpty();
    Map<LakeTable, List<String>> incremental = snapshot(lake);
    assertThat(lake.read(spark, LakeTable.GOLD_JOURNEYS).where("customer_id = 'C3'").first().<Boolean>getAs("is_abandoned"))
        .as("an unchanged customer's run-date columns move on: C3 is abandoned 60 days after its last sync")
        .isTrue();

    IncrementalJourneys.Result again = IncrementalJourneys.run(spark, lake, DAY_N1, JourneyPreset.named("demo"), 60, false);
    assertThat(again.customersRebuilt()).as("rerunning the date finds nothing changed").isZero();

    IncrementalJourneys.Result full = IncrementalJourneys.run(spark, lake, DAY_N1, JourneyPreset.named("demo"), 60, true);
    assertThat(full.incremental()).as("--full recomputes from all of silver").isFalse();
    assertSameTables("day N+1", incremental, snapshot(lake));
    assertThat(incremental.get(LakeTable.GOLD_JOURNEYS)).as("journeys of C1..C5 and L1").hasSize(6);

    // Day N+2, in the same month: no dormant months are added, C3 comes back.
    LocalDate dayN2 = DAY_N1.plusDays(1);
    load(lake, SourceContract.CHANNEL_EVENTS, List.of(event("E12", "C3", "2026-07-02T08:00:00Z", "device", "watch_sync")));
    IncrementalJourneys.Result sameMonth = IncrementalJourneys.run(spark, lake, dayN2, JourneyPreset.named("demo"), 60, false);
    assertThat(sameMonth.incremental()).as("day N+2: %s", sameMonth).isTrue();
    assertThat(sameMonth.customersRebuilt()).as("only C3 has a new step").isEqualTo(1);
    assertThat(sameMonth.timelinesWrite()).as("C3's new step comes after its stored ones").isEqualTo("appended");
    Map<LakeTable, List<String>> sameMonthIncremental = snapshot(lake);
    IncrementalJourneys.run(spark, lake, dayN2, JourneyPreset.named("demo"), 60, true);
    assertSameTables("day N+2", sameMonthIncremental, snapshot(lake));

    // Quiet nights: no fact changed. In the same month only the journeys' run-date columns move on; the
    // tables made from facts alone keep their versions (no empty commits). In a new month the dormant
    // months are added as well.
    LocalDate dayN3 = dayN2.plusDays(1);
    long partsVersion = version(lake, JourneyParts.GOLD_JOURNEY_PARTS);
    long timelinesVersion = version(lake, LakeTable.GOLD_TIMELINES);
    long lifecycleVersion = version(lake, LakeTable.GOLD_LIFECYCLE);
    IncrementalJourneys.Result quiet = IncrementalJourneys.run(spark, lake, dayN3, JourneyPreset.named("demo"), 60, false);
    assertThat(quiet.incremental()).as("a quiet night: %s", quiet).isTrue();
    assertThat(quiet.customersRebuilt()).as("nobody's facts changed").isZero();
    assertThat(quiet.timelinesWrite()).as("no step to write").isEqualTo("unchanged");
    assertThat(List.of(version(lake, JourneyParts.GOLD_JOURNEY_PARTS), version(lake, LakeTable.GOLD_TIMELINES),
            version(lake, LakeTable.GOLD_LIFECYCLE)))
        .as("journey_parts, timelines and lifecycle (same month) not rewritten on a quiet night")
        .containsExactly(partsVersion, timelinesVersion, lifecycleVersion);
    Map<LakeTable, List<String>> quietIncremental = snapshot(lake);
    IncrementalJourneys.run(spark, lake, dayN3, JourneyPreset.named("demo"), 60, true);
    assertSameTables("quiet day N+3", quietIncremental, snapshot(lake));

    LocalDate nextMonth = LocalDate.parse("2026-08-01");
    IncrementalJourneys.Result quietMonth = IncrementalJourneys.run(spark, lake, nextMonth, JourneyPreset.named("demo"), 60, false);
    assertThat(quietMonth.customersRebuilt()).as("a quiet first of the month: %s", quietMonth).isZero();
    assertThat(quietMonth.stepSeconds()).as("everyone's dormant month is added").containsKey("lifecycle");
    Map<LakeTable, List<String>> quietMonthIncremental = snapshot(lake);
    IncrementalJourneys.run(spark, lake, nextMonth, JourneyPreset.named("demo"), 60, true);
    assertSameTables("quiet 2026-08-01", quietMonthIncremental, snapshot(lake));
  }

  private static long version(Lake lake, LakeTable table) {
    return DeltaTable.forPath(spark, lake.path(table)).history(1).select("version").first().getLong(0);
  }

  @Test
  void timelinesAreAppendedToUnlessAStoredStepChangedOrTheFilesPiledUp(@TempDir Path dir) {
    String path = dir.resolve("timelines").toString();
    DeltaWrites.overwrite(spark.createDataFrame(List.of(step("A", 1, "2026-06-01T08:00:00Z", "setup_completed"),
        step("A", 2, "2026-06-02T08:00:00Z", "watch_sync"), step("B", 1, "2026-06-01T09:00:00Z", "page_view")), Timelines.TIMELINES), path);
    Dataset<Row> ids = IncrementalJourneys.ids(spark.createDataFrame(List.of(RowFactory.create("A")), customerIds()));

    // A's rebuilt timeline keeps its two stored steps and adds a third.
    Dataset<Row> longer = spark.createDataFrame(List.of(step("A", 1, "2026-06-01T08:00:00Z", "setup_completed"),
        step("A", 2, "2026-06-02T08:00:00Z", "watch_sync"), step("A", 3, "2026-06-03T08:00:00Z", "watch_sync")), Timelines.TIMELINES);
    assertThat(IncrementalJourneys.writeTimelines(spark.read().format("delta").load(path), ids, longer, path, 64))
        .as("only a later step was added").isEqualTo("appended");
    assertThat(rows(path)).as("B untouched, A with its new third step")
        .containsExactly("[A,1,setup_completed]", "[A,2,watch_sync]", "[A,3,watch_sync]", "[B,1,page_view]");

    // A fact before A's first step: every step is renumbered.
    Dataset<Row> renumbered = spark.createDataFrame(List.of(step("A", 1, "2026-05-31T08:00:00Z", "page_view"),
        step("A", 2, "2026-06-01T08:00:00Z", "setup_completed"), step("A", 3, "2026-06-02T08:00:00Z", "watch_sync"),
        step("A", 4, "2026-06-03T08:00:00Z", "watch_sync")), Timelines.TIMELINES);
    assertThat(IncrementalJourneys.writeTimelines(spark.read().format("delta").load(path), ids, renumbered, path, 64))
        .isEqualTo("rewritten: earlier steps of 1 customer(s) changed");
    assertThat(rows(path)).as("A's steps replaced, not added to")
        .containsExactly("[A,1,page_view]", "[A,2,setup_completed]", "[A,3,watch_sync]", "[A,4,watch_sync]", "[B,1,page_view]");

    // More files than allowed: rewritten even though an append would do, which compacts the table.
    assertThat(IncrementalJourneys.writeTimelines(spark.read().format("delta").load(path), ids, renumbered, path, 0))
        .startsWith("rewritten, compacting ");
    assertThat(rows(path)).as("the same rows after compacting")
        .containsExactly("[A,1,page_view]", "[A,2,setup_completed]", "[A,3,watch_sync]", "[A,4,watch_sync]", "[B,1,page_view]");

    // A value moving to the next nullable column (channel "app" becomes product "app") is a change too.
    Row moved = RowFactory.create("A", at("2026-05-31T08:00:00Z"), null, "page_view", "app", "usage", 3, "channel_events", false, true, 1);
    Dataset<Row> movedValue = spark.createDataFrame(List.of(moved, step("A", 2, "2026-06-01T08:00:00Z", "setup_completed"),
        step("A", 3, "2026-06-02T08:00:00Z", "watch_sync"), step("A", 4, "2026-06-03T08:00:00Z", "watch_sync")), Timelines.TIMELINES);
    assertThat(IncrementalJourneys.writeTimelines(spark.read().format("delta").load(path), ids, movedValue, path, 64))
        .isEqualTo("rewritten: earlier steps of 1 customer(s) changed");
    assertThat(spark.read().format("delta").load(path).where("customer_id = 'A' and step_index = 1").first().<String>getAs("product_id"))
        .as("the moved value is stored").isEqualTo("app");
  }

  private static Row step(String customer, int index, String when, String touchpoint) {
    return RowFactory.create(customer, at(when), "app", touchpoint, null, "usage", 3, "channel_events", false, true, index);
  }

  private static StructType customerIds() {
    return new StructType().add("customer_id", DataTypes.StringType, false);
  }

  /** Customer, step index and touchpoint of each row, sorted. */
  private static List<String> rows(String path) {
    return spark.read().format("delta").load(path).select("customer_id", "step_index", "touchpoint")
        .collectAsList().stream().map(Row::toString).sorted().toList();
  }

  private static void assertSameTables(String day, Map<LakeTable, List<String>> incremental, Map<LakeTable, List<String>> full) {
    for (LakeTable table : GOLD) {
      assertThat(incremental.get(table)).as("%s, %s: incremental rows vs full recompute", day, table)
          .containsExactlyElementsOf(full.get(table));
    }
  }

  /** Every gold journey table as its rows' text, sorted (the tables are tiny; the full run overwrites them). */
  private static Map<LakeTable, List<String>> snapshot(Lake lake) {
    Map<LakeTable, List<String>> tables = new LinkedHashMap<>();
    for (LakeTable table : GOLD) {
      Dataset<Row> rows = lake.read(spark, table);
      assertThat(rows.columns()).as("%s columns", table).isNotEmpty();
      tables.put(table, rows.collectAsList().stream().map(Row::toString).sorted().toList());
    }
    return tables;
  }
}
