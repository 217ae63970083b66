package io.triangulate.pipelines.claims;

import java.nio.file.Path;
import java.util.List;

/**
 * One claim heard in interviews, stated so it can be checked against the whole customer base: who
 * it is about ({@link Population}), what counts as the event ({@link Outcome}) within how many days,
 * which rate would confirm it ({@link Expectation}), and which interview codes are its evidence.
 *
 * <p>Read from one YAML file with {@link #load(Path)}; docs/claims.md describes the format. The
 * {@code specHash} is the sha-256 of the normalised spec (defaults filled in, keys sorted), so a
 * result row can be traced to the exact definition that produced it.
 */
public record ClaimSpec(
    String id,
    String statement,
    List<String> interviewCodes,
    Population population,
    Outcome outcome,
    int horizonDays,
    Expectation expectation,
    List<String> segments,
    int minSegmentSize,
    String specHash,
    Path source) {

  public static final int DEFAULT_MIN_SEGMENT_SIZE = 20;
  public static final int DEFAULT_INACTIVE_DAYS = 60;
  public static final int MAX_HORIZON_DAYS = 3650;

  /** Reads and validates one claim file; bad content fails with a {@code UserError} naming file and field. */
  public static ClaimSpec load(Path file) {
    return ClaimSpecReader.read(file);
  }

  /** Customers the claim is about: optionally buyers of a product, narrowed by journey filters. */
  public record Population(String product, List<Filter> filters) {}

  /** A condition on a {@code gold/journeys} column. {@code values} has one element unless op is in/not_in. */
  public record Filter(String column, FilterOp op, List<Object> values) {}

  /** Comparison operators a filter may use, with their YAML spelling. */
  public enum FilterOp {
    EQ("="),
    NE("!="),
    IN("in"),
    NOT_IN("not_in"),
    GE(">="),
    LE("<=");

    private final String symbol;

    FilterOp(String symbol) {
      this.symbol = symbol;
    }

    public String symbol() {
      return symbol;
    }

    public boolean takesList() {
      return this == IN || this == NOT_IN;
    }

    static FilterOp fromSymbol(String symbol) {
      for (FilterOp op : values()) {
        if (op.symbol.equals(symbol)) {
          return op;
        }
      }
      return null;
    }
  }

  /** The kinds of event a claim can count; see docs/architecture.md for the exact definitions. */
  public enum OutcomeType {
    USAGE_STOPS("usage_stops"),
    CHURN_WITHIN("churn_within"),
    /** Churned on or before the run date (optionally for one of some reasons); no horizon, never censored. */
    CHURNED("churned"),
    /** No purchase on a later day within the horizon after the first purchase. */
    NO_REPEAT_PURCHASE("no_repeat_purchase");

    private final String yamlName;

    OutcomeType(String yamlName) {
      this.yamlName = yamlName;
    }

    public String yamlName() {
      return yamlName;
    }

    static OutcomeType fromYaml(String name) {
      for (OutcomeType type : values()) {
        if (type.yamlName.equals(name)) {
          return type;
        }
      }
      return null;
    }
  }

  /**
   * What counts as the event. For {@code usage_stops}: {@code product}, the usage event types and
   * the inactivity window; for {@code no_repeat_purchase} optionally {@code product} (null = any);
   * for {@code churned} optionally the {@code reasonCodes} that count (empty = any reason); unused
   * fields are null/empty/0.
   */
  public record Outcome(OutcomeType type, String product, List<String> usageEventTypes, int inactiveDays, List<String> reasonCodes) {
    public Outcome(OutcomeType type, String product, List<String> usageEventTypes, int inactiveDays) {
      this(type, product, usageEventTypes, inactiveDays, List.of());
    }
  }

  /**
   * Columns a claim may use besides the {@code gold/journeys} ones, computed by the compiler:
   * {@code first_product_id} is the product of the customer's first purchase (quantity &gt; 0, on or
   * before the run date; the smallest product id on a tie), empty for customers who never bought.
   */
  public static final String FIRST_PRODUCT_ID = "first_product_id";

  /**
   * What the claim asserts. Either a threshold on the rate — at least or at most {@code threshold}
   * (a fraction in [0, 1]), {@code comparison} null — or, when {@code comparison} is set, that one
   * group's rate is higher or lower than another's ({@code threshold} is then 0 and unused).
   */
  public record Expectation(boolean atLeast, double threshold, Comparison comparison) {
    public Expectation(boolean atLeast, double threshold) {
      this(atLeast, threshold, null);
    }

    /** True for "group A's rate is higher/lower than group B's" claims. */
    public boolean isComparison() {
      return comparison != null;
    }

    /** E.g. "at least 30%" or "higher when is_setup_completed = false than when it is true". */
    public String describe() {
      if (comparison != null) {
        return comparison.describe();
      }
      return (atLeast ? "at least " : "at most ") + Percent.format(threshold);
    }
  }

  /**
   * "The rate is {@code higher} (or lower) among customers with {@code column = group} than among
   * those with {@code column = versus}". Values are typed like the journeys column (Boolean, Long,
   * Double or String). {@code versus} may also be a {@code List} of such values: the customers with
   * any of them are pooled into one comparison group ("month-to-month versus one- or two-year").
   */
  public record Comparison(String column, Object group, Object versus, boolean higher) {
    public String describe() {
      return (higher ? "higher" : "lower") + " when " + column + " = " + group + " than when " + column + " = " + valueText(versus);
    }

    /** "column=value" for a side, as segment keys are written; a pooled side as "column=a|b". */
    public String label(Object value) {
      return column + "=" + valueText(value);
    }

    /** The values of the versus side: one, or several pooled. */
    public List<Object> versusValues() {
      return versus instanceof List<?> list ? List.copyOf(list) : List.of(versus);
    }

    private static String valueText(Object value) {
      if (value instanceof List<?> list) {
        return String.join("|", list.stream().map(String::valueOf).toList());
      }
      return String.valueOf(value);
    }
  }

  /** Human-readable definition of the event counted, shown in results and the report. */
  public String describeOutcome() {
    if (outcome.type() == OutcomeType.USAGE_STOPS) {
      return "stops using "
          + outcome.product()
          + " (last "
          + String.join("/", outcome.usageEventTypes())
          + " within "
          + horizonDays
          + " days of the first purchase, then none for "
          + outcome.inactiveDays()
          + " days)";
    }
    if (outcome.type() == OutcomeType.CHURNED) {
      return outcome.reasonCodes().isEmpty()
          ? "has cancelled by the run date"
          : "has cancelled by the run date for reason " + String.join("/", outcome.reasonCodes());
    }
    if (outcome.type() == OutcomeType.NO_REPEAT_PURCHASE) {
      return "buys nothing "
          + (outcome.product() == null ? "" : "(of " + outcome.product() + ") ")
          + "on a later day within " + horizonDays + " days of the first purchase";
    }
    return "cancels within " + horizonDays + " days of signing up";
  }

  /** Small formatting helper shared with the report. */
  public static final class Percent {
    private Percent() {}

    /** 0.3 → "30%", 0.125 → "12.5%". */
    public static String format(double fraction) {
      double pct = Math.round(fraction * 1000) / 10.0;
      return (pct == Math.rint(pct) ? String.valueOf((long) pct) : String.valueOf(pct)) + "%";
    }
  }
}
