package io.triangulate.pipelines.claims;

import io.triangulate.pipelines.claims.ClaimSpec.Comparison;
import io.triangulate.pipelines.claims.ClaimSpec.Expectation;
import io.triangulate.pipelines.claims.SignificanceTests.ComparisonTest;
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
  /** Segments of comparison claims: shown for context, not judged. */
  public static final String NOT_TESTED = "not_tested";

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

  /**
   * A segment's verdict with the run-wide multiple-testing guard: as {@link #segmentVerdict(Expectation,
   * long, Interval, int)}, but "supported" also needs the Benjamini–Hochberg q-value of the segment's
   * one-sided binomial test to be below {@link SignificanceTests#ALPHA}; otherwise it is inconclusive.
   */
  public static String segmentVerdict(Expectation expectation, long observedN, Interval ci, int minSegmentSize, Double q) {
    String verdict = segmentVerdict(expectation, observedN, ci, minSegmentSize);
    if (SUPPORTED.equals(verdict) && (q == null || !(q < SignificanceTests.ALPHA))) {
      return INCONCLUSIVE;
    }
    return verdict;
  }

  /**
   * A comparison claim's verdict: supported when the one-sided test in the claimed direction has
   * q &lt; 0.05 (Benjamini–Hochberg over the run) and the observed difference points that way;
   * contradicted when the test in the opposite direction does; inconclusive otherwise, or when
   * either side has fewer than {@code minPerSide} (the claim's min_segment_size) observed customers.
   */
  public static Verdict comparisonVerdict(Comparison comparison, ComparisonTest test, Double qClaimed, Double qOpposite, int minPerSide) {
    if (test == null || test.groupN() < minPerSide || test.versusN() < minPerSide) {
      long g = test == null ? 0 : test.groupN();
      long v = test == null ? 0 : test.versusN();
      return new Verdict(INCONCLUSIVE, "only " + g + " observed customers with " + comparison.label(comparison.group()) + " and " + v
          + " with " + comparison.label(comparison.versus()) + "; at least " + minPerSide + " on each side are needed");
    }
    double d = test.difference().estimate();
    String numbers = comparison.label(comparison.group()) + ": " + Percent.format((double) test.groupK() / test.groupN())
        + " (n=" + test.groupN() + ") vs " + comparison.label(comparison.versus()) + ": "
        + Percent.format((double) test.versusK() / test.versusN()) + " (n=" + test.versusN() + "); difference "
        + points(d) + " (95% CI " + points(test.difference().newcombe().lower()) + " to " + points(test.difference().newcombe().upper())
        + "), risk ratio " + String.format(java.util.Locale.ROOT, "%.2f", test.ratio().estimate()) + "; ";
    boolean claimedWay = comparison.higher() ? d > 0 : d < 0;
    if (qClaimed != null && qClaimed < SignificanceTests.ALPHA && claimedWay) {
      return new Verdict(SUPPORTED, numbers + "one-sided z test q=" + pValue(qClaimed) + " < 0.05 in the claimed direction");
    }
    if (qOpposite != null && qOpposite < SignificanceTests.ALPHA && !claimedWay && d != 0) {
      return new Verdict(CONTRADICTED, numbers + "significant in the opposite direction (q=" + pValue(qOpposite) + ")");
    }
    return new Verdict(INCONCLUSIVE, numbers + "no significant difference in either direction (q=" + pValue(qClaimed) + ")");
  }

  private static String points(double difference) {
    return String.format(java.util.Locale.ROOT, "%+.1f pts", difference * 100);
  }

  private static String pValue(Double p) {
    return p == null ? "n/a" : String.format(java.util.Locale.ROOT, "%.2g", p);
  }

  /** "40% (95% CI 36.1%–44.0%, n=500)". */
  public static String describe(Interval ci, long n) {
    return Percent.format(ci.estimate()) + " (95% CI " + Percent.format(ci.low()) + "–" + Percent.format(ci.high()) + ", n=" + n + ")";
  }
}
