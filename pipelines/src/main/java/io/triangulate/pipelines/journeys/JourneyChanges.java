package io.triangulate.pipelines.journeys;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.triangulate.pipelines.lake.Lake;
import io.triangulate.pipelines.lake.LakeTable;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * What changed in silver since the last journeys run, by customer.
 *
 * <p>Each run records in {@code <lake>/state/journeys.json} the run date, a fingerprint of the journey
 * settings and the Delta version of each silver table it read. The next run reads the commits made
 * since then from each table's {@code _delta_log} and takes the customer ids of every data file
 * those commits added or removed: a superset of the rows inserted, updated (both images) or deleted.
 * A superset is safe, it only rebuilds a few more customers. Together with the customers who have
 * a fact dated between the two run dates (it becomes visible when the date advances), these are the
 * customers whose journey can differ from the last run's.
 */
public final class JourneyChanges {
  private JourneyChanges() {}

  /** The last run's record, relative to the lake root. */
  public static final String STATE_FILE = "state/journeys.json";

  /** The silver tables journeys read that carry a customer id. */
  static final List<LakeTable> TRACKED =
      List.of(
          LakeTable.SILVER_CUSTOMERS,
          LakeTable.SILVER_TRANSACTIONS,
          LakeTable.SILVER_CHANNEL_EVENTS,
          LakeTable.SILVER_CHURN,
          LakeTable.SILVER_INTERVIEWS);

  /** The previous run's record. */
  record State(LocalDate runDate, String settings, Map<String, Long> versions) {}

  /** Thrown when the commits since the last run cannot be read (log cleaned up, files vacuumed). */
  static final class Unreadable extends RuntimeException {
    Unreadable(String message, Throwable cause) {
      super(message, cause);
    }
  }

  /** A fingerprint of everything besides silver that a journey table depends on. */
  static String settings(PhaseMap phases, int abandonmentDays, JourneyAnalytics analytics) {
    // Map.copyOf iterates in a per-JVM random order: sort for a stable fingerprint.
    return "phases=" + phases.phases() + ";events=" + new TreeMap<>(phases.eventTypePhase()) + ";default=" + phases.defaultPhase()
        + ";usage=" + phases.usageEventTypes() + ";abandonment_days=" + abandonmentDays + ";" + analytics;
  }

  /** The current Delta version of each tracked table, -1 when absent. */
  static Map<String, Long> versions(SparkSession spark, Lake lake) {
    Map<String, Long> versions = new LinkedHashMap<>();
    for (LakeTable table : TRACKED) {
      versions.put(table.toString(), lake.exists(spark, table) ? latestVersion(spark, lake.path(table)) : -1L);
    }
    return versions;
  }

  /** Where the last run's record is kept: a small JSON file, not a table, so it holds no row of data. */
  static Path statePath(Lake lake) {
    return new Path(lake.root() + "/" + STATE_FILE);
  }

  static State read(SparkSession spark, Lake lake) {
    Path path = statePath(lake);
    try {
      FileSystem fs = path.getFileSystem(spark.sparkContext().hadoopConfiguration());
      if (!fs.exists(path)) {
        return null;
      }
      JsonNode state;
      try (var in = fs.open(path)) {
        state = new ObjectMapper().readTree(in);
      }
      Map<String, Long> versions = new LinkedHashMap<>();
      state.get("versions").fields().forEachRemaining(e -> versions.put(e.getKey(), e.getValue().asLong()));
      return new State(LocalDate.parse(state.get("run_date").asText()), state.get("settings").asText(), versions);
    } catch (IOException | RuntimeException e) {
      return null; // unreadable: the caller recomputes in full and writes a new record
    }
  }

