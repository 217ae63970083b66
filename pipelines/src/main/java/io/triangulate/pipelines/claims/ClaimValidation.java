package io.triangulate.pipelines.claims;

import static org.apache.spark.sql.functions.array;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import io.triangulate.pipelines.claims.InterviewEvidence.ClaimEvidence;
import io.triangulate.pipelines.claims.InterviewEvidence.Segment;
import io.triangulate.pipelines.claims.Verdicts.Verdict;
import io.triangulate.pipelines.lake.DeltaWrites;
import io.triangulate.pipelines.lake.Lake;
import io.triangulate.pipelines.lake.LakeTable;
import io.triangulate.pipelines.stats.Proportions;
import io.triangulate.pipelines.stats.Proportions.Interval;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.catalyst.expressions.GenericRowWithSchema;
import org.apache.spark.sql.types.StructType;

/**
 * Checks every claim against the customer base and the interviews and writes
 * {@code gold/claim_results} and {@code gold/segment_results} for one run date.
 *
 * <p>Customer-level work stays in Spark: all claims' outcomes are reduced with one groupBy to
 * counts per (claim, segment column, segment value); only those few aggregate rows reach the
 * driver, where the Wilson intervals and verdicts are computed.
 */
public final class ClaimValidation {
  private ClaimValidation() {}

  /** The segment column of the base-wide aggregate row. */
  private static final String ALL = "";
  /** How an empty segment value is shown. */
  public static final String MISSING_VALUE = "(missing)";

  /** Result rows with {@link ClaimResultSchema#CLAIM_RESULTS} / {@link ClaimResultSchema#SEGMENT_RESULTS} schemas. */
  public record Results(List<Row> claimResults, List<Row> segmentResults) {
    /** One line per claim with its verdict: what a nightly log should show. */
    @Override
    public String toString() {
      StringBuilder text = new StringBuilder(claimResults.size() + " claims");
      for (Row claim : claimResults) {
        text.append(String.format("%n  %-28s %s", claim.<String>getAs("claim_id"), claim.<String>getAs("verdict")));
      }
      return text.toString();
    }
  }

  /**
   * Validates the claims in {@code claimsDir} against the lake as of {@code runDate} and replaces
   * the {@code run_date} partition of both gold result tables.
   */
  public static Results run(SparkSession spark, Lake lake, LocalDate runDate, Path claimsDir) {
    List<ClaimSpec> specs = ClaimSpecs.loadFolder(claimsDir);
    Results results =
        evaluate(
            spark,
            specs,
            lake.read(spark, LakeTable.GOLD_JOURNEYS),
            lake.read(spark, LakeTable.SILVER_TRANSACTIONS),
            lake.read(spark, LakeTable.SILVER_CHANNEL_EVENTS),
            lake.read(spark, LakeTable.SILVER_INTERVIEWS),
            lake.read(spark, LakeTable.SILVER_CODED_SEGMENTS),
            runDate);
    write(spark, lake, runDate, results);
    return results;
  }

  /** Replaces the {@code run_date} partition of {@code gold/claim_results} and {@code gold/segment_results}. */
  public static void write(SparkSession spark, Lake lake, LocalDate runDate, Results results) {
    write(spark, results.claimResults(), ClaimResultSchema.CLAIM_RESULTS, lake.path(LakeTable.GOLD_CLAIM_RESULTS), runDate);
    write(spark, results.segmentResults(), ClaimResultSchema.SEGMENT_RESULTS, lake.path(LakeTable.GOLD_SEGMENT_RESULTS), runDate);
  }

  private static void write(SparkSession spark, List<Row> rows, StructType schema, String path, LocalDate runDate) {
    Column[] select = Arrays.stream(schema.fieldNames()).map(c -> col(c)).toArray(Column[]::new);
    DeltaWrites.replacePartition(spark.createDataFrame(rows, schema).select(select), path, "run_date", runDate.toString());
  }

  /**
   * Computes claim and segment results for {@code specs}, observing the world as of {@code runDate}.
   * Inputs have the lake's schemas (journeys, silver transactions/channel events/interviews/coded segments).
   */
  public static Results evaluate(
      SparkSession spark,
      List<ClaimSpec> specs,
      Dataset<Row> journeys,
      Dataset<Row> transactions,
      Dataset<Row> channelEvents,
      Dataset<Row> interviews,
      Dataset<Row> codedSegments,
      LocalDate runDate) {
    Map<String, Map<List<String>, long[]>> counts = segmentCounts(spark, specs, journeys, transactions, channelEvents, runDate);
    Set<String> allCodes = new TreeSet<>();
    specs.forEach(s -> allCodes.addAll(s.interviewCodes()));
    InterviewEvidence evidence = InterviewEvidence.collect(interviews, codedSegments, allCodes);

    List<Row> claimRows = new ArrayList<>();
    List<Row> segmentRows = new ArrayList<>();
    for (ClaimSpec spec : specs) {
      Map<List<String>, long[]> byKey = counts.getOrDefault(spec.id(), Map.of());
      long[] base = byKey.getOrDefault(List.of(ALL, ALL), new long[3]);
      List<String> supportedSegments = new ArrayList<>();
      List<String> supportedDetails = new ArrayList<>();
      for (String column : spec.segments()) {
        List<List<String>> keys = byKey.keySet().stream().filter(k -> k.get(0).equals(column)).sorted((a, b) -> a.get(1).compareTo(b.get(1))).toList();
        for (List<String> key : keys) {
          long[] c = byKey.get(key);
          long observed = c[0] - c[1];
          Interval ci = observed > 0 ? Proportions.wilson(c[2], observed, Verdicts.CONFIDENCE) : null;
          String verdict = Verdicts.segmentVerdict(spec.expectation(), observed, ci, spec.minSegmentSize());
          boolean suppressed = Verdicts.SUPPRESSED.equals(verdict);
          if (Verdicts.SUPPORTED.equals(verdict)) {
            supportedSegments.add(column + "=" + key.get(1));
            supportedDetails.add(column + "=" + key.get(1) + " at " + Verdicts.describe(ci, observed));
          }
          segmentRows.add(
              row(ClaimResultSchema.SEGMENT_RESULTS,
                  runDate.toString(), spec.id(), column, key.get(1), observed, c[2],
                  ci == null ? null : ci.estimate(), ci == null ? null : ci.low(), ci == null ? null : ci.high(),
                  suppressed, verdict, spec.minSegmentSize()));
        }
      }
      claimRows.add(claimRow(spec, runDate, base, evidence.forClaim(spec.interviewCodes()), supportedSegments, supportedDetails));
    }
    return new Results(List.copyOf(claimRows), List.copyOf(segmentRows));
  }

