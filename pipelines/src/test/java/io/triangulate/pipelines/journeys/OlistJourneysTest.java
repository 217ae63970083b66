package io.triangulate.pipelines.journeys;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.triangulate.pipelines.SparkTestBase;
import io.triangulate.pipelines.adapters.Adapters;
import io.triangulate.pipelines.generate.LandingFiles;
import io.triangulate.pipelines.journeys.PlainJourneys.Edge;
import io.triangulate.pipelines.journeys.PlainJourneys.Step;
import io.triangulate.pipelines.lake.Lake;
import io.triangulate.pipelines.lake.LakeTable;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Journeys on the Olist marketing funnel (lead first contact → closed deal): the files go through
 * {@code ingest --adapter olist} and {@code journeys --preset olist} into one lake; every expected
 * value is computed here from the raw CSV files with plain Java. Skips when ../shared/data is absent.
 */
class OlistJourneysTest extends SparkTestBase {
  private static final LocalDate RUN_DATE = LocalDate.of(2018, 12, 31);
  private static final ZoneId SAO_PAULO = ZoneId.of("America/Sao_Paulo");

  @TempDir static Path lakeDir;
  private static Lake lake;
  /** Leads with an origin (the 60 without one are quarantined by ingest): mql_id → first contact. */
  private static final Map<String, Instant> leads = new HashMap<>();
  private static final Map<String, String> origins = new HashMap<>();
  /** Closed deals: mql_id → won at. */
  private static final Map<String, Instant> deals = new HashMap<>();

  @BeforeAll
  static void runJourneys() {
    Path dir = PlainJourneys.sharedData("olist_marketing_funnel", "OlistJourneysTest");
    DateTimeFormatter contactDay = DateTimeFormatter.ofPattern("dd-MM-yyyy");
    DateTimeFormatter wonAt = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");
    for (Map<String, String> lead : LandingFiles.readCsv(dir.resolve("olist_marketing_qualified_leads_dataset.csv")).rows()) {
      String origin = lead.get("origin");
      if (origin == null || origin.isBlank()) {
        continue;
      }
      String id = lead.get("mql_id");
      leads.put(id, LocalDate.parse(lead.get("first_contact_date"), contactDay).atStartOfDay(SAO_PAULO).toInstant());
      origins.put(id, origin);
    }
    for (Map<String, String> deal : LandingFiles.readCsv(dir.resolve("olist_closed_deals_dataset.csv")).rows()) {
      deals.put(deal.get("mql_id"), LocalDateTime.parse(deal.get("won_date"), wonAt).atZone(SAO_PAULO).toInstant());
    }

    lake = new Lake(lakeDir.toString());
    Adapters.run(spark, lake, Adapters.named("olist"), dir.toString(), LocalDate.of(2026, 7, 2), "run-olist");
    Journeys.run(spark, lake, RUN_DATE, JourneyPreset.named(JourneyPreset.OLIST));
  }

  private static Map<String, List<Step>> steps() {
    Map<String, List<Step>> steps = new HashMap<>();
    leads.forEach((id, at) -> steps.computeIfAbsent(id, k -> new ArrayList<>()).add(new Step(at, "consideration", 2)));
    deals.forEach((id, at) -> steps.computeIfAbsent(id, k -> new ArrayList<>()).add(new Step(at, "purchase", 3)));
    return steps;
  }

  @Test
  void transitionsAndVariantsFollowLeadsToDeals() {
    Map<String, List<Step>> steps = steps();
    assertThat(lake.read(spark, LakeTable.GOLD_JOURNEYS).count())
        .as("journeys: leads with an origin and closed deals, each mql_id once").isEqualTo(steps.size());

    Map<String, Edge> expected = PlainJourneys.transitions(steps);
    PlainJourneys.assertTransitions(expected, lake.read(spark, LakeTable.GOLD_TRANSITIONS).collectAsList());

    Map<String, Long> variants = new TreeMap<>();
    steps.values().forEach(list -> {
      List<String> phases = new ArrayList<>();
      for (Step s : PlainJourneys.sorted(list)) {
        if (phases.isEmpty() || !phases.get(phases.size() - 1).equals(s.phase())) {
          phases.add(s.phase());
        }
      }
      variants.merge(String.join(Variants.SEPARATOR, phases), 1L, Long::sum);
    });
    Map<String, Long> actualVariants = new TreeMap<>();
    for (Row r : lake.read(spark, LakeTable.GOLD_VARIANTS).collectAsList()) {
      actualVariants.put(r.getAs("variant"), r.getAs("customer_count"));
    }
    assertThat(actualVariants).as("variants (fewer than the top 20, so no other row)").isEqualTo(variants);
    System.out.println("Olist variants: " + variants + "; edges: " + expected.keySet());
  }

  @Test
  void funnelAndConversionByLeadOrigin() {
    // Funnel: a lead's first contact → a deal won at or after it, within 365 days (milliseconds).
    long converted =
        leads.entrySet().stream()
            .filter(e -> deals.containsKey(e.getKey()))
            .filter(e -> {
              Duration d = Duration.between(e.getValue(), deals.get(e.getKey()));
              return !d.isNegative() && d.compareTo(Duration.ofDays(365)) <= 0;
            })
            .count();
    List<Row> funnel = lake.read(spark, LakeTable.GOLD_FUNNEL).orderBy("funnel_step").collectAsList();
    assertThat(funnel).as("funnel steps").hasSize(2);
    assertThat(funnel.get(0).<Long>getAs("reached_count")).as("leads").isEqualTo(leads.size());
    assertThat(funnel.get(1).<Long>getAs("reached_count")).as("leads closed within a year").isEqualTo(converted);
    assertThat(funnel.get(1).<Double>getAs("conversion_from_start"))
        .isCloseTo((double) converted / leads.size(), within(1e-12));

    // Breakdown by a customer column: the lead's origin (silver attributes) joined to gold/journeys.
    Map<String, long[]> expected = new TreeMap<>();
    origins.forEach((id, origin) -> {
      long[] c = expected.computeIfAbsent(origin, k -> new long[2]);
      c[0]++;
      c[1] += deals.containsKey(id) ? 1 : 0;
    });
    Map<String, long[]> actual = new TreeMap<>();
    lake.read(spark, LakeTable.SILVER_CHANNEL_EVENTS)
        .where(col("event_type").equalTo("lead_first_contact"))
        .select(col("customer_id"), col("attributes").getItem("origin").as("origin"))
        .join(lake.read(spark, LakeTable.GOLD_JOURNEYS), "customer_id")
        .groupBy("origin")
        .agg(count("customer_id"), sum(when(col("first_purchase_at").isNotNull(), 1L).otherwise(0L)))
        .collectAsList()
        .forEach(r -> actual.put(r.getString(0), new long[] {r.getLong(1), r.getLong(2)}));
    assertThat(actual.keySet()).as("origins").isEqualTo(expected.keySet());
    StringBuilder out = new StringBuilder("Olist conversion by origin (leads, deals):");
    expected.forEach((origin, c) -> {
      assertThat(actual.get(origin)).as("%s: leads, closed deals", origin).containsExactly(c);
      out.append(' ').append(origin).append('=').append(c[0]).append('/').append(c[1]);
    });
    System.out.println(out + "; funnel " + leads.size() + " -> " + converted);
  }

  @Test
  void everyJourneyTableIsWrittenAndTheInterviewTablesAreEmpty() {
    PlainJourneys.assertEveryJourneyTableWithoutInterviews(spark, lake);
  }
}
