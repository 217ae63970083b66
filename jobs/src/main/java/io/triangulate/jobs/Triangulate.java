package io.triangulate.jobs;

import io.triangulate.jobs.config.TriangulateConfig;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** `triangulate <command>`: the CLI behind bin/triangulate. Each command is also a spark-submit main. */
@Command(
    name = "triangulate",
    mixinStandardHelpOptions = true,
    version = "triangulate 0.1.0",
    description = "Tests whether what a few customers said in interviews holds across the whole customer base.",
    footer = {"", TriangulateConfig.HELP},
    subcommands = {
      DemoJob.class,
      GenerateJob.class,
      IngestJob.class,
      CodeInterviewsJob.class,
      CodeTextsJob.class,
      JourneysJob.class,
      QualityGateJob.class,
      ValidateJob.class,
      DiscoverJob.class,
      ReportJob.class,
      NightlyJob.class,
      EvalCodingJob.class,
      ExportQdpxJob.class,
      ImportCodingsJob.class
    })
public final class Triangulate implements Runnable {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(System.out);
  }

  public static void main(String[] args) {
    System.exit(new CommandLine(new Triangulate()).execute(args));
  }
}
