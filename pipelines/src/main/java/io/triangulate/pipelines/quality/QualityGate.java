package io.triangulate.pipelines.quality;

import io.triangulate.pipelines.lake.Lake;
import io.triangulate.pipelines.lake.LakeTable;
import io.triangulate.pipelines.quality.CheckOutcome.Status;
import io.triangulate.pipelines.quality.CheckPlanner.Metric;
import io.triangulate.pipelines.quality.DataQualityTable.PreviousCount;
import io.triangulate.pipelines.quality.DeequVerifier.Constraint;
import io.triangulate.pipelines.quality.DeequVerifier.Measurement;
import io.triangulate.pipelines.spark.SideBySide;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * The nightly's quality gate: evaluates declarative checks ({@link QualityChecks}) on the lake's
 * tables with Deequ, writes every outcome to {@code gold/data_quality} for the date, and returns
 * them. The caller decides what a failure means: {@link Result#requirePassed()} throws when an
 * {@code error} check failed, after the results are already written.
 */
public final class QualityGate {
  private QualityGate() {}

  /**
   * What one gate run found.
   *
   * @param runId recorded in every row
   * @param asOfDate the nightly date
   * @param outcomes one per check and metric, in check-file order
   */
  public record Result(String runId, LocalDate asOfDate, List<CheckOutcome> outcomes) {
    public Result {
      outcomes = List.copyOf(outcomes);
    }

    /** Failed error-level outcomes: any of them stops the nightly. */
    public List<CheckOutcome> errors() {
      return outcomes.stream().filter(CheckOutcome::isBlocking).toList();
    }

    /** Failed warn-level outcomes: printed, never blocking. */
    public List<CheckOutcome> warnings() {
      return outcomes.stream().filter(o -> o.isFailed() && !o.isBlocking()).toList();
    }

    public boolean passed() {
      return errors().isEmpty();
    }

    /** The failed error checks, one line each: table, check, metric vs threshold. */
    public String failureMessage() {
      return "quality gate failed for " + asOfDate + ": " + errors().size() + " error-level check(s) failed:"
          + errors().stream().map(o -> "\n  " + o.summaryLine()).collect(Collectors.joining())
          + "\nResults are in gold/data_quality (as_of_date = " + asOfDate + "). Fix the data or the checks and rerun the date.";
    }

    /** Throws {@link QualityGateException} when an error-level check failed. */
    public void requirePassed() {
      if (!passed()) {
        throw new QualityGateException(this);
      }
    }

    @Override
    public String toString() {
      long passedCount = outcomes.stream().filter(o -> o.status() == Status.PASSED).count();
      long skipped = outcomes.stream().filter(o -> o.status() == Status.SKIPPED).count();
      return outcomes.size() + " results: " + passedCount + " passed, " + errors().size() + " failed (error), "
          + warnings().size() + " failed (warn), " + skipped + " skipped";
    }
  }

  /** Thrown by {@link Result#requirePassed()}; the message lists the failed error checks. */
  public static final class QualityGateException extends RuntimeException {
    private final transient Result result;

    QualityGateException(Result result) {
      super(result.failureMessage());
      this.result = result;
    }

    public Result result() {
      return result;
    }
  }

  /** Runs the gate with a fresh run id. */
  public static Result run(SparkSession spark, Lake lake, LocalDate date, QualityChecks checks) {
    return run(spark, lake, date, checks, UUID.randomUUID().toString());
  }

  /**
   * Evaluates every check, replaces {@code date}'s rows in {@code gold/data_quality} and returns the
   * outcomes. Row-count drops compare with the latest earlier date in that table.
   */
  public static Result run(SparkSession spark, Lake lake, LocalDate date, QualityChecks checks, String runId) {
    Instant checkedAt = Instant.now();
    Map<String, PreviousCount> previous = DataQualityTable.previousRowCounts(spark, lake, date);
    // Tables are measured side by side: each is a small Deequ job whose driver-side work (Delta log
    // replay, planning) would otherwise leave the cores idle. Outcomes keep the check-file order.
    List<Supplier<List<CheckOutcome>>> evaluations = new ArrayList<>();
    for (LakeTable table : checks.tables()) {
      evaluations.add(() ->
          evaluate(spark, lake, table, checks.forTable(table), checks.isOptional(table), date, previous.get(table.toString())));
    }
    List<CheckOutcome> outcomes = SideBySide.supply(evaluations).stream().flatMap(List::stream).toList();
    List<Row> rows = outcomes.stream().map(o -> o.toRow(runId, date, checkedAt)).toList();
    DataQualityTable.write(spark, lake, date, rows);
    return new Result(runId, date, outcomes);
  }

  /** The outcomes of one table's checks, measured in one Deequ verification run. */
  static List<CheckOutcome> evaluate(
      SparkSession spark, Lake lake, LakeTable table, List<QualityCheck> checks, boolean optional, LocalDate date, PreviousCount previous) {
    List<Metric> metrics = new ArrayList<>();
    for (QualityCheck check : checks) {
      metrics.addAll(CheckPlanner.metrics(check, previous));
    }
    List<CheckOutcome> outcomes = new ArrayList<>();
    if (!lake.exists(spark, table)) {
      Status status = optional ? Status.SKIPPED : Status.FAILED;
      String reason = "table " + table + " does not exist" + (optional ? " yet (optional table)" : "");
      metrics.forEach(m -> outcomes.add(CheckPlanner.unmeasured(m, status, reason)));
      return outcomes;
    }
    // Not lake.read: that would check existence (a Delta log replay) a second time.
    Dataset<Row> data = spark.read().format("delta").load(lake.path(table));
    List<Constraint> constraints = new ArrayList<>();
    for (Metric metric : metrics) {
      if (CheckPlanner.problem(metric.check(), data.schema()) == null) {
        constraints.add(CheckPlanner.constraint(metric));
      }
    }
    Map<String, Measurement> measured = DeequVerifier.verify(CheckPlanner.withAgeColumns(data, checks, date), constraints);
    for (Metric metric : metrics) {
      String problem = CheckPlanner.problem(metric.check(), data.schema());
      outcomes.add(problem != null
          ? CheckPlanner.unmeasured(metric, Status.FAILED, problem)
          : CheckPlanner.outcome(metric, measured.get(metric.key())));
    }
    return outcomes;
  }
}
