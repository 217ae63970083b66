package io.triangulate.pipelines.claims;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.triangulate.nlp.UserError;
import io.triangulate.pipelines.claims.ClaimSpec.Comparison;
import io.triangulate.pipelines.claims.ClaimSpec.Expectation;
import io.triangulate.pipelines.claims.ClaimSpec.Filter;
import io.triangulate.pipelines.claims.ClaimSpec.FilterOp;
import io.triangulate.pipelines.claims.ClaimSpec.Outcome;
import io.triangulate.pipelines.claims.ClaimSpec.OutcomeType;
import io.triangulate.pipelines.claims.ClaimSpec.Population;
import io.triangulate.pipelines.journeys.JourneySchema;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.apache.spark.sql.types.ArrayType;
import org.apache.spark.sql.types.BooleanType;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.NumericType;

/** Parses and validates one claim YAML file; every problem names the file and the field. */
final class ClaimSpecReader {
  private ClaimSpecReader() {}

  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
  private static final ObjectMapper CANONICAL_JSON =
      new ObjectMapper()
          .configure(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS, true)
          .configure(SerializationFeature.INDENT_OUTPUT, false);

  private static final Set<String> TOP_FIELDS =
      Set.of("id", "statement", "interview_codes", "population", "outcome", "horizon_days",
          "expectation", "segments", "min_segment_size");
  private static final String ID_PATTERN = "[a-z][a-z0-9_]*";

  static ClaimSpec read(Path file) {
    JsonNode root;
    try {
      root = YAML.readTree(Files.readString(file, StandardCharsets.UTF_8));
    } catch (JsonProcessingException e) {
      throw UserError.at(file.toString())
          .problem("not valid YAML")
          .found(e.getOriginalMessage())
          .fix("check indentation and quoting; see docs/claims.md for an example")
          .cause(e)
          .build();
    } catch (IOException e) {
      throw UserError.at(file.toString()).problem("cannot read claim file").found(e.getMessage()).cause(e).build();
    }
    if (root == null || !root.isObject()) {
      throw error(file, "(top level)", "a claim must be a YAML mapping", "id, statement, outcome, ... keys", root);
    }
    Reader reader = new Reader(file);
    reader.checkKnownFields(root, "", TOP_FIELDS);
    return reader.claim(root);
  }

  private static UserError error(Path file, String field, String problem, String expected, Object found) {
    return UserError.at(file + ", field " + field)
        .problem(problem)
        .expected(expected)
        .found(found instanceof JsonNode node ? (node.isNull() ? null : node.toString()) : found)
        .fix("edit the claim file; docs/claims.md describes every field")
        .build();
  }

  /** Holds the file being read so every error can name it. */
  private record Reader(Path file) {
    ClaimSpec claim(JsonNode root) {
      String id = requiredText(root, "id");
      if (!id.matches(ID_PATTERN)) {
        throw error(file, "id", "claim id is not snake_case", "lower-case letters, digits and _", id);
      }
      String statement = requiredText(root, "statement");
      List<String> codes = textList(root, "interview_codes", true);
      for (int i = 0; i < codes.size(); i++) {
        if (!codes.get(i).matches(ID_PATTERN)) {
          throw error(file, "interview_codes[" + i + "]", "not a codebook code id", "snake_case code id such as product_abandonment", codes.get(i));
        }
      }
      Population population = population(root.get("population"));
      Outcome outcome = outcome(root.get("outcome"));
      int horizon = 0;
      if (outcome.type() == OutcomeType.CHURNED) {
        // "has churned by the run date" is a status, not an event within a window.
        if (root.has("horizon_days")) {
          throw error(file, "horizon_days", "outcome churned has no horizon", "no horizon_days (or outcome churn_within)", root.get("horizon_days"));
        }
      } else {
        horizon = requiredInt(root, "horizon_days");
        if (horizon <= 0 || horizon > ClaimSpec.MAX_HORIZON_DAYS) {
          throw error(file, "horizon_days", "horizon out of range", "1 to " + ClaimSpec.MAX_HORIZON_DAYS + " days", horizon);
        }
      }
      Expectation expectation = expectation(root.get("expectation"));
      List<String> segments = textList(root, "segments", false);
      for (int i = 0; i < segments.size(); i++) {
        checkColumn("segments[" + i + "]", segments.get(i));
        if (segments.get(i).equals("customer_id")) {
          // One segment per customer would print customer ids in the report.
          throw error(file, "segments[" + i + "]", "customer_id cannot be a segment", "a grouping column such as region", segments.get(i));
        }
      }
      int minSegmentSize = root.has("min_segment_size") ? requiredInt(root, "min_segment_size") : ClaimSpec.DEFAULT_MIN_SEGMENT_SIZE;
      if (minSegmentSize < 1) {
        throw error(file, "min_segment_size", "minimum segment size must be positive", "an integer ≥ 1 (default 20)", minSegmentSize);
      }
      String hash = hash(id, statement, codes, population, outcome, horizon, expectation, segments, minSegmentSize);
      return new ClaimSpec(id, statement, codes, population, outcome, horizon, expectation, segments, minSegmentSize, hash, file);
    }

