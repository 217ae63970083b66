package io.triangulate.nlp.codebook;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.triangulate.nlp.UserError;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * A codebook as data: an id, a version and codes, read from YAML (see
 * {@code codebooks/customer_journey.yaml}). The version is stored with every coded segment, so a
 * changed codebook re-codes the transcripts and an unchanged one does not.
 */
public final class Codebook {
  public static final String DEFAULT_RESOURCE = "codebooks/customer_journey.yaml";
  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
  private static final Pattern ID = Pattern.compile("[a-z][a-z0-9_]*");

  /** Top-level list of phrases that open a need statement ("i wish", "look for"). */
  public static final String NEED_CUES = "need_cues";
  /** Dimensions that may be written as their own top-level section instead of inside {@code codes}. */
  private static final List<Dimension> SECTIONS = List.of(Dimension.ACTION, Dimension.NEED, Dimension.EMOTION);

  private final String id;
  private final String version;
  private final List<Code> codes;
  private final List<CodePattern> needCues;
  private final String yaml;

  private Codebook(String id, String version, List<Code> codes, List<CodePattern> needCues, String yaml) {
    this.id = id;
    this.version = version;
    this.codes = List.copyOf(codes);
    this.needCues = List.copyOf(needCues);
    this.yaml = yaml;
  }

  public String id() {
    return id;
  }

  public String version() {
    return version;
  }

  public List<Code> codes() {
    return codes;
  }

  /**
   * Phrases that open a need statement ("i wish", "it would be nice if"); the words after the cue
   * are the sentence's need. Empty when the codebook lists none.
   */
  public List<CodePattern> needCues() {
    return needCues;
  }

  /** The YAML text it was read from; small, so Spark stages ship it to executors instead of a path. */
  public String yaml() {
    return yaml;
  }

  /** Ids of the codes of one dimension, in codebook order. */
  public List<String> ids(Dimension dimension) {
    return codes.stream().filter(c -> c.dimension() == dimension).map(Code::id).toList();
  }

  public static Codebook load(Path file) {
    try {
      return parse(Files.readString(file, StandardCharsets.UTF_8), file.toString());
    } catch (IOException e) {
      throw UserError.at(file.toString())
          .problem("codebook cannot be read")
          .expected("a readable UTF-8 YAML file")
          .found(e.toString())
          .fix("check the path given for the codebook")
          .cause(e)
          .build();
    }
  }

  /** Loads a codebook from the class path, e.g. {@code codebooks/customer_journey.yaml}. */
  public static Codebook fromResource(String resource) {
    try (InputStream in = Codebook.class.getClassLoader().getResourceAsStream(resource)) {
      if (in == null) {
        throw UserError.at("classpath:" + resource)
            .problem("codebook resource not found")
            .expected("a YAML codebook on the class path")
            .fix("use a resource name such as " + DEFAULT_RESOURCE + " or load a file with a path")
            .build();
      }
      return parse(new String(in.readAllBytes(), StandardCharsets.UTF_8), "classpath:" + resource);
    } catch (IOException e) {
      throw new IllegalStateException("cannot read resource " + resource, e);
    }
  }

  /** The customer-journey codebook that ships with Triangulate. */
  public static Codebook defaultCustomerJourney() {
    return fromResource(DEFAULT_RESOURCE);
  }

  /** Parses and validates YAML text; {@code sourceName} is used in error messages. */
  public static Codebook parse(String yaml, String sourceName) {
    JsonNode root;
    try {
      root = YAML.readTree(yaml);
    } catch (JsonProcessingException e) {
      String where = sourceName + (e.getLocation() == null ? "" : ", line " + e.getLocation().getLineNr());
      throw UserError.at(where)
          .problem("codebook is not valid YAML")
          .found(e.getOriginalMessage())
          .fix("correct the YAML syntax (indentation, quotes, '-' before list items)")
          .cause(e)
          .build();
    }
    Lines lines = new Lines(yaml);
    if (root == null || !root.isObject()) {
      throw UserError.at(sourceName).problem("codebook is not a YAML mapping")
          .expected("fields id, version and codes").fix("see codebooks/customer_journey.yaml").build();
    }
    String id = required(root, "id", sourceName);
    String version = required(root, "version", sourceName);
    List<Code> codes = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    JsonNode codesNode = root.get("codes");
    if (codesNode != null && !codesNode.isNull()) {
      codes.addAll(codes(codesNode, "codes", null, sourceName, lines, seen));
    }
    for (Dimension dimension : SECTIONS) {
      JsonNode section = root.get(dimension.sectionName());
      if (section != null && !section.isNull()) {
        codes.addAll(codes(section, dimension.sectionName(), dimension, sourceName, lines, seen));
      }
    }
    if (codes.isEmpty()) {
      throw UserError.at(sourceName + ", field codes").problem("codebook has no codes")
          .expected("a list of codes, each with id, dimension, label and include patterns")
          .found(codesNode).fix("add codes under 'codes:'").build();
    }
    List<CodePattern> needCues = patterns(root, NEED_CUES, sourceName, sourceName, null, lines);
    return new Codebook(id, version, codes, needCues, yaml);
  }

  /**
   * The codes of the list {@code node}: the {@code codes} list, or a dimension section
   * ({@code actions}, {@code needs}, {@code emotions}) whose codes need no {@code dimension} field.
   */
  private static List<Code> codes(
      JsonNode node, String field, Dimension implied, String sourceName, Lines lines, Set<String> seen) {
    if (!node.isArray()) {
      throw UserError.at(sourceName + ", field " + field).problem(field + " is not a list")
          .expected("a YAML list of codes, each with id, label and include patterns")
          .found(node.toString()).fix("write one '- id: ...' entry per code under '" + field + ":'").build();
    }
    List<Code> codes = new ArrayList<>();
    for (JsonNode item : node) {
      codes.add(code(item, implied, sourceName, lines, seen));
    }
    return codes;
  }

