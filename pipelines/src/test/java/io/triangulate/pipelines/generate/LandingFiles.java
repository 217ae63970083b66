package io.triangulate.pipelines.generate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Reads landing files back the way an independent consumer would, for the generator's tests and
 * the adapters' tests (which count the real data sets with it, without Spark).
 */
public final class LandingFiles {
  private LandingFiles() {}

  private static final ObjectMapper JSON = new ObjectMapper();

  /** A CSV file as header + rows, each row a column-name-to-value map in header order. */
  public record Csv(List<String> header, List<Map<String, String>> rows) {}

  public static Csv readCsv(Path file) {
    try {
      String text = Files.readString(file, StandardCharsets.UTF_8);
      List<List<String>> records = parse(text);
      List<String> header = records.get(0);
      List<Map<String, String>> rows = new ArrayList<>();
      for (List<String> r : records.subList(1, records.size())) {
        if (r.size() != header.size()) {
          throw new IllegalStateException(file + ": row has " + r.size() + " fields, header " + header.size() + ": " + r);
        }
        Map<String, String> row = new LinkedHashMap<>();
        for (int i = 0; i < header.size(); i++) {
          row.put(header.get(i), r.get(i));
        }
        rows.add(row);
      }
      return new Csv(header, rows);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** RFC 4180: quoted fields may hold commas, doubled quotes and line breaks. */
  static List<List<String>> parse(String text) {
    List<List<String>> records = new ArrayList<>();
    List<String> record = new ArrayList<>();
    StringBuilder field = new StringBuilder();
    boolean quoted = false;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (quoted) {
        if (c == '"' && i + 1 < text.length() && text.charAt(i + 1) == '"') {
          field.append('"');
          i++;
        } else if (c == '"') {
          quoted = false;
        } else {
          field.append(c);
        }
      } else if (c == '"') {
        quoted = true;
      } else if (c == ',') {
        record.add(field.toString());
        field.setLength(0);
      } else if (c == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n') {
        continue; // CRLF line ends (some public data sets): the \n ends the record
      } else if (c == '\n') {
        record.add(field.toString());
        field.setLength(0);
        records.add(record);
        record = new ArrayList<>();
      } else {
        field.append(c);
      }
    }
    if (field.length() > 0 || !record.isEmpty()) {
      record.add(field.toString());
      records.add(record);
    }
    return records;
  }

  static JsonNode firstJsonLine(Path file) {
    try (BufferedReader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      return JSON.readTree(r.readLine());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Streams the JSON objects of a JSON Lines file. */
  static void forEachJsonLine(Path file, Consumer<JsonNode> action) {
    try (BufferedReader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      String line;
      while ((line = r.readLine()) != null) {
        action.accept(JSON.readTree(line));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