    Population population(JsonNode node) {
      if (node == null || node.isNull()) {
        return new Population(null, List.of());
      }
      if (!node.isObject()) {
        throw error(file, "population", "population must be a mapping", "product and/or filters", node);
      }
      checkKnownFields(node, "population.", Set.of("product", "filters"));
      String product = node.has("product") ? requiredText(node, "product", "population.product") : null;
      List<Filter> filters = new ArrayList<>();
      JsonNode list = node.get("filters");
      if (list != null && !list.isNull()) {
        if (!list.isArray()) {
          throw error(file, "population.filters", "filters must be a list", "a list of {column, op, value}", list);
        }
        for (int i = 0; i < list.size(); i++) {
          filters.add(filter(list.get(i), "population.filters[" + i + "]"));
        }
      }
      return new Population(product, List.copyOf(filters));
    }

    Filter filter(JsonNode node, String field) {
      if (!node.isObject()) {
        throw error(file, field, "a filter must be a mapping", "{column, op, value} or {column, op, values}", node);
      }
      checkKnownFields(node, field + ".", Set.of("column", "op", "value", "values"));
      String column = requiredText(node, "column", field + ".column");
      DataType type = checkColumn(field + ".column", column);
      String opText = requiredText(node, "op", field + ".op");
      FilterOp op = FilterOp.fromSymbol(opText);
      if (op == null) {
        throw error(file, field + ".op", "unknown filter operator", "one of =, !=, in, not_in, >=, <=", opText);
      }
      List<Object> values = new ArrayList<>();
      if (op.takesList()) {
        JsonNode list = node.get("values");
        if (list == null || !list.isArray() || list.isEmpty()) {
          throw error(file, field + ".values", "operator " + opText + " needs a non-empty list", "values: [a, b]", list);
        }
        for (int i = 0; i < list.size(); i++) {
          values.add(scalar(list.get(i), type, field + ".values[" + i + "]"));
        }
      } else {
        JsonNode value = node.get("value");
        if (value == null) {
          throw error(file, field + ".value", "operator " + opText + " needs a value", "value: <scalar>", null);
        }
        values.add(scalar(value, type, field + ".value"));
      }
      return new Filter(column, op, List.copyOf(values));
    }

    Object typedValue(JsonNode node, DataType columnType, String field) {
      if (node == null || node.isNull()) {
        throw error(file, field, field + " is missing", "a value of the column, e.g. true", null);
      }
      return scalar(node, columnType, field);
    }

    Object scalar(JsonNode node, DataType columnType, String field) {
      if (columnType instanceof BooleanType) {
        if (!node.isBoolean()) {
          throw error(file, field, "the column is boolean", "true or false", node);
        }
        return node.booleanValue();
      }
      if (columnType instanceof NumericType) {
        if (!node.isNumber()) {
          throw error(file, field, "the column is numeric", "a number", node);
        }
        return node.isIntegralNumber() ? (Object) node.longValue() : (Object) node.doubleValue();
      }
      if (!node.isValueNode() || node.isNull()) {
        throw error(file, field, "filter values must be scalars", "text, a number or an ISO date", node);
      }
      return node.asText();
    }

