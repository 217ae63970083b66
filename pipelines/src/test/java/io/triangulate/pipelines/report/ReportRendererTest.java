package io.triangulate.pipelines.report;

import static io.triangulate.pipelines.claims.ClaimFixtures.OBSERVED_UNTIL;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.triangulate.nlp.UserError;
import io.triangulate.pipelines.SparkTestBase;
import io.triangulate.pipelines.claims.ClaimFixtures;
import io.triangulate.pipelines.claims.ClaimSpec;
import io.triangulate.pipelines.claims.ClaimSpecs;
import io.triangulate.pipelines.claims.ClaimValidation;
import io.triangulate.pipelines.claims.ValidationWorld;
import io.triangulate.pipelines.lake.Lake;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Renders the report of {@link ValidationWorld}'s claims and reads it back. */
class ReportRendererTest extends SparkTestBase {
  @TempDir static Path dir;

  private static List<ClaimSpec> specs;
  private static Lake lake;
  private static String html;
  private static JsonNode json;
  private static List<String> csv;
  private static List<String> trendCsv;

  @BeforeAll
  static void renderOnce() throws Exception {
    specs = ClaimSpecs.loadFolder(ValidationWorld.writeClaims(dir.resolve("claims")));
    lake = new Lake(dir.resolve("lake").toString());
    ClaimValidation.Results results = ClaimValidation.evaluate(spark, specs,
        ClaimFixtures.journeys(spark, ValidationWorld.journeys()),
        ClaimFixtures.transactions(spark, List.of()),
        ClaimFixtures.events(spark, List.of()),
        ClaimFixtures.interviews(spark, ValidationWorld.interviews()),
        ClaimFixtures.segments(spark, ValidationWorld.codedSegments()),
        OBSERVED_UNTIL);
    ClaimValidation.write(spark, lake, OBSERVED_UNTIL, results);
    ReportFixtures.writeAll(spark, lake);

    String index = ReportRenderer.render(spark, lake, OBSERVED_UNTIL);

    assertThat(Paths.get(index)).as("index.html under reports/<date>/")
        .isEqualTo(dir.resolve("lake").resolve("reports").resolve("2026-06-30").resolve("index.html"));
    html = Files.readString(Paths.get(index));
    json = new ObjectMapper().readTree(Paths.get(index).resolveSibling("report.json").toFile());
    csv = Files.readAllLines(Paths.get(index).resolveSibling("report.csv"));
    // Read now: other tests render again with another k into the same folder.
    trendCsv = Files.readAllLines(Paths.get(index).resolveSibling("trend.csv"));
  }

  @Test
  void showsEachClaimWithItsStatementAndVerdictWord() {
    Map<String, String> labels = Map.of(
        "quick_churn", "Holds in segments", "year_churn", "Supported", "heavy_churn", "Contradicted",
        "half_churn", "Inconclusive", "store_churn", "Inconclusive", "social_vs_web", "Supported");
    for (ClaimSpec spec : specs) {
      int start = html.indexOf("id=\"claim-" + spec.id() + "\"");
      assertThat(start).as("section of %s", spec.id()).isPositive();
      String section = html.substring(start, html.indexOf("</section>", start));
      assertThat(section).as("statement of %s", spec.id()).contains(spec.statement());
      assertThat(section).as("verdict word of %s", spec.id()).contains(labels.get(spec.id()));
    }
    assertThat(html).as("summary card shows the base rate and interval").contains("20.0%").contains("95% CI 13.3–28.9%");
    assertThat(html).as("interview evidence").contains("2 of 5");
    assertThat(html).as("quote").contains("It was too expensive so I cancelled.");
    int comparison = html.indexOf("id=\"claim-social_vs_web\"");
    assertThat(html.substring(comparison, html.indexOf("</section>", comparison)))
        .as("a comparison claim shows the gap between its groups (80% of 25 vs 50% of 60), not the pooled rate")
        .contains("+30.0 pts")
        .contains("80.0% of 25 vs 50.0% of 60");
  }

