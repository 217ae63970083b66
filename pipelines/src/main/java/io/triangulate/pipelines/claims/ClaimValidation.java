package io.triangulate.pipelines.claims;

import static org.apache.spark.sql.functions.col;

import io.triangulate.pipelines.claims.ClaimSpec.Comparison;
import io.triangulate.pipelines.claims.ClaimSpec.Percent;
import io.triangulate.pipelines.claims.InterviewEvidence.ClaimEvidence;
import io.triangulate.pipelines.claims.InterviewEvidence.Segment;
import io.triangulate.pipelines.claims.OutcomeCounts.Cell;
import io.triangulate.pipelines.claims.SignificanceTests.ComparisonTest;
import io.triangulate.pipelines.claims.Verdicts.Verdict;
import io.triangulate.pipelines.lake.DeltaWrites;
import io.triangulate.pipelines.lake.Lake;
import io.triangulate.pipelines.lake.LakeTable;
import io.triangulate.pipelines.stats.DiscoveryCoverage;
import io.triangulate.pipelines.stats.MultipleTesting;
import io.triangulate.pipelines.stats.Proportions;
import io.triangulate.pipelines.stats.Proportions.Interval;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.catalyst.expressions.GenericRowWithSchema;
import org.apache.spark.sql.types.StructType;

/**
 * Checks every claim against the customer base and the interviews and writes
 * {@code gold/claim_results} and {@code gold/segment_results} for one run date.
 *
 * <p>Customer-level work stays in Spark: claims that share their customers' base rows are counted
 * together, each family's inputs scanned once, all reduced in one job to
 * counts per (claim, segment column, segment value, time to event) ({@link OutcomeCounts}); only
 * those aggregate rows reach the driver, where the Wilson intervals, Kaplan–Meier curves, segment
 * and comparison tests, the run-wide Benjamini–Hochberg adjustment and the verdicts are computed.
 * The interview panel's representativeness ({@link PanelFit}) is a second small job.
 */
public final class ClaimValidation {
  private ClaimValidation() {}

  /** How an empty segment value is shown. */
  public static final String MISSING_VALUE = "(missing)";

  /**
   * Result rows with {@link ClaimResultSchema} schemas: claim_results, segment_results,
   * survival_curves and panel_fit.
   */
  public record Results(List<Row> claimResults, List<Row> segmentResults, List<Row> survivalCurves, List<Row> panelFit) {
    /** One line per claim with its verdict, then the counts: what a nightly log should show. */
    @Override
    public String toString() {
      StringBuilder text = new StringBuilder(claimResults.size() + " claims, " + segmentResults.size() + " segments, "
          + survivalCurves.size() + " survival curve steps, " + panelFit.size() + " panel fit tests");
      for (Row claim : claimResults) {
        text.append(String.format("%n  %-28s %s", claim.<String>getAs("claim_id"), claim.<String>getAs("verdict")));
      }
      return text.toString();
    }
  }

  /**
   * Validates the claims in {@code claimsDir} against the lake as of {@code runDate} and replaces
   * the {@code run_date} partition of the gold result tables. {@link Discover} (the next stage) scans
   * for what the claims missed.
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

  /** Replaces the {@code run_date} partition of every gold table this stage writes. */
  public static void write(SparkSession spark, Lake lake, LocalDate runDate, Results results) {
    write(spark, results.claimResults(), ClaimResultSchema.CLAIM_RESULTS, lake.path(LakeTable.GOLD_CLAIM_RESULTS), runDate);
    write(spark, results.segmentResults(), ClaimResultSchema.SEGMENT_RESULTS, lake.path(LakeTable.GOLD_SEGMENT_RESULTS), runDate);
    write(spark, results.survivalCurves(), ClaimResultSchema.SURVIVAL_CURVES, lake.path(LakeTable.GOLD_SURVIVAL_CURVES), runDate);
    write(spark, results.panelFit(), ClaimResultSchema.PANEL_FIT, lake.path(LakeTable.GOLD_PANEL_FIT), runDate);
  }