    Outcome outcome(JsonNode node) {
      if (node == null || !node.isObject()) {
        throw error(file, "outcome", "outcome is missing or not a mapping", "{type: usage_stops, ...} or {type: churn_within}", node);
      }
      String typeText = requiredText(node, "type", "outcome.type");
      OutcomeType type = OutcomeType.fromYaml(typeText);
      if (type == null) {
        throw error(file, "outcome.type", "unknown outcome type", "usage_stops, churn_within, churned or no_repeat_purchase", typeText);
      }
      if (type == OutcomeType.CHURN_WITHIN) {
        checkKnownFields(node, "outcome.", Set.of("type"));
        return new Outcome(type, null, List.of(), 0);
      }
      if (type == OutcomeType.CHURNED) {
        checkKnownFields(node, "outcome.", Set.of("type", "reason_codes"));
        List<String> reasons = node.has("reason_codes") ? textList(node, "reason_codes", true, "outcome.reason_codes") : List.of();
        return new Outcome(type, null, List.of(), 0, reasons);
      }
      if (type == OutcomeType.NO_REPEAT_PURCHASE) {
        checkKnownFields(node, "outcome.", Set.of("type", "product"));
        String product = node.has("product") ? requiredText(node, "product", "outcome.product") : null;
        return new Outcome(type, product, List.of(), 0);
      }
      checkKnownFields(node, "outcome.", Set.of("type", "product", "usage_event_types", "inactive_days"));
      String product = requiredText(node, "product", "outcome.product");
      List<String> eventTypes = textList(node, "usage_event_types", true, "outcome.usage_event_types");
      int inactiveDays = node.has("inactive_days") ? requiredInt(node, "inactive_days", "outcome.inactive_days") : ClaimSpec.DEFAULT_INACTIVE_DAYS;
      if (inactiveDays <= 0 || inactiveDays > ClaimSpec.MAX_HORIZON_DAYS) {
        throw error(file, "outcome.inactive_days", "inactivity window out of range", "1 to " + ClaimSpec.MAX_HORIZON_DAYS + " days", inactiveDays);
      }
      return new Outcome(type, product, eventTypes, inactiveDays);
    }

    Expectation expectation(JsonNode node) {
      if (node != null && node.isObject() && node.size() == 1 && node.has("compare")) {
        return new Expectation(true, 0.0, comparison(node.get("compare")));
      }
      if (node == null || !node.isObject() || node.size() != 1 || !(node.has("at_least") || node.has("at_most"))) {
        throw error(file, "expectation", "expectation must have exactly one of at_least / at_most / compare",
            "{at_least: 0.30}, {at_most: 0.10} or {compare: {column: c, group: a, versus: b, direction: higher}}", node);
      }
      boolean atLeast = node.has("at_least");
      String field = "expectation." + (atLeast ? "at_least" : "at_most");
      JsonNode value = node.get(atLeast ? "at_least" : "at_most");
      if (!value.isNumber() || value.doubleValue() < 0 || value.doubleValue() > 1) {
        throw error(file, field, "threshold outside [0, 1]", "a fraction such as 0.30 (not 30)", value);
      }
      return new Expectation(atLeast, value.doubleValue());
    }

    Comparison comparison(JsonNode node) {
      String prefix = "expectation.compare.";
      if (node == null || !node.isObject()) {
        throw error(file, "expectation.compare", "compare must be a mapping", "{column: c, group: a, versus: b, direction: higher}", node);
      }
      checkKnownFields(node, prefix, Set.of("column", "group", "versus", "direction"));
      String column = requiredText(node, "column", prefix + "column");
      DataType type = checkColumn(prefix + "column", column);
      if (column.equals("customer_id")) {
        throw error(file, prefix + "column", "customer_id cannot be compared", "a grouping column such as is_setup_completed", column);
      }
      Object group = typedValue(node.get("group"), type, prefix + "group");
      JsonNode versusNode = node.get("versus");
      Object versus;
      if (versusNode != null && versusNode.isArray()) {
        // Several values pooled into one comparison side: "month-to-month versus any term contract".
        if (versusNode.isEmpty()) {
          throw error(file, prefix + "versus", "versus list is empty", "a value or a non-empty list of values of " + column, versusNode);
        }
        List<Object> values = new ArrayList<>();
        for (int i = 0; i < versusNode.size(); i++) {
          Object value = typedValue(versusNode.get(i), type, prefix + "versus[" + i + "]");
          if (group.equals(value) || values.contains(value)) {
            throw error(file, prefix + "versus[" + i + "]", "value repeated in the comparison", "values different from group and from each other", value);
          }
          values.add(value);
        }
        versus = List.copyOf(values);
      } else {
        versus = typedValue(versusNode, type, prefix + "versus");
        if (group.equals(versus)) {
          throw error(file, prefix + "versus", "group and versus are the same value", "two different values of " + column, versus);
        }
      }
      String direction = requiredText(node, "direction", prefix + "direction");
      if (!direction.equals("higher") && !direction.equals("lower")) {
        throw error(file, prefix + "direction", "unknown direction", "higher or lower", direction);
      }
      return new Comparison(column, group, versus, direction.equals("higher"));
    }

    DataType checkColumn(String field, String column) {
      if (column.equals(ClaimSpec.FIRST_PRODUCT_ID)) {
        return org.apache.spark.sql.types.DataTypes.StringType;
      }
      if (!Arrays.asList(JourneySchema.JOURNEYS.fieldNames()).contains(column)) {
        throw error(file, field, "unknown column " + column, "a gold/journeys column: " + String.join(", ", JourneySchema.JOURNEYS.fieldNames()) + ", or " + ClaimSpec.FIRST_PRODUCT_ID, column);
      }
      DataType type = JourneySchema.JOURNEYS.apply(column).dataType();
      if (type instanceof ArrayType) {
        throw error(file, field, "list column " + column + " cannot be compared or grouped", "a scalar gold/journeys column", column);
      }
      return type;
    }

