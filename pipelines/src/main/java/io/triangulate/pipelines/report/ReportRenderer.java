package io.triangulate.pipelines.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.github.mustachejava.DefaultMustacheFactory;
import com.github.mustachejava.Mustache;
import io.triangulate.nlp.UserError;
import io.triangulate.pipelines.lake.Lake;
import io.triangulate.pipelines.lake.LakeTable;
import java.io.IOException;
import java.io.OutputStream;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.Map;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.SparkSession;

/**
 * Renders the claim results of one run date as {@code reports/<date>/index.html} — one
 * self-contained page (inline CSS, no scripts, fonts or remote resources), so it can be mailed or
 * opened offline — and {@code report.json}, {@code report.csv} and {@code trend.csv} (each claim
 * across nightly runs) with the same numbers.
 *
 * <p>Reads only gold tables, quarantine counts and, when present, {@code gold/data_quality}
 * ({@link ReportInputs}), each at a recorded Delta version; sections are described in
 * docs/report.md. The template is the classpath resource
 * {@code report/index.mustache}, and Mustache escapes every value, so statements and quotes cannot
 * inject markup.
 */
public final class ReportRenderer {
  private ReportRenderer() {}

  static final String TEMPLATE = "report/index.mustache";
  private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  /** The report's default minimum segment size k (the same default as a claim's floor). */
  public static final int DEFAULT_MIN_SEGMENT_SIZE = 20;

  /** {@link #render(SparkSession, Lake, LocalDate, int)} with k = {@value #DEFAULT_MIN_SEGMENT_SIZE}. */
  public static String render(SparkSession spark, Lake lake, LocalDate runDate) {
    return render(spark, lake, runDate, DEFAULT_MIN_SEGMENT_SIZE);
  }

  /**
   * Writes index.html, report.json and report.csv for {@code runDate}; returns the path of
   * index.html. Segments with fewer than {@code minSegmentSize} observed customers (or below their
   * claim's own floor) are shown without count, rate, interval or verdict in all three files.
   */
  public static String render(SparkSession spark, Lake lake, LocalDate runDate, int minSegmentSize) {
    if (minSegmentSize < 1) {
      throw UserError.at("report")
          .problem("minimum segment size must be positive")
          .expected("an integer ≥ 1 (default " + DEFAULT_MIN_SEGMENT_SIZE + ")")
          .found(String.valueOf(minSegmentSize))
          .fix("pass a minimum segment size of at least 1")
          .build();
    }
    if (ReportInputs.claimsOf(spark, lake, runDate).isEmpty()) {
      throw UserError.at(lake.path(LakeTable.GOLD_CLAIM_RESULTS))
          .problem("no claim results for run date " + runDate)
          .expected("rows written by the validate stage for that date")
          .fix("run `triangulate validate --date " + runDate + "` before the report")
          .build();
    }
    ReportModel model = new ReportModel(runDate, ReportInputs.read(spark, lake, runDate), minSegmentSize);

    String dir = lake.reportDir(runDate);
    String html = html(model);
    String index = dir + "/index.html";
    try {
      write(spark, index, html.getBytes(StandardCharsets.UTF_8));
      Map<String, Object> json = model.json();
      write(spark, dir + "/report.json", JSON.writeValueAsBytes(json));
      write(spark, dir + "/report.csv", ReportCsv.of(json).getBytes(StandardCharsets.UTF_8));
      write(spark, dir + "/trend.csv", ReportCsv.trend(json).getBytes(StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw UserError.at(dir).problem("cannot write the report").found(e.getMessage()).cause(e).build();
    }
    return index;
  }

  static String html(ReportModel model) {
    Mustache template = new DefaultMustacheFactory().compile(TEMPLATE);
    StringWriter out = new StringWriter();
    template.execute(out, model.view());
    return out.toString();
  }

  /** Through Hadoop's FileSystem so a lake on s3a:// or abfss:// works like a local folder. */
  private static void write(SparkSession spark, String file, byte[] bytes) throws IOException {
    Path path = new Path(file);
    FileSystem fs = path.getFileSystem(spark.sparkContext().hadoopConfiguration());
    try (OutputStream out = fs.create(path, true)) {
      out.write(bytes);
    }
  }
}