  @Test
  void suppressedSegmentsShowNoNumbers() {
    assertThat(html).contains("fewer than 20 customers");
    assertThat(json.at("/claims/0/claim_id").asText()).isEqualTo("half_churn");
    JsonNode store = null;
    for (JsonNode claim : json.get("claims")) {
      for (JsonNode segment : claim.get("segments")) {
        if (segment.get("segment_value").asText().equals("store")) {
          store = segment;
        }
      }
    }
    assertThat(store).as("a store segment").isNotNull();
    assertThat(store.get("is_suppressed").asBoolean()).isTrue();
    assertThat(store.get("observed_n").isNull()).as("suppressed count withheld").isTrue();
  }

  @Test
  void isSelfContainedAndFreeOfCustomerIds() {
    assertThat(html.toLowerCase()).as("no external requests")
        .doesNotContain("http://").doesNotContain("https://").doesNotContain("<script").doesNotContain("<link")
        .doesNotContain("@import").doesNotContain("xlink").doesNotContain("<image");
    // The charts clip with url(#id): a fragment of this page, never a file or a host.
    assertThat(html.replaceAll("url\\(#[A-Za-z0-9_-]+\\)", "")).as("only url(#fragment) references")
        .doesNotContain("url(");
    for (Row journey : ValidationWorld.journeys()) {
      String customerId = journey.getString(0);
      assertThat(html).as("customer id %s in html", customerId).doesNotContain(customerId);
      assertThat(json.toString()).as("customer id %s in json", customerId).doesNotContain(customerId);
      assertThat(String.join("\n", csv)).as("customer id %s in csv", customerId).doesNotContain(customerId);
    }
    assertThat(html).as("responsive").contains("name=\"viewport\"").contains("@media (max-width: 600px)");
  }

  @Test
  void jsonCarriesTheSameNumbers() {
    assertThat(json.get("run_date").asText()).isEqualTo("2026-06-30");
    assertThat(json.get("claims")).as("one entry per claim spec").hasSize(specs.size());
    JsonNode quick = null;
    for (JsonNode claim : json.get("claims")) {
      if (claim.get("claim_id").asText().equals("quick_churn")) {
        quick = claim;
      }
    }
    assertThat(quick).isNotNull();
    assertThat(quick.get("verdict").asText()).isEqualTo("holds_in_segments");
    assertThat(quick.get("observed_n").asLong()).isEqualTo(100L);
    assertThat(quick.get("event_k").asLong()).isEqualTo(20L);
    assertThat(quick.get("base_ci_low").asDouble()).isCloseTo(0.1333669333310325, within(1e-8));
    assertThat(quick.get("supported_segments").get(0).asText()).isEqualTo("acquisition_channel=social");
  }

  @Test
  void drawsOneInlineChartPerClaimWithTheClaimedLineAndNamesHiddenSegments() {
    for (ClaimSpec spec : specs) {
      String section = sectionOf(spec.id());
      int start = section.indexOf("<svg");
      assertThat(start).as("inline svg chart of %s", spec.id()).isPositive();
      String svg = section.substring(start, section.indexOf("</svg>", start) + 6);
      assertThat(svg).as("chart of %s has its own id and a view box, so it scales", spec.id())
          .contains("id='chart-" + spec.id() + "'").contains("viewBox=").contains("role=\"img\"");
      assertThat(svg).as("chart of %s labels the claimed threshold", spec.id()).contains("claimed at least");
      assertThat(svg).as("chart of %s has the all-customers bar", spec.id()).contains("all customers");
      assertThat(svg.toLowerCase()).as("chart of %s has no external reference", spec.id())
          .doesNotContain("http").doesNotContain("xmlns").doesNotContain("href").doesNotContain("<image").doesNotContain("<script");
    }
    String quick = sectionOf("quick_churn");
    String quickSvg = quick.substring(quick.indexOf("<svg"), quick.indexOf("</svg>"));
    assertThat(quickSvg).as("shown segments are bars").contains("acquisition_channel = social")
        .contains("acquisition_channel = web").contains("region = north");
    assertThat(quickSvg).as("the suppressed store segment is not drawn").doesNotContain("acquisition_channel = store");
    assertThat(quick.replace("&#61;", "=")).as("and the page says so")
        .contains("Not shown (fewer customers than the minimum segment size): acquisition_channel = store.");
    assertThat(html).as("ids of clip paths unique across charts")
        .contains("chart-quick_churn-").contains("chart-year_churn-");
  }

