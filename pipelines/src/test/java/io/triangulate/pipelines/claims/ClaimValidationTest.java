package io.triangulate.pipelines.claims;

import static io.triangulate.pipelines.claims.ClaimFixtures.OBSERVED_UNTIL;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.triangulate.pipelines.SparkTestBase;
import io.triangulate.pipelines.claims.ClaimValidation.Results;
import io.triangulate.pipelines.lake.Lake;
import io.triangulate.pipelines.lake.LakeTable;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.functions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Verdicts on {@link ValidationWorld}, where every number can be worked out by hand. */
class ClaimValidationTest extends SparkTestBase {
  @TempDir Path dir;

  /** Evaluated once per class: the machine is shared and the answers do not change between tests. */
  private static Results results;

  private Results evaluate() {
    if (results == null) {
      results = evaluateOnce(dir);
    }
    return results;
  }

  private static Results evaluateOnce(Path dir) {
    List<ClaimSpec> specs = ClaimSpecs.loadFolder(ValidationWorld.writeClaims(dir.resolve("claims")));
    return ClaimValidation.evaluate(spark, specs,
        ClaimFixtures.journeys(spark, ValidationWorld.journeys()),
        ClaimFixtures.transactions(spark, List.of()),
        ClaimFixtures.events(spark, List.of()),
        ClaimFixtures.interviews(spark, ValidationWorld.interviews()),
        ClaimFixtures.segments(spark, ValidationWorld.codedSegments()),
        OBSERVED_UNTIL);
  }

  private static Map<String, Row> byClaim(List<Row> rows) {
    return rows.stream().collect(Collectors.toMap(r -> r.<String>getAs("claim_id"), Function.identity()));
  }

  @Test
  void eachClaimGetsTheVerdictTheRuleGives() {
    Map<String, Row> claims = byClaim(evaluate().claimResults());

    assertThat(claims.get("year_churn").<String>getAs("verdict")).as("50/100, interval 40%-60% above 30%").isEqualTo("supported");
    assertThat(claims.get("heavy_churn").<String>getAs("verdict")).as("interval below 70%, no segment above").isEqualTo("contradicted");
    assertThat(claims.get("half_churn").<String>getAs("verdict")).as("interval straddles 45%").isEqualTo("inconclusive");
    assertThat(claims.get("store_churn").<String>getAs("verdict")).as("only 15 observed").isEqualTo("inconclusive");
    assertThat(claims.get("store_churn").<String>getAs("verdict_reason")).contains("only 15 customers");
    Row quick = claims.get("quick_churn");
    assertThat(quick.<String>getAs("verdict")).as("base inconclusive, social supported").isEqualTo("holds_in_segments");
    assertThat(quick.getList(quick.fieldIndex("supported_segments"))).containsExactly("acquisition_channel=social");
    assertThat(quick.<String>getAs("verdict_reason")).contains("acquisition_channel=social");
  }

  @Test
  void countsAndIntervalsAreBaseWideOverObservedCustomers() {
    Row quick = byClaim(evaluate().claimResults()).get("quick_churn");

    assertThat(quick.<Long>getAs("population_n")).as("population").isEqualTo(110L);
    assertThat(quick.<Long>getAs("censored_n")).as("late sign-ups").isEqualTo(10L);
    assertThat(quick.<Long>getAs("observed_n")).isEqualTo(100L);
    assertThat(quick.<Long>getAs("event_k")).isEqualTo(20L);
    assertThat(quick.<Double>getAs("base_rate")).isEqualTo(0.2);
    // statsmodels proportion_confint(20, 100, method='wilson')
    assertThat(quick.<Double>getAs("base_ci_low")).isCloseTo(0.1333669333310325, within(1e-8));
    assertThat(quick.<Double>getAs("base_ci_high")).isCloseTo(0.2888291655931589, within(1e-8));
    assertThat(quick.<String>getAs("expectation")).isEqualTo("at least 20%");
    assertThat(quick.<String>getAs("outcome")).contains("90 days");
    assertThat(quick.<String>getAs("spec_hash")).hasSize(64);
  }

