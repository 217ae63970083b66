package io.triangulate.pipelines.ingest;

/**
 * The checks every delivered row goes through on its way from bronze to silver. A row failing
 * {@link #MALFORMED}, {@link #REQUIRED} or {@link #TYPE} goes to quarantine with the first rule it
 * failed (in this order, columns in contract order); a {@link #DUPLICATE} is only counted.
 */
public enum ValidationRule {
  MALFORMED(
      "malformed",
      "a CSV line with more or fewer fields than the header, or a JSON Lines line that is not a JSON"
          + " object; the line's text is kept in `raw._corrupt_record`"),
  REQUIRED("required", "a required column is missing, empty or blank"),
  TYPE("type", "a value is present but cannot be read as the contract type (timestamp, integer, decimal, JSON object)"),
  DUPLICATE(
      "duplicate",
      "another valid row of the same delivery has the same natural key; the last one by the contract's"
          + " first timestamp column, then `_source_file`, then full row content is kept, the others are"
          + " counted, not quarantined");

  private final String id;
  private final String meaning;

  ValidationRule(String id, String meaning) {
    this.id = id;
    this.meaning = meaning;
  }

  /** The value of the quarantine's {@code rule} column. */
  public String id() {
    return id;
  }

  /** One sentence for docs/contracts.md. */
  public String meaning() {
    return meaning;
  }
}