  @Test
  void segmentChipsCarryTheirOwnVerdictColour() {
    String quick = sectionOf("quick_churn");
    assertThat(quick).as("claim badge").contains("<span class=\"badge verdict-holds_in_segments\">");
    String social = quick.substring(quick.indexOf("social</td>"));
    social = social.substring(0, social.indexOf("</tr>"));
    assertThat(social).as("social segment chip is supported, not the claim's holds_in_segments")
        .contains("badge verdict-supported").doesNotContain("verdict-holds_in_segments");
    assertThat(ReportModel.verdictView("not_tested")).as("a comparison claim's context segment is not judged, not inconclusive")
        .containsEntry("verdict_label", "Not tested").containsEntry("verdict_icon", "○");
    assertThat(html).as("no rule colours every badge inside a claim of some verdict")
        .doesNotContainPattern("\\.verdict-[a-z_]+ \\.badge");
  }

  @Test
  void csvHasOneRowPerClaimAndSegmentWithTheJsonNumbers() {
    List<String> header = List.of(csv.get(0).split(",", -1));
    assertThat(header).as("csv header").startsWith("run_date", "claim_id")
        .contains("base_rate", "segment_column", "segment_value", "segment_is_suppressed", "segment_rate", "segment_ci_low");
    int expectedRows = 0;
    for (JsonNode claim : json.get("claims")) {
      expectedRows += Math.max(1, claim.get("segments").size());
    }
    assertThat(csv).as("header + one row per claim x segment (claims without segments: one row)")
        .hasSize(1 + expectedRows);
    int row = 1;
    for (JsonNode claim : json.get("claims")) {
      for (JsonNode segment : claim.get("segments")) {
        List<String> cells = List.of(csv.get(row++).split(",", -1));
        assertThat(cells).as("row %d has every column", row).hasSize(header.size());
        assertThat(cells.get(header.indexOf("claim_id"))).isEqualTo(claim.get("claim_id").asText());
        assertThat(cells.get(header.indexOf("base_rate"))).as("base rate as in json")
            .isEqualTo(claim.get("base_rate").asText());
        assertThat(cells.get(header.indexOf("segment_value"))).isEqualTo(segment.get("segment_value").asText());
        assertThat(cells.get(header.indexOf("segment_rate"))).as("segment rate as in json (empty when suppressed)")
            .isEqualTo(segment.get("rate").isNull() ? "" : segment.get("rate").asText());
        assertThat(cells.get(header.indexOf("segment_observed_n")))
            .isEqualTo(segment.get("observed_n").isNull() ? "" : segment.get("observed_n").asText());
      }
      if (claim.get("segments").isEmpty()) {
        List<String> cells = List.of(csv.get(row++).split(",", -1));
        assertThat(cells.get(header.indexOf("claim_id"))).isEqualTo(claim.get("claim_id").asText());
        assertThat(cells.get(header.indexOf("segment_column"))).as("no segment").isEmpty();
      }
    }
    assertThat(String.join("\n", csv)).as("store segment suppressed in csv too")
        .contains(",acquisition_channel,store,true,20,,,,,,suppressed");
  }