    void checkKnownFields(JsonNode node, String prefix, Set<String> known) {
      for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
        String name = names.next();
        if (!known.contains(name)) {
          throw error(file, prefix + name, "unknown field", "one of " + String.join(", ", new java.util.TreeSet<>(known)), name);
        }
      }
    }

    String requiredText(JsonNode node, String name) {
      return requiredText(node, name, name);
    }

    String requiredText(JsonNode node, String name, String field) {
      JsonNode value = node.get(name);
      if (value == null || value.isNull() || !value.isValueNode() || value.asText().isBlank()) {
        throw error(file, field, field + " is missing or empty", "a non-empty text", value);
      }
      return value.asText().strip();
    }

    int requiredInt(JsonNode node, String name) {
      return requiredInt(node, name, name);
    }

    int requiredInt(JsonNode node, String name, String field) {
      JsonNode value = node.get(name);
      if (value == null || !value.isIntegralNumber() || !value.canConvertToInt()) {
        throw error(file, field, field + " is missing or not a whole number", "an integer number of days/customers", value);
      }
      return value.intValue();
    }

    List<String> textList(JsonNode node, String name, boolean required) {
      return textList(node, name, required, name);
    }

    List<String> textList(JsonNode node, String name, boolean required, String field) {
      JsonNode value = node.get(name);
      if (value == null || value.isNull()) {
        if (required) {
          throw error(file, field, field + " is missing", "a non-empty list", null);
        }
        return List.of();
      }
      if (!value.isArray() || (required && value.isEmpty())) {
        throw error(file, field, field + " must be a " + (required ? "non-empty " : "") + "list", "[a, b]", value);
      }
      List<String> out = new ArrayList<>();
      for (int i = 0; i < value.size(); i++) {
        JsonNode item = value.get(i);
        if (!item.isTextual() || item.asText().isBlank()) {
          throw error(file, field + "[" + i + "]", "list items must be non-empty text", "text", item);
        }
        if (out.contains(item.asText())) {
          throw error(file, field + "[" + i + "]", "duplicate entry", "each entry once", item);
        }
        out.add(item.asText());
      }
      return List.copyOf(out);
    }
  }

  /** sha-256 of the spec with defaults filled in and keys sorted: formatting and comments do not change it. */
  private static String hash(
      String id, String statement, List<String> codes, Population population, Outcome outcome,
      int horizon, Expectation expectation, List<String> segments, int minSegmentSize) {
    Map<String, Object> spec = new TreeMap<>();
    spec.put("id", id);
    spec.put("statement", statement);
    spec.put("interview_codes", codes);
    Map<String, Object> pop = new TreeMap<>();
    pop.put("product", population.product());
    List<Map<String, Object>> filters = new ArrayList<>();
    for (Filter f : population.filters()) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("column", f.column());
      m.put("op", f.op().symbol());
      m.put("values", f.values());
      filters.add(m);
    }
    pop.put("filters", filters);
    spec.put("population", pop);
    Map<String, Object> out = new TreeMap<>();
    out.put("type", outcome.type().yamlName());
    out.put("product", outcome.product());
    out.put("usage_event_types", outcome.usageEventTypes());
    out.put("inactive_days", outcome.inactiveDays());
    if (!outcome.reasonCodes().isEmpty()) {
      // only when set, so the hashes of claims written before reason codes existed do not change
      out.put("reason_codes", outcome.reasonCodes());
    }
    spec.put("outcome", out);
    spec.put("horizon_days", horizon);
    if (expectation.isComparison()) {
      Comparison c = expectation.comparison();
      Map<String, Object> compare = new TreeMap<>();
      compare.put("column", c.column());
      compare.put("group", c.group());
      compare.put("versus", c.versus());
      compare.put("direction", c.higher() ? "higher" : "lower");
      spec.put("expectation", Map.of("compare", compare));
    } else {
      spec.put("expectation", Map.of(expectation.atLeast() ? "at_least" : "at_most", expectation.threshold()));
    }
    spec.put("segments", segments);
    spec.put("min_segment_size", minSegmentSize);
    try {
      byte[] json = CANONICAL_JSON.writeValueAsBytes(spec);
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(json));
    } catch (JsonProcessingException | NoSuchAlgorithmException e) {
      throw new IllegalStateException("cannot hash claim spec " + id, e);
    }
  }
}
