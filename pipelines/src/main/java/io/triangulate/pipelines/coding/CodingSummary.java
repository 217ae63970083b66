package io.triangulate.pipelines.coding;

import java.util.List;

/**
 * What one run of code-interviews did.
 *
 * @param transcripts transcripts in bronze
 * @param interviewsCoded interviews (re)coded in this run; 0 when nothing changed
 * @param segmentsWritten coded segments written for them
 * @param failures one message per transcript that could not be read, naming its file; those are skipped
 */
public record CodingSummary(long transcripts, long interviewsCoded, long segmentsWritten, List<String> failures) {
  public CodingSummary {
    failures = List.copyOf(failures);
  }
}
