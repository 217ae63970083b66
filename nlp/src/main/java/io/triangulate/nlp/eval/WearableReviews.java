package io.triangulate.nlp.eval;

import io.triangulate.nlp.UserError;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the hand-coded clauses of the {@code wearable_reviews} data set ({@code coded_clauses.csv}:
 * review_id, clause_no, clause, aspect, sentiment, filter).
 */
public final class WearableReviews {
  public static final String CLAUSES_FILE = "coded_clauses.csv";
  private static final List<String> HEADER = List.of("review_id", "clause_no", "clause", "aspect", "sentiment");

  private WearableReviews() {}

  /** The coded clauses of {@code dir}, in file order. */
  public static List<HumanClause> load(Path dir) {
    Path file = dir.resolve(CLAUSES_FILE);
    String text;
    try {
      text = Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw UserError.at(file.toString()).problem("coded clauses cannot be read")
          .expected("the wearable_reviews folder with " + CLAUSES_FILE).found(e.toString())
          .fix("pass --data pointing at .../shared/data/wearable_reviews").cause(e).build();
    }
    return parse(text, file.toString());
  }

  /** Parses the CSV text; {@code sourceName} is used in error messages. */
  public static List<HumanClause> parse(String text, String sourceName) {
    List<CsvReader.Row> rows = CsvReader.parse(text, sourceName);
    if (rows.isEmpty() || rows.get(0).fields().size() < HEADER.size()
        || !rows.get(0).fields().subList(0, HEADER.size()).equals(HEADER)) {
      throw UserError.at(sourceName + ", line 1").problem("unexpected header")
          .expected(String.join(",", HEADER) + "[,filter]")
          .found(rows.isEmpty() ? "an empty file" : String.join(",", rows.get(0).fields()))
          .fix("use coded_clauses.csv of the wearable_reviews data set").build();
    }
    List<HumanClause> clauses = new ArrayList<>();
    for (CsvReader.Row row : rows.subList(1, rows.size())) {
      List<String> f = row.fields();
      if (f.size() == 1 && f.get(0).isBlank()) {
        continue;
      }
      String where = sourceName + ", line " + row.line();
      if (f.size() < HEADER.size()) {
        throw UserError.at(where).problem("too few fields").expected(HEADER.size() + " or more")
            .found(f.size()).fix("quote clauses that contain commas").build();
      }
      clauses.add(new HumanClause(f.get(0).strip(), integer(f.get(1), where, "clause_no", 1, Integer.MAX_VALUE),
          f.get(2), f.get(3).strip(), integer(f.get(4), where, "sentiment", 0, 4)));
    }
    return clauses;
  }

  private static int integer(String value, String where, String field, int min, int max) {
    try {
      int v = Integer.parseInt(value.strip());
      if (v >= min && v <= max) {
        return v;
      }
    } catch (NumberFormatException ignored) {
      // reported below
    }
    throw UserError.at(where + ", field " + field).problem(field + " is not a valid number")
        .expected("an integer from " + min + " to " + max).found(value)
        .fix("correct the value").build();
  }
}
