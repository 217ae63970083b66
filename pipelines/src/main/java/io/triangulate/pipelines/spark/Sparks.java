package io.triangulate.pipelines.spark;

import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.spark.SparkConf;
import org.apache.spark.sql.SparkSession;

/**
 * Builds the one SparkSession a Triangulate process uses, with Delta Lake and the settings every
 * stage relies on (UTC session time zone, adaptive execution).
 *
 * <p>Settings the user passes win over the defaults here, so a cluster deployment can change any of
 * them with {@code --conf key=value} or the config file.
 */
public final class Sparks {
  private Sparks() {}

  /** Defaults for every session. Small-data friendly; AQE coalesces partitions on real volumes. */
  public static Map<String, String> defaults() {
    Map<String, String> conf = new LinkedHashMap<>();
    conf.put("spark.sql.extensions", "io.delta.sql.DeltaSparkSessionExtension");
    conf.put("spark.sql.catalog.spark_catalog", "org.apache.spark.sql.delta.catalog.DeltaCatalog");
    // Timestamps in the lake are UTC instants; rendering them in the JVM's zone would shift dates.
    conf.put("spark.sql.session.timeZone", "UTC");
    conf.put("spark.sql.adaptive.enabled", "true");
    conf.put("spark.sql.adaptive.coalescePartitions.enabled", "true");
    conf.put("spark.sql.shuffle.partitions", "8");
    // Delta replays its log with this many partitions; the default 50 is slow for small tables.
    conf.put("spark.databricks.delta.snapshotPartitions", "2");
    conf.put("spark.databricks.delta.schema.autoMerge.enabled", "false");
    conf.put("spark.ui.enabled", "false");
    // Spark's stage progress bar on an interactive terminal only; logs (CI, Airflow) stay line-based.
    conf.put("spark.ui.showConsoleProgress", String.valueOf(System.console() != null));
    return conf;
  }

  /** Settings for unit tests: two threads, loopback, two shuffle partitions, no UI. */
  public static SparkConf testConf() {
    SparkConf conf = new SparkConf().setMaster("local[2]").setAppName("triangulate-test");
    defaults().forEach(conf::set);
    conf.set("spark.sql.shuffle.partitions", "2");
    conf.set("spark.default.parallelism", "2");
    conf.set("spark.driver.host", "127.0.0.1");
    conf.set("spark.driver.bindAddress", "127.0.0.1");
    conf.set("spark.sql.warehouse.dir", System.getProperty("java.io.tmpdir") + "/triangulate-test-warehouse");
    return conf;
  }

  /**
   * Returns the session for this process, creating it on first use.
   *
   * @param master Spark master, e.g. {@code local[*]} or {@code spark://host:7077}; null keeps the
   *     one spark-submit chose
   * @param appName shown in the Spark UI and event logs
   * @param overrides user settings; win over {@link #defaults()}
   */
  public static SparkSession session(String master, String appName, Map<String, String> overrides) {
    SparkSession.Builder builder = SparkSession.builder().appName(appName);
    if (master != null && !master.isBlank()) {
      builder.master(master);
    }
    if (master != null && master.startsWith("local")) {
      builder.config("spark.driver.host", "127.0.0.1");
      builder.config("spark.driver.bindAddress", "127.0.0.1");
    }
    defaults().forEach(builder::config);
    overrides.forEach(builder::config);
    return builder.getOrCreate();
  }
}