  /** Replaces the record (written aside, then renamed, so a crash leaves the old one or the new one). */
  static void write(SparkSession spark, Lake lake, LocalDate runDate, String settings, Map<String, Long> versions) {
    ObjectMapper json = new ObjectMapper();
    var state = json.createObjectNode();
    state.put("run_date", runDate.toString());
    state.put("settings", settings);
    var tables = state.putObject("versions");
    versions.forEach(tables::put);
    Path path = statePath(lake);
    Path temp = new Path(path.getParent(), "." + path.getName() + ".tmp");
    try {
      FileSystem fs = path.getFileSystem(spark.sparkContext().hadoopConfiguration());
      try (var out = fs.create(temp, true)) {
        out.write(json.writerWithDefaultPrettyPrinter().writeValueAsBytes(state));
      }
      fs.delete(path, false);
      if (!fs.rename(temp, path)) {
        throw new IOException("cannot rename " + temp + " to " + path);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Customer ids (column {@code customer_id}, may repeat) whose silver rows changed between the
   * recorded and the current versions, or who have a fact dated after the end of {@code since} and
   * before the end of {@code until}.
   */
  static Dataset<Row> customers(
      SparkSession spark, Lake lake, Map<String, Long> before, Map<String, Long> now, LocalDate since, LocalDate until) {
    List<Dataset<Row>> parts = new ArrayList<>();
    for (LakeTable table : TRACKED) {
      long from = before.getOrDefault(table.toString(), -1L);
      long to = now.get(table.toString());
      if (to < 0 && from >= 0) {
        throw new Unreadable(table + " existed at the last run and is gone", null);
      }
      if (to < 0 || to == from) {
        continue;
      }
      if (from < 0) {
        parts.add(lake.read(spark, table).select("customer_id"));
      } else {
        List<String> files = changedFiles(spark, lake.path(table), from + 1, to);
        if (!files.isEmpty()) {
          try {
            parts.add(spark.read().parquet(files.toArray(String[]::new)).select("customer_id"));
          } catch (RuntimeException e) {
            throw new Unreadable("cannot read the data files changed in " + table + ": " + e.getMessage(), e);
          }
        }
      }
    }
    if (until.isAfter(since)) {
      java.sql.Timestamp start = Journeys.endOf(since);
      java.sql.Timestamp end = Journeys.endOf(until);
      parts.add(dated(spark, lake, LakeTable.SILVER_TRANSACTIONS, "occurred_at", start, end));
      parts.add(dated(spark, lake, LakeTable.SILVER_CHANNEL_EVENTS, "occurred_at", start, end));
      parts.add(dated(spark, lake, LakeTable.SILVER_CHURN, "churned_at", start, end));
      parts.add(dated(spark, lake, LakeTable.SILVER_CUSTOMERS, "signed_up_at", start, end));
    }
    Dataset<Row> all = spark.createDataFrame(List.of(), new StructType().add("customer_id", DataTypes.StringType, true));
    for (Dataset<Row> part : parts) {
      all = all.unionByName(part.select(col("customer_id").cast(DataTypes.StringType)));
    }
    return all.where(col("customer_id").isNotNull());
  }

  /** Customers of {@code table} with a {@code column} value in [start, end); Delta skips files by their min/max. */
  private static Dataset<Row> dated(
      SparkSession spark, Lake lake, LakeTable table, String column, java.sql.Timestamp start, java.sql.Timestamp end) {
    if (!lake.exists(spark, table)) {
      return spark.createDataFrame(List.of(), new StructType().add("customer_id", DataTypes.StringType, true));
    }
    return lake.read(spark, table).where(col(column).geq(lit(start)).and(col(column).lt(lit(end)))).select("customer_id");
  }

  private static long latestVersion(SparkSession spark, String tablePath) {
    return io.delta.tables.DeltaTable.forPath(spark, tablePath).history(1).select("version").first().getLong(0);
  }

  /** Absolute paths of the data files added or removed by commits {@code from..to} of a Delta table. */
  static List<String> changedFiles(SparkSession spark, String tablePath, long from, long to) {
    ObjectMapper json = new ObjectMapper();
    List<String> files = new ArrayList<>();
    Path root = new Path(tablePath);
    try {
      FileSystem fs = root.getFileSystem(spark.sparkContext().hadoopConfiguration());
      for (long version = from; version <= to; version++) {
        Path commit = new Path(new Path(root, "_delta_log"), String.format("%020d.json", version));
        if (!fs.exists(commit)) {
          throw new Unreadable("commit " + commit + " is gone (log retention)", null);
        }
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(fs.open(commit), StandardCharsets.UTF_8))) {
          for (String line = reader.readLine(); line != null; line = reader.readLine()) {
            JsonNode action = json.readTree(line);
            for (String kind : List.of("add", "remove")) {
              JsonNode file = action.get(kind);
              if (file != null && file.hasNonNull("path")) {
                Path data = dataPath(root, file.get("path").asText());
                if (!fs.exists(data)) {
                  throw new Unreadable("data file " + data + " is gone (vacuumed)", null);
                }
                files.add(data.toString());
              }
            }
          }
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return files;
  }

  private static Path dataPath(Path root, String logged) {
    try {
      URI uri = new URI(logged); // the log stores paths URI-encoded, relative to the table
      return uri.isAbsolute() ? new Path(uri) : new Path(root, uri.getPath());
    } catch (URISyntaxException e) {
      throw new Unreadable("unexpected path in the Delta log: " + logged, e);
    }
  }
}
