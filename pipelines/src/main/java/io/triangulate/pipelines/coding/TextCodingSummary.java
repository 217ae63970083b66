package io.triangulate.pipelines.coding;

import java.util.List;

/**
 * What one run of code-texts did.
 *
 * @param texts customer texts landed on or before the run date
 * @param textsCoded texts (re)coded in this run: new or changed texts, or all after a codebook change; 0 on a rerun
 * @param segmentsWritten coded sentences written for them
 * @param failures one message per text of this run that could not be coded (naming the text); those are skipped
 */
public record TextCodingSummary(long texts, long textsCoded, long segmentsWritten, List<String> failures) {
  public TextCodingSummary {
    failures = List.copyOf(failures);
  }
}
