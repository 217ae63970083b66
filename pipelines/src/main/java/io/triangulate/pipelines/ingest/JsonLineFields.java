package io.triangulate.pipelines.ingest;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One JSON Lines record → the raw string of each contract column, as Spark's JSON reader with an
 * all-string schema and a corrupt-record column gives them: a string value as its text, any other
 * value as its compact JSON, JSON null and absent fields as null, unknown fields skipped, a repeated
 * field's last value kept. A blank line gives no row; a top-level array of objects one row per object;
 * anything else that is not a JSON object one row with every column null and the line as the corrupt
 * record. {@code JsonLineFieldsTest} checks this against Spark's reader line for line.
 *
 * <p>Ingest's JSON Lines path ({@link JsonLinesPass}) reads every line through this: the raw strings
 * it yields feed {@link ContractRows} directly, without Spark's row conversion in between.
 */
public final class JsonLineFields {
  private final Map<String, Integer> index = new HashMap<>();
  private final int width;

  /** @param columns the fields to keep, in output order */
  public JsonLineFields(List<String> columns) {
    for (int i = 0; i < columns.size(); i++) {
      index.put(columns.get(i), i);
    }
    width = columns.size();
  }

  /**
   * The rows of one line: each an array of {@code columns.size() + 1} strings, the last the corrupt
   * record (the whole line) or null.
   */
  public List<String[]> rows(String line) {
    return rows(line.getBytes(StandardCharsets.UTF_8), line);
  }

  /** {@link #rows(String)} of a line given as its UTF-8 bytes (decoded only when it is corrupt). */
  public List<String[]> rows(byte[] utf8) {
    return rows(utf8, null);
  }

  private List<String[]> rows(byte[] bytes, String text) {
    // From UTF-8 bytes, as Spark's reader parses a line: Jackson's byte parser, whose recovery after
    // a bad value (and so which partial results survive) differs from its character parser's.
    try (JsonParser parser = ContractParsers.JSON.createParser(bytes)) {
      JsonToken first = parser.nextToken();
      if (first == null) {
        return List.of(); // blank
      }
      if (first == JsonToken.START_OBJECT) {
        return List.<String[]>of(object(parser, bytes, text));
      }
      if (first == JsonToken.START_ARRAY) {
        List<String[]> rows = new ArrayList<>();
        while (parser.nextToken() == JsonToken.START_OBJECT) {
          rows.add(object(parser, bytes, text));
        }
        if (parser.currentToken() == JsonToken.END_ARRAY) {
          return rows;
        }
      }
    } catch (IOException | RuntimeException e) {
      // not JSON: corrupt, below
    }
    String[] corrupt = new String[width + 1];
    corrupt[width] = text(bytes, text);
    return List.<String[]>of(corrupt);
  }

  private static String text(byte[] bytes, String text) {
    return text != null ? text : new String(bytes, StandardCharsets.UTF_8);
  }

  /**
   * The fields of the object the parser stands at (START_OBJECT), up to its END_OBJECT. As Spark's
   * reader: a value that fails to parse leaves its column null and marks the row corrupt, keeping the
   * other columns (partial results); a failure between fields fails the whole line.
   */
  private String[] object(JsonParser parser, byte[] bytes, String text) throws IOException {
    String[] row = new String[width + 1];
    boolean failed = false;
    JsonToken token;
    while ((token = parser.nextToken()) != JsonToken.END_OBJECT && token != null) {
      Integer at = index.get(parser.currentName());
      if (at == null) {
        parser.skipChildren(); // on a field name a no-op: the next round skips the value itself
        continue;
      }
      try {
        if (token == JsonToken.FIELD_NAME) {
          token = parser.nextToken();
        }
        row[at] = switch (token) {
          case VALUE_NULL -> null;
          case VALUE_STRING -> parser.getText();
          default -> ContractParsers.compactJson(parser);
        };
      } catch (IOException | RuntimeException e) {
        row[at] = null;
        failed = true;
        parser.skipChildren();
      }
    }
    // After a failed value Jackson's byte parser ends the input (null) instead of throwing again;
    // Spark then keeps the fields read so far. Without a failure, a null here is an unclosed object.
    if (token == null && !failed) {
      throw new IOException("unterminated object");
    }
    if (failed) {
      row[width] = text(bytes, text);
    }
    return row;
  }
}
