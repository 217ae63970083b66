package io.triangulate.pipelines.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.triangulate.nlp.UserError;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.SparkSession;

/**
 * Finds a source's files in its landing folder and checks, before Spark reads them, that each one
 * can be read at all: not empty, UTF-8 text, the contract's delimiter, every required column. These
 * are the failures that would otherwise turn into a silent wall of quarantined rows.
 */
public final class LandingFiles {
  private LandingFiles() {}

  /** One landing file as listed: full path, size and modification time. */
  public record LandingFile(String path, long sizeBytes, long modifiedAtMillis) {
    public String name() {
      return path.substring(path.lastIndexOf('/') + 1);
    }
  }

  private static final ObjectMapper JSON = new ObjectMapper();
  /** JSON Lines objects looked at for the required-key check; rows after them are checked row by row. */
  static final int JSON_SAMPLE_OBJECTS = 1000;

  /** Whether the folder exists; a source whose folder is absent was not delivered that day. */
  public static boolean folderExists(SparkSession spark, String folder) {
    try {
      Path path = new Path(folder);
      return fs(spark, path).isDirectory(path);
    } catch (IOException e) {
      throw unreadable(folder, e);
    }
  }

  /**
   * The files in {@code folder} whose names end with one of {@code extensions}, sorted by path;
   * with {@code recursive} also those in sub-folders.
   */
  public static List<LandingFile> list(SparkSession spark, String folder, boolean recursive, String... extensions) {
    Path root = new Path(folder);
    try {
      FileSystem fs = fs(spark, root);
      List<LandingFile> files = new ArrayList<>();
      var it = fs.listFiles(root, recursive);
      while (it.hasNext()) {
        FileStatus status = it.next();
        String name = status.getPath().getName();
        if (!name.startsWith(".") && !name.startsWith("_")
            && Arrays.stream(extensions).anyMatch(name::endsWith)) {
          files.add(new LandingFile(status.getPath().toString(), status.getLen(), status.getModificationTime()));
        }
      }
      files.sort(Comparator.comparing(LandingFile::path));
      return files;
    } catch (IOException e) {
      throw unreadable(folder, e);
    }
  }

  /** Fails unless the file has content. */
  public static void checkNotEmpty(LandingFile file) {
    if (file.sizeBytes() == 0) {
      throw UserError.at(file.path())
          .problem("the file is empty")
          .expected("a header line and data rows")
          .found("0 bytes")
          .fix("re-export the source; an empty delivery should not be written to the landing folder")
          .build();
    }
  }

  /**
   * Reads a CSV file's header and checks it against the contract. Returns the header's column
   * names, trimmed and without a byte-order mark.
   */
  public static List<String> checkCsvHeader(SparkSession spark, LandingFile file, SourceContract contract) {
    return checkCsvHeader(spark, file, contract, SourceOptions.DEFAULT);
  }

  /** {@link #checkCsvHeader(SparkSession, LandingFile, SourceContract)} for a file in the source's encoding. */
  public static List<String> checkCsvHeader(
      SparkSession spark, LandingFile file, SourceContract contract, SourceOptions options) {
    checkNotEmpty(file);
    String header = firstLine(spark, file, options);
    if (header == null || header.isBlank()) {
      throw UserError.at(file.path() + ", line 1")
          .problem("the header line is empty")
          .expected("comma-separated column names: " + String.join(",", contract.columnNames()))
          .found(header)
          .fix("write the column names on the first line")
          .build();
    }
    long commas = header.chars().filter(c -> c == ',').count();
    for (char other : new char[] {';', '\t'}) {
      long count = header.chars().filter(c -> c == other).count();
      if (count > commas) {
        throw UserError.at(file.path() + ", line 1")
            .problem("the header is separated by " + (other == ';' ? "semicolons" : "tabs") + ", not commas")
            .expected("comma-separated column names: " + String.join(",", contract.columnNames()))
            .found(header)
            .fix("export the file with a comma as delimiter")
            .build();
      }
    }
    List<String> columns = new ArrayList<>();
    for (String name : header.split(",", -1)) {
      columns.add(CsvNames.normalize(name));
    }
    checkRequired(file, contract, new LinkedHashSet<>(columns), "line 1 (header)");
    return columns;
  }

  /**
   * Checks a JSON Lines file: the first non-blank line must be a JSON object, and the keys seen in
   * its first {@value #JSON_SAMPLE_OBJECTS} objects must include every required column (a required
   * key absent from all of them is a missing column, not a few bad rows).
   */
  public static void checkJsonLines(SparkSession spark, LandingFile file, SourceContract contract) {
    checkJsonLines(spark, file, contract, SourceOptions.DEFAULT);
  }

