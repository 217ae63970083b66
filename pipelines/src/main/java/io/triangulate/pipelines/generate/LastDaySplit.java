package io.triangulate.pipelines.generate;

import io.triangulate.nlp.UserError;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.LocalDate;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * Turns one generated world into a history and the day after it, for incremental nightlies
 * (docs/benchmarks.md, "Incremental nightly").
 *
 * <p>A world generated for run date R holds everything before R 00:00Z in {@code landing/<source>/R/}.
 * The split moves each row by its own time: rows of the last day, [R−1 00:00Z, R 00:00Z), land under
 * R−1 (day N+1), all earlier rows under R−2 (day N), and the R folders are removed. The nightly for N
 * then sees the history up to the end of N and the nightly for N+1 exactly one new day, as a lake that
 * receives daily deliveries would. Interview transcripts and the ground truth stay with day N (the
 * ground truth is copied to N+1 too).
 */
public final class LastDaySplit {
  private LastDaySplit() {}

  /** The two landing dates the split produced. */
  public record Days(LocalDate history, LocalDate lastDay, long historyRows, long lastDayRows) {}

  /** The time column of each tabular source: its position in the CSV (after ids only), or the JSON key. */
  private record Source(String name, String file, int csvColumn) {}

  private static final List<Source> SOURCES =
      List.of(
          new Source("customers", "customers.csv", 1),
          new Source("transactions", "transactions.csv", 2),
          new Source("channel_events", "channel_events.jsonl", -1),
          new Source("churn", "churn.csv", 1));

  /** Splits the world generated for {@code generated} (see the class comment). */
  public static Days split(Path lakeRoot, LocalDate generated) {
    LocalDate lastDay = generated.minusDays(1);
    LocalDate history = generated.minusDays(2);
    String cut = LandingFormat.timestamp(lastDay.atStartOfDay(java.time.ZoneOffset.UTC).toEpochSecond());
    long before = 0;
    long after = 0;
    try {
      for (Source source : SOURCES) {
        Path in = WorldGenerator.landingDir(lakeRoot, source.name(), generated).resolve(source.file());
        if (!Files.exists(in)) {
          throw UserError.at(in.toString()).problem("no generated landing file to split")
              .expected("the files of `triangulate generate --date " + generated + "`").found("nothing")
              .fix("generate the world for " + generated + " first").build();
        }
        Path early = directory(WorldGenerator.landingDir(lakeRoot, source.name(), history)).resolve(source.file());
        Path late = directory(WorldGenerator.landingDir(lakeRoot, source.name(), lastDay)).resolve(source.file());
        try (BufferedReader reader = Files.newBufferedReader(in, StandardCharsets.UTF_8);
            BufferedWriter e = Files.newBufferedWriter(early, StandardCharsets.UTF_8);
            BufferedWriter l = Files.newBufferedWriter(late, StandardCharsets.UTF_8)) {
          if (source.csvColumn() >= 0) {
            String header = reader.readLine();
            e.write(header + "\n");
            l.write(header + "\n");
          }
          for (String line = reader.readLine(); line != null; line = reader.readLine()) {
            // ISO-8601 UTC timestamps of one format compare as strings.
            if (time(line, source).compareTo(cut) < 0) {
              e.write(line);
              e.write('\n');
              before++;
            } else {
              l.write(line);
              l.write('\n');
              after++;
            }
          }
        }
      }
      Path transcripts = WorldGenerator.landingDir(lakeRoot, "interviews", generated);
      if (Files.isDirectory(transcripts)) {
        // No folder, not an empty one, when there is no transcript: ingest takes an empty folder for a failed delivery.
        try (Stream<Path> files = Files.list(transcripts)) {
          for (Path file : files.toList()) {
            Path target = directory(WorldGenerator.landingDir(lakeRoot, "interviews", history));
            Files.copy(file, target.resolve(file.getFileName()), StandardCopyOption.REPLACE_EXISTING);
          }
        }
      }
      Path truth = GroundTruth.path(lakeRoot, generated);
      if (Files.exists(truth)) {
        for (LocalDate date : List.of(history, lastDay)) {
          Path target = GroundTruth.path(lakeRoot, date);
          Files.createDirectories(target.getParent());
          Files.copy(truth, target, StandardCopyOption.REPLACE_EXISTING);
        }
        delete(truth.getParent());
      }
      for (String source : WorldGenerator.SOURCES) {
        delete(WorldGenerator.landingDir(lakeRoot, source, generated));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return new Days(history, lastDay, before, after);
  }

  private static String time(String line, Source source) {
    if (source.csvColumn() >= 0) {
      // The fields before the time column are ids without commas or quotes.
      return line.split(",", source.csvColumn() + 2)[source.csvColumn()];
    }
    String key = "\"occurred_at\":\"";
    int at = line.indexOf(key);
    if (at < 0) {
      throw new IllegalArgumentException("channel event without occurred_at: " + line);
    }
    int start = at + key.length();
    return line.substring(start, line.indexOf('"', start));
  }

  private static Path directory(Path dir) throws IOException {
    Files.createDirectories(dir);
    return dir;
  }

  private static void delete(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> walk = Files.walk(dir)) {
      for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
  }
}
