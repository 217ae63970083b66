package io.triangulate.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code --lineage file:PATH} makes a stage emit OpenLineage events whose datasets are the lake
 * tables. One small world, one source ingested: a few seconds of Spark.
 */
class LineageTest {
  @TempDir Path dir;

  @Test
  void ingestWithFileLineageEmitsEventsNamingTheLakeTables() throws IOException {
    Path lake = dir.resolve("lake");
    Path events = dir.resolve("lineage/events.jsonl");
    assertThat(new CommandLine(new GenerateJob()).execute("--lake", lake.toString(), "--customers", "200", "--interviews", "2",
        "--date", "2026-06-30")).as("generate exit code").isZero();
    // The listener is registered when the SparkContext starts: this stage must start its own, so a
    // session an earlier test class left running (test classes share the JVM) is stopped first.
    if (SparkSession.getActiveSession().isDefined()) {
      SparkSession.getActiveSession().get().stop();
    }
    if (SparkSession.getDefaultSession().isDefined()) {
      SparkSession.getDefaultSession().get().stop();
    }
    SparkSession.clearActiveSession();
    SparkSession.clearDefaultSession();

    int code = new CommandLine(new IngestJob()).execute("--lake", lake.toString(), "--date", "2026-06-30",
        "--source", "customers", "--master", "local[2]", "--lineage", "file:" + events,
        "--conf", "spark.sql.shuffle.partitions=2");

    assertThat(code).as("ingest exit code").isZero();
    assertThat(events).as("the file transport wrote events").exists();
    ObjectMapper json = new ObjectMapper();
    List<JsonNode> lines = new ArrayList<>();
    for (String line : Files.readAllLines(events)) {
      if (!line.isBlank()) {
        lines.add(json.readTree(line));
      }
    }
    String root = lake.toAbsolutePath().toString();
    Set<String> outputs = new TreeSet<>();
    Set<String> namespaces = new TreeSet<>();
    Set<String> silverInputs = new TreeSet<>();
    for (JsonNode event : lines) {
      namespaces.add(event.path("job").path("namespace").asText());
      event.path("outputs").forEach(o -> outputs.add(o.path("namespace").asText() + " " + o.path("name").asText()));
      boolean writesSilver = false;
      for (JsonNode o : event.path("outputs")) {
        writesSilver |= o.path("name").asText().equals(root + "/silver/customers");
      }
      if (writesSilver) {
        event.path("inputs").forEach(i -> silverInputs.add(i.path("name").asText()));
      }
    }
    assertThat(namespaces).as("job namespace").contains("triangulate");
    assertThat(outputs).as("output datasets of the events (namespace name)")
        .contains("file " + root + "/bronze/customers", "file " + root + "/silver/customers");
    assertThat(silverInputs).as("silver/customers is built from bronze/customers").contains(root + "/bronze/customers");
  }
}
