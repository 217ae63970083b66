package io.triangulate.jobs.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.triangulate.nlp.UserError;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TriangulateConfigTest {
  @TempDir Path dir;

  private Path yaml(String text) throws IOException {
    return Files.writeString(dir.resolve("triangulate.yaml"), text);
  }

  @Test
  void fileOverridesDefaultsAndFlagsOverrideFile() throws IOException {
    Path file = yaml("master: local[2]\nlake: /data/lake\nabandonment_days: 30\nclaims_dir: claims\nspark:\n  spark.sql.shuffle.partitions: 64\n");
    TriangulateConfig config =
        TriangulateConfig.defaults(Path.of("/opt/triangulate")).merge(file).withLake("/other/lake").withSpark(Map.of("a", "b"));
    assertThat(config.master()).as("from the file").isEqualTo("local[2]");
    assertThat(config.lake()).as("flag wins over file").isEqualTo("/other/lake");
    assertThat(config.abandonmentDays()).isEqualTo(30);
    assertThat(config.claimsDir()).as("relative to the config file").isEqualTo(dir.resolve("claims").toString());
    assertThat(config.codebook()).as("default kept").isEqualTo("classpath:codebooks/customer_journey.yaml");
    assertThat(config.spark()).containsEntry("spark.sql.shuffle.partitions", "64").containsEntry("a", "b");
  }

  @Test
  void qualityChecksDefaultToTheBuiltInFileAndResolveRelativeToTheConfig() throws IOException {
    assertThat(TriangulateConfig.defaults(dir).qualityChecks()).as("default").isEqualTo("classpath:quality/quality.yaml");
    Path file = yaml("quality:\n  checks: checks/quality.yaml\n");
    assertThat(TriangulateConfig.defaults(dir).merge(file).qualityChecks()).as("relative to the config file")
        .isEqualTo(dir.resolve("checks/quality.yaml").toString());
    assertThat(TriangulateConfig.defaults(dir).merge(file).withQualityChecks("/x.yaml").qualityChecks()).as("--checks wins")
        .isEqualTo("/x.yaml");
    Path unknown = yaml("quality:\n  check: q.yaml\n");
    assertThatThrownBy(() -> TriangulateConfig.defaults(dir).merge(unknown))
        .isInstanceOf(UserError.class)
        .hasMessageContaining("unknown key 'check'")
        .hasMessageContaining("under quality: the key checks");
  }

  @Test
  void journeyPresetComesFromTheFileAndTheFlagWins() throws IOException {
    TriangulateConfig defaults = TriangulateConfig.defaults(dir);
    assertThat(defaults.journeyPreset()).as("default").isEqualTo("demo");
    assertThat(defaults.abandonmentDays()).as("unset: the preset's").isNull();
    TriangulateConfig fromFile = defaults.merge(yaml("journeys:\n  preset: cdnow\n"));
    assertThat(fromFile.journeyPreset()).as("from the file").isEqualTo("cdnow");
    assertThat(fromFile.withJourneyPreset("olist").journeyPreset()).as("--preset wins").isEqualTo("olist");
    assertThat(fromFile.withJourneyPreset(null).journeyPreset()).as("no flag keeps the file's").isEqualTo("cdnow");
    Path unknown = yaml("journeys:\n  preset: telco\n");
    assertThatThrownBy(() -> defaults.merge(unknown))
        .isInstanceOf(UserError.class)
        .hasMessageContaining("journeys.preset")
        .hasMessageContaining("telco")
        .hasMessageContaining("cdnow");
  }

  @Test
  void unknownKeyNamesFileLineAndKey() throws IOException {
    Path file = yaml("master: local[2]\nabandon_days: 30\n");
    assertThatThrownBy(() -> TriangulateConfig.defaults(dir).merge(file))
        .isInstanceOf(UserError.class)
        .hasMessageContaining(file.toString())
        .hasMessageContaining("line 2")
        .hasMessageContaining("unknown key 'abandon_days'")
        .hasMessageContaining("abandonment_days");
  }

  @Test
  void wrongTypeNamesTheKey() throws IOException {
    Path file = yaml("abandonment_days: sixty\n");
    assertThatThrownBy(() -> TriangulateConfig.defaults(dir).merge(file))
        .isInstanceOf(UserError.class)
        .hasMessageContaining("abandonment_days")
        .hasMessageContaining("wrong type");
  }

  @Test
  void outOfRangeValueSaysWhatIsAllowed() throws IOException {
    Path file = yaml("abandonment_days: 0\n");
    assertThatThrownBy(() -> TriangulateConfig.defaults(dir).merge(file))
        .isInstanceOf(UserError.class)
        .hasMessageContaining("abandonment_days")
        .hasMessageContaining("1 to 3650");
  }

  @Test
  void sourcesGiveEncodingAndTimeZonePerSource() throws IOException {
    Path file = yaml("sources:\n  transactions:\n    encoding: windows-1252\n    time_zone: Europe/London\n  customers:\n    encoding: UTF-16\n");
    TriangulateConfig config = TriangulateConfig.defaults(dir).merge(file);
    assertThat(config.sources().get("transactions").encoding().name()).isEqualTo("windows-1252");
    assertThat(config.sources().get("transactions").timeZoneId()).isEqualTo("Europe/London");
    assertThat(config.sources().get("customers").timeZone()).as("no zone given").isNull();
    assertThat(TriangulateConfig.defaults(dir).sources()).as("default: the contract (UTF-8, no zone)").isEmpty();

    Path badSource = yaml("sources:\n  invoices:\n    encoding: UTF-8\n");
    assertThatThrownBy(() -> TriangulateConfig.defaults(dir).merge(badSource))
        .isInstanceOf(UserError.class).hasMessageContaining("sources.invoices").hasMessageContaining("unknown source");
    Path badZone = yaml("sources:\n  transactions:\n    time_zone: Europe/Atlantis\n");
    assertThatThrownBy(() -> TriangulateConfig.defaults(dir).merge(badZone))
        .isInstanceOf(UserError.class).hasMessageContaining("sources.transactions, time_zone").hasMessageContaining("Europe/Atlantis");
    Path badKey = yaml("sources:\n  transactions:\n    charset: UTF-8\n");
    assertThatThrownBy(() -> TriangulateConfig.defaults(dir).merge(badKey))
        .isInstanceOf(UserError.class).hasMessageContaining("charset");
  }

  @Test
  void missingFileIsAClearError() {
    assertThatThrownBy(() -> TriangulateConfig.defaults(dir).merge(dir.resolve("nope.yaml")))
        .isInstanceOf(UserError.class)
        .hasMessageContaining("nope.yaml")
        .hasMessageContaining("config file not found");
  }

  @Test
  void lineageBecomesOpenLineageListenerSettingsAndOffRemovesThem() throws IOException {
    Path file = yaml("lineage: file:events/ol.jsonl\nspark:\n  spark.extraListeners: com.acme.Listener\n  spark.openlineage.namespace: acme\n");
    TriangulateConfig fromFile = TriangulateConfig.defaults(dir).merge(file);
    assertThat(fromFile.spark())
        .as("the file's own listener kept, OpenLineage's added; file path relative to the config file; namespace from the spark map")
        .containsEntry("spark.extraListeners", "com.acme.Listener," + Lineage.LISTENER)
        .containsEntry("spark.openlineage.transport.type", "file")
        .containsEntry("spark.openlineage.transport.location", dir.resolve("events/ol.jsonl").toString())
        .containsEntry("spark.openlineage.namespace", "acme");

    TriangulateConfig http = fromFile.withLineage("http://marquez:5000");
    assertThat(http.spark()).as("a flag replaces the file's target")
        .containsEntry("spark.openlineage.transport.type", "http")
        .containsEntry("spark.openlineage.transport.url", "http://marquez:5000")
        .doesNotContainKey("spark.openlineage.transport.location")
        .containsEntry("spark.extraListeners", "com.acme.Listener," + Lineage.LISTENER);

    TriangulateConfig off = http.withLineage("off");
    assertThat(off.spark()).as("off: no transport, the other listener stays")
        .containsEntry("spark.extraListeners", "com.acme.Listener")
        .doesNotContainKeys("spark.openlineage.transport.type", "spark.openlineage.transport.url");
    assertThat(TriangulateConfig.defaults(dir).spark()).as("default is off").doesNotContainKey("spark.extraListeners");
    assertThat(TriangulateConfig.defaults(dir).merge(yaml("lineage: off\n")).spark()).as("unquoted off in YAML is the word off")
        .doesNotContainKey("spark.extraListeners");
    assertThat(TriangulateConfig.defaults(dir).withLineage("console").spark())
        .containsEntry("spark.openlineage.transport.type", "console").containsEntry("spark.openlineage.namespace", "triangulate");
  }

  @Test
  void unknownLineageTargetSaysWhatIsExpected() {
    assertThatThrownBy(() -> TriangulateConfig.defaults(dir).withLineage("kafka"))
        .isInstanceOf(UserError.class)
        .hasMessageContaining("unknown lineage target")
        .hasMessageContaining("file:PATH")
        .hasMessageContaining("kafka");
  }
}
