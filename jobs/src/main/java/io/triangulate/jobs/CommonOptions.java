package io.triangulate.jobs;

import io.triangulate.jobs.config.TriangulateConfig;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Option;

/** Options every command takes; they override the config file, which overrides the defaults. */
public final class CommonOptions {
  @Option(names = "--config", paramLabel = "FILE", description = "YAML config file (keys: see `triangulate --help`).")
  Path config;

  @Option(names = "--master", paramLabel = "URL", description = "Spark master. Default: local[*]. Under spark-submit, the master spark-submit chose.")
  String master;

  @Option(names = "--lake", paramLabel = "PATH", description = "Lake root, a folder or URI (s3a://, abfss://, gs://). Default: ./lake")
  String lake;

  @Option(names = "--conf", paramLabel = "KEY=VALUE", description = "Extra Spark setting; repeatable.")
  Map<String, String> conf = new LinkedHashMap<>();

  @Option(names = "--lineage", paramLabel = "TARGET",
      description = "OpenLineage events from Spark: off (default), console, file:PATH (JSON lines) or http(s)://server (e.g. Marquez).")
  String lineage;

  /** Installation folder (holds examples/); set by bin/triangulate, else the working directory. */
  static Path home() {
    return Path.of(System.getProperty("triangulate.home", ".")).toAbsolutePath().normalize();
  }

  /** Defaults, then the config file, then these flags. */
  TriangulateConfig resolve() {
    TriangulateConfig config = TriangulateConfig.defaults(home());
    if (this.config != null) {
      config = config.merge(this.config);
    } else if (System.getProperty("spark.master") != null && master == null) {
      // Under spark-submit the master is already chosen; do not override it with local[*].
      config = config.withMaster(System.getProperty("spark.master"));
    }
    // --conf last, so spark.openlineage.* given there wins over what --lineage sets.
    return config.withMaster(master).withLake(lake).withLineage(lineage).withSpark(conf).validate("command line");
  }
}