  @Test
  void reportMinimumSegmentSizeSuppressesMoreSegmentsEverywhere() throws Exception {
    Path index = Paths.get(ReportRenderer.render(spark, lake, OBSERVED_UNTIL, 30));
    String strictHtml = Files.readString(index);
    JsonNode strict = new ObjectMapper().readTree(index.resolveSibling("report.json").toFile());
    String strictCsv = Files.readString(index.resolveSibling("report.csv"));
    assertThat(strict.get("min_segment_size").asInt()).isEqualTo(30);
    JsonNode social = null;
    JsonNode web = null;
    for (JsonNode claim : strict.get("claims")) {
      if (claim.get("claim_id").asText().equals("quick_churn")) {
        for (JsonNode segment : claim.get("segments")) {
          if (segment.get("segment_value").asText().equals("social")) {
            social = segment;
          } else if (segment.get("segment_value").asText().equals("web")) {
            web = segment;
          }
        }
      }
    }
    assertThat(social).isNotNull();
    assertThat(social.get("is_suppressed").asBoolean()).as("25 social customers < k = 30").isTrue();
    assertThat(social.get("observed_n").isNull()).as("count withheld").isTrue();
    assertThat(social.get("rate").isNull()).as("rate withheld").isTrue();
    assertThat(social.get("verdict").asText()).as("verdict withheld").isEqualTo("suppressed");
    assertThat(social.get("min_segment_size").asInt()).isEqualTo(30);
    assertThat(web.get("is_suppressed").asBoolean()).as("60 web customers shown").isFalse();
    assertThat(web.get("observed_n").asLong()).isEqualTo(60L);
    assertThat(strictHtml).contains("fewer than 30 customers").doesNotContain("80.0%");
    String quick = strictHtml.substring(strictHtml.indexOf("id=\"claim-quick_churn\""));
    quick = quick.substring(0, quick.indexOf("</section>"));
    assertThat(quick.substring(quick.indexOf("<svg"), quick.indexOf("</svg>"))).as("social not drawn")
        .doesNotContain("acquisition_channel = social");
    assertThat(strictCsv).as("csv suppresses it too").contains(",acquisition_channel,social,true,30,,,,,,suppressed");

    assertThatThrownBy(() -> ReportRenderer.render(spark, lake, OBSERVED_UNTIL, 0))
        .isInstanceOf(UserError.class).hasMessageContaining("minimum segment size must be positive");
  }

  private static String sectionOf(String claimId) {
    int start = html.indexOf("id=\"claim-" + claimId + "\"");
    assertThat(start).as("section of %s", claimId).isPositive();
    return html.substring(start, html.indexOf("</section>", start));
  }

  @Test
  void drawsAKaplanMeierChartWithBandsForEachDurationClaim() {
    for (String id : List.of("quick_churn", "year_churn")) {
      String section = sectionOf(id);
      int start = section.indexOf("id='km-" + id + "'");
      assertThat(start).as("Kaplan–Meier chart in the section of %s", id).isPositive();
      String svg = section.substring(section.lastIndexOf("<svg", start), section.indexOf("</svg>", start));
      assertThat(svg).as("KM chart of %s names its curves and the horizon", id)
          .contains("all customers").contains("horizon ").contains("days since the start of the journey");
      assertThat(svg).as("KM chart of %s has filled interval bands", id).contains("fill-opacity");
    }
    assertThat(sectionOf("quick_churn")).as("horizon of quick_churn").contains("horizon 90 days")
        .contains("At the horizon Kaplan&ndash;Meier puts the rate at");
    assertThat(sectionOf("quick_churn")).as("coverage: what 5 interviews could not have seen")
        .contains("What the interviews could not have seen:").contains("any of these 5 interviews");
  }

