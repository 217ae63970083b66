package io.triangulate.pipelines.journeys;

import static org.apache.spark.sql.functions.col;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.triangulate.pipelines.SparkTestBase;
import java.sql.Date;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Five customers whose timelines can be followed by hand (phase ranks: awareness 1, consideration 2,
 * purchase 3, onboarding 4, usage 5, support 6, loyalty 7, exit 8):
 *
 * <pre>
 * A  awareness > consideration > purchase > onboarding > usage (syncs Jan 4, Jan 5, Mar 10, Apr 2)
 * B  consideration > purchase > usage > onboarding > usage > exit (page view and purchase tie at Feb 1 06:00)
 * C  awareness > consideration > exit
 * D  awareness > consideration > purchase > onboarding > usage (same variant as A)
 * E  signed up in June, no step
 * </pre>
 */
class JourneyAnalyticsTest extends SparkTestBase {
  private static final LocalDate RUN_DATE = LocalDate.parse("2026-06-30");
  private static final String A_VARIANT = "awareness > consideration > purchase > onboarding > usage";
  private static final String B_VARIANT = "consideration > purchase > usage > onboarding > usage > exit";

  private static Dataset<Row> timelines;
  private static Dataset<Row> journeys;
  private static Map<String, Row> transitions;
  private static Dataset<Row> visits;

  private static Timestamp at(String instant) {
    return Timestamp.from(Instant.parse(instant));
  }

  private static Row step(String customer, String instant, String touchpoint, String phase, String source) {
    PhaseMap phases = PhaseMap.defaults();
    return RowFactory.create(
        customer, at(instant), null, touchpoint, null, phase, phases.rank(phase), source,
        touchpoint.equals("purchase"), touchpoint.equals("watch_sync"));
  }

  private static Row event(String customer, String instant, String touchpoint, String phase) {
    return step(customer, instant, touchpoint, phase, "channel_events");
  }

  @BeforeAll
  static void buildFixture() {
    List<Row> steps =
        List.of(
            event("A", "2026-01-01T09:00:00Z", "email_open", "awareness"),
            event("A", "2026-01-02T09:00:00Z", "page_view", "consideration"),
            step("A", "2026-01-03T10:00:00Z", "purchase", "purchase", "transactions"),
            event("A", "2026-01-03T12:00:00Z", "setup_completed", "onboarding"),
            event("A", "2026-01-04T08:00:00Z", "watch_sync", "usage"),
            event("A", "2026-01-05T08:00:00Z", "watch_sync", "usage"),
            event("A", "2026-03-10T08:00:00Z", "watch_sync", "usage"),
            event("A", "2026-04-02T08:00:00Z", "watch_sync", "usage"),
            event("B", "2026-02-01T00:00:00Z", "page_view", "consideration"),
            step("B", "2026-02-01T06:00:00Z", "purchase", "purchase", "transactions"),
            event("B", "2026-02-01T06:00:00Z", "page_view", "consideration"),
            event("B", "2026-02-02T00:00:00Z", "watch_sync", "usage"),
            event("B", "2026-02-03T00:00:00Z", "setup_started", "onboarding"),
            event("B", "2026-02-04T00:00:00Z", "watch_sync", "usage"),
            step("B", "2026-03-10T00:00:00Z", "churn", "exit", "churn"),
            event("C", "2026-01-10T09:00:00Z", "social_click", "awareness"),
            event("C", "2026-01-11T09:00:00Z", "page_view", "consideration"),
            step("C", "2026-01-20T00:00:00Z", "churn", "exit", "churn"),
            event("D", "2026-03-01T09:00:00Z", "social_click", "awareness"),
            event("D", "2026-03-02T08:00:00Z", "page_view", "consideration"),
            step("D", "2026-03-03T06:00:00Z", "purchase", "purchase", "transactions"),
            event("D", "2026-03-03T18:00:00Z", "setup_completed", "onboarding"),
            event("D", "2026-03-04T08:00:00Z", "watch_sync", "usage"));
    timelines = Timelines.timelines(spark.createDataFrame(steps, Journeys.STEPS)).cache();

    StructType journeySchema =
        new StructType()
            .add("customer_id", DataTypes.StringType)
            .add("signed_up_at", DataTypes.TimestampType)
            .add("first_purchase_at", DataTypes.TimestampType)
            .add("last_usage_at", DataTypes.TimestampType)
            .add("usage_event_count", DataTypes.LongType)
            .add("is_abandoned", DataTypes.BooleanType);
    journeys =
        spark.createDataFrame(
            List.of(
                RowFactory.create("A", at("2026-01-01T00:00:00Z"), at("2026-01-03T10:00:00Z"), at("2026-04-02T08:00:00Z"), 4L, true),
                RowFactory.create("B", at("2026-02-01T00:00:00Z"), at("2026-02-01T06:00:00Z"), at("2026-02-04T00:00:00Z"), 2L, true),
                RowFactory.create("C", at("2026-01-10T00:00:00Z"), null, null, 0L, false),
                RowFactory.create("D", at("2026-03-01T00:00:00Z"), at("2026-03-03T06:00:00Z"), at("2026-03-04T08:00:00Z"), 1L, true),
                RowFactory.create("E", at("2026-06-01T00:00:00Z"), null, null, 0L, false)),
            journeySchema);

    visits = Timelines.visits(timelines).cache();
    transitions =
        Transitions.transitions(Transitions.edges(visits)).collectAsList().stream()
            .collect(Collectors.toMap(r -> r.getString(0) + "->" + r.getString(1), r -> r));
  }

