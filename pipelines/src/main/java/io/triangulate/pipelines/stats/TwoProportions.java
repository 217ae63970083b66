package io.triangulate.pipelines.stats;

import org.apache.commons.math3.distribution.HypergeometricDistribution;

/**
 * Comparing two independent proportions p₁ = k₁/n₁ (e.g. a segment) and p₂ = k₂/n₂ (the rest): tests
 * of p₁ = p₂ and intervals for p₁ − p₂ and p₁ / p₂.
 *
 * <p>"Greater" always means the alternative p₁ &gt; p₂, "less" p₁ &lt; p₂. References: {@code
 * statsmodels.stats.proportion.proportions_ztest}, {@code scipy.stats.fisher_exact} on the table
 * {@code [[k1, n1-k1], [k2, n2-k2]]}, {@code statsmodels.stats.proportion.confint_proportions_2indep};
 * see docs/statistics.md.
 */
public final class TwoProportions {

  // Tables whose probability is within this relative distance of the observed one count as "as
  // extreme". Equal-probability tables (symmetric margins) differ only by rounding; R's fisher.test
  // uses the same 1e-7, SciPy 1e-14 on a differently rounded pmf. Distinct table probabilities are
  // rational numbers that differ by far more, so both rules select the same tables in practice.
  private static final double FISHER_RELATIVE_TIE = 1e-7;

  private TwoProportions() {}

  /**
   * Pooled two-proportion z test.
   *
   * @param z (p₁ − p₂) / sqrt(p̂(1−p̂)(1/n₁ + 1/n₂)) with p̂ = (k₁+k₂)/(n₁+n₂)
   * @param pTwoSided P(|Z| ≥ |z|)
   * @param pGreater P(Z ≥ z), alternative p₁ &gt; p₂
   * @param pLess P(Z ≤ z), alternative p₁ &lt; p₂
   */
  public record ZTest(double z, double pTwoSided, double pGreater, double pLess) {}

  /**
   * Fisher's exact test, conditional on both margins.
   *
   * @param oddsRatio sample odds ratio k₁(n₂−k₂) / ((n₁−k₁)k₂), as SciPy: +∞ when the denominator is
   *     0, NaN when a row or column of the table is empty
   * @param pTwoSided sum of the probabilities of all tables no more likely than the observed one
   * @param pGreater P(X ≥ k₁), alternative p₁ &gt; p₂ (odds ratio &gt; 1)
   * @param pLess P(X ≤ k₁), alternative p₁ &lt; p₂
   */
  public record FisherExact(double oddsRatio, double pTwoSided, double pGreater, double pLess) {}

  /**
   * Risk difference p₁ − p₂ with two intervals.
   *
   * @param estimate p₁ − p₂
   * @param newcombe Newcombe's hybrid score interval (method 10), built from the two Wilson intervals;
   *     recommended, good coverage at small n and at 0 or n events
   * @param wald estimate ± z·sqrt(p₁(1−p₁)/n₁ + p₂(1−p₂)/n₂); only for large counts, collapses at
   *     0 or n events
   * @param confidence the level of both intervals
   */
  public record RiskDifference(double estimate, Bounds newcombe, Bounds wald, double confidence) {}

  /**
   * Risk ratio p₁ / p₂ with a log-scale (Katz) interval.
   *
   * @param estimate p₁ / p₂ unadjusted: 0 when k₁ = 0, +∞ when k₂ = 0, NaN when both are 0
   * @param interval exp(log(r) ± z·sqrt(1/k₁ − 1/n₁ + 1/k₂ − 1/n₂))
   * @param method {@code "log"} (Katz) when both counts are positive; {@code "log-adjusted"} when one
   *     is 0, where 0.5 is added to each count and each n first (statsmodels' {@code log-adjusted})
   * @param confidence the level of the interval
   */
  public record RiskRatio(double estimate, Bounds interval, String method, double confidence) {}

  /**
   * Pooled two-proportion z test. When the pooled proportion is 0 or 1 (no events, or all events,
   * in both groups) the observed difference is exactly 0 with standard error 0: statsmodels returns
   * NaN; we return z = 0 and every p-value 1, as Fisher's exact test does for such a table.
   */
  public static ZTest zTest(long k1, long n1, long k2, long n2) {
    Checks.positiveCounts(k1, n1);
    Checks.positiveCounts(k2, n2);
    double pooled = (double) (k1 + k2) / (n1 + n2);
    double variance = pooled * (1 - pooled) * (1.0 / n1 + 1.0 / n2);
    if (variance == 0) {
      return new ZTest(0, 1, 1, 1);
    }
    double z = ((double) k1 / n1 - (double) k2 / n2) / Math.sqrt(variance);
    double pGreater = Checks.normalCdf(-z);
    double pLess = Checks.normalCdf(z);
    double pTwoSided = Math.min(1.0, 2 * Checks.normalCdf(-Math.abs(z)));
    return new ZTest(z, pTwoSided, pGreater, pLess);
  }

