package io.triangulate.pipelines.claims;

import static org.apache.spark.sql.types.DataTypes.BooleanType;
import static org.apache.spark.sql.types.DataTypes.DoubleType;
import static org.apache.spark.sql.types.DataTypes.IntegerType;
import static org.apache.spark.sql.types.DataTypes.LongType;
import static org.apache.spark.sql.types.DataTypes.StringType;
import static org.apache.spark.sql.types.DataTypes.createArrayType;

import org.apache.spark.sql.types.StructType;

/**
 * Schemas of {@code gold/claim_results} (one row per claim and run date) and
 * {@code gold/segment_results} (one row per claim, segment column and value, and run date). Both are
 * partitioned by {@code run_date} (yyyy-mm-dd string) and replaced per run date.
 */
public final class ClaimResultSchema {
  private ClaimResultSchema() {}

  public static final StructType CLAIM_RESULTS =
      new StructType()
          .add("run_date", StringType, false)
          .add("claim_id", StringType, false)
          .add("statement", StringType, false)
          .add("spec_hash", StringType, false)
          .add("outcome", StringType, false) // human-readable definition of the event counted
          .add("expectation", StringType, false) // e.g. "at least 30%"
          .add("threshold", DoubleType, false)
          .add("population_n", LongType, false)
          .add("censored_n", LongType, false)
          .add("observed_n", LongType, false)
          .add("event_k", LongType, false)
          .add("base_rate", DoubleType, true)
          .add("base_ci_low", DoubleType, true)
          .add("base_ci_high", DoubleType, true)
          .add("interview_n", LongType, false)
          .add("interview_k", LongType, false)
          .add("interview_rate", DoubleType, true)
          .add("interview_ci_low", DoubleType, true)
          .add("interview_ci_high", DoubleType, true)
          .add("is_convergent", BooleanType, true) // base rate inside the interview interval
          .add("quote_segment_ids", createArrayType(StringType, false), false)
          .add("quotes", createArrayType(StringType, false), false)
          .add("verdict", StringType, false) // supported | contradicted | inconclusive | holds_in_segments
          .add("verdict_reason", StringType, false)
          .add("supported_segments", createArrayType(StringType, false), false) // "column=value"
          // Kaplan–Meier over all customers of the population, censored ones included (docs/claims.md).
          .add("km_survival_at_horizon", DoubleType, true) // S(horizon_days)
          .add("km_ci_low", DoubleType, true) // 95% log-log interval of S(horizon_days)
          .add("km_ci_high", DoubleType, true)
          .add("km_event_rate", DoubleType, true) // 1 − S(horizon_days): the KM estimate of the claimed rate
          // Comparison claims only (expectation.compare); null otherwise. Group = "group", versus = "versus".
          .add("compare_group_n", LongType, true)
          .add("compare_group_k", LongType, true)
          .add("compare_versus_n", LongType, true)
          .add("compare_versus_k", LongType, true)
          .add("compare_risk_difference", DoubleType, true) // group rate − versus rate
          .add("compare_rd_ci_low", DoubleType, true) // Newcombe 95%
          .add("compare_rd_ci_high", DoubleType, true)
          .add("compare_risk_ratio", DoubleType, true) // group rate / versus rate
          .add("compare_rr_ci_low", DoubleType, true) // Katz log 95%
          .add("compare_rr_ci_high", DoubleType, true)
          .add("compare_z", DoubleType, true) // pooled two-proportion z
          .add("compare_p_value", DoubleType, true) // one-sided z test in the claimed direction
          .add("compare_fisher_p", DoubleType, true) // one-sided Fisher exact in the claimed direction
          .add("compare_q_value", DoubleType, true) // Benjamini–Hochberg over the run's tests
          // Largest prevalence a panel of interview_n would miss entirely with probability ≥ 0.9.
          .add("panel_prevalence_missed", DoubleType, true);

  public static final StructType SEGMENT_RESULTS =
      new StructType()
          .add("run_date", StringType, false)
          .add("claim_id", StringType, false)
          .add("segment_column", StringType, false)
          .add("segment_value", StringType, false)
          .add("observed_n", LongType, false)
          .add("event_k", LongType, false)
          .add("rate", DoubleType, true)
          .add("ci_low", DoubleType, true)
          .add("ci_high", DoubleType, true)
          .add("is_suppressed", BooleanType, false) // fewer than min_segment_size customers
          .add("verdict", StringType, false)
          .add("min_segment_size", IntegerType, false) // the claim's floor, so readers can say "fewer than N"
          .add("p_value", DoubleType, true) // exact one-sided binomial test vs the threshold; null when not tested
          .add("q_value", DoubleType, true); // Benjamini–Hochberg over all of the run's tests

  /** {@code gold/survival_curves}: Kaplan–Meier steps per claim (segment_column "" = whole population). */
  public static final StructType SURVIVAL_CURVES =
      new StructType()
          .add("run_date", StringType, false)
          .add("claim_id", StringType, false)
          .add("segment_column", StringType, false) // "" for the whole population
          .add("segment_value", StringType, false)
          .add("time_days", IntegerType, false)
          .add("at_risk", LongType, false)
          .add("events", LongType, false)
          .add("censored", LongType, false)
          .add("survival", DoubleType, false)
          .add("ci_low", DoubleType, false)
          .add("ci_high", DoubleType, false);

  /** {@code gold/panel_fit}: is the interview panel's mix on a segment column a plausible draw from the base? */
  public static final StructType PANEL_FIT =
      new StructType()
          .add("run_date", StringType, false)
          .add("claim_id", StringType, false)
          .add("segment_column", StringType, false)
          .add("panel_n", LongType, false) // interviewees linked to a journey
          .add("categories", createArrayType(StringType, false), false) // values seen in the base
          .add("panel_counts", createArrayType(LongType, false), false)
          .add("base_shares", createArrayType(DoubleType, false), false)
          .add("chi_square", DoubleType, false)
          .add("degrees_of_freedom", IntegerType, false)
          .add("asymptotic_p", DoubleType, false)
          .add("resampled_p", DoubleType, false) // exact multinomial or Monte Carlo
          .add("method", StringType, false); // EXACT_MULTINOMIAL | MONTE_CARLO
}
