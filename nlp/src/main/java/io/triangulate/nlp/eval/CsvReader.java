package io.triangulate.nlp.eval;

import io.triangulate.nlp.UserError;
import java.util.ArrayList;
import java.util.List;

/**
 * A small RFC 4180 reader (quoted fields, doubled quotes, line breaks inside quotes) for the
 * evaluation data sets; enough for them and avoids a CSV library in the NLP module.
 */
final class CsvReader {
  private CsvReader() {}

  /** Records of {@code text}; the first is the header. Each record knows the line it starts on. */
  static List<Row> parse(String text, String sourceName) {
    List<Row> rows = new ArrayList<>();
    List<String> fields = new ArrayList<>();
    StringBuilder field = new StringBuilder();
    boolean quoted = false;
    int line = 1;
    int rowLine = 1;
    int start = text.startsWith("\uFEFF") ? 1 : 0;
    for (int i = start; i < text.length(); i++) {
      char c = text.charAt(i);
      if (quoted) {
        if (c == '"') {
          if (i + 1 < text.length() && text.charAt(i + 1) == '"') {
            field.append('"');
            i++;
          } else {
            quoted = false;
          }
        } else {
          if (c == '\n') {
            line++;
          }
          field.append(c);
        }
      } else if (c == '"') {
        quoted = true;
      } else if (c == ',') {
        fields.add(field.toString());
        field.setLength(0);
      } else if (c == '\n' || c == '\r') {
        if (c == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n') {
          i++;
        }
        fields.add(field.toString());
        field.setLength(0);
        rows.add(new Row(rowLine, List.copyOf(fields)));
        fields.clear();
        line++;
        rowLine = line;
      } else {
        field.append(c);
      }
    }
    if (quoted) {
      throw UserError.at(sourceName + ", line " + rowLine).problem("unterminated quoted field")
          .expected("a closing '\"'").found("end of file").fix("close the quote or remove it").build();
    }
    if (field.length() > 0 || !fields.isEmpty()) {
      fields.add(field.toString());
      rows.add(new Row(rowLine, List.copyOf(fields)));
    }
    return rows;
  }

  /** One record and the line it starts on (1-based). */
  record Row(int line, List<String> fields) {}
}
