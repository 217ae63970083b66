package io.triangulate.pipelines.claims;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.triangulate.nlp.UserError;
import io.triangulate.pipelines.claims.ClaimSpec.FilterOp;
import io.triangulate.pipelines.claims.ClaimSpec.OutcomeType;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ClaimSpecTest {
  @TempDir Path dir;

  private static final String VALID = ClaimFixtures.churnClaim("early_churn", 365, 0.3, "[region]", "[price_value, exit]");

  @Test
  void loadsTheDemoClaims() {
    Path demo = Paths.get("..", "examples", "demo", "claims");
    List<ClaimSpec> specs = ClaimSpecs.loadFolder(demo);

    assertThat(specs).extracting(ClaimSpec::id).as("demo claims sorted by file name")
        .containsExactly("early_churn", "setup_abandonment", "social_early_churn", "watch_abandonment");
    ClaimSpec watch = specs.get(3);
    assertThat(watch.outcome().type()).isEqualTo(OutcomeType.USAGE_STOPS);
    assertThat(watch.outcome().usageEventTypes()).containsExactly("watch_sync");
    assertThat(watch.outcome().inactiveDays()).isEqualTo(60);
    assertThat(watch.horizonDays()).isEqualTo(183);
    assertThat(watch.population().product()).isEqualTo("sports_watch");
    assertThat(watch.segments()).containsExactly("age_band", "region", "acquisition_channel", "is_setup_completed");
    assertThat(watch.expectation().atLeast()).isTrue();
    assertThat(watch.expectation().threshold()).isEqualTo(0.30);
    assertThat(specs.get(0).interviewCodes()).containsExactly("price_value", "exit");
    assertThat(specs.get(2).interviewCodes()).containsExactly("social_media", "exit");
    assertThat(specs.get(2).horizonDays()).isEqualTo(90);
    assertThat(specs.get(2).expectation().threshold()).isEqualTo(0.20);
    ClaimSpec setup = specs.get(1);
    assertThat(setup.expectation().isComparison()).isTrue();
    assertThat(setup.expectation().comparison())
        .as("typed like the journeys column")
        .isEqualTo(new ClaimSpec.Comparison("is_setup_completed", false, true, true));
    assertThat(setup.expectation().describe()).isEqualTo("higher when is_setup_completed = false than when is_setup_completed = true");
    assertThat(specs).allSatisfy(s -> assertThat(s.specHash()).as("sha-256 hex").matches("[0-9a-f]{64}"));
  }

  @Test
  void specHashIgnoresFormattingButNotContent() {
    ClaimSpec block = ClaimSpec.load(ClaimFixtures.claimFile(dir, "a", VALID));
    String reformatted = "# a comment\n" + VALID.replace("outcome: {type: churn_within}", "outcome:\n  type: churn_within")
        + "min_segment_size: 20\n";
    ClaimSpec flow = ClaimSpec.load(ClaimFixtures.claimFile(dir.resolve("b"), "a", reformatted));
    ClaimSpec changed = ClaimSpec.load(ClaimFixtures.claimFile(dir.resolve("c"), "a", VALID.replace("0.3", "0.35")));

    assertThat(flow.specHash()).as("comments, flow style and an explicit default").isEqualTo(block.specHash());
    assertThat(changed.specHash()).as("a different threshold").isNotEqualTo(block.specHash());
  }

  @Test
  void readsFiltersWithTypedValues() {
    String yaml = VALID + "population:\n  filters:\n"
        + "    - {column: acquisition_channel, op: not_in, values: [store, phone]}\n"
        + "    - {column: tenure_days, op: '>=', value: 30}\n";
    ClaimSpec spec = ClaimSpec.load(ClaimFixtures.claimFile(dir, "f", yaml));

    assertThat(spec.population().filters()).hasSize(2);
    assertThat(spec.population().filters().get(0).op()).isEqualTo(FilterOp.NOT_IN);
    assertThat(spec.population().filters().get(0).values()).containsExactly("store", "phone");
    assertThat(spec.population().filters().get(1).values()).containsExactly(30L);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
    "unknown segment column | 'segments: [region]' | 'segments: [region, shoe_size]' | segments[1] | unknown column shoe_size",
    "unknown outcome type | '{type: churn_within}' | '{type: churn_maybe}' | outcome.type | unknown outcome type",
    "horizon zero | 'horizon_days: 365' | 'horizon_days: 0' | horizon_days | horizon out of range",
    "horizon too long | 'horizon_days: 365' | 'horizon_days: 3651' | horizon_days | horizon out of range",
    "threshold as percent | 'at_least: 0.3' | 'at_least: 30' | expectation.at_least | threshold outside [0, 1]",
    "missing id | 'id: early_churn' | '# no id' | field id | id is missing",
    "empty statement | 'statement: At least 30% of customers cancel within 365 days' | 'statement: \"\"' | field statement | statement is missing",
    "unknown filter column | 'segments: [region]' | 'population: {filters: [{column: shoe, op: =, value: 1}]}' | population.filters[0].column | unknown column shoe",
    "bad filter operator | 'segments: [region]' | 'population: {filters: [{column: region, op: like, value: x}]}' | population.filters[0].op | unknown filter operator",
    "customer id as segment | 'segments: [region]' | 'segments: [customer_id]' | segments[0] | customer_id cannot be a segment",
    "compare bad direction | 'at_least: 0.3' | 'compare: {column: region, group: north, versus: south, direction: more}' | expectation.compare.direction | unknown direction",
    "compare wrong type | 'at_least: 0.3' | 'compare: {column: is_setup_completed, group: maybe, versus: true, direction: higher}' | expectation.compare.group | the column is boolean",
    "compare same sides | 'at_least: 0.3' | 'compare: {column: region, group: north, versus: north, direction: higher}' | expectation.compare.versus | the same value",
    "no interview codes | 'interview_codes: [price_value, exit]' | 'interview_codes: []' | interview_codes | must be a non-empty list",
  })
  void invalidSpecsNameFileAndField(String caseName, String from, String to, String field, String problem) {
    assertThat(VALID).as("fixture contains the text to replace").contains(from);
    Path file = ClaimFixtures.claimFile(dir, "broken_claim", VALID.replace(from, to));

    assertThatThrownBy(() -> ClaimSpec.load(file))
        .as(caseName)
        .isInstanceOf(UserError.class)
        .hasMessageContaining("broken_claim.yaml")
        .hasMessageContaining(field)
        .hasMessageContaining(problem);
  }

  @Test
  void duplicateIdsAcrossFilesNameTheSecondFile() {
    ClaimFixtures.claimFile(dir, "a_first", VALID);
    ClaimFixtures.claimFile(dir, "b_second", VALID.replace("365", "90"));

    assertThatThrownBy(() -> ClaimSpecs.loadFolder(dir))
        .isInstanceOf(UserError.class)
        .hasMessageContaining("b_second.yaml, field id")
        .hasMessageContaining("duplicate claim id early_churn")
        .hasMessageContaining("a_first.yaml");
  }

  @Test
  void emptyFolderIsAnError() {
    assertThatThrownBy(() -> ClaimSpecs.loadFolder(dir)).isInstanceOf(UserError.class).hasMessageContaining("no claim files");
  }

  @Test
  void loadsTheRealDataExampleClaims() {
    List<ClaimSpec> telco = ClaimSpecs.loadFolder(Paths.get("..", "examples", "telco", "claims"));
    List<ClaimSpec> cdnow = ClaimSpecs.loadFolder(Paths.get("..", "examples", "cdnow", "claims"));

    ClaimSpec reason = telco.stream().filter(s -> s.id().equals("telco_competitor_reason")).findFirst().orElseThrow();
    assertThat(reason.outcome().type()).isEqualTo(OutcomeType.CHURNED);
    assertThat(reason.outcome().reasonCodes()).containsExactly("competitor");
    assertThat(reason.horizonDays()).as("churned has no horizon").isZero();
    ClaimSpec contracts = telco.stream().filter(s -> s.id().equals("telco_month_to_month_churn")).findFirst().orElseThrow();
    assertThat(contracts.expectation().comparison().versusValues()).as("pooled versus side").containsExactly("one_year", "two_year");
    assertThat(contracts.expectation().describe()).contains("first_product_id = one_year|two_year");
    assertThat(cdnow).singleElement().extracting(s -> s.outcome().type()).isEqualTo(OutcomeType.NO_REPEAT_PURCHASE);
  }

  @Test
  void churnedTakesNoHorizonAndPooledValuesMustDiffer() {
    String churned = VALID.replace("outcome: {type: churn_within}", "outcome: {type: churned}");
    assertThatThrownBy(() -> ClaimSpec.load(ClaimFixtures.claimFile(dir, "h", churned)))
        .isInstanceOf(UserError.class).hasMessageContaining("h.yaml, field horizon_days").hasMessageContaining("no horizon");
    String pooled = VALID.replace("expectation: {at_least: 0.3}",
        "expectation:\n  compare: {column: region, group: north, versus: [south, north], direction: higher}");
    assertThatThrownBy(() -> ClaimSpec.load(ClaimFixtures.claimFile(dir, "v", pooled)))
        .isInstanceOf(UserError.class).hasMessageContaining("field expectation.compare.versus[1]");
  }
}
