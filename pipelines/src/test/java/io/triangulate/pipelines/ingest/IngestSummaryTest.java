package io.triangulate.pipelines.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import io.triangulate.pipelines.ingest.IngestSummary.SourceResult;
import io.triangulate.pipelines.ingest.IngestSummary.Status;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class IngestSummaryTest {

  @Test
  void toStringIsAnAlignedTableWithErrorsBelow() {
    IngestSummary summary =
        new IngestSummary(
            LocalDate.of(2026, 5, 1),
            "run-1",
            List.of(
                new SourceResult("transactions", Status.INGESTED, 7, 7, false, 2, Map.of("type", 3L, "required", 1L), 1, null),
                new SourceResult("churn", Status.INGESTED, 1, 0, true, 1, Map.of(), 0, null),
                SourceResult.failed("customers", "customers.csv: required column signed_up_at is missing.")));
    String text = summary.toString();
    System.out.println(text);
    List<String> lines = text.lines().toList();
    assertThat(lines.get(0)).as("title").isEqualTo("ingest 2026-05-01 (run run-1)");
    assertThat(lines.get(1)).as("header").startsWith("source").contains("rows_in").contains("duplicates");
    assertThat(lines.get(2)).as("transactions line")
        .matches("transactions +ingested +7 +7 +2 +4 \\(required 1, type 3\\) +1");
    assertThat(lines.get(3)).as("unchanged bronze").contains("unchanged");
    assertThat(lines.get(1).length()).as("aligned").isEqualTo(lines.get(2).length());
    assertThat(lines).as("error line").contains("error in customers: customers.csv: required column signed_up_at is missing.");
    assertThat(summary.source("transactions").quarantined(ValidationRule.TYPE)).as("per rule").isEqualTo(3);
  }
}
