package io.triangulate.jobs;

import io.triangulate.jobs.config.TriangulateConfig;
import io.triangulate.nlp.UserError;
import io.triangulate.pipelines.lake.Lake;
import io.triangulate.pipelines.spark.Sparks;
import java.util.concurrent.Callable;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * Base of every command that needs Spark: resolves the config, starts (or joins) the session, runs
 * the stage, and turns a {@link UserError} into one clear line on stderr and exit code 2. A failed
 * quality gate exits with 3.
 */
abstract class StageJob implements Callable<Integer> {
  static final int EXIT_USER_ERROR = 2;
  /** An error-level quality check failed (quality-gate, nightly, demo); gold/data_quality says which. */
  static final int EXIT_QUALITY_GATE = 3;

  @Mixin CommonOptions common;
  @Spec CommandSpec spec;

  /** Lets a command adjust the config with its own flags (e.g. --claims). */
  TriangulateConfig configure(TriangulateConfig config) {
    return config;
  }

  abstract int run(StageContext ctx) throws Exception;

  @Override
  public final Integer call() throws Exception {
    TriangulateConfig config;
    try {
      config = configure(common.resolve());
    } catch (UserError e) {
      System.err.println("triangulate: " + e.getMessage());
      return EXIT_USER_ERROR;
    }
    boolean ownSession = SparkSession.getActiveSession().isEmpty() && SparkSession.getDefaultSession().isEmpty();
    SparkSession spark = Sparks.session(config.master(), "triangulate " + spec.name(), config.spark());
    try {
      return run(new StageContext(config, spark, new Lake(config.lake()), System.out));
    } catch (UserError e) {
      System.err.println("triangulate " + spec.name() + ": " + e.getMessage());
      return EXIT_USER_ERROR;
    } finally {
      if (ownSession) {
        spark.stop();
      }
    }
  }

  /** Runs a command as a JVM main (spark-submit entry point) and exits with its code. */
  static void main(Object command, String[] args) {
    System.exit(new CommandLine(command).execute(args));
  }
}
