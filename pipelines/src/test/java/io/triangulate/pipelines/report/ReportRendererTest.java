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

    String index = ReportRenderer.render(spark, lake, OBSERVED_UNTIL);

    assertThat(Paths.get(index)).as("index.html under reports/<date>/")
        .isEqualTo(dir.resolve("lake").resolve("reports").resolve("2026-06-30").resolve("index.html"));
    html = Files.readString(Paths.get(index));
    json = new ObjectMapper().readTree(Paths.get(index).resolveSibling("report.json").toFile());
    csv = Files.readAllLines(Paths.get(index).resolveSibling("report.csv"));
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
  void missingRunDateIsAUserError() {
    assertThatThrownBy(() -> ReportRenderer.render(spark, lake, OBSERVED_UNTIL.plusDays(1)))
        .isInstanceOf(UserError.class)
        .hasMessageContaining("no claim results for run date 2026-07-01");
  }
}
