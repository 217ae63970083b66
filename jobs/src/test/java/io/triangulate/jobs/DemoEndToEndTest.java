package io.triangulate.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.triangulate.pipelines.claims.ClaimSpec;
import io.triangulate.pipelines.claims.ClaimSpecs;
import io.triangulate.pipelines.claims.Discover;
import io.triangulate.pipelines.lake.Lake;
import io.triangulate.pipelines.lake.LakeTable;
import io.triangulate.pipelines.spark.Sparks;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * Runs `triangulate demo` on a small world and checks the verdicts against what the generator
 * planted (its ground_truth.json), never against report text; then reruns the nightly and checks
 * every lake table is unchanged; finally checks that an error-level quality failure stops a nightly.
 */
@Tag("models")
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DemoEndToEndTest {
  private static final String DATE = "2026-06-30";
  @TempDir static Path lakeDir;
  private static SparkSession spark;
  private static Lake lake;
  private static int demoExitCode;

  @BeforeAll
  static void runDemo() {
    spark = SparkSession.builder().config(Sparks.testConf()).getOrCreate();
    lake = new Lake(lakeDir.toString());
    demoExitCode =
        new CommandLine(new DemoJob())
            .execute("--lake", lakeDir.toString(), "--customers", "6000", "--date", DATE, "--seed", "7");
  }

  @AfterAll
  static void stopSpark() {
    spark.stop();
  }

  private static JsonNode groundTruth() throws IOException {
    return new ObjectMapper().readTree(lakeDir.resolve("landing/_ground_truth/" + DATE + "/ground_truth.json").toFile());
  }

  private static Map<String, Row> claimResults() {
    Map<String, Row> byId = new HashMap<>();
    lake.read(spark, LakeTable.GOLD_CLAIM_RESULTS).where("run_date = '" + DATE + "'").collectAsList()
        .forEach(r -> byId.put(r.getAs("claim_id"), r));
    return byId;
  }

  @Test
  @Order(1)
  void demoSucceedsAndWritesTheReport() {
    assertThat(demoExitCode).as("demo exit code").isZero();
    assertThat(lakeDir.resolve("reports/" + DATE + "/index.html")).as("report file").isNotEmptyFile();
  }

  @Test
  @Order(2)
  void plantedVerdictsAreRecovered() throws IOException {
    Map<String, Row> results = claimResults();
    JsonNode planted = groundTruth().get("planted");
    assertThat(planted).as("ground truth lists the planted patterns").hasSizeGreaterThanOrEqualTo(3);
    for (JsonNode truth : planted) {
      String id = truth.get("claim_id").asText();
      Row result = results.get(id);
      assertThat(result).as("claim %s was validated", id).isNotNull();
      assertThat(result.<String>getAs("verdict"))
          .as("verdict of %s (%s)", id, result.<String>getAs("verdict_reason"))
          .isEqualTo(truth.get("expected_verdict").asText());
      double trueRate = truth.get("true_rate").asDouble();
      assertThat(trueRate)
          .as("planted rate of %s lies within the engine's 95%% interval (widened by 0.01)", id)
          .isBetween(result.<Double>getAs("base_ci_low") - 0.01, result.<Double>getAs("base_ci_high") + 0.01);
    }
  }

  @Test
  @Order(3)
  void segmentOnlyEffectIsFoundInItsSegment() throws IOException {
    for (JsonNode truth : groundTruth().get("planted")) {
      if (truth.get("segment") == null || truth.get("segment").isNull()) {
        continue;
      }
      String id = truth.get("claim_id").asText();
      String[] segment = truth.get("segment").asText().split("=", 2);
      Row row =
          lake.read(spark, LakeTable.GOLD_SEGMENT_RESULTS)
              .where(String.format("run_date = '%s' AND claim_id = '%s' AND segment_column = '%s' AND segment_value = '%s'",
                  DATE, id, segment[0], segment[1]))
              .first();
      assertThat(row.<String>getAs("verdict")).as("%s in segment %s", id, truth.get("segment").asText()).isEqualTo("supported");
      assertThat(claimResults().get(id).<String>getList(claimResults().get(id).fieldIndex("supported_segments")))
          .as("claim result names the segment where it holds")
          .contains(truth.get("segment").asText());
    }
  }

  @Test
  @Order(4)
  void interviewEvidenceComesFromCodedTranscripts() {
    for (Row result : claimResults().values()) {
      String id = result.getAs("claim_id");
      assertThat(result.<Long>getAs("interview_n")).as("interviews counted for %s", id).isGreaterThanOrEqualTo(15);
      assertThat(result.<Long>getAs("interview_k")).as("interviewees voicing %s", id).isPositive();
      assertThat(result.<String>getList(result.fieldIndex("quotes"))).as("quotes for %s", id).isNotEmpty();
    }
  }

  @Test
  @Order(4)
  void discoverProposesTheWatchAbandonmentHeardWithDurationsAsLoadableClaims() {
    // The generator has abandoners say when they stopped ("after about five months").
    List<Row> proposed = lake.read(spark, LakeTable.GOLD_PROPOSED_CLAIMS).where("run_date = '" + DATE + "'").collectAsList();
    assertThat(proposed).extracting(r -> r.<String>getAs("outcome_code")).as("proposals by theme").contains("product_abandonment");
    List<ClaimSpec> files = ClaimSpecs.loadFolder(lakeDir.resolve("reports/" + DATE + "/" + Discover.PROPOSED_CLAIMS_DIR));
    assertThat(files).extracting(ClaimSpec::id).as("one loadable claim file per gold/proposed_claims row")
        .containsExactlyInAnyOrderElementsOf(proposed.stream().map(r -> r.<String>getAs("claim_id")).toList());
    assertThat(lake.read(spark, LakeTable.GOLD_DISCOVERIES).where("run_date = '" + DATE + "'").count())
        .as("discoveries written by the discover stage").isPositive();
  }

  @Test
  @Order(5)
  void rerunningTheNightlyLeavesIdenticalTables() throws IOException {
    Map<String, List<String>> before = snapshot();
    int code = new CommandLine(new NightlyJob()).execute("--lake", lakeDir.toString(), "--date", DATE);
    assertThat(code).as("second nightly exit code").isZero();
    Map<String, List<String>> after = snapshot();
    assertThat(after.keySet()).as("same tables").isEqualTo(before.keySet());
    for (String table : before.keySet()) {
      assertThat(after.get(table)).as("rows of %s after a rerun", table).isEqualTo(before.get(table));
    }
    assertRunsLogged();
  }

  /** The demo and the rerun each logged their seven stages (one run id each), all succeeded. */
  private static void assertRunsLogged() {
    List<Row> runs = lake.read(spark, LakeTable.GOLD_RUNS).collectAsList();
    assertThat(runs.stream().map(r -> r.<String>getAs("run_id")).distinct().count()).as("run ids in gold/runs").isEqualTo(2);
    assertThat(runs.stream().map(r -> r.<String>getAs("stage")).filter("journeys"::equals).count())
        .as("journeys rows in gold/runs").isEqualTo(2);
    assertThat(runs.stream().map(r -> r.<String>getAs("stage")).filter("discover"::equals).count())
        .as("discover rows in gold/runs").isEqualTo(2);
    assertThat(runs).as("rows in gold/runs").hasSize(14)
        .allSatisfy(r -> assertThat(r.<String>getAs("status")).as("status of %s", r.<String>getAs("stage")).isEqualTo("succeeded"));
    Row journeys = runs.stream().filter(r -> "journeys".equals(r.getAs("stage"))).findFirst().orElseThrow();
    assertThat(journeys.<Long>getAs("rows_out")).as("journeys rows_out = customers").isEqualTo(6000L);
  }

  @Test
  @Order(6)
  void errorLevelQualityFailureStopsTheNightly(@TempDir Path dir) throws IOException {
    String nextDay = "2026-07-01"; // no landing files: ingest and code-interviews have nothing new
    Path checks = Files.writeString(dir.resolve("checks.yaml"), """
        checks:
          - {id: tenure_below_a_day, table: gold/journeys, kind: range, column: tenure_days, max: 1, severity: error, description: fails}
          - {id: regions_complete, table: silver/customers, kind: completeness, column: region, severity: warn, description: passes}
        """);
    Path config = Files.writeString(dir.resolve("triangulate.yaml"), "quality:\n  checks: checks.yaml\n");
    int code = new CommandLine(new NightlyJob()).execute("--lake", lakeDir.toString(), "--date", nextDay, "--config", config.toString());
    assertThat(code).as("nightly exit code when an error-level check fails").isEqualTo(StageJob.EXIT_QUALITY_GATE);
    List<Row> runs = lake.read(spark, LakeTable.GOLD_RUNS).where("run_date = '" + nextDay + "'").collectAsList();
    assertThat(runs).as("stages run for %s", nextDay).extracting(r -> r.<String>getAs("stage"))
        .contains("journeys", "quality_gate").doesNotContain("validate", "report");
    Row gate = runs.stream().filter(r -> "quality_gate".equals(r.getAs("stage"))).findFirst().orElseThrow();
    assertThat(gate.<String>getAs("status")).as("quality_gate status in gold/runs").isEqualTo("failed");
    assertThat(gate.<String>getAs("error")).as("the error lists the failed check")
        .contains("gold/journeys tenure_below_a_day: maximum").contains("vs ≤ 1");
    List<Row> quality = lake.read(spark, LakeTable.GOLD_DATA_QUALITY).where("as_of_date = '" + nextDay + "'").collectAsList();
    assertThat(quality).as("gold/data_quality rows written before stopping").extracting(r -> r.<String>getAs("status"))
        .containsExactlyInAnyOrder("failed", "passed");
  }

  /**
   * Every Delta table in the lake, as its rows rendered to sorted strings, except gold/runs: that is
   * the append-only run log, where a rerun adds its own rows by design (checked separately below).
   * gold/data_quality is compared without run_id and checked_at, which say which run wrote the rows.
   */
  private static Map<String, List<String>> snapshot() throws IOException {
    Map<String, List<String>> tables = new HashMap<>();
    List<Path> roots = new ArrayList<>();
    try (Stream<Path> paths = Files.walk(lakeDir)) {
      paths.filter(p -> p.getFileName().toString().equals("_delta_log")).forEach(p -> roots.add(p.getParent()));
    }
    for (Path table : roots) {
      if (lakeDir.relativize(table).toString().equals(LakeTable.GOLD_RUNS.toString())) {
        continue;
      }
      Dataset<Row> rows = spark.read().format("delta").load(table.toString());
      if (lakeDir.relativize(table).toString().equals(LakeTable.GOLD_DATA_QUALITY.toString())) {
        rows = rows.drop("run_id", "checked_at");
      }
      List<String> rendered = new ArrayList<>(rows.toJSON().collectAsList());
      rendered.sort(null);
      tables.put(lakeDir.relativize(table).toString(), rendered);
    }
    assertThat(tables).as("lake tables found").hasSizeGreaterThanOrEqualTo(10);
    return tables;
  }
}
