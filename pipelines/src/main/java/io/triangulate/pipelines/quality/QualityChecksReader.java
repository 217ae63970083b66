package io.triangulate.pipelines.quality;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.triangulate.nlp.UserError;
import io.triangulate.pipelines.lake.LakeTable;
import io.triangulate.pipelines.lake.Layer;
import io.triangulate.pipelines.quality.QualityCheck.Kind;
import io.triangulate.pipelines.quality.QualityCheck.Severity;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/** Parses and validates quality YAML; every problem names the source and the field (e.g. {@code checks[2].min_fraction}). */
final class QualityChecksReader {
  private QualityChecksReader() {}

  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
  private static final String ID_PATTERN = "[a-z][a-z0-9_]*";
  private static final Set<String> TOP_FIELDS = Set.of("checks", "optional_tables");
  private static final Set<String> COMMON_FIELDS = Set.of("id", "table", "kind", "severity", "description");
  private static final Map<Kind, Set<String>> KIND_FIELDS =
      Map.of(
          Kind.COMPLETENESS, Set.of("column", "min_fraction"),
          Kind.UNIQUENESS, Set.of("columns", "min_fraction"),
          Kind.RANGE, Set.of("column", "min", "max"),
          Kind.ALLOWED_VALUES, Set.of("column", "values", "min_fraction"),
          Kind.FRESHNESS, Set.of("column", "max_age_days"),
          Kind.ROW_COUNT_DROP, Set.of("max_drop_fraction"));

  static QualityChecks parse(String source, String text) {
    JsonNode root;
    try {
      root = YAML.readTree(text);
    } catch (JsonProcessingException e) {
      throw UserError.at(source).problem("not valid YAML").found(e.getOriginalMessage())
          .fix("check indentation and quoting; docs/quality.md has an example").cause(e).build();
    }
    Reader reader = new Reader(source);
    if (root == null || !root.isObject()) {
      throw reader.error("(top level)", "a quality file must be a YAML mapping", "keys checks and optionally optional_tables", root);
    }
    reader.checkKnownFields(root, "", TOP_FIELDS);
    Set<LakeTable> optional = new LinkedHashSet<>();
    JsonNode optionalNode = root.get("optional_tables");
    if (optionalNode != null && !optionalNode.isNull()) {
      if (!optionalNode.isArray()) {
        throw reader.error("optional_tables", "must be a list", "a list of tables such as [silver/customer_texts]", optionalNode);
      }
      for (int i = 0; i < optionalNode.size(); i++) {
        optional.add(reader.table(optionalNode.get(i), "optional_tables[" + i + "]"));
      }
    }
    JsonNode list = root.get("checks");
    if (list == null || !list.isArray() || list.isEmpty()) {
      throw reader.error("checks", "no checks", "a non-empty list of checks", list);
    }
    List<QualityCheck> checks = new ArrayList<>();
    Set<String> ids = new HashSet<>();
    for (int i = 0; i < list.size(); i++) {
      QualityCheck check = reader.check(list.get(i), "checks[" + i + "]");
      if (!ids.add(check.id())) {
        throw reader.error("checks[" + i + "].id", "duplicate check id", "ids unique within the file", check.id());
      }
      checks.add(check);
    }
    return new QualityChecks(source, checks, optional);
  }

  /** Holds the source being read so every error can name it. */
  private record Reader(String source) {
    UserError error(String field, String problem, String expected, Object found) {
      return UserError.at(source + ", field " + field)
          .problem(problem)
          .expected(expected)
          .found(found instanceof JsonNode node ? (node.isNull() ? null : node.toString()) : found)
          .fix("edit the quality checks file; docs/quality.md describes every field")
          .build();
    }