  @Test
  void journeysShowTheFunnelFlowLoopsGapsAndSayDoWithSmallGroupsWithheld() {
    String journeys = panel("journeys");
    assertThat(journeys).as("funnel chart").contains("id='funnel-phases'").contains("consideration 100");
    assertThat(journeys).as("funnel steps below k named, not drawn")
        .contains("Steps reached by fewer than 20 customers are not shown: onboarding, usage.");
    String flow = journeys.substring(journeys.indexOf("id='flow-phases'"), journeys.indexOf("</svg>", journeys.indexOf("id='flow-phases'")));
    assertThat(flow).as("flow nodes and edge counts").contains(">start<").contains(">support<").contains(">end<")
        .contains(">120<").contains(">25<").doesNotContain(">10<").doesNotContain(">5<");
    assertThat(journeys).as("hidden transitions").contains("Transitions taken by fewer than 20 customers, not drawn: 2.");
    assertThat(journeys).as("loop table").contains("<td>support</td><td>usage</td><td class=\"num\">25</td><td class=\"num\">31</td>")
        .contains("Back-steps with fewer than 20 customers, not listed: 1.");
    assertThat(journeys).as("gap table").contains("<td class=\"num\">40</td><td class=\"num\">44</td><td class=\"num\">42</td>")
        .contains("Gaps with fewer than 20 customers, not listed: 1.");
    assertThat(journeys).as("say-do: 25 agree shown, 3 contradict withheld")
        .contains("<td>agrees</td><td class=\"num\">25</td>").contains("<td>contradicts</td><td class=\"num\">fewer than 20</td>");
    assertThat(journeys).as("uncovered touchpoint").contains("sales_rep (3 interviews)");
    JsonNode funnel = json.at("/journeys/funnel");
    assertThat(funnel.get(3).get("reached_count").isNull()).as("onboarding's 12 withheld in json").isTrue();
    assertThat(funnel.get(0).get("reached_count").asLong()).isEqualTo(120L);
    assertThat(json.at("/journeys/transitions")).as("8 transitions with >= 20 customers in json").hasSize(8);
    assertThat(json.at("/journeys/transitions_withheld").asLong()).as("json says how many it withheld, as the page does")
        .isEqualTo(2L);
    assertThat(json.at("/journeys/loops_withheld").asLong()).isEqualTo(1L);
    assertThat(json.at("/journeys/gaps_withheld").asLong()).isEqualTo(1L);
    assertThat(json.at("/journeys/say_do/0/customer_count").asLong()).isEqualTo(25L);
    assertThat(json.at("/journeys/say_do/1/customer_count").isNull()).isTrue();
  }

  @Test
  void historyShowsTheChangeOnEachCardTheTrendAndWhatChanged() {
    assertThat(json.get("previous_run_date").asText()).isEqualTo("2026-06-29");
    assertThat(html).as("card line of quick_churn")
        .contains("Since the previous run: was Inconclusive; 30.0% → 20.0% (-10.0 pts) since 2026-06-29");
    assertThat(html).as("card line of a claim new today").contains("Since the previous run: new since 2026-06-29");
    assertThat(html).as("card line of an unchanged claim").contains("Since the previous run: verdict unchanged; 50.0% → 50.0% (+0.0 pts)");
    String changes = panel("changes");
    assertThat(changes).as("verdict flip, new claim, then the rate move")
        .contains("<li>half_churn: new claim, Inconclusive</li>")
        .contains("<li>quick_churn: verdict Inconclusive → Holds in segments</li>")
        .contains("<li>quick_churn: rate 30.0% → 20.0%, outside the previous run&#39;s 95% CI 25.0–35.0%</li>");
    assertThat(changes.indexOf("verdict Inconclusive")).as("flips before moves").isLessThan(changes.indexOf("rate 30.0%"));
    String trend = sectionOf("quick_churn").substring(sectionOf("quick_churn").indexOf("<table class=\"trend\">"));
    assertThat(trend).as("trend rows in date order").contains("2026-06-29").contains("2026-06-30");
    assertThat(trend.indexOf("2026-06-29")).isLessThan(trend.indexOf("2026-06-30"));
    JsonNode quick = claim(json, "quick_churn");
    assertThat(quick.get("previous_verdict").asText()).isEqualTo("inconclusive");
    assertThat(quick.get("trend")).as("three runs: 06-28, 06-29, 06-30").hasSize(3);
    assertThat(json.get("changes")).as("changes in json").hasSize(3);
  }

