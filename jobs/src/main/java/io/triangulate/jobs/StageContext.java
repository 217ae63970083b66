package io.triangulate.jobs;

import io.triangulate.jobs.config.TriangulateConfig;
import io.triangulate.pipelines.lake.Lake;
import java.io.PrintStream;
import java.util.UUID;
import org.apache.spark.sql.SparkSession;

/**
 * What a stage runs with: resolved config, the Spark session, the lake, where to print, and the run
 * id that every stage of one command invocation records in {@code gold/runs}.
 */
public record StageContext(TriangulateConfig config, SparkSession spark, Lake lake, PrintStream out, String runId) {

  /** A context with a fresh run id. */
  public StageContext(TriangulateConfig config, SparkSession spark, Lake lake, PrintStream out) {
    this(config, spark, lake, out, newRunId());
  }

  /** Unique per invocation; no table except gold/runs keys on it, so reruns leave the others identical. */
  static String newRunId() {
    return UUID.randomUUID().toString();
  }
}
