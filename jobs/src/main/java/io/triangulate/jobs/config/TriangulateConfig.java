package io.triangulate.jobs.config;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.triangulate.nlp.UserError;
import io.triangulate.pipelines.ingest.SourceContract;
import io.triangulate.pipelines.ingest.SourceOptions;
import io.triangulate.pipelines.journeys.JourneyPreset;
import io.triangulate.pipelines.quality.QualityChecks;
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
 * @param abandonmentDays days without usage after which a customer counts as having abandoned; null
 *     uses the journey preset's (60 for the demo)
 * @param spark extra Spark settings, applied over Triangulate's defaults; the {@code lineage} key
 *     becomes OpenLineage settings here ({@link Lineage})
 * @param sources reading options per ingest source (encoding, time zone); absent sources use the contract's
 * @param qualityChecks quality checks YAML used by {@code quality-gate}: a file, or {@code classpath:<resource>}
 * @param journeyPreset journey preset of the data set ({@code JourneyPreset.NAMES}), used by
 *     {@code journeys} and {@code nightly}
 */
public record TriangulateConfig(
    String master,
    String lake,
    String claimsDir,
    String codebook,
    Integer abandonmentDays,
    Map<String, String> spark,
    Map<String, SourceOptions> sources,
    String qualityChecks,
    String journeyPreset) {

  /** Shown under `triangulate --help`; picocli turns %n into line breaks. */
  public static final String HELP =
      "Config file keys (YAML; all optional):%n"
          + "  master:           Spark master (default local[*])%n"
          + "  lake:             lake root folder or URI (default ./lake)%n"
          + "  claims_dir:       folder of claim YAML files (default <install>/examples/demo/claims)%n"
          + "  codebook:         codebook YAML file or classpath:<resource>%n"
          + "                    (default classpath:codebooks/customer_journey.yaml)%n"
          + "  abandonment_days: days without usage that count as abandonment (default: the journey preset's, 60 for demo)%n"
          + "  spark:            map of extra Spark settings, e.g. spark.sql.shuffle.partitions: 64%n"
          + "  sources:          per ingest source, encoding (default UTF-8) and time_zone of local timestamps,%n"
          + "                    e.g. sources: {transactions: {encoding: windows-1252, time_zone: Europe/London}}%n"
          + "  quality:          checks: quality checks YAML file or classpath:<resource>%n"
          + "                    (default classpath:quality/quality.yaml)%n"
          + "  journeys:         preset: touchpoint -> phase map, funnel and gaps of the data set:%n"
          + "                    demo (default), cdnow, olist or fitbit (docs/journeys.md)%n"

          + "  lineage:          OpenLineage events: off (default), console, file:PATH or http(s)://server";

  public TriangulateConfig {
    spark = Map.copyOf(spark);
    sources = Map.copyOf(sources);
  }

  /** Built-in defaults; {@code home} is the installation folder holding examples/. */
  public static TriangulateConfig defaults(Path home) {
    return new TriangulateConfig(
        "local[*]",
        "./lake",
        home.resolve("examples/demo/claims").toString(),
        "classpath:codebooks/customer_journey.yaml",
        null,
        Map.of(),
        Map.of(),
        QualityChecks.DEFAULT_LOCATION,
        JourneyPreset.DEMO);
  }

  /** The defaults overridden by the keys present in a YAML file. */
  public TriangulateConfig merge(Path yamlFile) {
    ConfigFile file = ConfigFile.read(yamlFile);
    Map<String, String> fileSpark = new LinkedHashMap<>(spark);
    if (file.spark != null) {
      file.spark.forEach((k, v) -> fileSpark.put(k, String.valueOf(v)));
    }
    String fileChecks = file.quality == null ? null : file.quality.checks;
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
            mergedSpark,
            mergedSources(file, yamlFile),
            fileChecks == null || fileChecks.startsWith("classpath:")
                ? orElse(fileChecks, qualityChecks)
                : yamlFile.toAbsolutePath().getParent().resolve(fileChecks).normalize().toString(),
            file.journeys == null ? journeyPreset : orElse(file.journeys.preset, journeyPreset))
        .validate(yamlFile.toString());
  }

  public TriangulateConfig withMaster(String value) {
    return value == null ? this : new TriangulateConfig(value, lake, claimsDir, codebook, abandonmentDays, spark, sources, qualityChecks, journeyPreset);
  }

  public TriangulateConfig withLake(String value) {
    return value == null ? this : new TriangulateConfig(master, value, claimsDir, codebook, abandonmentDays, spark, sources, qualityChecks, journeyPreset);
  }

  public TriangulateConfig withClaimsDir(String value) {
    return value == null ? this : new TriangulateConfig(master, lake, value, codebook, abandonmentDays, spark, sources, qualityChecks, journeyPreset);
  }

  public TriangulateConfig withCodebook(String value) {
    return value == null ? this : new TriangulateConfig(master, lake, claimsDir, value, abandonmentDays, spark, sources, qualityChecks, journeyPreset);
  }

  public TriangulateConfig withAbandonmentDays(Integer value) {
    return value == null ? this : new TriangulateConfig(master, lake, claimsDir, codebook, value, spark, sources, qualityChecks, journeyPreset);
  }

  public TriangulateConfig withQualityChecks(String value) {
    return value == null ? this : new TriangulateConfig(master, lake, claimsDir, codebook, abandonmentDays, spark, sources, value, journeyPreset);
  }

  /** The journey preset ({@code journeys --preset}); null keeps it. */
  public TriangulateConfig withJourneyPreset(String value) {
    return value == null ? this : new TriangulateConfig(master, lake, claimsDir, codebook, abandonmentDays, spark, sources, qualityChecks, value);
  }

  /** Lineage as {@code off}, {@code console}, {@code file:PATH} (relative to the working directory) or an http(s) URL; null keeps it. */
  public TriangulateConfig withLineage(String value) {
    return value == null ? this : replaceSpark(Lineage.apply(spark, value, Path.of(""), "command line"));
  }

  private TriangulateConfig replaceSpark(Map<String, String> settings) {
    return new TriangulateConfig(master, lake, claimsDir, codebook, abandonmentDays, settings, sources, qualityChecks, journeyPreset);
  }

  public TriangulateConfig withSpark(Map<String, String> overrides) {
    Map<String, String> merged = new LinkedHashMap<>(spark);
    merged.putAll(overrides);
    return new TriangulateConfig(master, lake, claimsDir, codebook, abandonmentDays, merged, sources, qualityChecks, journeyPreset);
  }

  private Map<String, SourceOptions> mergedSources(ConfigFile file, Path yamlFile) {
    Map<String, SourceOptions> merged = new LinkedHashMap<>(sources);
    if (file.sources != null) {
      file.sources.forEach((source, entry) -> {
        String where = yamlFile + ", sources." + source;
        if (!SourceContract.ALL.stream().map(SourceContract::source).toList().contains(source)) {
          throw UserError.at(where).problem("unknown source " + source)
              .expected("one of " + SourceContract.ALL.stream().map(SourceContract::source).collect(Collectors.joining(", ")))
              .found(source).fix("correct the source name").build();
        }
        merged.put(source, entry == null ? SourceOptions.DEFAULT : SourceOptions.of(entry.encoding, entry.timeZone, where));
      });
    }
    return merged;
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
    if (abandonmentDays != null && (abandonmentDays < 1 || abandonmentDays > 3650)) {
      throw UserError.at(source + ", abandonment_days").problem("out of range")
          .expected("1 to 3650 days").found(abandonmentDays).fix("use a number of days such as 60").build();
    }
    if (!JourneyPreset.NAMES.contains(journeyPreset)) {
      throw UserError.at(source + ", journeys.preset").problem("unknown journey preset")
          .expected("one of " + JourneyPreset.NAMES).found(journeyPreset)
          .fix("use the adapter's name after `ingest --adapter NAME`, or demo for the synthetic world").build();
    }
    return this;
  }

  @Override
  public String toString() {
    return "master=" + master + ", lake=" + lake + ", claims_dir=" + claimsDir + ", codebook=" + codebook
        + ", abandonment_days=" + (abandonmentDays == null ? "preset" : abandonmentDays)
        + ", journeys.preset=" + journeyPreset + ", quality.checks=" + qualityChecks
        + spark.entrySet().stream().map(e -> ", " + e.getKey() + "=" + e.getValue()).collect(Collectors.joining())
        + sources.entrySet().stream()
            .map(e -> ", sources." + e.getKey() + "=" + e.getValue().encoding().name()
                + (e.getValue().timeZone() == null ? "" : " " + e.getValue().timeZoneId()))
            .collect(Collectors.joining());
  }

  private static String orElse(String value, String fallback) {
    return value == null ? fallback : value;
  }

  /** One entry of {@code sources}: how that source's landing files are read. */
  static final class SourceEntry {
    @JsonProperty("encoding") String encoding;
    @JsonProperty("time_zone") String timeZone;
  }

  /** The YAML file as written; null means "not set". */
  static final class ConfigFile {
    @JsonProperty("master") String master;
    @JsonProperty("lake") String lake;
    @JsonProperty("claims_dir") String claimsDir;
    @JsonProperty("codebook") String codebook;
    @JsonProperty("abandonment_days") Integer abandonmentDays;
    @JsonProperty("spark") Map<String, Object> spark;
    @JsonProperty("sources") Map<String, SourceEntry> sources;
    @JsonProperty("quality") QualitySection quality;

    /** The {@code quality:} mapping; a section so later quality settings have a home. */
    static final class QualitySection {
      @JsonProperty("checks") String checks;
    }
    @JsonProperty("lineage") String lineage;
    @JsonProperty("journeys") JourneysSection journeys;

    /** The {@code journeys:} mapping. */
    static final class JourneysSection {
      @JsonProperty("preset") String preset;
    }

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
            .expected(e.getPath().size() > 1 && "quality".equals(e.getPath().get(0).getFieldName())
                ? "under quality: the key checks"
                : e.getPath().size() > 1 && "journeys".equals(e.getPath().get(0).getFieldName())
                ? "under journeys: the key preset"
                : "one of master, lake, claims_dir, codebook, abandonment_days, spark, sources (encoding, time_zone), quality, lineage, journeys")
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
