package io.triangulate.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import io.delta.tables.DeltaTable;
import io.triangulate.pipelines.generate.WorldGenerator;
import io.triangulate.pipelines.generate.WorldSpec;
import io.triangulate.pipelines.lake.Lake;
import io.triangulate.pipelines.lake.LakeTable;
import io.triangulate.pipelines.spark.Sparks;
import java.io.File;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.MapType;
import org.apache.spark.sql.types.StructField;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * Kills a real ingest process (SIGKILL, no shutdown hooks) while it writes silver channel_events,
 * then checks the table still reads as its previous version, and that a rerun of the same date
 * completes and gives exactly what an uninterrupted run gives.
 */
class IngestCrashTest {
  private static final LocalDate FIRST = LocalDate.of(2026, 6, 29);
  private static final LocalDate SECOND = LocalDate.of(2026, 6, 30);
  /** The worlds have no interviews (an empty transcript folder is an error, tested elsewhere). */
  private static final List<String> TABULAR = List.of("customers", "transactions", "channel_events", "churn");
  private static final Duration KILL_DEADLINE = Duration.ofMinutes(5);

  @TempDir static Path dir;
  private static SparkSession spark;

  @BeforeAll
  static void startSpark() {
    spark = SparkSession.builder().config(Sparks.testConf()).getOrCreate();
  }

  @AfterAll
  static void stopSpark() {
    spark.stop();
  }

  @Test
  void aKilledIngestLeavesThePreviousVersionAndARerunCompletes() throws Exception {
    Path crashLake = dir.resolve("crash");
    Path cleanLake = dir.resolve("clean");
    for (Path lake : List.of(crashLake, cleanLake)) {
      WorldGenerator.generate(WorldSpec.of(3, 600, FIRST, 0), lake);
      WorldGenerator.generate(WorldSpec.of(4, 3000, SECOND, 0), lake);
      assertThat(ingest(lake, FIRST)).as("first ingest of %s", lake).isZero();
    }
    String silver = new Lake(crashLake.toString()).path(LakeTable.SILVER_CHANNEL_EVENTS);
    long versionBefore = latestVersion(silver);
    long rowsBefore = spark.read().format("delta").load(silver).count();
    Set<String> committedFiles = parquetFiles(Path.of(silver));

    Process child = startIngest(crashLake, SECOND);
    boolean killedMidWrite = false;
    long deadline = System.nanoTime() + KILL_DEADLINE.toNanos();
    while (child.isAlive() && System.nanoTime() < deadline) {
      // New data files before a new commit: the merge into silver is writing.
      Set<String> now = parquetFiles(Path.of(silver));
      if (now != null && !now.equals(committedFiles) && latestVersion(silver) == versionBefore) {
        child.destroyForcibly(); // SIGKILL
        killedMidWrite = true;
        break;
      }
      Thread.sleep(5);
    }
    child.waitFor();
    assertThat(killedMidWrite).as("the ingest was killed while writing silver (it must not finish first)").isTrue();

    DeltaTable.forPath(spark, silver).toDF().count(); // the table opens
    assertThat(latestVersion(silver)).as("no commit from the killed run").isEqualTo(versionBefore);
    assertThat(spark.read().format("delta").load(silver).count()).as("rows still those of the previous version")
        .isEqualTo(rowsBefore);
    Set<String> left = parquetFiles(Path.of(silver));
    left.removeAll(committedFiles);
    assertThat(left)
        .as("the killed run left uncommitted files behind (proof it died mid-write)").isNotEmpty();

    assertThat(ingest(crashLake, SECOND)).as("rerun after the crash").isZero();
    assertThat(ingest(cleanLake, SECOND)).as("uninterrupted run").isZero();
    for (LakeTable table : List.of(LakeTable.SILVER_CHANNEL_EVENTS, LakeTable.SILVER_CUSTOMERS,
        LakeTable.SILVER_TRANSACTIONS, LakeTable.SILVER_CHURN)) {
      // _source_file holds each lake's own landing path; everything else must match.
      var crashed = comparable(new Lake(crashLake.toString()).read(spark, table).drop("_source_file"));
      var clean = comparable(new Lake(cleanLake.toString()).read(spark, table).drop("_source_file"));
      assertThat(crashed.count()).as("%s rows after rerun vs uninterrupted", table).isEqualTo(clean.count());
      assertThat(crashed.except(clean).count() + clean.except(crashed).count())
          .as("%s same rows after rerun as uninterrupted", table).isZero();
    }
  }

  /** EXCEPT cannot compare maps; sorted entry arrays compare the same content. */
  private static Dataset<Row> comparable(Dataset<Row> rows) {
    for (StructField field : rows.schema().fields()) {
      if (field.dataType() instanceof MapType) {
        rows = rows.withColumn(field.name(), functions.array_sort(functions.map_entries(functions.col(field.name()))));
      }
    }
    return rows;
  }

  private static int ingest(Path lake, LocalDate date) {
    List<String> args = new ArrayList<>(List.of("--lake", lake.toString(), "--date", date.toString(), "--master", "local[2]"));
    TABULAR.forEach(source -> args.addAll(List.of("--source", source)));
    return new CommandLine(new IngestJob()).execute(args.toArray(String[]::new));
  }

  /** The same ingest in a separate JVM that can be killed; inherits this JVM's flags and classpath. */
  private static Process startIngest(Path lake, LocalDate date) throws Exception {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    ManagementFactory.getRuntimeMXBean().getInputArguments().stream()
        .filter(a -> a.startsWith("--add-") || a.startsWith("-Dtriangulate."))
        .forEach(command::add);
    command.add("-Xmx1g");
    command.addAll(List.of("-cp", System.getProperty("java.class.path"), IngestJob.class.getName(),
        "--lake", lake.toString(), "--date", date.toString(), "--master", "local[2]", "--source", "channel_events"));
    File log = dir.resolve("killed-ingest.log").toFile();
    return new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log).start();
  }

  private static long latestVersion(String table) {
    try (Stream<Path> log = Files.list(Path.of(table, "_delta_log"))) {
      return log.map(p -> p.getFileName().toString()).filter(n -> n.matches("\\d{20}\\.json"))
          .mapToLong(n -> Long.parseLong(n.substring(0, 20))).max().orElse(-1);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  /** Data files under the table, or null when the folder changed while it was being listed. */
  private static Set<String> parquetFiles(Path table) {
    try (Stream<Path> files = Files.walk(table)) {
      return files.filter(p -> !p.toString().contains("_delta_log"))
          .map(p -> table.relativize(p).toString())
          .filter(n -> n.endsWith(".parquet") || n.contains(".parquet."))
          .collect(Collectors.toCollection(java.util.HashSet::new));
    } catch (java.io.IOException | java.io.UncheckedIOException e) {
      return null; // a file vanished while walking; the next poll sees a stable picture
    }
  }
}