  @Test
  void tablesMatchTheirSchemas() {
    assertThat(timelines.schema().fieldNames()).as("timelines").containsExactly(Timelines.TIMELINES.fieldNames());
    assertThat(visits.schema().fieldNames()).as("visits").containsExactly(Timelines.VISITS.fieldNames());
    Dataset<Row> edges = Transitions.edges(visits);
    assertThat(Transitions.transitions(edges).schema().fieldNames()).containsExactly(Transitions.TRANSITIONS.fieldNames());
    assertThat(Loops.loops(edges).schema().fieldNames()).containsExactly(Loops.LOOPS.fieldNames());
    assertThat(Retention.lifecycle(journeys, timelines, RUN_DATE).schema().fieldNames())
        .containsExactly(Retention.LIFECYCLE.fieldNames());
    assertThat(Gaps.journeyGaps(timelines, 30).schema().fieldNames()).containsExactly(Gaps.JOURNEY_GAPS.fieldNames());
  }

  @Test
  void stepIndexBreaksTiesByPhaseRank() {
    List<Row> b =
        timelines.where(col("customer_id").equalTo("B")).orderBy("step_index").select("step_index", "touchpoint").collectAsList();
    assertThat(b.stream().map(r -> r.getInt(0) + ":" + r.getString(1)).toList())
        .as("the 06:00 page view (consideration) comes before the 06:00 purchase")
        .containsExactly("1:page_view", "2:page_view", "3:purchase", "4:watch_sync", "5:setup_started", "6:watch_sync", "7:churn");
    assertThat(visits.where(col("customer_id").equalTo("A")).count()).as("A's four syncs are one usage visit").isEqualTo(5);
  }

