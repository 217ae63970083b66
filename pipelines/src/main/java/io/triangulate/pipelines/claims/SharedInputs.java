package io.triangulate.pipelines.claims;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.to_date;

import io.triangulate.pipelines.claims.ClaimSpec.Filter;
import io.triangulate.pipelines.claims.ClaimSpec.OutcomeType;
import java.time.LocalDate;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * The inputs of a validation run, each scanned once and reduced to what the run's claims can use,
 * then kept in memory so the claims read them instead of the lake:
 *
 * <ul>
 *   <li>journeys: only the columns the claims read (keys, filters, sign-up and churn);
 *   <li>transactions: purchases (quantity &gt; 0) up to the run date, one row per customer, product
 *       and day with the day's earliest time — the compiler only uses first/later purchase days and
 *       the earliest purchase's product;
 *   <li>channel events: only the (product, event type) pairs of usage claims, up to the run date,
 *       one row per customer, product and event type with its latest time — the compiler only uses
 *       the last usage day.
 * </ul>
 *
 * <p>Each reduction keeps the columns and rows the compiler's definitions depend on, so outcomes
 * over these tables equal outcomes over the originals (tested in SharedScanTest).
 */
record SharedInputs(Dataset<Row> journeys, Dataset<Row> transactions, Dataset<Row> channelEvents) {

  static SharedInputs prepare(
      List<ClaimSpec> specs, Dataset<Row> journeys, Dataset<Row> transactions, Dataset<Row> channelEvents, LocalDate runDate) {
    Set<String> columns = new LinkedHashSet<>(List.of("customer_id", "signed_up_at", "churned_at", "churn_reason_code"));
    for (ClaimSpec spec : specs) {
      columns.addAll(OutcomeCounts.keyColumns(spec));
      spec.population().filters().stream().map(Filter::column).forEach(columns::add);
    }
    columns.remove(ClaimSpec.FIRST_PRODUCT_ID); // derived from transactions by the compiler
    Dataset<Row> j = journeys.select(columns.stream().map(c -> col(c)).toArray(Column[]::new));

    Dataset<Row> t = transactions
        .filter(col("quantity").gt(0))
        .filter(to_date(col("occurred_at")).leq(lit(runDate)))
        .groupBy(col("customer_id"), col("product_id"), to_date(col("occurred_at")).as("_day"))
        .agg(min(col("occurred_at")).as("occurred_at"))
        .select(col("customer_id"), col("product_id"), col("occurred_at"), lit(1).as("quantity"));

    Column usage = lit(false);
    for (ClaimSpec spec : specs) {
      if (spec.outcome().type() == OutcomeType.USAGE_STOPS) {
        usage = usage.or(col("product_id").equalTo(lit(spec.outcome().product()))
            .and(col("event_type").isin(spec.outcome().usageEventTypes().toArray())));
      }
    }
    Dataset<Row> e = channelEvents
        .filter(usage)
        .filter(to_date(col("occurred_at")).leq(lit(runDate)))
        .groupBy("customer_id", "product_id", "event_type")
        .agg(max(col("occurred_at")).as("occurred_at"));
    return new SharedInputs(j.cache(), t.cache(), e.cache());
  }

  void release() {
    journeys.unpersist();
    transactions.unpersist();
    channelEvents.unpersist();
  }
}
