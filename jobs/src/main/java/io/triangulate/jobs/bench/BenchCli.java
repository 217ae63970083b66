package io.triangulate.jobs.bench;

import io.triangulate.nlp.UserError;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine;

/** The {@code main} of every benchmark: runs the picocli command, reports user errors briefly, stops Spark, exits. */
final class BenchCli {
  private BenchCli() {}

  static void main(Object command, String name, String[] args) {
    int exit = new CommandLine(command)
        .setExecutionExceptionHandler((e, cmd, parsed) -> {
          if (e instanceof UserError) {
            System.err.println(name + ": " + e.getMessage());
            return 2; // the CLI's exit code for user errors
          }
          throw e;
        })
        .execute(args);
    if (SparkSession.getActiveSession().isDefined()) {
      SparkSession.getActiveSession().get().stop();
    }
    System.exit(exit);
  }
}
