package io.triangulate.pipelines.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * {@link JsonKeyScanner} either declines a line or reads the wanted fields exactly as
 * {@link JsonLineFields} (checked against Spark's reader) does, on hand-picked lines and on
 * thousands of generated near-misses; and it does read the plain lines ingest mostly sees.
 */
class JsonKeyScannerTest {
  private static final List<String> KEYS = List.of("id", "at");
  private static final String VALID =
      "{\"id\":\"K1\",\"n\":1.5e3,\"deep\":{\"id\":\"inner\",\"l\":[1,{\"x\":\"}\"}]},\"s\":\"a\\\"b\",\"at\":\"2025\",\"t\":true}";
  private static final List<String> LINES = List.of(
      VALID,
      "{\"id\":\"K1\",\"id\":\"K2\"}",
      "{\"id\":null}",
      "{}",
      " { \"id\" : \"spaced\" , \"at\" : \"x\" } ",
      "{\"id\":\"K\\u0031\"}",
      "{\"i\\u0064\":\"escaped name\"}",
      "{'id':'single'}",
      "{\"x\":'single {',\"id\":\"K\"}",
      "{\"id\":7}",
      "{\"id\":\"K\"} tail",
      "{\"id\":\"K\"}{\"id\":\"L\"}",
      "[{\"id\":\"A\"}]",
      "{\"id\":\"é✓\"}",
      "{\"id\":\"K\",}",
      "{\"id\":",
      "");

  @Test
  void declinesOrAgreesWithTheFullParser() {
    List<String> lines = new ArrayList<>(LINES);
    Random random = new Random(11);
    String alphabet = "{}[]\":,' 0an\\e";
    for (int round = 0; round < 20; round++) {
      for (int i = 0; i < VALID.length(); i++) {
        lines.add(VALID.substring(0, i) + VALID.substring(i + 1));
        lines.add(VALID.substring(0, i) + alphabet.charAt(random.nextInt(alphabet.length())) + VALID.substring(i + 1));
      }
    }
    JsonKeyScanner scanner = new JsonKeyScanner(KEYS);
    JsonLineFields parser = new JsonLineFields(KEYS);
    String[] scanned = new String[KEYS.size()];
    int read = 0;
    List<String> differences = new ArrayList<>();
    for (String line : lines) {
      if (!scanner.scan(line.getBytes(StandardCharsets.UTF_8), scanned)) {
        continue;
      }
      read++;
      List<String[]> rows = parser.rows(line);
      boolean same = rows.size() == 1 && rows.get(0)[KEYS.size()] == null
          && Arrays.equals(Arrays.copyOf(rows.get(0), KEYS.size()), scanned);
      // A malformed line the scanner read is harmless (its row is rejected, never a duplicate); a
      // well-formed one must give the same keys.
      boolean malformed = rows.size() == 1 && rows.get(0)[KEYS.size()] != null;
      if (!same && !malformed) {
        differences.add(line + " -> " + Arrays.toString(scanned) + " vs "
            + rows.stream().map(Arrays::toString).toList());
      }
    }
    assertThat(differences).as("lines read differently from the full parser").isEmpty();
    assertThat(read).as("plain lines are read, not declined").isGreaterThan(lines.size() / 4);
  }

  @Test
  void readsPlainLinesAndDeclinesWhatNeedsTheParser() {
    JsonKeyScanner scanner = new JsonKeyScanner(KEYS);
    String[] scanned = new String[KEYS.size()];
    assertThat(scanner.scan(VALID.getBytes(StandardCharsets.UTF_8), scanned)).as("a plain line").isTrue();
    assertThat(scanned).as("top-level fields only; nested ones of the same name skipped").containsExactly("K1", "2025");
    for (String line : List.of("{\"id\":\"K\\u0031\"}", "{'id':'single'}", "{\"id\":7}", "[{\"id\":\"A\"}]", "")) {
      assertThat(scanner.scan(line.getBytes(StandardCharsets.UTF_8), scanned)).as("declined: %s", line).isFalse();
    }
  }
}