  /** Replaces the {@code run_date} partition of the table at {@code path} with {@code rows}. */
  static void write(SparkSession spark, List<Row> rows, StructType schema, String path, LocalDate runDate) {
    for (Row r : rows) {
      // createDataFrame reads by position: a short row fails deep inside the Delta writer otherwise.
      if (r.size() != schema.size()) {
        throw new IllegalStateException(path + ": row has " + r.size() + " values for " + schema.size() + " columns: " + r);
      }
    }
    Column[] select = Arrays.stream(schema.fieldNames()).map(c -> col(c)).toArray(Column[]::new);
    DeltaWrites.replacePartition(spark.createDataFrame(rows, schema).select(select), path, "run_date", runDate.toString());
  }

  /** One segment of one claim, with its test's index in the run-wide p-value list (-1 when not tested). */
  private record SegmentTest(String column, String value, Cell cell, Interval ci, Double p, int index) {}

  /** A claim's tests before the run-wide adjustment. */
  private record ClaimTests(List<SegmentTest> segments, ComparisonTest comparison, int claimedIndex, int oppositeIndex) {}

  /**
   * Computes all results for {@code specs}, observing the world as of {@code runDate}. Inputs have
   * the lake's schemas (journeys, silver transactions/channel events/interviews/coded segments).
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
    Map<String, Map<List<String>, Cell>> cells = OutcomeCounts.collect(spark, specs, journeys, transactions, channelEvents, runDate);
    return evaluate(spark, specs, cells, journeys, transactions, interviews, codedSegments, runDate);
  }

  /**
   * {@link #evaluate(SparkSession, List, Dataset, Dataset, Dataset, Dataset, Dataset, LocalDate)}
   * from counts already collected ({@link OutcomeCounts#collect} or {@link OutcomeCounts#collectOneByOne}).
   */
  public static Results evaluate(
      SparkSession spark,
      List<ClaimSpec> specs,
      Map<String, Map<List<String>, Cell>> cells,
      Dataset<Row> journeys,
      Dataset<Row> transactions,
      Dataset<Row> interviews,
      Dataset<Row> codedSegments,
      LocalDate runDate) {
    Set<String> allCodes = new TreeSet<>();
    specs.forEach(s -> allCodes.addAll(s.interviewCodes()));
    InterviewEvidence evidence = InterviewEvidence.collect(interviews, codedSegments, allCodes);

    // Pass 1: every test of the run, so that Benjamini–Hochberg sees the whole family at once.
    List<Double> pValues = new ArrayList<>();
    Map<String, ClaimTests> tests = new HashMap<>();
    for (ClaimSpec spec : specs) {
      tests.put(spec.id(), tests(spec, cells.getOrDefault(spec.id(), Map.of()), pValues));
    }
    double[] q = MultipleTesting.benjaminiHochberg(pValues.stream().mapToDouble(Double::doubleValue).toArray());

    // Pass 2: verdicts and rows.
    Set<String> panelColumns = new TreeSet<>();
    specs.forEach(s -> panelColumns.addAll(s.segments()));
    // first_product_id is not a journeys column: the compiler derives it, so the panel's mix needs it too
    Dataset<Row> panelBase = specs.stream().anyMatch(ClaimCompiler::usesFirstProduct)
        ? ClaimCompiler.withFirstProduct(journeys, transactions, runDate)
        : journeys;
    Map<String, PanelFit.Mix> mixes = PanelFit.mixes(panelBase, interviews, panelColumns);
    List<Row> claimRows = new ArrayList<>();
    List<Row> segmentRows = new ArrayList<>();
    List<Row> curveRows = new ArrayList<>();
    List<Row> panelRows = new ArrayList<>();
    for (ClaimSpec spec : specs) {
      Map<List<String>, Cell> byKey = cells.getOrDefault(spec.id(), Map.of());
      ClaimTests claimTests = tests.get(spec.id());
      List<String> supportedSegments = new ArrayList<>();
      List<String> supportedDetails = new ArrayList<>();
      for (SegmentTest t : claimTests.segments()) {
        long observed = t.cell().observed();
        Double qValue = t.index() < 0 ? null : q[t.index()];
        String verdict = spec.expectation().isComparison()
            ? (observed < spec.minSegmentSize() ? Verdicts.SUPPRESSED : Verdicts.NOT_TESTED)
            : Verdicts.segmentVerdict(spec.expectation(), observed, t.ci(), spec.minSegmentSize(), qValue);
        boolean suppressed = Verdicts.SUPPRESSED.equals(verdict);
        if (Verdicts.SUPPORTED.equals(verdict)) {
          supportedSegments.add(t.column() + "=" + t.value());
          supportedDetails.add(t.column() + "=" + t.value() + " at " + Verdicts.describe(t.ci(), observed));
        }
        segmentRows.add(
            row(ClaimResultSchema.SEGMENT_RESULTS,
                runDate.toString(), spec.id(), t.column(), t.value(), observed, t.cell().events(),
                t.ci() == null ? null : t.ci().estimate(), t.ci() == null ? null : t.ci().low(), t.ci() == null ? null : t.ci().high(),
                suppressed, verdict, spec.minSegmentSize(), suppressed ? null : t.p(), suppressed ? null : qValue));
      }
      Cell base = byKey.getOrDefault(List.of(OutcomeCounts.ALL, OutcomeCounts.ALL), new Cell());
      Double qClaimed = claimTests.claimedIndex() < 0 ? null : q[claimTests.claimedIndex()];
      Double qOpposite = claimTests.oppositeIndex() < 0 ? null : q[claimTests.oppositeIndex()];
      claimRows.add(claimRow(spec, runDate, base, evidence.forClaim(spec.interviewCodes()), supportedSegments, supportedDetails,
          claimTests.comparison(), qClaimed, qOpposite));
      curveRows.addAll(SurvivalCurves.rows(spec, runDate, byKey));
      for (String column : spec.segments()) {
        Row fit = PanelFit.row(spec.id(), runDate, mixes.get(column));
        if (fit != null) {
          panelRows.add(fit);
        }
      }
    }
    return new Results(List.copyOf(claimRows), List.copyOf(segmentRows), List.copyOf(curveRows), List.copyOf(panelRows));
  }

