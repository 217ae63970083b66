package io.triangulate.pipelines.generate;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A generated world split into its history (day N) and its last day (N+1), row by row. */
class LastDaySplitTest {
  private static final LocalDate GENERATED = LocalDate.parse("2026-06-30");

  @Test
  void everyRowLandsOnTheDayOfItsOwnTime(@TempDir Path lake) throws IOException {
    WorldGenerator.generate(WorldSpec.of(7, 400, GENERATED, 2), lake);
    long generatedRows = dataRows(lake, GENERATED);

    LastDaySplit.Days days = LastDaySplit.split(lake, GENERATED);

    assertThat(days.history()).as("day N").isEqualTo(LocalDate.parse("2026-06-28"));
    assertThat(days.lastDay()).as("day N+1").isEqualTo(LocalDate.parse("2026-06-29"));
    assertThat(days.historyRows() + days.lastDayRows()).as("no row lost or doubled").isEqualTo(generatedRows);
    assertThat(dataRows(lake, days.history()) + dataRows(lake, days.lastDay())).as("rows on disk").isEqualTo(generatedRows);
    assertThat(days.lastDayRows()).as("one day of a two-year history: some rows, a small share")
        .isPositive().isLessThan(generatedRows / 100);
    for (String line : Files.readAllLines(lake.resolve("landing/channel_events/2026-06-29/channel_events.jsonl"))) {
      assertThat(line).as("a day N+1 event").contains("\"occurred_at\":\"2026-06-29T");
    }
    assertThat(Files.readAllLines(lake.resolve("landing/transactions/2026-06-28/transactions.csv")).get(0))
        .as("both halves keep the CSV header").startsWith("transaction_id,");
    assertThat(lake.resolve("landing/interviews/2026-06-28")).as("transcripts stay with the history").isNotEmptyDirectory();
    assertThat(lake.resolve("landing/customers/2026-06-30")).as("the generated date's folders are gone").doesNotExist();
    assertThat(GroundTruth.path(lake, days.lastDay())).as("ground truth for day N+1").isRegularFile();
  }

  private static long dataRows(Path lake, LocalDate date) throws IOException {
    long rows = 0;
    for (String[] file : List.of(
        new String[] {"customers", "customers.csv", "1"},
        new String[] {"transactions", "transactions.csv", "1"},
        new String[] {"channel_events", "channel_events.jsonl", "0"},
        new String[] {"churn", "churn.csv", "1"})) {
      Path path = WorldGenerator.landingDir(lake, file[0], date).resolve(file[1]);
      rows += Files.readAllLines(path).stream().filter(l -> !l.isEmpty()).count() - Integer.parseInt(file[2]);
    }
    return rows;
  }
}