  @Test
  void interviewEvidenceNeedsAllCodesNonNegatedInSupportedLanguages() {
    Map<String, Row> claims = byClaim(evaluate().claimResults());
    Row year = claims.get("year_churn");

    assertThat(year.<Long>getAs("interview_n")).as("I6 is not in a supported language").isEqualTo(5L);
    assertThat(year.<Long>getAs("interview_k")).as("I1 and I2; I3 negates exit").isEqualTo(2L);
    // statsmodels proportion_confint(2, 5, method='wilson')
    assertThat(year.<Double>getAs("interview_ci_low")).isCloseTo(0.11762077423264788, within(1e-8));
    assertThat(year.<Double>getAs("interview_ci_high")).isCloseTo(0.7692757187239871, within(1e-8));
    assertThat(year.<Boolean>getAs("is_convergent")).as("50% inside 11.8%-76.9%").isTrue();
    assertThat(year.getList(year.fieldIndex("quote_segment_ids")))
        .as("best segment per interview: both codes first, then evidence interviews, then confidence")
        .containsExactly("s1", "s3", "s4");
    assertThat(year.getList(year.fieldIndex("quotes"))).first().isEqualTo("It was too expensive so I cancelled.");

    Row heavy = claims.get("heavy_churn");
    assertThat(heavy.<Long>getAs("interview_k")).as("nobody mentions product_abandonment").isEqualTo(0L);
    assertThat(heavy.<Boolean>getAs("is_convergent")).as("50% outside 0%-43.4%").isFalse();
    assertThat(heavy.getList(heavy.fieldIndex("quotes"))).isEmpty();
    assertThat(claims.get("half_churn").<Long>getAs("interview_k")).as("social_media in I4").isEqualTo(1L);
  }

  @Test
  void smallSegmentsAreSuppressed() {
    List<Row> segments = evaluate().segmentResults().stream()
        .filter(r -> r.<String>getAs("claim_id").equals("quick_churn")).toList();
    Map<String, Row> byValue = segments.stream()
        .collect(Collectors.toMap(r -> r.<String>getAs("segment_column") + "=" + r.<String>getAs("segment_value"), Function.identity()));

    assertThat(byValue.keySet()).containsExactlyInAnyOrder(
        "acquisition_channel=social", "acquisition_channel=web", "acquisition_channel=store", "region=north", "region=south");
    Row store = byValue.get("acquisition_channel=store");
    assertThat(store.<Boolean>getAs("is_suppressed")).isTrue();
    assertThat(store.<String>getAs("verdict")).isEqualTo("suppressed");
    assertThat(store.<Long>getAs("observed_n")).isEqualTo(15L);
    Row web = byValue.get("acquisition_channel=web");
    assertThat(web.<Long>getAs("observed_n")).as("10 censored late sign-ups excluded").isEqualTo(60L);
    assertThat(web.<String>getAs("verdict")).isEqualTo("contradicted");
    assertThat(byValue.get("acquisition_channel=social").<String>getAs("verdict")).isEqualTo("supported");
    assertThat(byValue.get("region=north").<String>getAs("verdict")).as("10/50").isEqualTo("inconclusive");
    assertThat(byValue.get("region=north").<Long>getAs("event_k")).isEqualTo(10L);
  }

  @Test
  void runWritesGoldTablesPerRunDateIdempotently() {
    Lake lake = new Lake(dir.resolve("lake").toString());
    ValidationWorld.writeLake(spark, lake);
    Path claims = ValidationWorld.writeClaims(dir.resolve("claims"));

    ClaimValidation.run(spark, lake, OBSERVED_UNTIL, claims);
    ClaimValidation.run(spark, lake, OBSERVED_UNTIL, claims);

    var claimResults = lake.read(spark, LakeTable.GOLD_CLAIM_RESULTS);
    assertThat(claimResults.filter(functions.col("run_date").equalTo("2026-06-30")).count())
        .as("one row per claim after running the same date twice").isEqualTo(5L);
    assertThat(claimResults.columns()).containsExactlyInAnyOrder(ClaimResultSchema.CLAIM_RESULTS.fieldNames());
    var segmentResults = lake.read(spark, LakeTable.GOLD_SEGMENT_RESULTS);
    assertThat(segmentResults.filter(functions.col("run_date").equalTo("2026-06-30")).count())
        .as("quick 5 + year 3 + heavy 3 segment rows").isEqualTo(11L);
  }
}