  /** Computes a claim's segment and comparison tests, appending their p-values to the run's list. */
  private static ClaimTests tests(ClaimSpec spec, Map<List<String>, Cell> byKey, List<Double> pValues) {
    List<SegmentTest> segments = new ArrayList<>();
    for (String column : spec.segments()) {
      List<List<String>> keys = byKey.keySet().stream().filter(k -> k.get(0).equals(column)).sorted(Comparator.comparing(k -> k.get(1))).toList();
      for (List<String> key : keys) {
        Cell c = byKey.get(key);
        long observed = c.observed();
        Interval ci = observed > 0 ? Proportions.wilson(c.events(), observed, Verdicts.CONFIDENCE) : null;
        Double p = null;
        int index = -1;
        if (!spec.expectation().isComparison() && observed >= spec.minSegmentSize() && observed > 0) {
          p = SignificanceTests.binomialP(spec.expectation(), c.events(), observed);
          index = pValues.size();
          pValues.add(p);
        }
        segments.add(new SegmentTest(column, key.get(1), c, ci, p, index));
      }
    }
    if (!spec.expectation().isComparison()) {
      return new ClaimTests(segments, null, -1, -1);
    }
    Comparison comparison = spec.expectation().comparison();
    Cell group = byKey.getOrDefault(List.of(comparison.column(), String.valueOf(comparison.group())), new Cell());
    Cell versus = new Cell();
    for (Object value : comparison.versusValues()) {
      // a pooled side: "versus: [one_year, two_year]" counts the customers of both values together
      Cell part = byKey.getOrDefault(List.of(comparison.column(), String.valueOf(value)), new Cell());
      versus.population += part.population;
      versus.censored += part.censored;
      versus.events += part.events;
    }
    ComparisonTest test = SignificanceTests.compare(comparison, group.events(), group.observed(), versus.events(), versus.observed());
    if (test == null) {
      return new ClaimTests(segments, null, -1, -1);
    }
    int claimed = pValues.size();
    pValues.add(test.pClaimed());
    pValues.add(test.pOpposite());
    return new ClaimTests(segments, test, claimed, claimed + 1);
  }

