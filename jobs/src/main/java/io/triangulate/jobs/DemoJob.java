package io.triangulate.jobs;

import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(
    name = "demo",
    mixinStandardHelpOptions = true,
    description = {
      "Generate a synthetic world, run the whole nightly on it and print where the report is.",
      "Everything is written under the lake folder (default ./lake)."
    })
public final class DemoJob extends StageJob {
  @Mixin WorldOptions world;

  @Override
  int run(StageContext ctx) {
    GenerateJob.generate(world, Path.of(ctx.lake().root()));
    int code = NightlyJob.runAll(ctx, world.date);
    if (code == 0) {
      Path report = Path.of(ctx.lake().reportDir(world.date), "index.html").toAbsolutePath().normalize();
      ctx.out().println();
      ctx.out().println("Report: " + report);
    }
    return code;
  }

  public static void main(String[] args) {
    main(new DemoJob(), args);
  }
}
