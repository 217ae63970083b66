package io.triangulate.pipelines.stats;

/**
 * Confidence intervals for a binomial proportion k/n that stay honest at small n and at k = 0 or
 * k = n, where the normal (Wald) interval collapses to a point.
 *
 * <ul>
 *   <li>{@link #clopperPearson}: the "exact" interval, inverting two one-sided binomial tests. Its
 *       coverage is at least the nominal level for every p, so it is conservative (wide).
 *   <li>{@link #jeffreys}: the equal-tailed posterior interval under the Jeffreys prior
 *       Beta(½, ½). Coverage close to nominal on average; narrower than Clopper–Pearson.
 * </ul>
 *
 * <p>Both match {@code statsmodels.stats.proportion.proportion_confint} ({@code method='beta'} and
 * {@code method='jeffreys'}); see docs/statistics.md.
 */
public final class BinomialIntervals {

  private BinomialIntervals() {}

  /**
   * Clopper–Pearson interval: lower = Beta(α/2; k, n−k+1) quantile (0 when k = 0), upper =
   * Beta(1−α/2; k+1, n−k) quantile (1 when k = n), with α = 1 − confidence.
   *
   * @param k successes, 0 ≤ k ≤ n
   * @param n trials, n ≥ 1
   * @param confidence e.g. 0.95
   */
  public static Bounds clopperPearson(long k, long n, double confidence) {
    Checks.positiveCounts(k, n);
    Checks.level(confidence);
    double tail = (1 - confidence) / 2;
    double lower = k == 0 ? 0.0 : BetaQuantiles.quantile(k, n - k + 1, tail);
    double upper = k == n ? 1.0 : BetaQuantiles.quantile(k + 1, n - k, 1 - tail);
    return new Bounds(lower, upper);
  }

  /**
   * Jeffreys interval: the α/2 and 1−α/2 quantiles of Beta(k+½, n−k+½). Like statsmodels, the
   * bounds are not forced to 0 at k = 0 or to 1 at k = n (Brown, Cai and DasGupta suggest doing
   * so); the lower bound at k = 0 is tiny but positive.
   *
   * @param k successes, 0 ≤ k ≤ n
   * @param n trials, n ≥ 1
   * @param confidence e.g. 0.95
   */
  public static Bounds jeffreys(long k, long n, double confidence) {
    Checks.positiveCounts(k, n);
    Checks.level(confidence);
    double tail = (1 - confidence) / 2;
    double a = k + 0.5;
    double b = n - k + 0.5;
    return new Bounds(BetaQuantiles.quantile(a, b, tail), BetaQuantiles.quantile(a, b, 1 - tail));
  }

  /**
   * Wilson score interval ({@link Proportions#wilson}) as {@link Bounds}, for Newcombe's interval in
   * {@link TwoProportions}.
   */
  static Bounds wilson(long k, long n, double confidence) {
    Proportions.Interval interval = Proportions.wilson(k, n, confidence);
    return new Bounds(interval.low(), interval.high());
  }
}
