package io.triangulate.pipelines.quality;

import com.amazon.deequ.VerificationResult;
import com.amazon.deequ.VerificationSuite;
import com.amazon.deequ.checks.Check;
import com.amazon.deequ.checks.CheckLevel;
import com.amazon.deequ.checks.CheckResult;
import com.amazon.deequ.constraints.ConstraintResult;
import com.amazon.deequ.constraints.ConstraintStatus;
import com.amazon.deequ.metrics.Metric;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import scala.Option;
import scala.collection.JavaConverters;
import scala.collection.Seq;
import scala.runtime.AbstractFunction1;
import scala.util.Try;

/**
 * The one adapter between Triangulate and Deequ (a Scala library): turns constraints into Deequ
 * {@link Check}s, runs one {@link VerificationSuite} per table (Deequ shares scans between
 * analyzers) and reads back each constraint's metric and status. Nothing else touches Deequ types.
 */
final class DeequVerifier {
  private DeequVerifier() {}

  /** The Deequ constraints Triangulate uses; the bound is on the metric named after the arrow. */
  enum Assertion {
    /** completeness (fraction of non-null) ≥ bound */
    COMPLETENESS_AT_LEAST,
    /** uniqueness (fraction of rows whose key occurs once) ≥ bound */
    UNIQUENESS_AT_LEAST,
    /** minimum ≥ bound */
    MINIMUM_AT_LEAST,
    /** minimum ≤ bound (freshness: the smallest age) */
    MINIMUM_AT_MOST,
    /** maximum ≤ bound */
    MAXIMUM_AT_MOST,
    /** fraction of rows whose value is null or one of the allowed values ≥ bound */
    CONTAINED_AT_LEAST,
    /** row count ≥ bound */
    SIZE_AT_LEAST
  }

  /**
   * One constraint to evaluate.
   *
   * @param key unique within one call; identifies the measurement in the answer
   * @param assertion which metric and comparison
   * @param columns the column(s) the metric reads; empty for the row count
   * @param bound the bound of the comparison
   * @param allowedValues for {@link Assertion#CONTAINED_AT_LEAST}
   */
  record Constraint(String key, Assertion assertion, List<String> columns, double bound, List<String> allowedValues) {
    Constraint {
      Objects.requireNonNull(key, "key");
      columns = List.copyOf(columns);
      allowedValues = List.copyOf(allowedValues);
    }
  }

  /**
   * What Deequ measured.
   *
   * @param value the metric, or null when Deequ could not compute it
   * @param passed whether the constraint held
   * @param error Deequ's explanation when the metric could not be computed, else null
   */
  record Measurement(Double value, boolean passed, String error) {}

  /** Evaluates every constraint on {@code data} in one verification run; keys map to measurements. */
  static Map<String, Measurement> verify(Dataset<Row> data, List<Constraint> constraints) {
    Map<String, Measurement> measured = new LinkedHashMap<>();
    if (constraints.isEmpty()) {
      return measured;
    }
    Map<String, Check> checks = new LinkedHashMap<>();
    for (Constraint constraint : constraints) {
      checks.put(constraint.key(), check(constraint));
    }
    VerificationResult result =
        VerificationSuite.apply().onData(data).addChecks(seq(new ArrayList<>(checks.values()))).run();
    Map<Check, CheckResult> results = JavaConverters.mapAsJavaMap(result.checkResults());
    for (Map.Entry<String, Check> entry : checks.entrySet()) {
      measured.put(entry.getKey(), measurement(results.get(entry.getValue())));
    }
    return measured;
  }

  /** One Deequ check per constraint, described by the unique key so results map back unambiguously. */
  private static Check check(Constraint c) {
    Check empty = new Check(CheckLevel.Error(), c.key(), seq(List.of()));
    Option<String> hint = Option.empty();
    return switch (c.assertion()) {
      case COMPLETENESS_AT_LEAST -> empty.hasCompleteness(c.columns().get(0), Bound.atLeast(c.bound()), hint, Option.empty());
      case UNIQUENESS_AT_LEAST -> empty.hasUniqueness(seq(c.columns()), Bound.atLeast(c.bound()), hint);
      case MINIMUM_AT_LEAST -> empty.hasMin(c.columns().get(0), Bound.atLeast(c.bound()), hint, Option.empty());
      case MINIMUM_AT_MOST -> empty.hasMin(c.columns().get(0), Bound.atMost(c.bound()), hint, Option.empty());
      case MAXIMUM_AT_MOST -> empty.hasMax(c.columns().get(0), Bound.atMost(c.bound()), hint, Option.empty());
      case CONTAINED_AT_LEAST -> empty.isContainedIn(
          c.columns().get(0), c.allowedValues().toArray(String[]::new), Bound.atLeast(c.bound()), hint);
      case SIZE_AT_LEAST -> empty.hasSize(Bound.atLeast(c.bound()), hint);
    };
  }

  private static Measurement measurement(CheckResult result) {
    if (result == null || result.constraintResults().isEmpty()) {
      return new Measurement(null, false, "Deequ returned no result");
    }
    ConstraintResult constraint = result.constraintResults().head();
    boolean passed = constraint.status() == ConstraintStatus.Success();
    Double value = null;
    String error = null;
    if (constraint.metric().isDefined()) {
      Try<?> metric = ((Metric<?>) constraint.metric().get()).value();
      if (metric.isSuccess() && metric.get() instanceof Number number) {
        value = number.doubleValue();
      } else if (metric.isFailure()) {
        error = metric.failed().get().getMessage();
      }
    }
    if (value == null && error == null) {
      error = constraint.message().isDefined() ? constraint.message().get() : "metric not computed";
    }
    return new Measurement(value, passed && value != null, error);
  }

  private static <T> Seq<T> seq(List<T> list) {
    return JavaConverters.asScalaBuffer(new ArrayList<>(list)).toList();
  }

  /**
   * Deequ assertion {@code metric >= bound} or {@code metric <= bound}; a named serializable class,
   * not a lambda, as Deequ may ship checks around.
   */
  static final class Bound extends AbstractFunction1<Object, Object> implements Serializable {
    private static final long serialVersionUID = 1L;
    private final double bound;
    private final boolean lower;

    private Bound(double bound, boolean lower) {
      this.bound = bound;
      this.lower = lower;
    }

    static Bound atLeast(double bound) {
      return new Bound(bound, true);
    }

    static Bound atMost(double bound) {
      return new Bound(bound, false);
    }

    @Override
    public Object apply(Object metric) {
      double value = ((Number) metric).doubleValue();
      return lower ? value >= bound : value <= bound;
    }
  }
}
