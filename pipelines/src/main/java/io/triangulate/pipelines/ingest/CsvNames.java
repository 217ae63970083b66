package io.triangulate.pipelines.ingest;

/** Header names as exporters write them: with spaces around, a byte-order mark, or quotes. */
final class CsvNames {
  private CsvNames() {}

  static String normalize(String name) {
    String value = name.replace("\uFEFF", "").trim();
    if (value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")) {
      value = value.substring(1, value.length() - 1).trim();
    }
    return value;
  }
}
