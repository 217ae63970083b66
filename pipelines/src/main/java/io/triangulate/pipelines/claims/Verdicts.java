package io.triangulate.pipelines.claims;

import io.triangulate.pipelines.claims.ClaimSpec.Expectation;
import io.triangulate.pipelines.claims.ClaimSpec.Percent;
import io.triangulate.pipelines.stats.Proportions.Interval;

/**
 * The verdict rule of docs/architecture.md, as plain functions of counts and intervals.
 *
 * <p>For "at least p₀" with 95% Wilson interval [lo, hi]: supported if lo ≥ p₀, contradicted if
 * hi &lt; p₀, inconclusive otherwise or with fewer than {@link #MIN_OBSERVED} observed customers.
 * "At most p₀" is the mirror: supported if hi ≤ p₀, contradicted if lo &gt; p₀. Segments use the
 * same interval test but their own size floor ({@code min_segment_size}), below which they are
 * suppressed rather than judged.
 */
public final class Verdicts {
  private Verdicts() {}

  public static final String SUPPORTED = "supported";
  public static final String CONTRADICTED = "contradicted";
  public static final String INCONCLUSIVE = "inconclusive";
  public static final String HOLDS_IN_SEGMENTS = "holds_in_segments";
  public static final String SUPPRESSED = "suppressed";

  /** Fewer observed customers than this and a claim is inconclusive whatever the interval says. */
  public static final long MIN_OBSERVED = 30;

  public static final double CONFIDENCE = 0.95;

  /** A verdict word and the sentence that explains it. */
  public record Verdict(String word, String reason) {}

  /** The interval test alone: supported, contradicted or inconclusive. */
  public static String intervalVerdict(Expectation expectation, Interval ci) {
    double p0 = expectation.threshold();
    if (expectation.atLeast()) {
      return ci.low() >= p0 ? SUPPORTED : ci.high() < p0 ? CONTRADICTED : INCONCLUSIVE;
    }
    return ci.high() <= p0 ? SUPPORTED : ci.low() > p0 ? CONTRADICTED : INCONCLUSIVE;
  }

  /** The base-wide verdict; {@code ci} is null when no customer is observed. */
  public static Verdict baseVerdict(Expectation expectation, long observedN, Interval ci) {
    if (observedN < MIN_OBSERVED || ci == null) {
      return new Verdict(
          INCONCLUSIVE,
          "only " + observedN + " customers could be observed over the full horizon; at least " + MIN_OBSERVED + " are needed");
    }
    String rate = "the base-wide rate is " + describe(ci, observedN) + "; ";
    String claimed = "the claim (" + expectation.describe() + ")";
    return switch (intervalVerdict(expectation, ci)) {
      case SUPPORTED -> new Verdict(SUPPORTED, rate + "the whole interval meets " + claimed);
      case CONTRADICTED -> new Verdict(CONTRADICTED, rate + "the whole interval misses " + claimed);
      default -> new Verdict(INCONCLUSIVE, rate + "the interval contains the threshold of " + claimed + ", so the data cannot decide");
    };
  }

  /** A segment's verdict: suppressed below {@code minSegmentSize}, else the interval test. */
  public static String segmentVerdict(Expectation expectation, long observedN, Interval ci, int minSegmentSize) {
    if (observedN < minSegmentSize || ci == null) {
      return SUPPRESSED;
    }
    return intervalVerdict(expectation, ci);
  }

  /** "40% (95% CI 36.1%–44.0%, n=500)". */
  public static String describe(Interval ci, long n) {
    return Percent.format(ci.estimate()) + " (95% CI " + Percent.format(ci.low()) + "–" + Percent.format(ci.high()) + ", n=" + n + ")";
  }
}
