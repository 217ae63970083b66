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
          .add("supported_segments", createArrayType(StringType, false), false); // "column=value"

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
          .add("min_segment_size", IntegerType, false); // the claim's floor, so readers can say "fewer than N"
}
