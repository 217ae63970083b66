package io.triangulate.pipelines.claims;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

import io.triangulate.nlp.UserError;
import io.triangulate.pipelines.claims.ClaimProposals.Proposal;
import io.triangulate.pipelines.lake.Lake;
import io.triangulate.pipelines.lake.LakeTable;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * The {@code discover} stage, after {@code validate}: looks for what the run's claims missed. It
 * scans the segment columns that validate used ({@code gold/segment_results} of the date) for
 * {@link Discoveries} ({@code gold/discoveries}, recruitment lists under {@code restricted/}) and
 * turns durations heard in the interviews into {@link ClaimProposals proposed claims}: one claim
 * YAML per proposal under {@code reports/<date>/proposed_claims/} and a row each in
 * {@code gold/proposed_claims}. Rerunning a date replaces all of them.
 */
public final class Discover {
  private Discover() {}

  /** Folder of the proposed claim files inside the report folder of the date. */
  public static final String PROPOSED_CLAIMS_DIR = "proposed_claims";

  /** What one run found; the rows have the schemas of {@link Discoveries#DISCOVERIES} and {@link ClaimProposals#PROPOSED_CLAIMS}. */
  public record Results(List<String> scannedColumns, List<Row> discoveries, List<Row> proposedClaims) {
    @Override
    public String toString() {
      StringBuilder text = new StringBuilder(discoveries.size() + " discoveries over " + scannedColumns.size()
          + " segment columns, " + proposedClaims.size() + " proposed claims");
      for (Row d : discoveries) {
        text.append(String.format("%n  discovery %-48s q=%.3g", d.<String>getAs("discovery_id"), d.<Double>getAs("q_value")));
      }
      for (Row p : proposedClaims) {
        text.append(String.format("%n  proposed  %-48s %s", p.<String>getAs("claim_id"), p.<String>getAs("spec_yaml").lines()
            .filter(l -> l.startsWith("statement:")).findFirst().orElse("")));
      }
      return text.toString();
    }
  }

  /** Runs the stage for {@code runDate}; needs validate's tables for that date. */
  public static Results run(SparkSession spark, Lake lake, LocalDate runDate) {
    Dataset<Row> claimResults = validated(spark, lake, runDate);
    List<String> columns = scannedColumns(spark, lake, runDate);

    List<Row> discoveries = Discoveries.run(spark, lake, runDate, columns,
        lake.read(spark, LakeTable.GOLD_JOURNEYS), lake.read(spark, LakeTable.SILVER_TRANSACTIONS),
        lake.read(spark, LakeTable.SILVER_CHANNEL_EVENTS));
    ClaimValidation.write(spark, discoveries, Discoveries.DISCOVERIES, lake.path(LakeTable.GOLD_DISCOVERIES), runDate);

    List<Proposal> proposals = ClaimProposals.propose(
        lake.read(spark, LakeTable.SILVER_INTERVIEWS), lake.read(spark, LakeTable.SILVER_CODED_SEGMENTS), columns);
    List<Row> claims = claimResults.select("claim_id", "outcome").orderBy("claim_id").collectAsList();
    String folder = lake.reportDir(runDate) + "/" + PROPOSED_CLAIMS_DIR;
    FileSystem fs = clearFolder(spark, folder);
    List<Row> rows = new ArrayList<>();
    for (Proposal p : proposals) {
      String yaml = ClaimSpecYaml.write(p.spec(), header(p, runDate));
      writeText(fs, new Path(folder + "/" + p.spec().id() + ".yaml"), yaml);
      List<String> existing = claims.stream().filter(c -> c.getString(1).equals(p.spec().describeOutcome()))
          .map(c -> c.getString(0)).toList();
      rows.add(ClaimProposals.row(p, runDate, existing, yaml));
    }
    ClaimValidation.write(spark, rows, ClaimProposals.PROPOSED_CLAIMS, lake.path(LakeTable.GOLD_PROPOSED_CLAIMS), runDate);
    return new Results(columns, List.copyOf(discoveries), List.copyOf(rows));
  }

  /** The date's claim results; discovery without them would scan columns no claim asked about. */
  private static Dataset<Row> validated(SparkSession spark, Lake lake, LocalDate runDate) {
    Dataset<Row> claimResults = lake.exists(spark, LakeTable.GOLD_CLAIM_RESULTS)
        ? lake.read(spark, LakeTable.GOLD_CLAIM_RESULTS).filter(col("run_date").equalTo(lit(runDate.toString())))
        : null;
    if (claimResults == null || claimResults.isEmpty()) {
      throw UserError.at(lake.path(LakeTable.GOLD_CLAIM_RESULTS) + ", run_date " + runDate)
          .problem("no claim results for " + runDate)
          .expected("validate run for this date before discover")
          .fix("run `triangulate validate --date " + runDate + "` first (the nightly does)")
          .build();
    }
    return claimResults;
  }

  /** The segment columns validate broke the date's claims down by, sorted. */
  public static List<String> scannedColumns(SparkSession spark, Lake lake, LocalDate runDate) {
    return lake.read(spark, LakeTable.GOLD_SEGMENT_RESULTS)
        .filter(col("run_date").equalTo(lit(runDate.toString())))
        .select("segment_column").distinct().orderBy("segment_column")
        .collectAsList().stream().map(r -> r.getString(0)).toList();
  }

  private static List<String> header(Proposal p, LocalDate runDate) {
    List<String> lines = new ArrayList<>();
    lines.add("Proposed by `triangulate discover` for " + runDate + ": " + p.supportingInterviewN() + " of " + p.interviewN()
        + " interviews mention " + p.outcomeCode() + " within " + p.spec().horizonDays() + " days (each interview's shortest: "
        + p.mentionedDays() + " days).");
    lines.add("The threshold is what the panel said; lower it if the panel was recruited around the problem.");
    lines.add("Review, rename the id, then copy this file into your claims folder.");
    p.quotes().stream().limit(InterviewEvidence.MAX_QUOTES).forEach(q -> lines.add("  \"" + q + "\""));
    return lines;
  }

  /** Deletes {@code folder} (any Hadoop file system) and returns its file system. */
  static FileSystem clearFolder(SparkSession spark, String folder) {
    try {
      Path path = new Path(folder);
      FileSystem fs = path.getFileSystem(spark.sparkContext().hadoopConfiguration());
      fs.delete(path, true);
      return fs;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot clear " + folder, e);
    }
  }

  /** Writes {@code text} as UTF-8 to {@code file}, replacing it. */
  static void writeText(FileSystem fs, Path file, String text) {
    try (OutputStream out = fs.create(file, true)) {
      out.write(text.getBytes(StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file, e);
    }
  }
}
