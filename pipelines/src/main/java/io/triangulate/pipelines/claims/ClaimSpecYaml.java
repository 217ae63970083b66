package io.triangulate.pipelines.claims;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import io.triangulate.pipelines.claims.ClaimSpec.Filter;
import io.triangulate.pipelines.claims.ClaimSpec.OutcomeType;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes a {@link ClaimSpec} back as the claim YAML that {@link ClaimSpec#load} reads, keys in the
 * order of docs/claims.md, so a generated file reads like a hand-written one.
 */
public final class ClaimSpecYaml {
  private ClaimSpecYaml() {}

  private static final ObjectMapper YAML =
      new ObjectMapper(
          YAMLFactory.builder()
              .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
              .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
              .enable(YAMLGenerator.Feature.INDENT_ARRAYS_WITH_INDICATOR)
              .build());

  /** The claim as YAML, preceded by {@code header} lines as {@code #} comments. */
  public static String write(ClaimSpec spec, List<String> header) {
    Map<String, Object> root = new LinkedHashMap<>();
    root.put("id", spec.id());
    root.put("statement", spec.statement());
    root.put("interview_codes", spec.interviewCodes());
    if (spec.population().product() != null || !spec.population().filters().isEmpty()) {
      Map<String, Object> population = new LinkedHashMap<>();
      if (spec.population().product() != null) {
        population.put("product", spec.population().product());
      }
      if (!spec.population().filters().isEmpty()) {
        population.put("filters", spec.population().filters().stream().map(ClaimSpecYaml::filter).toList());
      }
      root.put("population", population);
    }
    Map<String, Object> outcome = new LinkedHashMap<>();
    outcome.put("type", spec.outcome().type().yamlName());
    if (spec.outcome().type() == OutcomeType.USAGE_STOPS) {
      outcome.put("product", spec.outcome().product());
      outcome.put("usage_event_types", spec.outcome().usageEventTypes());
      outcome.put("inactive_days", spec.outcome().inactiveDays());
    }
    if (spec.outcome().type() == OutcomeType.NO_REPEAT_PURCHASE && spec.outcome().product() != null) {
      outcome.put("product", spec.outcome().product());
    }
    if (!spec.outcome().reasonCodes().isEmpty()) {
      outcome.put("reason_codes", spec.outcome().reasonCodes());
    }
    root.put("outcome", outcome);
    if (spec.outcome().type() != OutcomeType.CHURNED) {
      root.put("horizon_days", spec.horizonDays());
    }
    root.put("expectation", expectation(spec.expectation()));
    root.put("segments", spec.segments());
    root.put("min_segment_size", spec.minSegmentSize());
    StringBuilder text = new StringBuilder();
    // A quote may hold a line break; a comment may not.
    header.forEach(line -> text.append("# ").append(line.replaceAll("[\\r\\n]+", " ")).append('\n'));
    try {
      return text.append(YAML.writeValueAsString(root)).toString();
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException("cannot write claim " + spec.id() + " as YAML", e);
    }
  }

  private static Map<String, Object> expectation(ClaimSpec.Expectation e) {
    Map<String, Object> out = new LinkedHashMap<>();
    if (e.isComparison()) {
      ClaimSpec.Comparison c = e.comparison();
      Map<String, Object> compare = new LinkedHashMap<>();
      compare.put("column", c.column());
      compare.put("group", c.group());
      compare.put("versus", c.versus());
      compare.put("direction", c.higher() ? "higher" : "lower");
      out.put("compare", compare);
    } else {
      out.put(e.atLeast() ? "at_least" : "at_most", e.threshold());
    }
    return out;
  }

  private static Map<String, Object> filter(Filter f) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("column", f.column());
    out.put("op", f.op().symbol());
    if (f.op().takesList()) {
      out.put("values", f.values());
    } else {
      out.put("value", f.values().get(0));
    }
    return out;
  }
}