  @Test
  void trendChartHasOnePointPerRunWithTheTablesNumbers() throws Exception {
    // The expected numbers come from gold/claim_results itself, not from the fixture's constants.
    Map<String, List<Row>> runs = new java.util.TreeMap<>();
    for (Row r : lake.read(spark, io.triangulate.pipelines.lake.LakeTable.GOLD_CLAIM_RESULTS)
        .where(org.apache.spark.sql.functions.col("run_date").leq(OBSERVED_UNTIL.toString()))
        .orderBy("run_date").collectAsList()) {
      runs.computeIfAbsent(r.getAs("claim_id"), x -> new java.util.ArrayList<>()).add(r);
    }
    assertThat(runs.get("quick_churn")).as("the fixture lake holds three run dates").hasSize(3);
    List<String> header = List.of(trendCsv.get(0).split(",", -1));
    int csvRow = 1;
    for (Map.Entry<String, List<Row>> claim : runs.entrySet()) {
      String id = claim.getKey();
      List<Row> rows = claim.getValue();
      String section = sectionOf(id);
      JsonNode jsonTrend = claim(json, id).get("trend");
      assertThat(jsonTrend).as("json trend of %s: one entry per run", id).hasSize(rows.size());
      for (int i = 0; i < rows.size(); i++) {
        Row r = rows.get(i);
        boolean comparison = r.getAs("compare_group_n") != null;
        double value = r.getAs(comparison ? "compare_risk_difference" : "base_rate");
        assertThat(jsonTrend.get(i).get("run_date").asText()).isEqualTo(r.<String>getAs("run_date"));
        assertThat(jsonTrend.get(i).get("rate").asDouble()).as("json trend value of %s", id).isCloseTo(value, within(1e-12));
        List<String> cells = List.of(trendCsv.get(csvRow++).split(",", -1));
        assertThat(cells.get(header.indexOf("claim_id"))).isEqualTo(id);
        assertThat(cells.get(header.indexOf("run_date"))).isEqualTo(r.<String>getAs("run_date"));
        assertThat(Double.parseDouble(cells.get(header.indexOf("rate")))).as("trend.csv value of %s", id)
            .isCloseTo(value, within(1e-12));
      }
      if (rows.size() == 1) {
        assertThat(section).as("%s has one run: a sentence, no chart", id)
            .contains("Only one nightly run so far (2026-06-30)").doesNotContain("id='trend-" + id + "'");
        continue;
      }
      int at = section.indexOf("id='trend-" + id + "'");
      assertThat(at).as("trend chart of %s", id).isPositive();
      String svg = section.substring(section.lastIndexOf("<svg", at), section.indexOf("</svg>", at));
      assertThat(svg).as("trend chart of %s is labelled and scales", id).contains("role=\"img\"").contains("viewBox=")
          .contains(comparison(rows) ? "no difference" : "claimed at least");
      List<String> labels = new java.util.ArrayList<>();
      java.util.regex.Matcher text = java.util.regex.Pattern.compile(">([+-]?[0-9]+\\.[0-9](%| pts))</text>").matcher(svg);
      while (text.find()) {
        labels.add(text.group(1));
      }
      List<String> expected = rows.stream().map(r -> comparison(rows)
          ? ReportModel.points(r.<Double>getAs("compare_risk_difference")) : ReportModel.percent(r.<Double>getAs("base_rate"))).toList();
      // Axis ticks carry no decimals ("40%"), the threshold's label has words: these are the points' labels.
      assertThat(labels).as("one labelled point per run of %s, in date order, values from the table", id)
          .containsExactlyElementsOf(expected);
    }
    assertThat(trendCsv).as("header + one row per claim and run").hasSize(1 + runs.values().stream().mapToInt(List::size).sum());
    assertThat(html).as("the quick_churn card summarises its trend")
        .contains("Trend: 3 runs since 2026-06-28: 25.0% → 30.0% → 20.0%");
  }

