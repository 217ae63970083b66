package io.triangulate.pipelines.claims;

import static io.triangulate.pipelines.claims.ClaimFixtures.OBSERVED_UNTIL;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.triangulate.nlp.UserError;
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
  void runThenDiscoverWriteGoldTablesPerRunDateIdempotently() throws java.io.IOException {
    Lake lake = new Lake(dir.resolve("lake").toString());
    ValidationWorld.writeLake(spark, lake);
    Path claims = ValidationWorld.writeClaims(dir.resolve("claims"));

    ClaimValidation.run(spark, lake, OBSERVED_UNTIL, claims);
    ClaimValidation.run(spark, lake, OBSERVED_UNTIL, claims);

    var claimResults = lake.read(spark, LakeTable.GOLD_CLAIM_RESULTS);
    assertThat(claimResults.filter(functions.col("run_date").equalTo("2026-06-30")).count())
        .as("one row per claim after running the same date twice").isEqualTo(6L);
    assertThat(claimResults.columns()).containsExactlyInAnyOrder(ClaimResultSchema.CLAIM_RESULTS.fieldNames());
    var segmentResults = lake.read(spark, LakeTable.GOLD_SEGMENT_RESULTS);
    assertThat(segmentResults.filter(functions.col("run_date").equalTo("2026-06-30")).count())
        .as("quick 5 + year 3 + heavy 3 segment rows").isEqualTo(11L);
    assertThat(lake.read(spark, LakeTable.GOLD_SURVIVAL_CURVES).filter(functions.col("run_date").equalTo("2026-06-30")).count())
        .as("survival curve rows written once").isEqualTo(evaluate().survivalCurves().size());
    assertThat(lake.read(spark, LakeTable.GOLD_PANEL_FIT).filter(functions.col("run_date").equalTo("2026-06-30")).count())
        .as("panel fit: quick 2 columns, year 1, heavy 1").isEqualTo(4L);

    assertThat(lake.exists(spark, LakeTable.GOLD_DISCOVERIES)).as("validate leaves discovery to the discover stage").isFalse();
    assertThatThrownBy(() -> Discover.run(spark, lake, OBSERVED_UNTIL.minusDays(1)))
        .as("discover before validate for that date").isInstanceOf(UserError.class).hasMessageContaining("triangulate validate --date 2026-06-29");

    Discover.Results found = Discover.run(spark, lake, OBSERVED_UNTIL);
    Discover.run(spark, lake, OBSERVED_UNTIL);
    assertThat(found.scannedColumns()).as("the segment columns of the date's claims").containsExactly("acquisition_channel", "region");

    // Social customers churn far more than the rest within 90 days (20/25 vs 0/75) and 365 days (20/25 vs 30/75).
    List<Row> discoveries = lake.read(spark, LakeTable.GOLD_DISCOVERIES).filter(functions.col("run_date").equalTo("2026-06-30"))
        .orderBy("discovery_id").collectAsList();
    assertThat(discoveries).extracting(r -> r.<String>getAs("discovery_id"))
        .containsExactly("churn_365d__acquisition_channel__social", "churn_90d__acquisition_channel__social");
    Row quick = discoveries.get(1);
    assertThat(quick.<Double>getAs("rate")).isEqualTo(0.8);
    assertThat(quick.<Double>getAs("rest_rate")).isEqualTo(0.0);
    assertThat(quick.<Double>getAs("theme_prevalence")).as("20 of 100 observed").isEqualTo(0.2);
    assertThat(quick.<Long>getAs("interviews_needed")).as("ceil(log 0.1 / log 0.8)").isEqualTo(11L);
    Path list = dir.resolve("lake/restricted/recruitment/2026-06-30/churn_90d__acquisition_channel__social.csv");
    List<String> lines = java.nio.file.Files.readAllLines(list);
    assertThat(lines.get(0)).isEqualTo("customer_id,stratum");
    assertThat(lines.subList(1, lines.size())).as("all 20 social churners, then the 5 social non-churners")
        .hasSize(25).filteredOn(l -> l.endsWith(",with_event")).hasSize(20)
        .allSatisfy(l -> assertThat(Integer.parseInt(l.substring(1, 5))).isLessThanOrEqualTo(20));
    assertThat(quick.<Long>getAs("recruitment_n")).isEqualTo(25L);

    // I1 cancelled after 60 days, I2 after 90 (I3 negated, I6 unsupported): median 60 -> horizon 90, 2 of 5 -> 40%.
    List<Row> proposed = lake.read(spark, LakeTable.GOLD_PROPOSED_CLAIMS).filter(functions.col("run_date").equalTo("2026-06-30")).collectAsList();
    assertThat(proposed).as("one proposal after running the date twice").hasSize(1);
    Row exit = proposed.get(0);
    assertThat(exit.<String>getAs("claim_id")).isEqualTo("proposed_exit_90d");
    assertThat(exit.<Long>getAs("supporting_interview_n")).isEqualTo(2L);
    assertThat(exit.<Long>getAs("interview_n")).isEqualTo(5L);
    assertThat(exit.getList(exit.fieldIndex("existing_claim_ids"))).as("quick_churn counts churn within 90 days too")
        .containsExactly("quick_churn");
    Path folder = dir.resolve("lake/reports/2026-06-30/proposed_claims");
    List<ClaimSpec> specs = ClaimSpecs.loadFolder(folder);
    assertThat(specs).as("the written files load as claims").hasSize(1);
    ClaimSpec spec = specs.get(0);
    assertThat(spec.id()).isEqualTo("proposed_exit_90d");
    assertThat(spec.horizonDays()).isEqualTo(90);
    assertThat(spec.expectation().threshold()).isEqualTo(0.4);
    assertThat(spec.interviewCodes()).as("price_value is in I1's sentence, half of the supporters").containsExactly("exit", "price_value");
    assertThat(spec.segments()).containsExactly("acquisition_channel", "region");
    assertThat(spec.describeOutcome()).isEqualTo(exit.<String>getAs("outcome"));
    assertThat(java.nio.file.Files.readString(folder.resolve("proposed_exit_90d.yaml")))
        .as("evidence in the header").contains("# Proposed by `triangulate discover` for 2026-06-30: 2 of 5 interviews")
        .contains("\"It was too expensive so I cancelled.\"").isEqualTo(exit.<String>getAs("spec_yaml"));
  }

  @Test
  void kaplanMeierUsesCensoredCustomersAndMatchesTheRateWhenNothingIsCensoredEarly() {
    Row quick = byClaim(evaluate().claimResults()).get("quick_churn");
    // 20 churn on day 31 among 100 at risk (the 10 late sign-ups are censored on day 29): S(90) = 0.8.
    assertThat(quick.<Double>getAs("km_survival_at_horizon")).isCloseTo(0.8, within(1e-12));
    assertThat(quick.<Double>getAs("km_event_rate")).isCloseTo(0.2, within(1e-12));
    // log-log Greenwood: sigma^2 = 20/(100*80); S^exp(+-1.96 sigma/|log S|)
    assertThat(quick.<Double>getAs("km_ci_low")).isCloseTo(0.7073784064190879, within(1e-9));
    assertThat(quick.<Double>getAs("km_ci_high")).isCloseTo(0.8660334487914656, within(1e-9));

    List<Row> curves = evaluate().survivalCurves().stream().filter(r -> r.<String>getAs("claim_id").equals("quick_churn")).toList();
    assertThat(curves.stream().filter(r -> r.<String>getAs("segment_column").isEmpty()).map(r -> r.<Integer>getAs("time_days")))
        .as("whole population: late sign-ups censored on day 29, churns on days 31 and 243, the rest censored on day 545")
        .containsExactly(29, 31, 243, 545);
    assertThat(curves.stream().filter(r -> !r.<String>getAs("segment_column").isEmpty())
            .map(r -> r.<String>getAs("segment_column") + "=" + r.<String>getAs("segment_value")).distinct())
        .as("first segment column only; store (15 customers) is suppressed")
        .containsExactly("acquisition_channel=social", "acquisition_channel=web");
  }

  @Test
  void comparisonClaimIsJudgedByTheAdjustedOneSidedTest() {
    Row claim = byClaim(evaluate().claimResults()).get("social_vs_web");
    assertThat(claim.<String>getAs("verdict")).as(claim.<String>getAs("verdict_reason")).isEqualTo("supported");
    assertThat(claim.<Long>getAs("compare_group_k")).isEqualTo(20L);
    assertThat(claim.<Long>getAs("compare_group_n")).isEqualTo(25L);
    assertThat(claim.<Long>getAs("compare_versus_k")).isEqualTo(30L);
    assertThat(claim.<Long>getAs("compare_versus_n")).as("10 late web sign-ups are censored").isEqualTo(60L);
    // statsmodels proportions_ztest([20, 30], [25, 60], alternative='larger')
    assertThat(claim.<Double>getAs("compare_z")).isCloseTo(2.5606918707925126, within(1e-9));
    assertThat(claim.<Double>getAs("compare_p_value")).isCloseTo(0.005223198077540903, within(1e-12));
    assertThat(claim.<Double>getAs("compare_risk_difference")).isCloseTo(0.3, within(1e-12));
    assertThat(claim.<Double>getAs("compare_risk_ratio")).isCloseTo(1.6, within(1e-12));
    assertThat(claim.<Double>getAs("compare_q_value")).as("BH-adjusted, so at least the raw p")
        .isGreaterThanOrEqualTo(claim.<Double>getAs("compare_p_value")).isLessThan(0.05);
    assertThat(byClaim(evaluate().claimResults()).get("quick_churn").<Double>getAs("compare_p_value")).as("threshold claims").isNull();
  }

  @Test
  void segmentTestsCarryRunWideQValues() {
    Map<String, Row> quick = evaluate().segmentResults().stream().filter(r -> r.<String>getAs("claim_id").equals("quick_churn"))
        .collect(Collectors.toMap(r -> r.<String>getAs("segment_value"), Function.identity()));
    // scipy.stats.binomtest(20, 25, 0.2, alternative='greater').pvalue
    assertThat(quick.get("social").<Double>getAs("p_value")).isCloseTo(1.9392992347422751e-10, within(1e-18));
    assertThat(quick.get("social").<Double>getAs("q_value")).isGreaterThanOrEqualTo(quick.get("social").<Double>getAs("p_value"));
    assertThat(quick.get("store").<Double>getAs("p_value")).as("suppressed segments are not tested").isNull();
    List<Double> q = evaluate().segmentResults().stream().map(r -> r.<Double>getAs("q_value")).filter(v -> v != null).toList();
    assertThat(q).as("quick 4 + year 2 + heavy 2 non-suppressed segment tests").hasSize(8).allSatisfy(v -> assertThat(v).isBetween(0.0, 1.0));
  }

  @Test
  void panelFitComparesTheInterviewedMixWithTheBase() {
    Map<String, Row> fit = evaluate().panelFit().stream().filter(r -> r.<String>getAs("claim_id").equals("quick_churn"))
        .collect(Collectors.toMap(r -> r.<String>getAs("segment_column"), Function.identity()));
    Row channel = fit.get("acquisition_channel");
    assertThat(channel.<Long>getAs("panel_n")).isEqualTo(5L);
    assertThat(channel.getList(channel.fieldIndex("categories"))).containsExactly("social", "store", "web");
    assertThat(channel.getList(channel.fieldIndex("panel_counts"))).containsExactly(5L, 0L, 0L);
    // scipy.stats.chisquare([5, 0, 0], 5 * np.array([25, 15, 70]) / 110); exact p by enumerating multinomial.pmf
    assertThat(channel.<Double>getAs("chi_square")).isCloseTo(17.0, within(1e-9));
    assertThat(channel.<Double>getAs("asymptotic_p")).isCloseTo(0.0002034683690106438, within(1e-12));
    assertThat(channel.<Double>getAs("resampled_p")).isCloseTo(0.0021466414365635712, within(1e-12));
    assertThat(channel.<String>getAs("method")).isEqualTo("EXACT_MULTINOMIAL");
    // 2 north, 3 south of a 60/50 base: same enumeration
    assertThat(fit.get("region").<Double>getAs("resampled_p")).isCloseTo(0.6647024855480561, within(1e-12));
    // 1 - 0.1 ** (1 / 5)
    assertThat(byClaim(evaluate().claimResults()).get("quick_churn").<Double>getAs("panel_prevalence_missed"))
        .isCloseTo(1 - Math.pow(0.1, 0.2), within(1e-12));
  }
}
