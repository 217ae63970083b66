package io.triangulate.pipelines.generate;

/**
 * The outcome definitions of docs/architecture.md ("The demo's planted truths and claims"), in
 * epoch seconds. The claim compiler implements the same rules on Spark; the ground truth uses these
 * so an end-to-end test can compare the two.
 */
public final class OutcomeRules {
  private OutcomeRules() {}

  /** Days without usage after which a customer counts as having stopped. */
  public static final int INACTIVITY_DAYS = 60;

  private static final long DAY = 86_400L;

  /** How one customer counts for a claim. */
  public enum Outcome {
    EVENT,
    NON_EVENT,
    /** Not yet knowable at observed_until; left out of the denominator. */
    CENSORED
  }

  /**
   * usage_stops: anchor = first purchase of the product; last = last usage event (anchor if none).
   *
   * @param lastUsageAt epoch seconds of the last usage event, or {@code Long.MAX_VALUE} if none
   */
  public static Outcome usageStops(long anchorAt, long lastUsageAt, int horizonDays, int inactivityDays, long observedUntil) {
    long last = lastUsageAt == Long.MAX_VALUE ? anchorAt : lastUsageAt;
    long horizonEnd = anchorAt + horizonDays * DAY;
    if (last > horizonEnd) {
      return Outcome.NON_EVENT;
    }
    if (last + inactivityDays * DAY <= observedUntil) {
      return Outcome.EVENT;
    }
    return Outcome.CENSORED;
  }

  /**
   * churn_within: anchor = signed_up_at.
   *
   * @param churnedAt epoch seconds, or {@code Long.MAX_VALUE} when not churned
   */
  public static Outcome churnWithin(long signedUpAt, long churnedAt, int horizonDays, long observedUntil) {
    long horizonEnd = signedUpAt + horizonDays * DAY;
    if (churnedAt != Long.MAX_VALUE && churnedAt <= horizonEnd) {
      return Outcome.EVENT;
    }
    if (horizonEnd <= observedUntil) {
      return Outcome.NON_EVENT;
    }
    return Outcome.CENSORED;
  }

  /** Counts events and observed (non-censored) customers. */
  public static final class Tally {
    private long events;
    private long observed;

    public void add(Outcome outcome) {
      if (outcome == Outcome.EVENT) {
        events++;
        observed++;
      } else if (outcome == Outcome.NON_EVENT) {
        observed++;
      }
    }

    public long events() {
      return events;
    }

    public long observed() {
      return observed;
    }

    /** events / observed, or NaN when nobody is observed. */
    public double rate() {
      return observed == 0 ? Double.NaN : (double) events / observed;
    }
  }
}