  private static boolean comparison(List<Row> rows) {
    return rows.get(0).getAs("compare_group_n") != null;
  }

  @Test
  void whereToLookNextDataQualityAndMethodNote() {
    String next = panel("next");
    assertThat(next).as("discovery with the interviews it needs").contains("acquisition_channel = web").contains(">29<")
        .doesNotContain("acquisition_channel = store").contains("Discoveries in segments with fewer than 20 customers, not listed: 1.");
    String quality = panel("quality");
    assertThat(quality).as("quarantine per table and rule")
        .contains("<td>transactions</td><td>required</td><td class=\"num\">0</td><td class=\"num\">1</td>")
        .contains("<td>transactions</td><td>type</td><td class=\"num\">2</td><td class=\"num\">2</td>");
    assertThat(quality).as("failed check listed, passed one not").contains("amount_not_negative")
        .contains("2% of amounts are negative").doesNotContain("customer_id_unique");
    String method = html.substring(html.indexOf("id=\"method-title\""));
    assertThat(method).as("Delta versions in the method note").contains("<code>gold/claim_results</code> v")
        .contains("<code>gold/data_quality</code> v0");
    assertThat(json.at("/table_versions/gold~1claim_results").asLong()).as("claim_results version in json").isPositive();
    assertThat(json.at("/failed_checks")).hasSize(1);
    assertThat(json.at("/discoveries")).hasSize(1);
    assertThat(json.at("/quarantine")).hasSize(2);
  }

  @Test
  void verdictReasonsRevealNoComparedGroupBelowK() throws Exception {
    Path index = Paths.get(ReportRenderer.render(spark, lake, OBSERVED_UNTIL, 30));
    String strict = Files.readString(index);
    int start = strict.indexOf("id=\"claim-social_vs_web\"");
    String section = strict.substring(start, strict.indexOf("</section>", start));
    assertThat(section).as("25 social customers < k = 30: no group numbers in the reason")
        .contains("a compared group has fewer than 30 observed customers").doesNotContain("n&#61;25").doesNotContain("80.0%");
    assertThat(claim(new ObjectMapper().readTree(index.resolveSibling("report.json").toFile()), "social_vs_web")
        .get("verdict_reason").asText()).doesNotContain("n=25");
    assertThat(html.replace("&#61;", "=")).as("at k = 20 the comparison keeps its numbers").contains("n=25");
    assertThat(Redaction.reason("x; but it holds in a=b at 80% (95% CI 60.9%–91.1%, n=25); c=d at 70% (95% CI 60.0%–79.0%, n=40)", 30, false))
        .isEqualTo("x; but it holds in a=b at withheld (fewer than 30 customers); c=d at 70% (95% CI 60.0%–79.0%, n=40)");
  }

  private static JsonNode claim(JsonNode root, String id) {
    for (JsonNode claim : root.get("claims")) {
      if (claim.get("claim_id").asText().equals(id)) {
        return claim;
      }
    }
    throw new AssertionError("no claim " + id);
  }

  private static String panel(String id) {
    int start = html.indexOf("id=\"" + id + "\"");
    assertThat(start).as("panel %s", id).isPositive();
    return html.substring(start, html.indexOf("</section>", start)).replace("&#61;", "=");
  }

  @Test
  void missingRunDateIsAUserError() {
    assertThatThrownBy(() -> ReportRenderer.render(spark, lake, OBSERVED_UNTIL.plusDays(1)))
        .isInstanceOf(UserError.class)
        .hasMessageContaining("no claim results for run date 2026-07-01");
  }
}
