package io.triangulate.pipelines.quality;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.triangulate.nlp.UserError;
import io.triangulate.pipelines.lake.LakeTable;
import io.triangulate.pipelines.quality.QualityCheck.Kind;
import io.triangulate.pipelines.quality.QualityCheck.Severity;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Loading quality YAML: the built-in file, every check kind, and errors that name file and field. */
class QualityChecksTest {
  @TempDir Path dir;

  private static final String ONE_CHECK =
      """
      checks:
        - id: customers_id_unique
          table: silver/customers
          kind: uniqueness
          columns: [customer_id]
          severity: error
          description: one row per customer
      """;

  private Path yaml(String text) throws IOException {
    return Files.writeString(dir.resolve("quality.yaml"), text);
  }

  @Test
  void builtInChecksCoverTheSilverTablesAndJourneys() {
    QualityChecks checks = QualityChecks.defaults();
    assertThat(checks.tables()).as("tables the default checks cover").contains(
        LakeTable.SILVER_CUSTOMERS, LakeTable.SILVER_TRANSACTIONS, LakeTable.SILVER_CHURN, LakeTable.SILVER_CHANNEL_EVENTS,
        new LakeTable(LakeTable.SILVER_CUSTOMERS.layer(), "customer_texts"), LakeTable.GOLD_JOURNEYS);
    assertThat(checks.checks().stream().map(QualityCheck::kind).distinct())
        .as("the defaults use every kind of check").containsExactlyInAnyOrder(Kind.values());
    assertThat(checks.checks().stream().map(QualityCheck::severity).distinct())
        .as("both severities are used").containsExactlyInAnyOrder(Severity.values());
    assertThat(checks.checks()).as("every check explains itself").allSatisfy(c -> assertThat(c.description()).isNotBlank());
  }

  @Test
  void everyKindIsReadWithItsParameters() throws IOException {
    Path file = yaml(
        """
        optional_tables: [silver/customer_texts]
        checks:
          - {id: a, table: silver/customers, kind: completeness, column: region, min_fraction: 0.9, severity: warn, description: d}
          - {id: b, table: silver/customers, kind: uniqueness, columns: [customer_id, region], severity: error, description: d}
          - {id: c, table: silver/transactions, kind: range, column: quantity, min: -5, max: 10, severity: warn, description: d}
          - {id: d, table: silver/channel_events, kind: allowed_values, column: channel, values: [web, app], severity: warn, description: d}
          - {id: e, table: silver/channel_events, kind: freshness, column: occurred_at, max_age_days: 2.5, severity: warn, description: d}
          - {id: f, table: gold/journeys, kind: row_count_drop, max_drop_fraction: 0.1, severity: error, description: d}
        """);
    QualityChecks checks = QualityChecks.load(file);
    List<QualityCheck> all = checks.checks();
    assertThat(checks.source()).as("source").isEqualTo(file.toString());
    assertThat(checks.isOptional(new LakeTable(LakeTable.SILVER_CUSTOMERS.layer(), "customer_texts"))).as("optional table").isTrue();
    assertThat(all.get(0).minFraction()).as("completeness min_fraction").isEqualTo(0.9);
    assertThat(all.get(1).columns()).as("uniqueness columns").containsExactly("customer_id", "region");
    assertThat(all.get(1).minFractionOrAll()).as("uniqueness defaults to every row").isEqualTo(1.0);
    assertThat(List.of(all.get(2).min(), all.get(2).max())).as("range bounds").containsExactly(-5.0, 10.0);
    assertThat(all.get(3).allowedValues()).as("allowed values").containsExactly("web", "app");
    assertThat(all.get(4).maxAgeDays()).as("max_age_days").isEqualTo(2.5);
    assertThat(all.get(5).maxDropFraction()).as("max_drop_fraction").isEqualTo(0.1);
    assertThat(all.get(5).table()).as("table").isEqualTo(LakeTable.GOLD_JOURNEYS);
    assertThat(checks.forTable(LakeTable.SILVER_CHANNEL_EVENTS)).as("checks of one table").extracting(QualityCheck::id).containsExactly("d", "e");
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "unknown kind      | kind: uniqueness                | kind: sameness                                   | checks[0].kind       | one of completeness, uniqueness",
        "unknown severity  | severity: error                 | severity: fatal                                  | checks[0].severity   | one of error, warn",
        "missing field     | 'description: one row per customer' | ''                                           | checks[0].description | missing",
        "field of another kind | columns: [customer_id]      | 'columns: [customer_id]\\n    max_age_days: 3'     | checks[0].max_age_days | unknown field",
        "bad table         | table: silver/customers         | table: customers                                 | checks[0].table      | layer/name",
        "bad fraction      | columns: [customer_id]          | 'columns: [customer_id]\\n    min_fraction: 1.5'   | checks[0].min_fraction | from 0 to 1",
        "id not snake_case | id: customers_id_unique         | id: Customers-Unique                             | checks[0].id         | snake_case",
        "empty columns     | columns: [customer_id]          | 'columns: []'                                    | checks[0].columns    | non-empty list",
      })
  void errorsNameTheFileAndTheField(String name, String from, String to, String field, String says) throws IOException {
    Path file = yaml(ONE_CHECK.replace(from, to.replace("\\n", "\n")));
    assertThatThrownBy(() -> QualityChecks.load(file))
        .as(name)
        .isInstanceOf(UserError.class)
        .hasMessageContaining(file.toString())
        .hasMessageContaining("field " + field)
        .hasMessageContaining(says);
  }

  @Test
  void duplicateIdsAndRangeWithoutBoundsAreRejected() throws IOException {
    Path duplicate = yaml(ONE_CHECK + ONE_CHECK.substring(ONE_CHECK.indexOf("  - id")));
    assertThatThrownBy(() -> QualityChecks.load(duplicate)).isInstanceOf(UserError.class)
        .hasMessageContaining("checks[1].id").hasMessageContaining("duplicate check id");
    Path range = yaml("checks:\n  - {id: r, table: silver/transactions, kind: range, column: quantity, severity: warn, description: d}\n");
    assertThatThrownBy(() -> QualityChecks.load(range)).isInstanceOf(UserError.class)
        .hasMessageContaining("checks[0].min").hasMessageContaining("min, max or both");
  }

  @Test
  void missingFileAndInvalidYamlAreClearErrors() throws IOException {
    assertThatThrownBy(() -> QualityChecks.fromLocation(dir.resolve("nope.yaml").toString()))
        .isInstanceOf(UserError.class).hasMessageContaining("nope.yaml").hasMessageContaining("not found");
    Path broken = yaml("checks: [\n");
    assertThatThrownBy(() -> QualityChecks.load(broken)).isInstanceOf(UserError.class)
        .hasMessageContaining(broken.toString()).hasMessageContaining("not valid YAML");
    Path empty = yaml("checks: []\n");
    assertThatThrownBy(() -> QualityChecks.load(empty)).isInstanceOf(UserError.class)
        .hasMessageContaining("field checks").hasMessageContaining("non-empty list of checks");
  }

  @Test
  void kindAndSeverityNamesMatchTheDocumentedYaml() {
    assertThat(Arrays.stream(Kind.values()).map(Kind::yamlName)).as("kinds")
        .containsExactly("completeness", "uniqueness", "range", "allowed_values", "freshness", "row_count_drop");
    assertThat(Arrays.stream(Severity.values()).map(Severity::yamlName)).as("severities").containsExactly("error", "warn");
  }
}
