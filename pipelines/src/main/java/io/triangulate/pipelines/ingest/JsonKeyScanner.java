package io.triangulate.pipelines.ingest;

import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The top-level string fields of a JSON Lines record read straight from its bytes, without a JSON
 * parser: for finding repeated natural keys in one cheap pass. Exact for a well-formed object whose
 * wanted fields are plain strings (no escapes) or null; for anything else (escapes, single quotes,
 * a top-level array, a non-string value, malformed text) it declines and the caller parses the line
 * with {@link JsonLineFields}, which agrees with Spark's reader.
 */
final class JsonKeyScanner {
  private final byte[][] names;

  JsonKeyScanner(List<String> fields) {
    names = new byte[fields.size()][];
    for (int i = 0; i < names.length; i++) {
      names[i] = fields.get(i).getBytes(StandardCharsets.UTF_8);
    }
  }

  /**
   * Fills {@code values} (one per field, null where absent or JSON null; a repeated field's last value
   * wins) from the line {@code b[0, length)}; false when the line needs the full parser.
   */
  boolean scan(byte[] b, String[] values) {
    int length = b.length;
    java.util.Arrays.fill(values, null);
    int i = skipSpace(b, 0, length);
    if (i >= length || b[i] != '{') {
      return false;
    }
    i = skipSpace(b, i + 1, length);
    if (i < length && b[i] == '}') {
      return skipSpace(b, i + 1, length) == length;
    }
    while (true) {
      if (i >= length || b[i] != '"') {
        return false;
      }
      int nameStart = i + 1;
      int nameEnd = plainStringEnd(b, nameStart, length);
      if (nameEnd < 0) {
        return false;
      }
      int field = field(b, nameStart, nameEnd);
      i = skipSpace(b, nameEnd + 1, length);
      if (i >= length || b[i] != ':') {
        return false;
      }
      i = skipSpace(b, i + 1, length);
      if (i >= length) {
        return false;
      }
      if (field >= 0) {
        if (b[i] == '"') {
          int end = plainStringEnd(b, i + 1, length);
          if (end < 0) {
            return false;
          }
          values[field] = new String(b, i + 1, end - i - 1, StandardCharsets.UTF_8);
          i = end + 1;
        } else if (length - i >= 4 && b[i] == 'n' && b[i + 1] == 'u' && b[i + 2] == 'l' && b[i + 3] == 'l') {
          values[field] = null;
          i += 4;
        } else {
          return false;
        }
      } else {
        i = skipValue(b, i, length);
        if (i < 0) {
          return false;
        }
      }
      i = skipSpace(b, i, length);
      if (i >= length) {
        return false;
      }
      if (b[i] == '}') {
        return skipSpace(b, i + 1, length) == length;
      }
      if (b[i] != ',') {
        return false;
      }
      i = skipSpace(b, i + 1, length);
    }
  }

  private int field(byte[] b, int start, int end) {
    outer:
    for (int f = 0; f < names.length; f++) {
      byte[] name = names[f];
      if (name.length != end - start) {
        continue;
      }
      for (int k = 0; k < name.length; k++) {
        if (name[k] != b[start + k]) {
          continue outer;
        }
      }
      return f;
    }
    return -1;
  }

  /** Index of the closing quote of a string without escapes or control characters, or -1. */
  private static int plainStringEnd(byte[] b, int i, int length) {
    for (; i < length; i++) {
      byte c = b[i];
      if (c == '"') {
        return i;
      }
      if (c == '\\' || (c >= 0 && c < 0x20)) {
        return -1;
      }
    }
    return -1;
  }

  /** Index just past a string (escapes allowed), an object, an array or a scalar; -1 when unsure. */
  private static int skipValue(byte[] b, int i, int length) {
    int depth = 0;
    for (; i < length; i++) {
      byte c = b[i];
      if (c == '"') {
        i++;
        while (i < length && b[i] != '"') {
          if (b[i] == '\\') {
            i++;
          }
          i++;
        }
        if (i >= length) {
          return -1;
        }
        if (depth == 0) {
          return i + 1;
        }
      } else if (c == '{' || c == '[') {
        depth++;
      } else if (c == '}' || c == ']') {
        if (depth == 0) {
          return i; // the enclosing object's end: a scalar just ended
        }
        depth--;
        if (depth == 0) {
          return i + 1;
        }
      } else if (c == '\'') {
        return -1; // single-quoted strings (Spark allows them) could hide brackets
      } else if (depth == 0 && (c == ',' || c == ' ' || c == '\t' || c == '\r' || c == '\n')) {
        return i;
      }
    }
    return depth == 0 ? i : -1;
  }

  private static int skipSpace(byte[] b, int i, int length) {
    while (i < length && (b[i] == ' ' || b[i] == '\t' || b[i] == '\r' || b[i] == '\n')) {
      i++;
    }
    return i;
  }
}
