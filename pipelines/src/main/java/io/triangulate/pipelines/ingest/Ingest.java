package io.triangulate.pipelines.ingest;


import io.triangulate.nlp.UserError;
import io.triangulate.pipelines.ingest.BronzeLoader.Lineage;
import io.triangulate.pipelines.ingest.IngestSummary.SourceResult;
import io.triangulate.pipelines.ingest.IngestSummary.Status;
import io.triangulate.pipelines.ingest.LandingFiles.LandingFile;
import io.triangulate.pipelines.lake.DeltaWrites;
import io.triangulate.pipelines.lake.Lake;
import io.triangulate.pipelines.lake.LakeTable;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * The ingest stage for one landing date: landing files → bronze (the files + lineage) → silver
 * (typed, validated, deduplicated, merged on the natural key), rejects → quarantine.
 *
 * <p>Each source is independent: a source whose files cannot be read stops with a {@link UserError}
 * recorded in the summary, and the other sources still load. Rerunning a date is a no-op for bronze
 * when the files did not change, and silver and quarantine are recomputed from bronze only, so they
 * come out the same.
 */
public final class Ingest {
  private Ingest() {}

  /** Source name of interview transcripts (landing/interviews/&lt;date&gt;/*.txt, *.md, *.vtt, *.srt). */
  public static final String INTERVIEWS = "interviews";

  /** Every source ingest knows, in the order it loads them. */
  public static List<String> allSources() {
    return Stream.concat(SourceContract.ALL.stream().map(SourceContract::source), Stream.of(INTERVIEWS)).toList();
  }

  /**
   * Ingests {@code sources} delivered for {@code date}.
   *
   * @param sources names from {@link #allSources()}; an unknown name fails before anything is read
   * @param runId recorded as {@code _run_id} on rows this run writes to bronze
   */
  public static IngestSummary run(SparkSession spark, Lake lake, LocalDate date, List<String> sources, String runId) {
    return run(spark, lake, date, sources, runId, Map.of());
  }

  /**
   * {@link #run(SparkSession, Lake, LocalDate, List, String)} with per-source reading options
   * (encoding, time zone); a source without an entry uses {@link SourceOptions#DEFAULT}.
   */
  public static IngestSummary run(
      SparkSession spark, Lake lake, LocalDate date, List<String> sources, String runId,
      Map<String, SourceOptions> options) {
    for (String source : sources) {
      if (!allSources().contains(source)) {
        throw UserError.at("ingest sources")
            .problem("unknown source " + source)
            .expected("one of " + String.join(", ", allSources()))
            .found(source)
            .fix("correct the source name")
            .build();
      }
    }
    // One instant per run, at microsecond precision so it round-trips through Delta unchanged.
    Timestamp ingestedAt = Timestamp.from(Instant.now().truncatedTo(ChronoUnit.MICROS));
    Lineage lineage = new Lineage(date, runId, ingestedAt);
    // Sources share nothing (own landing folder, own tables), so they load side by side: a small
    // delivery is mostly driver-side Delta commit work that would leave the cores idle.
    SourceResult[] results = new SourceResult[sources.size()];
    List<Runnable> loads = new ArrayList<>();
    for (int i = 0; i < sources.size(); i++) {
      int index = i;
      String source = sources.get(i);
      loads.add(() -> results[index] = ingestSource(spark, lake, source, lineage, options));
    }
    DeltaWrites.concurrently(loads);
    return new IngestSummary(date, runId, List.of(results));
  }

  /** One source; a {@link UserError} becomes that source's failed result, so the others still load. */
  private static SourceResult ingestSource(
      SparkSession spark, Lake lake, String source, Lineage lineage, Map<String, SourceOptions> options) {
    try {
      return source.equals(INTERVIEWS)
          ? ingestInterviews(spark, lake, lineage)
          : ingestTabular(spark, lake, SourceContract.named(source), lineage,
              options.getOrDefault(source, SourceOptions.DEFAULT));
    } catch (UserError e) {
      return SourceResult.failed(source, e.getMessage());
    }
  }

