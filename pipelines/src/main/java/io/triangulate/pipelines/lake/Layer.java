package io.triangulate.pipelines.lake;

/** The lake's layers, each a folder under the lake root. */
public enum Layer {
  /** Raw rows as delivered, with lineage; appended per landing date, never edited. */
  BRONZE("bronze"),
  /** Typed, validated, deduplicated rows; what every analysis reads. */
  SILVER("silver"),
  /** Derived tables: journeys, claim results, data quality. */
  GOLD("gold"),
  /** Rows that failed validation, with the rule that failed and the run that saw them. */
  QUARANTINE("quarantine");

  private final String folder;

  Layer(String folder) {
    this.folder = folder;
  }

  public String folder() {
    return folder;
  }
}
