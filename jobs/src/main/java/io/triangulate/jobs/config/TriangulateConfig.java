package io.triangulate.jobs.config;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.triangulate.nlp.UserError;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Everything a Triangulate run can be configured with. Precedence, lowest first: the defaults here,
 * the YAML file given with {@code --config}, command-line flags. Keys and their meaning are listed
 * in {@link #HELP} and docs/configuration.md; an unknown key stops the run naming the file and key.
 *
 * @param master Spark master URL; {@code local[*]} uses every core of this machine
 * @param lake lake root: a folder or a Hadoop URI such as {@code s3a://bucket/lake}
 * @param claimsDir folder of claim YAML files that {@code validate} evaluates
 * @param codebook codebook YAML used by {@code code-interviews}: a file, or {@code classpath:<resource>}
 * @param abandonmentDays days without usage after which a customer counts as having abandoned
 * @param spark extra Spark settings, applied over Triangulate's defaults; the {@code lineage} key
 *     becomes OpenLineage settings here ({@link Lineage})
 */
public record TriangulateConfig(
    String master,
    String lake,
    String claimsDir,
    String codebook,
    int abandonmentDays,
    Map<String, String> spark) {

  /** Shown under `triangulate --help`; picocli turns %n into line breaks. */
  public static final String HELP =
      "Config file keys (YAML; all optional):%n"
          + "  master:           Spark master (default local[*])%n"
          + "  lake:             lake root folder or URI (default ./lake)%n"
          + "  claims_dir:       folder of claim YAML files (default <install>/examples/demo/claims)%n"
          + "  codebook:         codebook YAML file or classpath:<resource>%n"
          + "                    (default classpath:codebooks/customer_journey.yaml)%n"
          + "  abandonment_days: days without usage that count as abandonment (default 60)%n"
          + "  spark:            map of extra Spark settings, e.g. spark.sql.shuffle.partitions: 64%n"
          + "  lineage:          OpenLineage events: off (default), console, file:PATH or http(s)://server";

  public TriangulateConfig {
    spark = Map.copyOf(spark);
  }

  /** Built-in defaults; {@code home} is the installation folder holding examples/. */
  public static TriangulateConfig defaults(Path home) {
    return new TriangulateConfig(
        "local[*]",
        "./lake",
        home.resolve("examples/demo/claims").toString(),
        "classpath:codebooks/customer_journey.yaml",
        60,
        Map.of());
  }

  /** The defaults overridden by the keys present in a YAML file. */
  public TriangulateConfig merge(Path yamlFile) {
    ConfigFile file = ConfigFile.read(yamlFile);
    Map<String, String> fileSpark = new LinkedHashMap<>(spark);
    if (file.spark != null) {
      file.spark.forEach((k, v) -> fileSpark.put(k, String.valueOf(v)));
    }
    // Lineage after the spark map: it adds its listener to any spark.extraListeners given there.
    Map<String, String> mergedSpark = file.lineage == null
        ? fileSpark : Lineage.apply(fileSpark, file.lineage, yamlFile.toAbsolutePath().getParent(), yamlFile.toString());
    return new TriangulateConfig(
            orElse(file.master, master),
            orElse(file.lake, lake),
            file.claimsDir == null ? claimsDir : yamlFile.toAbsolutePath().getParent().resolve(file.claimsDir).normalize().toString(),
            file.codebook == null || file.codebook.startsWith("classpath:")
                ? orElse(file.codebook, codebook)
                : yamlFile.toAbsolutePath().getParent().resolve(file.codebook).normalize().toString(),
            file.abandonmentDays == null ? abandonmentDays : file.abandonmentDays,
            mergedSpark)
        .validate(yamlFile.toString());
  }

  public TriangulateConfig withMaster(String value) {
    return value == null ? this : new TriangulateConfig(value, lake, claimsDir, codebook, abandonmentDays, spark);
  }

  public TriangulateConfig withLake(String value) {
    return value == null ? this : new TriangulateConfig(master, value, claimsDir, codebook, abandonmentDays, spark);
  }

  public TriangulateConfig withClaimsDir(String value) {
    return value == null ? this : new TriangulateConfig(master, lake, value, codebook, abandonmentDays, spark);
  }

  public TriangulateConfig withCodebook(String value) {
    return value == null ? this : new TriangulateConfig(master, lake, claimsDir, value, abandonmentDays, spark);
  }

  public TriangulateConfig withAbandonmentDays(Integer value) {
    return value == null ? this : new TriangulateConfig(master, lake, claimsDir, codebook, value, spark);
  }

  /** Lineage as {@code off}, {@code console}, {@code file:PATH} (relative to the working directory) or an http(s) URL; null keeps it. */
  public TriangulateConfig withLineage(String value) {
    return value == null ? this : replaceSpark(Lineage.apply(spark, value, Path.of(""), "command line"));
  }

  private TriangulateConfig replaceSpark(Map<String, String> settings) {
    return new TriangulateConfig(master, lake, claimsDir, codebook, abandonmentDays, settings);
  }

  public TriangulateConfig withSpark(Map<String, String> overrides) {
    Map<String, String> merged = new LinkedHashMap<>(spark);
    merged.putAll(overrides);
    return new TriangulateConfig(master, lake, claimsDir, codebook, abandonmentDays, merged);
  }

  /** Checks values; {@code source} names where they came from (a file or "command line"). */
  public TriangulateConfig validate(String source) {
    if (master == null || master.isBlank()) {
      throw UserError.at(source + ", master").problem("Spark master is empty")
          .expected("local[*], local[N], spark://host:7077, yarn or k8s://...").fix("set master or pass --master").build();
    }
    if (lake == null || lake.isBlank()) {
      throw UserError.at(source + ", lake").problem("lake root is empty")
          .expected("a folder or URI such as ./lake or s3a://bucket/lake").fix("set lake or pass --lake").build();
    }
    if (abandonmentDays < 1 || abandonmentDays > 3650) {
      throw UserError.at(source + ", abandonment_days").problem("out of range")
          .expected("1 to 3650 days").found(abandonmentDays).fix("use a number of days such as 60").build();
    }
    return this;
  }

  @Override
  public String toString() {
    return "master=" + master + ", lake=" + lake + ", claims_dir=" + claimsDir + ", codebook=" + codebook
        + ", abandonment_days=" + abandonmentDays
        + spark.entrySet().stream().map(e -> ", " + e.getKey() + "=" + e.getValue()).collect(Collectors.joining());
  }

  private static String orElse(String value, String fallback) {
    return value == null ? fallback : value;
  }

  /** The YAML file as written; null means "not set". */
  static final class ConfigFile {
    @JsonProperty("master") String master;
    @JsonProperty("lake") String lake;
    @JsonProperty("claims_dir") String claimsDir;
    @JsonProperty("codebook") String codebook;
    @JsonProperty("abandonment_days") Integer abandonmentDays;
    @JsonProperty("spark") Map<String, Object> spark;
    @JsonProperty("lineage") String lineage;

    static ConfigFile read(Path file) {
      if (!Files.isRegularFile(file)) {
        throw UserError.at(file.toString()).problem("config file not found")
            .fix("pass an existing YAML file with --config, or leave it out to use the defaults").build();
      }
      ObjectMapper yaml = new ObjectMapper(new YAMLFactory()).enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
      try {
        ConfigFile parsed = yaml.readValue(file.toFile(), ConfigFile.class);
        return parsed == null ? new ConfigFile() : parsed;
      } catch (UnrecognizedPropertyException e) {
        throw UserError.at(file + ", line " + e.getLocation().getLineNr())
            .problem("unknown key '" + e.getPropertyName() + "'")
            .expected("one of master, lake, claims_dir, codebook, abandonment_days, spark, lineage")
            .fix("remove or rename the key; `triangulate --help` lists the keys").build();
      } catch (MismatchedInputException e) {
        String field = e.getPath().isEmpty() ? "?" : e.getPath().get(e.getPath().size() - 1).getFieldName();
        throw UserError.at(file + ", line " + e.getLocation().getLineNr() + ", key " + field)
            .problem("value has the wrong type").expected(e.getTargetType() == null ? "another type" : e.getTargetType().getSimpleName())
            .fix("correct the value").build();
      } catch (IOException e) {
        throw UserError.at(file.toString()).problem("cannot read config file").found(e.getMessage())
            .expected("valid YAML").fix("check the file's syntax").cause(e).build();
      }
    }
  }
}