  static SourceResult ingestTabular(
      SparkSession spark, Lake lake, SourceContract contract, Lineage lineage, SourceOptions options) {
    LocalDate date = lineage.landingDate();
    String folder = lake.landing(contract.source(), date);
    if (!LandingFiles.folderExists(spark, folder)) {
      return SourceResult.absent(contract.source());
    }
    String extension = contract.isJsonLines() ? ".jsonl" : ".csv";
    List<LandingFile> files = LandingFiles.list(spark, folder, false, extension, ParquetLanding.EXTENSION);
    if (files.isEmpty()) {
      throw noFiles(spark, folder, contract.fileName() + " or " + contract.source() + ParquetLanding.EXTENSION);
    }
    for (LandingFile file : files) {
      if (ParquetLanding.isParquet(file)) {
        ParquetLanding.check(spark, file, contract);
      } else if (contract.isJsonLines()) {
        LandingFiles.checkJsonLines(spark, file, contract, options);
      } else {
        LandingFiles.checkCsvHeader(spark, file, contract, options);
      }
    }

    String bronzePath = lake.path(contract.bronze());
    // Same files read with other options (a corrected encoding or zone) are a new delivery.
    boolean unchanged = BronzeLoader.holdsSameDelivery(spark, bronzePath, date, files, options);
    List<BronzeLoader.BronzeFile> landed =
        unchanged
            ? BronzeLoader.files(spark, bronzePath, date)
            : BronzeLoader.land(spark, contract, files, lineage, options, bronzePath);
    // Silver and quarantine come from what bronze holds (its copies of the files), so they stay a
    // function of bronze, and a rerun of the same delivery recomputes the same tables.
    SilverLoader.Counts counts =
        SilverLoader.load(spark, contract, bronzePath, landed, date, lake.path(contract.silver()),
            lake.path(contract.bronze().quarantine()));
    return new SourceResult(
        contract.source(), Status.INGESTED, counts.rowsIn(), unchanged ? 0 : counts.rowsIn(), unchanged,
        counts.valid(), counts.quarantinedByRule(), counts.duplicates(), null);
  }

  static SourceResult ingestInterviews(SparkSession spark, Lake lake, Lineage lineage) {
    LocalDate date = lineage.landingDate();
    String folder = lake.landing(INTERVIEWS, date);
    if (!LandingFiles.folderExists(spark, folder)) {
      return SourceResult.absent(INTERVIEWS);
    }
    List<LandingFile> files = LandingFiles.list(spark, folder, true, ".txt", ".md", ".vtt", ".srt");
    if (files.isEmpty()) {
      throw noFiles(spark, folder, "<interview_id>.txt");
    }
    files.forEach(LandingFiles::checkNotEmpty);
    String bronzePath = lake.path(LakeTable.BRONZE_INTERVIEW_TRANSCRIPTS);
    Dataset<Row> transcripts = BronzeLoader.readTranscripts(spark, files, lineage);
    boolean unchanged = BronzeLoader.holdsSameTranscripts(spark, bronzePath, date, transcripts);
    if (!unchanged) {
      BronzeLoader.write(transcripts, bronzePath, date);
    }
    long n = files.size();
    return new SourceResult(INTERVIEWS, Status.INGESTED, n, unchanged ? 0 : n, unchanged, n, Map.of(), 0, null);
  }

  private static UserError noFiles(SparkSession spark, String folder, String expected) {
    List<String> found = LandingFiles.list(spark, folder, true, "").stream().map(LandingFile::name).toList();
    return UserError.at(folder)
        .problem("the landing folder has no file to ingest")
        .expected(expected)
        .found(found.isEmpty() ? "an empty folder" : String.join(", ", found))
        .fix("deliver the file under its contract name (see docs/contracts.md)")
        .build();
  }
}