  private static Row claimRow(
      ClaimSpec spec, LocalDate runDate, long[] base, ClaimEvidence interviews, List<String> supportedSegments, List<String> supportedDetails) {
    long populationN = base[0];
    long censoredN = base[1];
    long observedN = populationN - censoredN;
    long eventK = base[2];
    Interval ci = observedN > 0 ? Proportions.wilson(eventK, observedN, Verdicts.CONFIDENCE) : null;
    Interval interviewCi =
        interviews.interviewN() > 0 ? Proportions.wilson(interviews.interviewK(), interviews.interviewN(), Verdicts.CONFIDENCE) : null;
    Boolean convergent = ci == null || interviewCi == null ? null : interviewCi.contains(ci.estimate());

    Verdict verdict = Verdicts.baseVerdict(spec.expectation(), observedN, ci);
    String word = verdict.word();
    String reason = verdict.reason();
    if (!Verdicts.SUPPORTED.equals(word) && !supportedSegments.isEmpty()) {
      word = Verdicts.HOLDS_IN_SEGMENTS;
      reason = reason + "; but it holds in " + String.join("; ", supportedDetails);
    }
    return row(ClaimResultSchema.CLAIM_RESULTS,
        runDate.toString(), spec.id(), spec.statement(), spec.specHash(), spec.describeOutcome(),
        spec.expectation().describe(), spec.expectation().threshold(),
        populationN, censoredN, observedN, eventK,
        ci == null ? null : ci.estimate(), ci == null ? null : ci.low(), ci == null ? null : ci.high(),
        interviews.interviewN(), interviews.interviewK(),
        interviewCi == null ? null : interviewCi.estimate(), interviewCi == null ? null : interviewCi.low(), interviewCi == null ? null : interviewCi.high(),
        convergent,
        seq(interviews.quotes().stream().map(Segment::segmentId).toList()),
        seq(interviews.quotes().stream().map(Segment::quote).toList()),
        word, reason, seq(supportedSegments));
  }

  /**
   * {claim_id → {[segment_column, segment_value] → [population_n, censored_n, event_k]}}; the
   * base-wide counts are under [ALL, ALL]. One Spark job for all claims.
   */
  static Map<String, Map<List<String>, long[]>> segmentCounts(
      SparkSession spark, List<ClaimSpec> specs, Dataset<Row> journeys, Dataset<Row> transactions, Dataset<Row> channelEvents, LocalDate runDate) {
    Dataset<Row> all = null;
    for (ClaimSpec spec : specs) {
      Dataset<Row> outcomes = ClaimCompiler.outcomes(spark, spec, journeys, transactions, channelEvents, runDate);
      List<Column> keys = new ArrayList<>();
      keys.add(struct(lit(ALL).as("segment_column"), lit(ALL).as("segment_value")));
      for (String segment : spec.segments()) {
        keys.add(struct(lit(segment).as("segment_column"), coalesce(col(segment).cast("string"), lit(MISSING_VALUE)).as("segment_value")));
      }
      // explode: each customer is read once and counted in the base row and in each of its segments.
      Dataset<Row> rows =
          outcomes
              .select(lit(spec.id()).as("claim_id"), col(ClaimCompiler.IS_CENSORED), col(ClaimCompiler.IS_EVENT), explode(array(keys.toArray(Column[]::new))).as("key"))
              .select(col("claim_id"), col("key.segment_column"), col("key.segment_value"), col(ClaimCompiler.IS_CENSORED), col(ClaimCompiler.IS_EVENT));
      all = all == null ? rows : all.unionByName(rows);
    }
    Map<String, Map<List<String>, long[]>> counts = new HashMap<>();
    if (all == null) {
      return counts;
    }
    Column censored = col(ClaimCompiler.IS_CENSORED);
    List<Row> aggregated =
        all.groupBy("claim_id", "segment_column", "segment_value")
            .agg(
                count(lit(1)).as("population_n"),
                sum(when(censored, 1L).otherwise(0L)).as("censored_n"),
                sum(when(functions.not(censored).and(col(ClaimCompiler.IS_EVENT)), 1L).otherwise(0L)).as("event_k"))
            .collectAsList();
    for (Row r : aggregated) {
      counts.computeIfAbsent(r.getString(0), k -> new HashMap<>())
          .put(List.of(r.getString(1), r.getString(2)), new long[] {r.getLong(3), r.getLong(4), r.getLong(5)});
    }
    return counts;
  }

  /** Array values as Spark itself returns them, so {@code Row.getList} works on these rows too. */
  private static scala.collection.Seq<String> seq(List<String> values) {
    return scala.collection.JavaConverters.asScalaBuffer(new ArrayList<>(values)).toList();
  }

  private static Row row(StructType schema, Object... values) {
    return new GenericRowWithSchema(values, schema);
  }
}