  @Test
  void transitionsCollapseRepeatsAndAddStartAndEnd() {
    Map<String, Long> occurrences =
        transitions.entrySet().stream().collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().getLong(3)));
    assertThat(occurrences)
        .as("directly-follows edges over visits")
        .containsExactlyInAnyOrderEntriesOf(Map.ofEntries(
            Map.entry("start->awareness", 3L),
            Map.entry("start->consideration", 1L),
            Map.entry("awareness->consideration", 3L),
            Map.entry("consideration->purchase", 3L),
            Map.entry("consideration->exit", 1L),
            Map.entry("purchase->onboarding", 2L),
            Map.entry("purchase->usage", 1L),
            Map.entry("onboarding->usage", 3L),
            Map.entry("usage->onboarding", 1L),
            Map.entry("usage->end", 2L),
            Map.entry("usage->exit", 1L),
            Map.entry("exit->end", 2L)));
    Row purchaseOnboarding = transitions.get("purchase->onboarding");
    assertThat(purchaseOnboarding.getLong(2)).as("customers A and D").isEqualTo(2);
    assertThat(purchaseOnboarding.getDouble(4)).as("median of 2 h (A) and 12 h (D)").isCloseTo(7.0, within(1e-9));
    assertThat(purchaseOnboarding.getDouble(5)).as("p90 = 2 + 0.9 × 10").isCloseTo(11.0, within(1e-9));
    Row considerationPurchase = transitions.get("consideration->purchase");
    assertThat(considerationPurchase.getDouble(4)).as("median of 0 h (B), 22 h (D), 25 h (A)").isCloseTo(22.0, within(1e-9));
    assertThat(considerationPurchase.getDouble(5)).as("p90 = 22 + 0.8 × 3").isCloseTo(24.4, within(1e-9));
    assertThat(transitions.get("start->awareness").isNullAt(4)).as("no time on start edges").isTrue();
  }

  @Test
  void everyPhaseHasAsManyOccurrencesInAsOut() {
    Map<String, Long> in = new HashMap<>();
    Map<String, Long> out = new HashMap<>();
    for (Row r : transitions.values()) {
      out.merge(r.getString(0), r.getLong(3), Long::sum);
      in.merge(r.getString(1), r.getLong(3), Long::sum);
    }
    assertThat(out.get(Transitions.START)).as("one start per customer with a step").isEqualTo(4L);
    assertThat(in.get(Transitions.END)).as("one end per customer with a step").isEqualTo(4L);
    for (String phase : PhaseMap.defaults().phases()) {
      assertThat(in.getOrDefault(phase, 0L)).as("flow into and out of " + phase).isEqualTo(out.getOrDefault(phase, 0L));
    }
  }

  @Test
  void loopsAreBackSteps() {
    List<Row> loops = Loops.loops(Transitions.edges(visits)).collectAsList();
    assertThat(loops).as("only B went back, from usage to onboarding, once").hasSize(1);
    assertThat(loops.get(0).toString()).isEqualTo("[usage,onboarding,1,1]");
  }

  @Test
  void variantsAddUpToAllJourneysWithTheRestInOther() {
    Dataset<Row> perCustomer = Variants.customerVariants(journeys, visits);
    Map<String, Long> all =
        Variants.variants(perCustomer, 10).collectAsList().stream()
            .collect(Collectors.toMap(r -> r.getString(1), r -> r.getLong(3)));
    assertThat(all)
        .as("every distinct variant when top N is large")
        .containsExactlyInAnyOrderEntriesOf(Map.of(
            A_VARIANT, 2L, B_VARIANT, 1L, "awareness > consideration > exit", 1L, Variants.NO_STEPS, 1L));

    List<Row> top1 = Variants.variants(perCustomer, 1).orderBy("variant_rank").collectAsList();
    assertThat(top1).hasSize(2);
    assertThat(top1.get(0).getString(1)).isEqualTo(A_VARIANT);
    assertThat(top1.get(0).getInt(2)).as("phase_count").isEqualTo(5);
    assertThat(top1.get(0).getDouble(4)).as("share").isCloseTo(0.4, within(1e-9));
    assertThat(top1.get(1).getString(1)).isEqualTo(Variants.OTHER);
    assertThat(top1.get(1).getBoolean(5)).as("is_other").isTrue();
    assertThat(top1.stream().mapToLong(r -> r.getLong(3)).sum()).as("sum of customer_count = journeys").isEqualTo(5);
    assertThat(top1.stream().mapToDouble(r -> r.getDouble(4)).sum()).as("shares sum to 1").isCloseTo(1.0, within(1e-9));
  }

  @Test
  void funnelReconcilesWithTransitions() {
    List<String> steps = Funnels.defaultSteps(PhaseMap.defaults()).subList(0, 5);
    assertThat(steps).containsExactly("awareness", "consideration", "purchase", "onboarding", "usage");
    List<Row> funnel = Funnels.funnel(timelines, steps, 365, List.of(PhaseMap.EXIT)).orderBy("funnel_step").collectAsList();
    assertThat(funnel.stream().map(r -> r.getLong(2)).toList()).as("reached: B never in awareness, C stops").containsExactly(3L, 3L, 2L, 2L, 2L);
    assertThat(funnel.stream().map(r -> r.getLong(3)).toList()).as("dropped").containsExactly(0L, 1L, 0L, 0L, 0L);
    long awarenessCustomers = timelines.where(col("phase").equalTo("awareness")).select("customer_id").distinct().count();
    assertThat(funnel.get(0).getLong(2)).as("step 1 = customers ever in awareness").isEqualTo(awarenessCustomers);
    assertThat(funnel.get(0).getLong(2)).as("= customers on start→awareness").isEqualTo(transitions.get("start->awareness").getLong(2));
    for (int k = 1; k < funnel.size(); k++) {
      assertThat(funnel.get(k).getLong(2)).as("reached never grows").isLessThanOrEqualTo(funnel.get(k - 1).getLong(2));
    }
    assertThat(funnel.stream().mapToLong(r -> r.getLong(3)).sum())
        .as("dropped sums to entered − completed")
        .isEqualTo(funnel.get(0).getLong(2) - funnel.get(4).getLong(2));
    assertThat(funnel.get(2).getDouble(4)).as("conversion consideration → purchase").isCloseTo(2.0 / 3, within(1e-9));
  }

  @Test
  void funnelWindowAndExclusionsStopProgress() {
    List<String> steps = List.of("awareness", "consideration", "purchase", "onboarding", "usage");
    List<Long> oneDay =
        Funnels.funnel(timelines, steps, 1, List.of()).orderBy("funnel_step").collectAsList().stream().map(r -> r.getLong(2)).toList();
    assertThat(oneDay).as("considerations within 24 h count (A at exactly 24 h); purchases all come later").containsExactly(3L, 3L, 0L, 0L, 0L);

    List<Long> noOnboarding =
        Funnels.funnel(timelines, List.of("consideration", "purchase", "usage"), 365, List.of("onboarding"))
            .orderBy("funnel_step").collectAsList().stream().map(r -> r.getLong(2)).toList();
    assertThat(noOnboarding).as("A and D set up before using; only B used the watch before setting up").containsExactly(4L, 3L, 1L);
  }

  @Test
  void retentionCountsCohortsAndLifecycleBuckets() {
    Dataset<Row> lifecycle = Retention.lifecycle(journeys, timelines, RUN_DATE).cache();
    Map<String, String> a =
        lifecycle.where(col("customer_id").equalTo("A")).collectAsList().stream()
            .collect(Collectors.toMap(r -> r.getDate(2).toString(), r -> r.getString(5)));
    assertThat(a)
        .as("A: active Jan, Mar, Apr")
        .containsExactlyInAnyOrderEntriesOf(Map.of(
            "2026-01-01", "new", "2026-02-01", "dormant", "2026-03-01", "resurrecting",
            "2026-04-01", "returning", "2026-05-01", "dormant", "2026-06-01", "dormant"));
    Map<String, Row> retention =
        Retention.retention(lifecycle).collectAsList().stream()
            .collect(Collectors.toMap(r -> r.getDate(0) + "+" + r.getInt(1), r -> r));
    assertThat(retention).as("6 + 5 + 4 + 1 cohort months").hasSize(16);
    Row janM2 = retention.get("2026-01-01+2");
    assertThat(janM2.getLong(2)).as("cohort size A, C").isEqualTo(2);
    assertThat(janM2.getLong(3)).as("only A active in March").isEqualTo(1);
    assertThat(janM2.getDouble(4)).isCloseTo(0.5, within(1e-9));
    assertThat(janM2.getLong(7)).as("resurrecting").isEqualTo(1);
    assertThat(retention.get("2026-02-01+1").getLong(3)).as("B's churn in March is not activity").isZero();
    assertThat(retention.get("2026-06-01+0").getLong(8)).as("E never active: dormant").isEqualTo(1);
    long allRows = 0;
    for (Row r : retention.values()) {
      assertThat(r.getLong(5) + r.getLong(6) + r.getLong(7) + r.getLong(8)).as("buckets partition the cohort").isEqualTo(r.getLong(2));
      allRows += r.getLong(2);
    }
    assertThat(allRows).isEqualTo(lifecycle.count());
    lifecycle.unpersist();
  }

  @Test
  void longSilencesAreGroupedByTheirPhases() {
    Map<String, Row> gaps30 =
        Gaps.journeyGaps(timelines, 30).collectAsList().stream()
            .collect(Collectors.toMap(r -> r.getString(0) + "->" + r.getString(1), r -> r));
    assertThat(gaps30.keySet()).containsExactlyInAnyOrder("usage->usage", "usage->exit");
    assertThat(gaps30.get("usage->usage").getDouble(4)).as("A: Jan 5 → Mar 10").isCloseTo(64.0, within(1e-9));
    assertThat(gaps30.get("usage->exit").getDouble(4)).as("B: Feb 4 → Mar 10").isCloseTo(34.0, within(1e-9));
    Row usage20 = Gaps.journeyGaps(timelines, 20).where(col("from_phase").equalTo("usage").and(col("to_phase").equalTo("usage"))).first();
    assertThat(usage20.getLong(3)).as("A's 64- and 23-day silences").isEqualTo(2);
    assertThat(usage20.getLong(2)).as("one customer").isEqualTo(1);
    assertThat(usage20.getDouble(4)).isCloseTo(43.5, within(1e-9));
  }

  private static final StructType SEGMENTS =
      new StructType()
          .add("segment_id", DataTypes.StringType)
          .add("interview_id", DataTypes.StringType)
          .add("customer_id", DataTypes.StringType)
          .add("theme_ids", DataTypes.createArrayType(DataTypes.StringType))
          .add("phase_ids", DataTypes.createArrayType(DataTypes.StringType))
          .add("touchpoint_ids", DataTypes.createArrayType(DataTypes.StringType))
          .add("negated_code_ids", DataTypes.createArrayType(DataTypes.StringType))
          .add("duration_days", DataTypes.IntegerType);

  private static Row segment(String id, String interview, List<String> themes, List<String> phases, List<String> touchpoints, List<String> negated, Integer days) {
    return RowFactory.create(id, interview, null, themes, phases, touchpoints, negated, days);
  }

  private static Dataset<Row> segments() {
    List<String> none = List.of();
    return spark.createDataFrame(
        List.of(
            segment("s1", "I1", none, none, List.of("website", "word_of_mouth"), none, null),
            segment("s2", "I1", none, none, List.of("phone"), List.of("phone"), null),
            segment("s3", "I2", none, none, List.of("website", "retailer", "email"), none, null),
            segment("s4", "I1", List.of("product_abandonment"), List.of("usage"), none, none, 60),
            segment("s5", "I3", none, List.of("usage"), none, none, null),
            segment("s6", "I4", List.of("product_abandonment"), none, none, List.of("product_abandonment"), null),
            segment("s7", "I5", List.of("price_value"), none, none, none, null)),
        SEGMENTS);
  }

  @Test
  void touchpointsWithoutALogAreUncovered() {
    StructType channelSchema = new StructType().add("channel", DataTypes.StringType);
    Dataset<Row> events = spark.createDataFrame(List.of(RowFactory.create("web"), RowFactory.create("web"), RowFactory.create("device")), channelSchema);
    Dataset<Row> transactions = spark.createDataFrame(List.of(RowFactory.create("store")), channelSchema);
    Map<String, String> coverage =
        Gaps.touchpointCoverage(segments(), events, transactions).collectAsList().stream()
            .collect(Collectors.toMap(r -> r.getString(0), r -> r.mkString("|")));
    assertThat(coverage)
        .as("touchpoint|channel|interviews|segments|log rows|covered; the negated phone mention is not a mention")
        .containsExactlyInAnyOrderEntriesOf(Map.of(
            "website", "website|web|2|2|2|true",
            "word_of_mouth", "word_of_mouth|null|1|1|0|false",
            "retailer", "retailer|null|1|1|0|false",
            "email", "email|email|1|1|0|false"));
  }

  @Test
  void sayDoComparesStatementsWithOwnLogs() {
    StructType interviewSchema = new StructType().add("interview_id", DataTypes.StringType).add("customer_id", DataTypes.StringType);
    List<Row> interviewRows = new ArrayList<>();
    for (String[] pair : new String[][] {{"I1", "A"}, {"I2", null}, {"I3", "B"}, {"I4", "E"}, {"I5", "C"}}) {
      interviewRows.add(RowFactory.create(pair[0], pair[1]));
    }
    Dataset<Row> sayDo = SayDo.sayDo(spark.createDataFrame(interviewRows, interviewSchema), segments(), journeys);
    assertThat(sayDo.schema().fieldNames()).containsExactly(SayDo.SAY_DO.fieldNames());
    Map<String, Row> byCustomer =
        sayDo.collectAsList().stream().collect(Collectors.toMap(r -> r.getString(0), r -> r));
    assertThat(byCustomer.keySet()).as("only linked interviewees").containsExactlyInAnyOrder("A", "B", "C", "E");
    Row a = byCustomer.get("A");
    assertThat(a.getString(a.fieldIndex("said"))).isEqualTo(SayDo.SAID_STOPPED);
    assertThat(a.getInt(a.fieldIndex("said_after_days"))).isEqualTo(60);
    assertThat(a.getInt(a.fieldIndex("used_days"))).as("Jan 3 → Apr 2").isEqualTo(89);
    assertThat(a.getString(a.fieldIndex("verdict"))).as("said stopped, logs stopped").isEqualTo(SayDo.AGREES);
    Row b = byCustomer.get("B");
    assertThat(b.getString(b.fieldIndex("said"))).isEqualTo(SayDo.SAID_KEPT_USING);
    assertThat(b.getString(b.fieldIndex("verdict"))).as("said kept using, logs went silent").isEqualTo(SayDo.CONTRADICTS);
    assertThat(byCustomer.get("C").getString(11)).as("price talk only").isEqualTo(SayDo.NO_STATEMENT);
    Row e = byCustomer.get("E");
    assertThat(e.getString(e.fieldIndex("said"))).as("a negated abandonment: I never stopped").isEqualTo(SayDo.SAID_KEPT_USING);
    assertThat(e.getString(e.fieldIndex("verdict"))).isEqualTo(SayDo.NO_LOGS);
  }
}
