package io.triangulate.jobs.config;

import io.triangulate.nlp.UserError;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The {@code lineage} setting: where the OpenLineage Spark listener sends its events, as Spark
 * settings. {@code off} (the default) adds nothing; {@code console} logs each event; {@code
 * file:PATH} appends one JSON event per line to PATH on the driver; an {@code http(s)://} URL posts
 * them to a lineage server such as Marquez ({@code /api/v1/lineage}). Finer settings (API key,
 * namespace, facets) go through {@code --conf spark.openlineage.*} or the config file's spark map.
 */
public final class Lineage {
  private Lineage() {}

  public static final String LISTENER = "io.openlineage.spark.agent.OpenLineageSparkListener";
  /** Namespace of the jobs in the events; datasets are named by their storage (file, s3a://bucket). */
  public static final String NAMESPACE = "triangulate";
  static final String PREFIX = "spark.openlineage.";
  /** OpenLineage's path trimming: the named group {@code remove} is cut from dataset names. */
  static final String BRONZE_COPIES = "(?<remove>/_files/.*)";
  static final String EXTRA_LISTENERS = "spark.extraListeners";
  private static final Set<String> TARGET_KEYS =
      Set.of(PREFIX + "transport.type", PREFIX + "transport.location", PREFIX + "transport.url");

  /**
   * {@code spark} with the lineage settings for {@code value} applied ({@code off} removes them).
   * A relative file path is resolved against {@code base}; {@code source} names where the value came
   * from, for the error.
   */
  static Map<String, String> apply(Map<String, String> spark, String value, Path base, String source) {
    Map<String, String> out = new LinkedHashMap<>(spark);
    // Only the keys a target sets: refinements such as transport.auth.* from the spark map stay.
    out.keySet().removeAll(TARGET_KEYS);
    String listeners = Arrays.stream(out.getOrDefault(EXTRA_LISTENERS, "").split(","))
        .map(String::trim).filter(l -> !l.isEmpty() && !l.equals(LISTENER)).collect(Collectors.joining(","));
    out.remove(EXTRA_LISTENERS);
    String v = value.trim();
    if (!v.equals("off")) {
      Map<String, String> transport = transport(v, base, source);
      out.put(EXTRA_LISTENERS, listeners.isEmpty() ? LISTENER : listeners + "," + LISTENER);
      out.putIfAbsent(PREFIX + "namespace", NAMESPACE);
      // Silver is read from bronze's copies of the landing files (bronze/<table>/_files/<date>/...):
      // name that input by its bronze table, not by one delivery's folder.
      out.putIfAbsent(PREFIX + "dataset.removePath.pattern", BRONZE_COPIES);
      out.putAll(transport);
    } else if (!listeners.isEmpty()) {
      out.put(EXTRA_LISTENERS, listeners);
    }
    return out;
  }

  private static Map<String, String> transport(String value, Path base, String source) {
    Map<String, String> t = new LinkedHashMap<>();
    if (value.equals("console")) {
      t.put(PREFIX + "transport.type", "console");
    } else if (value.startsWith("file:") && value.length() > "file:".length()) {
      t.put(PREFIX + "transport.type", "file");
      t.put(PREFIX + "transport.location", base.resolve(value.substring("file:".length())).toAbsolutePath().normalize().toString());
    } else if (value.startsWith("http://") || value.startsWith("https://")) {
      t.put(PREFIX + "transport.type", "http");
      t.put(PREFIX + "transport.url", value);
    } else {
      throw UserError.at(source + ", lineage").problem("unknown lineage target")
          .expected("off, console, file:PATH or an http(s):// URL of a lineage server").found(value)
          .fix("e.g. --lineage file:lineage/events.jsonl, or --lineage http://marquez:5000").build();
    }
    return t;
  }
}
