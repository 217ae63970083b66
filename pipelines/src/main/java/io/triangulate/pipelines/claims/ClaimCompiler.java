package io.triangulate.pipelines.claims;

import static org.apache.spark.sql.functions.array_sort;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.collect_set;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.date_add;
import static org.apache.spark.sql.functions.datediff;
import static org.apache.spark.sql.functions.element_at;
import static org.apache.spark.sql.functions.greatest;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.not;
import static org.apache.spark.sql.functions.size;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.to_date;
import static org.apache.spark.sql.functions.when;

import io.triangulate.pipelines.claims.ClaimSpec.Filter;
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
 *
 * <p>Each outcome is built in two steps so that claims can share the first: {@link #base} gives a
 * {@link Family}'s customers with their anchor and outcome days and {@code time_days}, none of which
 * depends on a horizon; {@link #flags} gives one claim's conditions on those rows. {@link #outcomes}
 * is the two for one claim; {@link OutcomeCounts#collect} counts a whole family over one base.
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
    Dataset<Row> base = base(Family.of(spec), usesFirstProduct(spec), journeys, transactions, channelEvents, observedUntil);
    Flags flags = flags(spec, observedUntil);
    List<Column> out = new ArrayList<>();
    out.add(col("customer_id"));
    for (String column : OutcomeCounts.keyColumns(spec)) {
      out.add(col(column));
    }
    out.add(flags.isCensored().as(IS_CENSORED));
    out.add(flags.isEvent().as(IS_EVENT));
    out.add(col(TIME_DAYS));
    out.add(flags.isTimeEvent().as(IS_TIME_EVENT));
    return base.filter(flags.member()).select(out.toArray(Column[]::new));
  }

  /** How a family's base rows are built: from journeys alone, from a product's usage, or from repeat purchases. */
  enum Kind {
    /** churn_within and churned: journeys' sign-up and churn. */
    CHURN,
    USAGE,
    REPEAT
  }

  /**
   * Claims whose customers and time to event come from the same base rows ({@link #base}), so they
   * can be counted together: they may differ in horizon, inactivity window, population filters,
   * churn reasons and expectation — all per-customer conditions on the base rows ({@link #flags}).
   */
  record Family(Kind kind, String outcomeProduct, List<String> usageEventTypes, String populationProduct) {
    static Family of(ClaimSpec spec) {
      String populationProduct = spec.population().product();
      return switch (spec.outcome().type()) {
        case CHURN_WITHIN, CHURNED -> new Family(Kind.CHURN, null, List.of(), populationProduct);
        case USAGE_STOPS -> new Family(Kind.USAGE, spec.outcome().product(), List.copyOf(spec.outcome().usageEventTypes()), populationProduct);
        case NO_REPEAT_PURCHASE -> new Family(Kind.REPEAT, spec.outcome().product(), List.of(), populationProduct);
      };
    }
  }

  /**
   * A claim's conditions on its family's base rows, none of them null: whether the customer is in
   * the claim's population (its filters), {@code is_event}, {@code is_censored}, {@code is_time_event}.
   */
  record Flags(Column member, Column isEvent, Column isCensored, Column isTimeEvent) {}

  /**
   * One row per customer of the family's population before the claims' filters: the journey
   * columns ({@code first_product_id} too when {@code firstProduct}), {@code anchor_date}, the
   * family's outcome day ({@code churn_date}, {@code last_date} or {@code repeat_date}, null when
   * none) and {@link #TIME_DAYS}, which depends on no claim's horizon.
   */
  static Dataset<Row> base(
      Family family, boolean firstProduct, Dataset<Row> journeys, Dataset<Row> transactions, Dataset<Row> channelEvents,
      LocalDate observedUntil) {
    if (firstProduct) {
      journeys = withFirstProduct(journeys, transactions, observedUntil);
    }
    Dataset<Row> population;
    if (family.kind() == Kind.REPEAT) {
      // The buyers are the population: a transactions-only data set (CDNOW) has no customers table,
      // so customers missing from journeys stay in, with empty journey columns.
      population = purchaseDays(transactions, family.outcomeProduct(), observedUntil).join(journeys, new String[] {"customer_id"}, "left");
    } else {
      population = journeys.filter(to_date(col("signed_up_at")).leq(lit(observedUntil)));
    }
    // The buyers of the outcome's own product are the population already (usage: inner join with
    // the first purchases; repeat: the first purchases themselves): no second pass over transactions.
    boolean buyersAlready = family.kind() != Kind.CHURN && family.outcomeProduct() != null
        && family.outcomeProduct().equals(family.populationProduct());
    if (family.populationProduct() != null && !buyersAlready) {
      Dataset<Row> buyers = firstPurchases(transactions, family.populationProduct(), observedUntil);
      population = population.join(buyers.select("customer_id"), new String[] {"customer_id"}, "left_semi");
    }
    return switch (family.kind()) {
      case CHURN -> churnBase(population, observedUntil);
      case USAGE -> usageBase(family, population, transactions, channelEvents, observedUntil);
      case REPEAT -> repeatBase(population, observedUntil);
    };
  }

  /** The conditions of {@code spec} on the rows of {@link #base} for {@code Family.of(spec)}. */
  static Flags flags(ClaimSpec spec, LocalDate observedUntil) {
    Column member = lit(true);
    for (Filter filter : spec.population().filters()) {
      member = member.and(condition(filter));
    }
    // A filter on an empty column is null: that row is not in the population.
    member = when(member, lit(true)).otherwise(lit(false));
    Column anchor = col("anchor_date");
    Column horizonEnd = date_add(anchor, spec.horizonDays());
    Column event;
    Column notEvent;
    Column eventSeen;
    switch (spec.outcome().type()) {
      case USAGE_STOPS -> {
        Column last = col("last_date");
        Column silenceComplete = date_add(last, spec.outcome().inactiveDays()).leq(lit(observedUntil));
        event = last.leq(horizonEnd).and(silenceComplete);
        notEvent = last.gt(horizonEnd); // used after the horizon
        // Otherwise censored at the last usage seen: the customer may still stop at or after it.
        eventSeen = silenceComplete;
      }
      case CHURN_WITHIN -> {
        Column churnDate = col("churn_date");
        event = churnDate.isNotNull().and(churnDate.leq(horizonEnd));
        notEvent = not(event).and(horizonEnd.leq(lit(observedUntil)));
        eventSeen = churnDate.isNotNull();
      }
      case CHURNED -> {
        Column churnDate = col("churn_date");
        List<String> reasons = spec.outcome().reasonCodes();
        event = reasons.isEmpty()
            ? churnDate.isNotNull()
            : churnDate.isNotNull().and(coalesce(col("churn_reason_code").isin(reasons.toArray()), lit(false)));
        // The status on the run date is known for everyone: nobody is censored.
        notEvent = lit(true);
        eventSeen = event;
      }
      case NO_REPEAT_PURCHASE -> {
        Column repeat = col("repeat_date");
        Column repeated = repeat.isNotNull().and(repeat.leq(horizonEnd));
        event = not(repeated).and(horizonEnd.leq(lit(observedUntil)));
        notEvent = repeated;
        // Survival here is "still without a repeat purchase": the time event is the repeat purchase.
        eventSeen = repeat.isNotNull();
      }
      default -> throw new IllegalArgumentException("unknown outcome type " + spec.outcome().type());
    }
    return new Flags(member, when(event, lit(true)).otherwise(lit(false)), when(event.or(notEvent), lit(false)).otherwise(lit(true)),
        when(eventSeen, lit(true)).otherwise(lit(false)));
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

  private static Dataset<Row> usageBase(
      Family family, Dataset<Row> population, Dataset<Row> transactions, Dataset<Row> channelEvents, LocalDate observedUntil) {
    String product = family.outcomeProduct();
    Dataset<Row> anchors = firstPurchases(transactions, product, observedUntil);
    Dataset<Row> lastUsage =
        channelEvents
            .filter(col("product_id").equalTo(lit(product)))
            .filter(col("event_type").isin(family.usageEventTypes().toArray()))
            .filter(to_date(col("occurred_at")).leq(lit(observedUntil)))
            .groupBy("customer_id")
            .agg(max(to_date(col("occurred_at"))).as("last_usage_date"));
    // Inner join: a customer who never bought the product has no anchor and is not in the population.
    Dataset<Row> joined = population.join(anchors, "customer_id").join(lastUsage, new String[] {"customer_id"}, "left");
    // greatest() skips nulls: no usage at all means last = anchor.
    Column last = greatest(col("anchor_date"), col("last_usage_date"));
    return withTime(joined.withColumn("last_date", last), datediff(col("last_date"), col("anchor_date")));
  }

  private static Dataset<Row> churnBase(Dataset<Row> population, LocalDate observedUntil) {
    Column anchor = to_date(col("signed_up_at"));
    // A churn dated after the observation day is not known yet.
    Column churnDate = when(to_date(col("churned_at")).leq(lit(observedUntil)), to_date(col("churned_at")));
    Dataset<Row> dated = population.withColumn("anchor_date", anchor).withColumn("churn_date", churnDate);
    Column time = when(col("churn_date").isNotNull(), datediff(col("churn_date"), col("anchor_date")))
        .otherwise(datediff(lit(observedUntil), col("anchor_date")));
    return withTime(dated, time);
  }

  /** Purchases of {@code product}, or all purchases when it is null. */
  private static Dataset<Row> ofProduct(Dataset<Row> transactions, String product) {
    return product == null ? transactions : transactions.filter(col("product_id").equalTo(lit(product)));
  }

  /**
   * {@code customer_id, anchor_date, repeat_date}: each buyer's first purchase day of {@code product}
   * (any product when null) and the next day with a purchase (null when none), in one pass over the
   * transactions; more lines on one day are one visit.
   */
  private static Dataset<Row> purchaseDays(Dataset<Row> transactions, String product, LocalDate observedUntil) {
    Column days = col("purchase_days");
    return ofProduct(transactions, product)
        .filter(col("quantity").gt(0))
        .filter(to_date(col("occurred_at")).leq(lit(observedUntil)))
        .groupBy("customer_id")
        .agg(array_sort(collect_set(to_date(col("occurred_at")))).as("purchase_days"))
        .select(col("customer_id"), element_at(days, 1).as("anchor_date"),
            when(size(days).gt(1), element_at(days, 2)).as("repeat_date"));
  }

  private static Dataset<Row> repeatBase(Dataset<Row> population, LocalDate observedUntil) {
    Column time = when(col("repeat_date").isNotNull(), datediff(col("repeat_date"), col("anchor_date")))
        .otherwise(datediff(lit(observedUntil), col("anchor_date")));
    return withTime(population, time);
  }

  private static Dataset<Row> withTime(Dataset<Row> rows, Column days) {
    // A churn recorded before the sign-up day (bad data) must not give a negative time.
    return rows.withColumn(TIME_DAYS, greatest(days, lit(0)).cast("int"));
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