  /** {@link #checkJsonLines(SparkSession, LandingFile, SourceContract)} for a file in the source's encoding. */
  public static void checkJsonLines(
      SparkSession spark, LandingFile file, SourceContract contract, SourceOptions options) {
    checkNotEmpty(file);
    LandingText.Encoding encoding = LandingText.detect(spark, file, options.encoding());
    if (encoding.isPlainUtf8()) {
      LandingText.checkUtf8Start(spark, file);
    }
    Set<String> keys = new LinkedHashSet<>();
    boolean sawObject = false;
    int objects = 0;
    Path path = new Path(file.path());
    try (BufferedReader reader = reader(spark, path, encoding)) {
      String line;
      int number = 0;
      while (objects < JSON_SAMPLE_OBJECTS && (line = reader.readLine()) != null) {
        number++;
        if (line.isBlank()) {
          continue;
        }
        JsonNode node = parseOrNull(line);
        if (node == null || !node.isObject()) {
          if (!sawObject) {
            throw UserError.at(file.path() + ", line " + number)
                .problem("the line is not a JSON object")
                .expected("JSON Lines: one JSON object per line, such as {\"event_id\":\"E1\",...}")
                .found(line)
                .fix("export the source as JSON Lines (not a JSON array, not CSV)")
                .build();
          }
          continue; // later bad lines are quarantined row by row as `malformed`
        }
        sawObject = true;
        objects++;
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
          keys.add(it.next());
        }
      }
    } catch (IOException e) {
      throw unreadable(file.path(), e);
    }
    if (!sawObject) {
      throw UserError.at(file.path())
          .problem("the file has only blank lines")
          .expected("one JSON object per line")
          .found("no JSON object")
          .fix("re-export the source; an empty delivery should not be written to the landing folder")
          .build();
    }
    checkRequired(file, contract, keys, "keys of its JSON objects");
  }

  static void checkRequired(LandingFile file, SourceContract contract, Set<String> found, String what) {
    for (String required : contract.requiredColumns()) {
      if (!found.contains(required)) {
        throw UserError.at(file.path() + ", " + what)
            .problem("required column " + required + " is missing")
            .expected("columns " + String.join(", ", contract.requiredColumns())
                + " (required) of contract " + contract.source())
            .found(String.join(", ", found))
            .fix("add column " + required + " to the export, or correct its name (see docs/contracts.md)")
            .build();
      }
    }
  }

  private static String firstLine(SparkSession spark, LandingFile file, SourceOptions options) {
    LandingText.Encoding encoding = LandingText.detect(spark, file, options.encoding());
    if (encoding.isPlainUtf8()) {
      LandingText.checkUtf8Start(spark, file);
    }
    String line = LandingText.firstLine(spark, file, encoding);
    if (line != null && line.indexOf('\u0000') >= 0) {
      // UTF-16 without a byte-order mark decodes as "valid" UTF-8 full of NULs.
      throw UserError.at(file.path() + ", line 1")
          .problem("the file is not " + encoding.charset().name() + " text")
          .expected("a " + encoding.charset().name() + " CSV file with a header line")
          .found(line.replace("\u0000", ""))
          .fix("export the file as UTF-8, or set the source's encoding in the config (e.g. UTF-16LE)")
          .build();
    }
    return line;
  }

  // Skips the byte-order mark, so the first key of a JSON Lines file is not glued to it.
  private static BufferedReader reader(SparkSession spark, Path path, LandingText.Encoding encoding) throws IOException {
    var in = fs(spark, path).open(path);
    in.skipNBytes(encoding.bomBytes());
    return new BufferedReader(new InputStreamReader(in, encoding.charset()));
  }

  private static JsonNode parseOrNull(String line) {
    try {
      return JSON.readTree(line);
    } catch (IOException e) {
      return null;
    }
  }

  private static FileSystem fs(SparkSession spark, Path path) throws IOException {
    return path.getFileSystem(spark.sparkContext().hadoopConfiguration());
  }

  static UserError unreadable(String where, IOException e) {
    return UserError.at(where)
        .problem("the file cannot be read")
        .expected("a readable landing file")
        .found(e.getClass().getSimpleName() + ": " + e.getMessage())
        .fix("check the file's permissions and that the landing folder is reachable")
        .cause(e)
        .build();
  }
}