  private static Row claimRow(
      ClaimSpec spec, LocalDate runDate, Cell base, ClaimEvidence interviews, List<String> supportedSegments, List<String> supportedDetails,
      ComparisonTest comparison, Double qClaimed, Double qOpposite) {
    long populationN = base.population();
    long censoredN = base.censored();
    long observedN = base.observed();
    long eventK = base.events();
    Interval ci = observedN > 0 ? Proportions.wilson(eventK, observedN, Verdicts.CONFIDENCE) : null;
    Interval interviewCi =
        interviews.interviewN() > 0 ? Proportions.wilson(interviews.interviewK(), interviews.interviewN(), Verdicts.CONFIDENCE) : null;
    Boolean convergent = ci == null || interviewCi == null ? null : interviewCi.contains(ci.estimate());
    SurvivalCurves.AtHorizon km = SurvivalCurves.atHorizon(spec, base);

    Verdict verdict = spec.expectation().isComparison()
        ? Verdicts.comparisonVerdict(spec.expectation().comparison(), comparison, qClaimed, qOpposite, spec.minSegmentSize())
        : Verdicts.baseVerdict(spec.expectation(), observedN, ci);
    String word = verdict.word();
    String reason = verdict.reason();
    if (!spec.expectation().isComparison() && !Verdicts.SUPPORTED.equals(word) && !supportedSegments.isEmpty()) {
      word = Verdicts.HOLDS_IN_SEGMENTS;
      reason = reason + "; but it holds in " + String.join("; ", supportedDetails);
    }
    if (km != null && censoredN > 0 && !spec.expectation().isComparison()) {
      reason = reason + "; counting the " + censoredN + " censored customers too, Kaplan–Meier puts the rate at "
          + Percent.format(km.eventRate()) + " (95% CI " + Percent.format(km.eventRateLow()) + "–"
          + Percent.format(km.eventRateHigh()) + ")";
    }
    boolean c = comparison != null;
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
        word, reason, seq(supportedSegments),
        km == null ? null : km.survival(), km == null ? null : km.interval().lower(), km == null ? null : km.interval().upper(),
        km == null ? null : km.eventRate(),
        c ? comparison.groupN() : null, c ? comparison.groupK() : null, c ? comparison.versusN() : null, c ? comparison.versusK() : null,
        c ? comparison.difference().estimate() : null, c ? comparison.difference().newcombe().lower() : null,
        c ? comparison.difference().newcombe().upper() : null,
        c ? finite(comparison.ratio().estimate()) : null, c ? finite(comparison.ratio().interval().lower()) : null,
        c ? finite(comparison.ratio().interval().upper()) : null,
        c ? comparison.z().z() : null, c ? comparison.pClaimed() : null, c ? comparison.fisherClaimed() : null, qClaimed,
        interviews.interviewN() > 0 ? DiscoveryCoverage.prevalenceMissed(interviews.interviewN(), PANEL_PROBABILITY) : null);
  }

  /** "Would a panel of n hear it with this probability" for panel_prevalence_missed. */
  public static final double PANEL_PROBABILITY = 0.9;

  /** NaN (0/0 risk ratio) is stored as null; ±∞ stays, Delta stores it. */
  private static Double finite(double value) {
    return Double.isNaN(value) ? null : value;
  }

  /** Array values as Spark itself returns them, so {@code Row.getList} works on these rows too. */
  static <T> scala.collection.Seq<T> seq(List<T> values) {
    return scala.collection.JavaConverters.asScalaBuffer(new ArrayList<>(values)).toList();
  }

  private static Row row(StructType schema, Object... values) {
    return new GenericRowWithSchema(values, schema);
  }
}
