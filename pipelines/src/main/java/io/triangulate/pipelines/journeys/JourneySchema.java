package io.triangulate.pipelines.journeys;

import static org.apache.spark.sql.types.DataTypes.BooleanType;
import static org.apache.spark.sql.types.DataTypes.DateType;
import static org.apache.spark.sql.types.DataTypes.IntegerType;
import static org.apache.spark.sql.types.DataTypes.LongType;
import static org.apache.spark.sql.types.DataTypes.StringType;
import static org.apache.spark.sql.types.DataTypes.TimestampType;
import static org.apache.spark.sql.types.DataTypes.createArrayType;

import org.apache.spark.sql.types.StructType;

/** Schema of {@code gold/journeys}: one row per customer, recomputed each run. */
public final class JourneySchema {
  private JourneySchema() {}

  public static final StructType JOURNEYS =
      new StructType()
          .add("customer_id", StringType, false)
          .add("signed_up_at", TimestampType, false)
          .add("age_band", StringType, true)
          .add("region", StringType, true)
          .add("acquisition_channel", StringType, true)
          .add("first_seen_at", TimestampType, false)
          .add("last_seen_at", TimestampType, false)
          .add("step_count", LongType, false)
          .add("phases_reached", createArrayType(StringType, false), false)
          .add("current_phase", StringType, false)
          .add("first_purchase_at", TimestampType, true)
          .add("purchase_count", LongType, false)
          .add("first_usage_at", TimestampType, true)
          .add("last_usage_at", TimestampType, true)
          .add("usage_event_count", LongType, false)
          .add("is_setup_completed", BooleanType, false)
          .add("is_abandoned", BooleanType, false) // has used or bought, no usage for abandonment_days
          .add("abandoned_at", TimestampType, true) // last usage (or purchase) before the silence
          .add("is_churned", BooleanType, false)
          .add("churned_at", TimestampType, true)
          .add("churn_reason_code", StringType, true)
          .add("is_interviewee", BooleanType, false)
          .add("observed_until", DateType, false) // the run date: facts after it are unknown
          .add("tenure_days", IntegerType, false);
}
