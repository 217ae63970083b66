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
  }

  @Test
  void showsEachClaimWithItsStatementAndVerdictWord() {
    Map<String, String> labels = Map.of(
        "quick_churn", "Holds in segments", "year_churn", "Supported", "heavy_churn", "Contradicted",
        "half_churn", "Inconclusive", "store_churn", "Inconclusive");
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
        .doesNotContain("@import").doesNotContain("url(");
    for (Row journey : ValidationWorld.journeys()) {
      String customerId = journey.getString(0);
      assertThat(html).as("customer id %s in html", customerId).doesNotContain(customerId);
      assertThat(json.toString()).as("customer id %s in json", customerId).doesNotContain(customerId);
    }
    assertThat(html).as("responsive").contains("name=\"viewport\"").contains("@media (max-width: 600px)");
  }

  @Test
  void jsonCarriesTheSameNumbers() {
    assertThat(json.get("run_date").asText()).isEqualTo("2026-06-30");
    assertThat(json.get("claims")).hasSize(5);
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
  void missingRunDateIsAUserError() {
    assertThatThrownBy(() -> ReportRenderer.render(spark, lake, OBSERVED_UNTIL.plusDays(1)))
        .isInstanceOf(UserError.class)
        .hasMessageContaining("no claim results for run date 2026-07-01");
  }
}
