package io.triangulate.pipelines.claims;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.date_add;
import static org.apache.spark.sql.functions.datediff;
import static org.apache.spark.sql.functions.greatest;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.not;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.to_date;
import static org.apache.spark.sql.functions.when;

import io.triangulate.pipelines.claims.ClaimSpec.Filter;
import io.triangulate.pipelines.claims.ClaimSpec.OutcomeType;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * Turns a {@link ClaimSpec} into one outcome row per customer of its population: whether the
 * claimed event happened ({@code is_event}) or cannot be known yet ({@code is_censored}).
 *
 * <p>The definitions are the ones in docs/architecture.md, which the generator's ground truth uses
 * too. All comparisons are on UTC calendar days ({@code to_date} of the UTC timestamps), and
 * {@code observedUntil} is the last day whose facts are known: events dated after it are ignored.
 *
 * <ul>
 *   <li><b>usage_stops</b> (product P, horizon H, inactivity N): anchor = day of the first purchase
 *       of P (quantity &gt; 0); last = day of the last usage event of P, or the anchor when there is
 *       none. Event: last ≤ anchor + H and last + N ≤ observedUntil. Not an event: last &gt; anchor +
 *       H (used after the horizon). Otherwise censored. Customers who never bought P are not in the
 *       population.
 *   <li><b>churn_within</b> (horizon H): anchor = day of {@code signed_up_at}. Event: churned on or
 *       before anchor + H. Not an event: not churned by anchor + H, and anchor + H ≤ observedUntil.
 *       Otherwise censored.
 *   <li><b>churned</b> (optional reason codes): churned on or before observedUntil (for one of the
 *       reasons, when given); no horizon, nobody censored.
 *   <li><b>no_repeat_purchase</b> (horizon H, optional product): the population is every buyer, also
 *       one missing from journeys; anchor = first purchase day. Event: no purchase on a later day up
 *       to anchor + H, and anchor + H ≤ observedUntil. Not an event: such a repeat. Otherwise censored.
 * </ul>
 *
 * <p>Filters, segments and comparisons may also use the derived {@code first_product_id}
 * ({@link ClaimSpec#FIRST_PRODUCT_ID}).
 *
 * <p>For survival curves each row also carries a time to event, with no horizon: for
 * <b>usage_stops</b> {@code time_days} = last − anchor, an event when last + N ≤ observedUntil
 * (the silence is complete), otherwise censored there (the customer may still stop at or after
 * the last usage seen); for <b>churn_within</b> {@code time_days} = churn day − anchor when churned
 * by observedUntil, otherwise censored at observedUntil − anchor. So 1 − S(H) of the Kaplan–Meier
 * curve estimates the same rate as events / observed, using the censored customers too.
 */
public final class ClaimCompiler {
  private ClaimCompiler() {}

  public static final String IS_CENSORED = "is_censored";
  public static final String IS_EVENT = "is_event";
  /** Days from the anchor to the event, or to the last day the customer is known event-free. */
  public static final String TIME_DAYS = "time_days";
  /** True when the event happened at {@code time_days}; false when the customer is censored there. */
  public static final String IS_TIME_EVENT = "is_time_event";

  /**
   * One row per customer in the claim's population: {@code customer_id}, the spec's segment columns
   * and then its comparison column if not among them (as typed in journeys; {@code first_product_id}
   * derived), {@code is_censored}, {@code is_event} (false when censored), and the
   * horizon-free time to event {@code time_days} (int, ≥ 0) with {@code is_time_event}.
   *
   * @param journeys {@code gold/journeys} ({@code JourneySchema.JOURNEYS})
   * @param transactions {@code silver/transactions} ({@code SourceContract.TRANSACTIONS})
   * @param channelEvents {@code silver/channel_events} ({@code SourceContract.CHANNEL_EVENTS})
   */
  public static Dataset<Row> outcomes(
      SparkSession spark,
      ClaimSpec spec,
      Dataset<Row> journeys,
      Dataset<Row> transactions,
      Dataset<Row> channelEvents,
      LocalDate observedUntil) {
    List<String> keyColumns = OutcomeCounts.keyColumns(spec);
    if (usesFirstProduct(spec)) {
      journeys = withFirstProduct(journeys, transactions, observedUntil);
    }
    Dataset<Row> population;
    if (spec.outcome().type() == OutcomeType.NO_REPEAT_PURCHASE) {
      // The buyers are the population: a transactions-only data set (CDNOW) has no customers table,
      // so customers missing from journeys stay in, with empty journey columns.
      Dataset<Row> anchors = firstPurchases(transactions, spec.outcome().product(), observedUntil);
      population = anchors.join(journeys, new String[] {"customer_id"}, "left");
    } else {
      population = journeys.filter(to_date(col("signed_up_at")).leq(lit(observedUntil)));
    }
    for (Filter filter : spec.population().filters()) {
      population = population.filter(condition(filter));
    }
    if (spec.population().product() != null) {
      Dataset<Row> buyers = firstPurchases(transactions, spec.population().product(), observedUntil);
      population = population.join(buyers.select("customer_id"), new String[] {"customer_id"}, "left_semi");
    }
    Dataset<Row> flagged = switch (spec.outcome().type()) {
      case USAGE_STOPS -> usageStops(spec, population, transactions, channelEvents, observedUntil);
      case CHURN_WITHIN -> churnWithin(spec, population, observedUntil);
      case CHURNED -> churned(spec, population, observedUntil);
      case NO_REPEAT_PURCHASE -> noRepeatPurchase(spec, population, transactions, observedUntil);
    };
    List<Column> out = new ArrayList<>();
    out.add(col("customer_id"));
    for (String column : keyColumns) {
      out.add(col(column));
    }
    out.add(col(IS_CENSORED));
    out.add(col(IS_EVENT));
    out.add(col(TIME_DAYS));
    out.add(col(IS_TIME_EVENT));
    return flagged.select(out.toArray(Column[]::new));
  }

  /** True when a filter, segment or comparison of {@code spec} uses {@link ClaimSpec#FIRST_PRODUCT_ID}. */
  static boolean usesFirstProduct(ClaimSpec spec) {
    return OutcomeCounts.keyColumns(spec).contains(ClaimSpec.FIRST_PRODUCT_ID)
        || spec.population().filters().stream().anyMatch(f -> f.column().equals(ClaimSpec.FIRST_PRODUCT_ID));
  }

  /** Adds {@code first_product_id}: the product of each customer's first purchase (smallest id on a tie). */
  static Dataset<Row> withFirstProduct(Dataset<Row> journeys, Dataset<Row> transactions, LocalDate observedUntil) {
    Dataset<Row> first = transactions
        .filter(col("quantity").gt(0))
        .filter(to_date(col("occurred_at")).leq(lit(observedUntil)))
        .groupBy("customer_id")
        .agg(min(struct(col("occurred_at"), col("product_id"))).getField("product_id").as(ClaimSpec.FIRST_PRODUCT_ID));
    return journeys.join(first, new String[] {"customer_id"}, "left");
  }

  /** {@code customer_id, anchor_date}: day of each customer's first purchase of {@code product}. */
  static Dataset<Row> firstPurchases(Dataset<Row> transactions, String product, LocalDate observedUntil) {
    return ofProduct(transactions, product)
        .filter(col("quantity").gt(0))
        .filter(to_date(col("occurred_at")).leq(lit(observedUntil)))
        .groupBy("customer_id")
        .agg(min(to_date(col("occurred_at"))).as("anchor_date"));
  }

  private static Dataset<Row> usageStops(
      ClaimSpec spec, Dataset<Row> population, Dataset<Row> transactions, Dataset<Row> channelEvents, LocalDate observedUntil) {
    String product = spec.outcome().product();
    Dataset<Row> anchors = firstPurchases(transactions, product, observedUntil);
    Dataset<Row> lastUsage =
        channelEvents
            .filter(col("product_id").equalTo(lit(product)))
            .filter(col("event_type").isin(spec.outcome().usageEventTypes().toArray()))
            .filter(to_date(col("occurred_at")).leq(lit(observedUntil)))
            .groupBy("customer_id")
            .agg(max(to_date(col("occurred_at"))).as("last_usage_date"));
    // Inner join: a customer who never bought the product has no anchor and is not in the population.
    Dataset<Row> joined = population.join(anchors, "customer_id").join(lastUsage, new String[] {"customer_id"}, "left");
    Column horizonEnd = date_add(col("anchor_date"), spec.horizonDays());
    // greatest() skips nulls: no usage at all means last = anchor.
    Column last = greatest(col("anchor_date"), col("last_usage_date"));
    Column event = last.leq(horizonEnd).and(date_add(last, spec.outcome().inactiveDays()).leq(lit(observedUntil)));
    Column notEvent = last.gt(horizonEnd);
    Column silenceComplete = date_add(last, spec.outcome().inactiveDays()).leq(lit(observedUntil));
    return times(flags(joined, event, notEvent), datediff(last, col("anchor_date")), silenceComplete);
  }

  private static Dataset<Row> churnWithin(ClaimSpec spec, Dataset<Row> population, LocalDate observedUntil) {
    Column anchor = to_date(col("signed_up_at"));
    Column horizonEnd = date_add(anchor, spec.horizonDays());
    // A churn dated after the observation day is not known yet.
    Column churnDate = when(to_date(col("churned_at")).leq(lit(observedUntil)), to_date(col("churned_at")));
    Column event = churnDate.isNotNull().and(churnDate.leq(horizonEnd));
    Column notEvent = not(event).and(horizonEnd.leq(lit(observedUntil)));
    Column churned = churnDate.isNotNull();
    Column time = when(churned, datediff(churnDate, anchor)).otherwise(datediff(lit(observedUntil), anchor));
    return times(flags(population, event, notEvent), time, churned);
  }

  /** Purchases of {@code product}, or all purchases when it is null. */
  private static Dataset<Row> ofProduct(Dataset<Row> transactions, String product) {
    return product == null ? transactions : transactions.filter(col("product_id").equalTo(lit(product)));
  }

  private static Dataset<Row> churned(ClaimSpec spec, Dataset<Row> population, LocalDate observedUntil) {
    Column anchor = to_date(col("signed_up_at"));
    Column churnDate = when(to_date(col("churned_at")).leq(lit(observedUntil)), to_date(col("churned_at")));
    List<String> reasons = spec.outcome().reasonCodes();
    Column event = reasons.isEmpty()
        ? churnDate.isNotNull()
        : churnDate.isNotNull().and(coalesce(col("churn_reason_code").isin(reasons.toArray()), lit(false)));
    // The status on the run date is known for everyone: nobody is censored.
    Column time = when(churnDate.isNotNull(), datediff(churnDate, anchor)).otherwise(datediff(lit(observedUntil), anchor));
    return times(flags(population, event, lit(true)), time, event);
  }

  private static Dataset<Row> noRepeatPurchase(
      ClaimSpec spec, Dataset<Row> population, Dataset<Row> transactions, LocalDate observedUntil) {
    Dataset<Row> days = ofProduct(transactions, spec.outcome().product())
        .filter(col("quantity").gt(0))
        .filter(to_date(col("occurred_at")).leq(lit(observedUntil)))
        .select(col("customer_id"), to_date(col("occurred_at")).as("purchase_date"));
    Dataset<Row> withAnchor = population.select(col("customer_id"), col("anchor_date"));
    // The first purchase on a later day than the anchor; more lines on the anchor day are one visit.
    Dataset<Row> repeats = days.join(withAnchor, "customer_id")
        .filter(col("purchase_date").gt(col("anchor_date")))
        .groupBy("customer_id")
        .agg(min(col("purchase_date")).as("repeat_date"));
    Dataset<Row> joined = population.join(repeats, new String[] {"customer_id"}, "left");
    Column horizonEnd = date_add(col("anchor_date"), spec.horizonDays());
    Column repeated = col("repeat_date").isNotNull().and(col("repeat_date").leq(horizonEnd));
    Column event = not(repeated).and(horizonEnd.leq(lit(observedUntil)));
    Column time = when(col("repeat_date").isNotNull(), datediff(col("repeat_date"), col("anchor_date")))
        .otherwise(datediff(lit(observedUntil), col("anchor_date")));
    // Survival here is "still without a repeat purchase": the time event is the repeat purchase.
    return times(flags(joined, event, repeated), time, col("repeat_date").isNotNull());
  }

  private static Dataset<Row> flags(Dataset<Row> rows, Column event, Column notEvent) {
    Column isEvent = when(event, lit(true)).otherwise(lit(false));
    Column isCensored = when(event.or(notEvent), lit(false)).otherwise(lit(true));
    return rows.withColumn(IS_EVENT, isEvent).withColumn(IS_CENSORED, isCensored);
  }

  private static Dataset<Row> times(Dataset<Row> rows, Column days, Column eventSeen) {
    // A churn recorded before the sign-up day (bad data) must not give a negative time.
    Column time = greatest(days, lit(0)).cast("int");
    return rows.withColumn(TIME_DAYS, time).withColumn(IS_TIME_EVENT, when(eventSeen, lit(true)).otherwise(lit(false)));
  }

  /** A population filter as a Column; rows whose column is empty never pass it. */
  static Column condition(Filter filter) {
    Column c = col(filter.column());
    Object first = filter.values().get(0);
    return switch (filter.op()) {
      case EQ -> c.equalTo(lit(first));
      case NE -> c.notEqual(lit(first));
      case GE -> c.geq(lit(first));
      case LE -> c.leq(lit(first));
      case IN -> c.isin(filter.values().toArray());
      case NOT_IN -> c.isNotNull().and(not(c.isin(filter.values().toArray())));
    };
  }
}