  /** Fisher's exact test on {@code [[k1, n1-k1], [k2, n2-k2]]}, all three alternatives. */
  public static FisherExact fisherExact(long k1, long n1, long k2, long n2) {
    Checks.positiveCounts(k1, n1);
    Checks.positiveCounts(k2, n2);
    long events = k1 + k2;
    long total = n1 + n2;
    if (total > Integer.MAX_VALUE) {
      throw new IllegalArgumentException("Fisher's exact test supports up to 2^31-1 observations, found " + total);
    }
    if (events == 0 || events == total) {
      // A whole column is empty: every table with these margins is the observed one.
      return new FisherExact(Double.NaN, 1, 1, 1);
    }
    long b = n1 - k1;
    double oddsRatio = (b > 0 && k2 > 0) ? ((double) k1 * (n2 - k2)) / ((double) b * k2) : Double.POSITIVE_INFINITY;

    // X = events in group 1 ~ Hypergeometric(population n1+n2, successes k1+k2, draws n1).
    HypergeometricDistribution x = new HypergeometricDistribution(null, (int) total, (int) events, (int) n1);
    int observed = (int) k1;
    double pLess = Math.min(1.0, x.cumulativeProbability(observed));
    double pGreater = Math.min(1.0, x.upperCumulativeProbability(observed));

    double logObserved = x.logProbability(observed);
    double threshold = logObserved + Math.log1p(FISHER_RELATIVE_TIE);
    double pTwoSided = 0;
    for (int t = x.getSupportLowerBound(); t <= x.getSupportUpperBound(); t++) {
      double logP = x.logProbability(t);
      if (logP <= threshold) {
        pTwoSided += Math.exp(logP);
      }
    }
    return new FisherExact(oddsRatio, Math.min(1.0, pTwoSided), pGreater, pLess);
  }

  /** Risk difference p₁ − p₂ with Newcombe (hybrid score) and Wald intervals. */
  public static RiskDifference riskDifference(long k1, long n1, long k2, long n2, double confidence) {
    Checks.positiveCounts(k1, n1);
    Checks.positiveCounts(k2, n2);
    Checks.level(confidence);
    double p1 = (double) k1 / n1;
    double p2 = (double) k2 / n2;
    double diff = p1 - p2;

    Bounds w1 = BinomialIntervals.wilson(k1, n1, confidence);
    Bounds w2 = BinomialIntervals.wilson(k2, n2, confidence);
    double below = Math.hypot(p1 - w1.lower(), w2.upper() - p2);
    double above = Math.hypot(p2 - w2.lower(), w1.upper() - p1);
    Bounds newcombe = new Bounds(diff - below, diff + above);

    double z = Checks.zCritical(confidence);
    double half = z * Math.sqrt(p1 * (1 - p1) / n1 + p2 * (1 - p2) / n2);
    Bounds wald = new Bounds(diff - half, diff + half);
    return new RiskDifference(diff, newcombe, wald, confidence);
  }

  /** Risk ratio p₁ / p₂ with a Katz log interval (0.5-adjusted when a count is 0). */
  public static RiskRatio riskRatio(long k1, long n1, long k2, long n2, double confidence) {
    Checks.positiveCounts(k1, n1);
    Checks.positiveCounts(k2, n2);
    Checks.level(confidence);
    double estimate = ((double) k1 / n1) / ((double) k2 / n2);
    boolean adjust = k1 == 0 || k2 == 0;
    double add = adjust ? 0.5 : 0;
    double c1 = k1 + add;
    double m1 = n1 + add;
    double c2 = k2 + add;
    double m2 = n2 + add;
    double logRatio = Math.log((c1 / m1) / (c2 / m2));
    double se = Math.sqrt(1 / c1 - 1 / m1 + 1 / c2 - 1 / m2);
    double half = Checks.zCritical(confidence) * se;
    Bounds interval = new Bounds(Math.exp(logRatio - half), Math.exp(logRatio + half));
    return new RiskRatio(estimate, interval, adjust ? "log-adjusted" : "log", confidence);
  }
}