  private static Code code(JsonNode node, Dimension implied, String sourceName, Lines lines, Set<String> seen) {
    String codeId = node.path("id").asText("").strip();
    String where = sourceName + lines.of(codeId) + (codeId.isEmpty() ? ", a code" : ", code " + codeId);
    if (!ID.matcher(codeId).matches()) {
      throw UserError.at(where).problem("code id is missing or not snake_case")
          .expected("an id such as product_abandonment").found(codeId)
          .fix("give every code a lower-case snake_case id").build();
    }
    if (!seen.add(codeId)) {
      throw UserError.at(where).problem("duplicate code id")
          .expected("each code id once").found(codeId)
          .fix("rename or merge the codes with id " + codeId).build();
    }
    String dimensionText = node.path("dimension").asText(null);
    Dimension dimension = dimensionText == null && implied != null ? implied : Dimension.fromYaml(dimensionText);
    if (dimension == null) {
      throw UserError.at(where + ", field dimension").problem("unknown dimension")
          .expected(Arrays.stream(Dimension.values()).map(Dimension::yamlName).collect(Collectors.joining(" | ")))
          .found(dimensionText).fix("use one of the listed dimensions").build();
    }
    if (implied != null && dimension != implied) {
      throw UserError.at(where + ", field dimension").problem("dimension contradicts the section")
          .expected(implied.yamlName() + " (the code is listed under '" + implied.sectionName() + ":')")
          .found(dimensionText).fix("drop the dimension field or move the code under 'codes:'").build();
    }
    List<CodePattern> include = patterns(node, "include", where, sourceName, codeId, lines);
    if (include.isEmpty()) {
      throw UserError.at(where + ", field include").problem("code has no include patterns")
          .expected("at least one phrase of lemmas, e.g. 'stop use'")
          .fix("add include patterns, or remove the code").build();
    }
    return new Code(codeId, dimension, node.path("label").asText(codeId),
        node.path("description").asText(""), include, patterns(node, "exclude", where, sourceName, codeId, lines));
  }

  /**
   * The patterns of {@code field}; {@code where} locates the code, {@code codeId} (null for top-level
   * lists) and {@code lines} let a bad pattern's message name the pattern's own line.
   */
  private static List<CodePattern> patterns(
      JsonNode code, String field, String where, String sourceName, String codeId, Lines lines) {
    JsonNode node = code.get(field);
    List<CodePattern> patterns = new ArrayList<>();
    if (node == null || node.isNull()) {
      return patterns;
    }
    if (!node.isArray()) {
      throw UserError.at(where + ", field " + field).problem(field + " is not a list")
          .expected("a YAML list of phrases").found(node.asText()).fix("write one '- phrase' per line").build();
    }
    for (JsonNode item : node) {
      if (!item.isValueNode()) {
        throw UserError.at(where + ", field " + field).problem("pattern is not text")
            .expected("a phrase of lemmas such as 'stop use'").found(item.toString())
            .fix("write each pattern as a plain phrase; quote it if it contains ':' or starts with '[' or '{'").build();
      }
      CodePattern pattern = CodePattern.of(item.asText());
      if (pattern.tokens().isEmpty()) {
        throw UserError.at(where + ", field " + field).problem("empty pattern")
            .expected("a phrase of lemmas such as 'stop use'").found(item.toString())
            .fix("remove the empty entry or write the phrase").build();
      }
      if (!pattern.gapsBetweenWords()) {
        String at = sourceName + lines.ofPattern(codeId, item.asText())
            + (codeId == null ? "" : ", code " + codeId) + ", field " + field;
        throw UserError.at(at).problem("invalid pattern: '...' (any gap) must stand between two words")
            .expected("words around each '...', e.g. 'not find ... website'").found(item.asText())
            .fix("remove the leading, trailing or doubled '...'").build();
      }
      patterns.add(pattern);
    }
    return patterns;
  }

  private static String required(JsonNode root, String field, String sourceName) {
    String value = root.path(field).asText("").strip();
    if (value.isEmpty()) {
      throw UserError.at(sourceName + ", field " + field).problem("codebook " + field + " is missing")
          .expected("a non-empty " + field).fix("add '" + field + ": ...' at the top of the codebook").build();
    }
    return value;
  }

  /** Finds the line of a code's {@code id:} in the text; the tree model keeps no locations. */
  private static final class Lines {
    private final String[] lines;

    Lines(String yaml) {
      this.lines = yaml.split("\\r?\\n", -1);
    }

    String of(String codeId) {
      if (codeId.isEmpty()) {
        return "";
      }
      Pattern p = Pattern.compile("^\\s*(-\\s*)?id:\\s*['\"]?" + Pattern.quote(codeId) + "['\"]?\\s*(#.*)?$");
      int found = -1;
      for (int i = 0; i < lines.length; i++) {
        if (p.matcher(lines[i]).matches()) {
          found = i; // the last one: for duplicates that is the offending one
        }
      }
      return found < 0 ? "" : ", line " + (found + 1);
    }

    /** The first line containing {@code pattern} at or after the code's id line (anywhere for null). */
    String ofPattern(String codeId, String pattern) {
      String codeLine = codeId == null ? "" : of(codeId);
      int from = codeLine.isEmpty() ? 0 : Integer.parseInt(codeLine.substring(", line ".length())) - 1;
      for (int i = from; i < lines.length; i++) {
        if (lines[i].contains(pattern)) {
          return ", line " + (i + 1);
        }
      }
      return codeLine;
    }
  }

  @Override
  public String toString() {
    return id + "@" + version + " (" + codes.size() + " codes)";
  }
}