    QualityCheck check(JsonNode node, String field) {
      if (node == null || !node.isObject()) {
        throw error(field, "a check must be a mapping", "id, table, kind, severity, description and the kind's fields", node);
      }
      String id = text(node, "id", field);
      if (!id.matches(ID_PATTERN)) {
        throw error(field + ".id", "check id is not snake_case", "lower-case letters, digits and _", id);
      }
      LakeTable table = table(node.get("table"), field + ".table");
      Kind kind = enumValue(node, "kind", field, Kind.values(), Kind::yamlName);
      Severity severity = enumValue(node, "severity", field, Severity.values(), Severity::yamlName);
      String description = text(node, "description", field);
      Set<String> allowed = new HashSet<>(COMMON_FIELDS);
      allowed.addAll(KIND_FIELDS.get(kind));
      checkKnownFields(node, field + ".", allowed);

      List<String> columns = List.of();
      Double minFraction = null;
      Double min = null;
      Double max = null;
      List<String> values = List.of();
      Double maxAgeDays = null;
      Double maxDrop = null;
      switch (kind) {
        case COMPLETENESS -> {
          columns = List.of(text(node, "column", field));
          minFraction = fraction(node, "min_fraction", field, false);
        }
        case UNIQUENESS -> {
          columns = textList(node, "columns", field);
          minFraction = fraction(node, "min_fraction", field, false);
        }
        case RANGE -> {
          columns = List.of(text(node, "column", field));
          min = number(node, "min", field, false);
          max = number(node, "max", field, false);
          if (min == null && max == null) {
            throw error(field + ".min", "a range check needs min, max or both", "min: <number> and/or max: <number>", null);
          }
          if (min != null && max != null && min > max) {
            throw error(field + ".max", "max is below min", "max ≥ min (" + min + ")", max);
          }
        }
        case ALLOWED_VALUES -> {
          columns = List.of(text(node, "column", field));
          values = textList(node, "values", field);
          minFraction = fraction(node, "min_fraction", field, false);
        }
        case FRESHNESS -> {
          columns = List.of(text(node, "column", field));
          maxAgeDays = number(node, "max_age_days", field, true);
          if (maxAgeDays <= 0) {
            throw error(field + ".max_age_days", "must be positive", "a number of days > 0, e.g. 2", maxAgeDays);
          }
        }
        case ROW_COUNT_DROP -> maxDrop = fraction(node, "max_drop_fraction", field, true);
      }
      return new QualityCheck(id, table, kind, severity, description, columns, minFraction, min, max, values, maxAgeDays, maxDrop);
    }

    LakeTable table(JsonNode node, String field) {
      String expected = "layer/name such as silver/customers (layers: bronze, silver, gold, quarantine)";
      if (node == null || !node.isTextual()) {
        throw error(field, "table is missing or not text", expected, node);
      }
      String[] parts = node.asText().trim().split("/", -1);
      Layer layer = parts.length == 2 ? layer(parts[0]) : null;
      if (layer == null || !parts[1].matches(ID_PATTERN)) {
        throw error(field, "not a lake table", expected, node.asText());
      }
      return new LakeTable(layer, parts[1]);
    }

    private static Layer layer(String folder) {
      return Arrays.stream(Layer.values()).filter(l -> l.folder().equals(folder)).findFirst().orElse(null);
    }

    <E extends Enum<E>> E enumValue(JsonNode node, String name, String field, E[] values, java.util.function.Function<E, String> yamlName) {
      String value = text(node, name, field).toLowerCase(Locale.ROOT);
      for (E candidate : values) {
        if (yamlName.apply(candidate).equals(value)) {
          return candidate;
        }
      }
      String choices = Arrays.stream(values).map(yamlName).collect(Collectors.joining(", "));
      throw error(field + "." + name, "unknown " + name, "one of " + choices, node.get(name));
    }

    String text(JsonNode node, String name, String field) {
      JsonNode value = node.get(name);
      if (value == null || value.isNull() || !value.isValueNode() || value.asText().isBlank()) {
        throw error(field + "." + name, name + " is missing or empty", "a non-empty value", value);
      }
      return value.asText().trim();
    }

    List<String> textList(JsonNode node, String name, String field) {
      JsonNode list = node.get(name);
      if (list == null || !list.isArray() || list.isEmpty()) {
        throw error(field + "." + name, name + " must be a non-empty list", name + ": [a, b]", list);
      }
      List<String> values = new ArrayList<>();
      for (int i = 0; i < list.size(); i++) {
        JsonNode item = list.get(i);
        if (item == null || !item.isValueNode() || item.isNull()) {
          throw error(field + "." + name + "[" + i + "]", "list items must be scalars", "text or a number", item);
        }
        values.add(item.asText());
      }
      return List.copyOf(values);
    }

    Double number(JsonNode node, String name, String field, boolean required) {
      JsonNode value = node.get(name);
      if (value == null || value.isNull()) {
        if (required) {
          throw error(field + "." + name, name + " is missing", "a number", null);
        }
        return null;
      }
      if (!value.isNumber()) {
        throw error(field + "." + name, name + " must be a number", "a number such as 0.95", value);
      }
      return value.doubleValue();
    }

    Double fraction(JsonNode node, String name, String field, boolean required) {
      Double value = number(node, name, field, required);
      if (value != null && (value < 0 || value > 1)) {
        throw error(field + "." + name, name + " is not a fraction", "a number from 0 to 1, e.g. 0.99", value);
      }
      return value;
    }

    void checkKnownFields(JsonNode node, String prefix, Set<String> known) {
      for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
        String name = names.next();
        if (!known.contains(name)) {
          throw error(prefix + name, "unknown field", "one of " + known.stream().sorted().collect(Collectors.joining(", ")), name);
        }
      }
    }
  }
}
