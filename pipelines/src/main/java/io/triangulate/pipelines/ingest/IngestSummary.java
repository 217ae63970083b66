package io.triangulate.pipelines.ingest;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * What one ingest run did, per source. For every source {@code rowsIn = validRows +
 * quarantined() + duplicates}.
 */
public record IngestSummary(LocalDate landingDate, String runId, List<SourceResult> sources) {

  public IngestSummary {
    sources = List.copyOf(sources);
  }

  /** How a source ended. */
  public enum Status {
    /** Landed in bronze (written now or found unchanged), silver and quarantine refreshed. */
    INGESTED,
    /** No landing folder for this date: nothing delivered. */
    SKIPPED_ABSENT,
    /** Stopped by a {@link io.triangulate.nlp.UserError}; see {@link SourceResult#error()}. */
    FAILED
  }

  /**
   * One source's counts.
   *
   * @param rowsIn rows of the delivery (bronze rows of the landing date); transcripts for interviews
   * @param bronzeRowsWritten rows written to bronze now; 0 when {@code bronzeUnchanged}
   * @param bronzeUnchanged bronze already held this landing date from the same files, so it was not rewritten
   * @param validRows rows that passed validation and deduplication: merged into silver (for
   *     interviews: transcripts landed; code-interviews writes their silver)
   * @param quarantinedByRule rejected rows per rule id, sorted by rule
   * @param duplicates valid rows dropped because another row of the delivery had the same key
   * @param error the user-facing message when {@link Status#FAILED}, else null
   */
  public record SourceResult(
      String source,
      Status status,
      long rowsIn,
      long bronzeRowsWritten,
      boolean bronzeUnchanged,
      long validRows,
      Map<String, Long> quarantinedByRule,
      long duplicates,
      String error) {

    public SourceResult {
      Objects.requireNonNull(source, "source");
      Objects.requireNonNull(status, "status");
      quarantinedByRule = Map.copyOf(new TreeMap<>(quarantinedByRule));
    }

    static SourceResult absent(String source) {
      return new SourceResult(source, Status.SKIPPED_ABSENT, 0, 0, false, 0, Map.of(), 0, null);
    }

    static SourceResult failed(String source, String error) {
      return new SourceResult(source, Status.FAILED, 0, 0, false, 0, Map.of(), 0, error);
    }

    /** All quarantined rows, whatever the rule. */
    public long quarantined() {
      return quarantinedByRule.values().stream().mapToLong(Long::longValue).sum();
    }

    /** Rows quarantined by one rule; 0 when none. */
    public long quarantined(ValidationRule rule) {
      return quarantinedByRule.getOrDefault(rule.id(), 0L);
    }
  }

  /** The result of one source; fails when the run did not include it. */
  public SourceResult source(String name) {
    return sources.stream()
        .filter(s -> s.source().equals(name))
        .findFirst()
        .orElseThrow(() -> new IllegalArgumentException("source " + name + " was not part of this run"));
  }

  /** The user-facing errors of failed sources, in run order. */
  public List<String> errors() {
    return sources.stream().filter(s -> s.error() != null).map(SourceResult::error).toList();
  }

  public boolean hasErrors() {
    return !errors().isEmpty();
  }

  /** A fixed-width table, one line per source, then the error messages. */
  @Override
  public String toString() {
    String[] header = {"source", "status", "rows_in", "bronze", "valid", "quarantined", "duplicates"};
    List<String[]> lines = new ArrayList<>();
    lines.add(header);
    for (SourceResult s : sources) {
      String quarantined =
          s.quarantined() == 0
              ? "0"
              : s.quarantined() + " (" + s.quarantinedByRule().entrySet().stream()
                  .sorted(Map.Entry.comparingByKey())
                  .map(e -> e.getKey() + " " + e.getValue())
                  .collect(Collectors.joining(", ")) + ")";
      lines.add(new String[] {
        s.source(),
        s.status().name().toLowerCase(),
        String.valueOf(s.rowsIn()),
        s.bronzeUnchanged() ? "unchanged" : String.valueOf(s.bronzeRowsWritten()),
        String.valueOf(s.validRows()),
        quarantined,
        String.valueOf(s.duplicates())
      });
    }
    int[] widths = new int[header.length];
    for (String[] line : lines) {
      for (int i = 0; i < line.length; i++) {
        widths[i] = Math.max(widths[i], line[i].length());
      }
    }
    StringBuilder out = new StringBuilder();
    out.append("ingest ").append(landingDate).append(" (run ").append(runId).append(")\n");
    for (String[] line : lines) {
      for (int i = 0; i < line.length; i++) {
        String cell = line[i];
        // numbers right-aligned, words left-aligned
        boolean left = i < 2;
        out.append(left ? pad(cell, widths[i], true) : pad(cell, widths[i], false));
        out.append(i + 1 < line.length ? "  " : "\n");
      }
    }
    for (SourceResult s : sources) {
      if (s.error() != null) {
        out.append("error in ").append(s.source()).append(": ").append(s.error()).append('\n');
      }
    }
    return out.toString();
  }

  private static String pad(String text, int width, boolean left) {
    String spaces = " ".repeat(Math.max(0, width - text.length()));
    return left ? text + spaces : spaces + text;
  }
}
