package io.triangulate.pipelines.claims;

import io.triangulate.nlp.UserError;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/** Loads a folder of claim files, one claim per {@code *.yaml}/{@code *.yml} file. */
public final class ClaimSpecs {
  private ClaimSpecs() {}

  /**
   * Every claim in {@code dir}, sorted by file name so results are in a stable order. Fails when
   * the folder is missing or empty, or when two files use the same claim id.
   */
  public static List<ClaimSpec> loadFolder(Path dir) {
    if (!Files.isDirectory(dir)) {
      throw UserError.at(dir.toString())
          .problem("claims folder does not exist")
          .expected("a folder of claim YAML files")
          .fix("pass the folder holding your claims, e.g. examples/demo/claims")
          .build();
    }
    List<Path> files;
    try (Stream<Path> listing = Files.list(dir)) {
      files =
          listing
              .filter(Files::isRegularFile)
              .filter(p -> p.getFileName().toString().matches("(?i).+\\.ya?ml"))
              .sorted()
              .toList();
    } catch (IOException e) {
      throw UserError.at(dir.toString()).problem("cannot list claims folder").found(e.getMessage()).cause(e).build();
    }
    if (files.isEmpty()) {
      throw UserError.at(dir.toString())
          .problem("no claim files")
          .expected("one or more *.yaml files, one claim each")
          .fix("add a claim file; docs/claims.md has an example")
          .build();
    }
    List<ClaimSpec> specs = new ArrayList<>();
    Map<String, Path> seen = new HashMap<>();
    for (Path file : files) {
      ClaimSpec spec = ClaimSpec.load(file);
      Path earlier = seen.putIfAbsent(spec.id(), file);
      if (earlier != null) {
        throw UserError.at(file + ", field id")
            .problem("duplicate claim id " + spec.id())
            .expected("claim ids unique across the folder")
            .found("the same id in " + earlier.getFileName())
            .fix("rename one of the claims")
            .build();
      }
      specs.add(spec);
    }
    return List.copyOf(specs);
  }
}
