package io.triangulate.jobs;

import io.triangulate.jobs.config.TriangulateConfig;
import io.triangulate.pipelines.lake.Lake;
import java.io.PrintStream;
import org.apache.spark.sql.SparkSession;

/** What a stage runs with: resolved config, the Spark session, the lake, and where to print. */
public record StageContext(TriangulateConfig config, SparkSession spark, Lake lake, PrintStream out) {}
