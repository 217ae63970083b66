package io.triangulate.pipelines;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where the public data sets are for tests: the system property {@code triangulate.shared.data}
 * (surefire sets it), else {@code ../shared/data} from the repository root (tests run in a module
 * folder, so {@code ../../shared/data} is tried too).
 */
public final class SharedData {
  private SharedData() {}

  public static Path root() {
    String configured = System.getProperty("triangulate.shared.data");
    Path root = configured != null ? Path.of(configured) : Path.of("..", "shared", "data");
    if (!Files.isDirectory(root) && configured == null) {
      root = Path.of("..", "..", "shared", "data");
    }
    return root;
  }
}
