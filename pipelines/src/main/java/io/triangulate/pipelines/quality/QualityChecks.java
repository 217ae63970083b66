package io.triangulate.pipelines.quality;

import io.triangulate.nlp.UserError;
import io.triangulate.pipelines.lake.LakeTable;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * A validated set of quality checks, loaded from YAML (docs/quality.md). The built-in set,
 * {@link #DEFAULT_LOCATION}, covers the silver tables and {@code gold/journeys}.
 *
 * @param source where the checks came from (file path or {@code classpath:...}); named in errors
 * @param checks the checks in file order; ids are unique
 * @param optionalTables tables that may not exist yet: their checks are recorded as skipped, not failed
 */
public record QualityChecks(String source, List<QualityCheck> checks, Set<LakeTable> optionalTables) {
  /** The built-in checks, a resource of the pipelines jar. */
  public static final String DEFAULT_LOCATION = "classpath:quality/quality.yaml";

  private static final String CLASSPATH = "classpath:";

  public QualityChecks {
    checks = List.copyOf(checks);
    optionalTables = Set.copyOf(optionalTables);
  }

  /** The built-in checks. */
  public static QualityChecks defaults() {
    return fromLocation(DEFAULT_LOCATION);
  }

  /** Loads a file path or a {@code classpath:<resource>}, failing with a {@link UserError} naming file and field. */
  public static QualityChecks fromLocation(String location) {
    return location.startsWith(CLASSPATH) ? fromResource(location.substring(CLASSPATH.length())) : load(Path.of(location));
  }

  /** Loads and validates a quality YAML file. */
  public static QualityChecks load(Path file) {
    if (!Files.isRegularFile(file)) {
      throw UserError.at(file.toString()).problem("quality checks file not found")
          .fix("pass an existing YAML file with --checks (or quality.checks in the config), or leave it out for the built-in checks")
          .build();
    }
    try {
      return QualityChecksReader.parse(file.toString(), Files.readString(file, StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw UserError.at(file.toString()).problem("cannot read quality checks file").found(e.getMessage()).cause(e).build();
    }
  }

  /** Loads a quality YAML resource from the classpath. */
  public static QualityChecks fromResource(String resource) {
    String source = CLASSPATH + resource;
    try (InputStream in = QualityChecks.class.getClassLoader().getResourceAsStream(resource)) {
      if (in == null) {
        throw UserError.at(source).problem("quality checks resource not found")
            .fix("use " + DEFAULT_LOCATION + " or a file path").build();
      }
      return QualityChecksReader.parse(source, new String(in.readAllBytes(), StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw UserError.at(source).problem("cannot read quality checks resource").found(e.getMessage()).cause(e).build();
    }
  }

  /** The tables checked, in the order their first check appears. */
  public List<LakeTable> tables() {
    Set<LakeTable> tables = new LinkedHashSet<>();
    checks.forEach(c -> tables.add(c.table()));
    return List.copyOf(tables);
  }

  /** The checks of one table, in file order. */
  public List<QualityCheck> forTable(LakeTable table) {
    List<QualityCheck> result = new ArrayList<>();
    for (QualityCheck check : checks) {
      if (check.table().equals(table)) {
        result.add(check);
      }
    }
    return result;
  }

  public boolean isOptional(LakeTable table) {
    return optionalTables.contains(table);
  }

  @Override
  public String toString() {
    return checks.size() + " checks on " + tables().size() + " tables from " + source;
  }
}
