package io.triangulate.jobs;

import io.triangulate.nlp.UserError;
import io.triangulate.pipelines.generate.GroundTruth;
import io.triangulate.pipelines.generate.WorldGenerator;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(
    name = "generate",
    mixinStandardHelpOptions = true,
    description = {
      "Write a seeded synthetic world to <lake>/landing/<source>/<date>/: customers, purchases, watch usage,",
      "channel touchpoints, churn and interview transcripts (and, with --texts-per-1000, customer texts),",
      "with planted patterns and their ground truth."
    })
public final class GenerateJob implements Callable<Integer> {
  @Mixin CommonOptions common;
  @Mixin WorldOptions world;

  @Override
  public Integer call() {
    try {
      Path lake = Path.of(common.resolve().lake());
      GroundTruth truth = generate(world, lake);
      System.out.printf("[generate] %d customers, %d interviews, %s for %s in %s%n",
          world.customers, world.interviews, world.textsPer1000 == 0 ? "no customer texts" : "≈" + world.textsPer1000 + " customer texts per 1,000 customers",
          world.date, lake.resolve("landing").toAbsolutePath());
      return truth == null ? 1 : 0;
    } catch (UserError e) {
      System.err.println("triangulate generate: " + e.getMessage());
      return StageJob.EXIT_USER_ERROR;
    }
  }

  static GroundTruth generate(WorldOptions world, Path lake) {
    try {
      return WorldGenerator.generate(world.spec(), lake);
    } catch (java.io.UncheckedIOException e) {
      throw UserError.at(lake.toString()).problem("cannot write landing files").found(e.getMessage())
          .fix("check the lake folder is writable and the disk has space").cause(e).build();
    }
  }

  public static void main(String[] args) {
    System.exit(new CommandLine(new GenerateJob()).execute(args));
  }
}
