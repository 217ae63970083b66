package io.triangulate.pipelines.stats;

/**
 * Confidence intervals for a binomial proportion k/n.
 *
 * <p>Wilson's score interval rather than the textbook normal ("Wald") interval: claims are checked
 * on 15-20 interviews and on segments of a few dozen customers, where Wald collapses to zero width
 * at k = 0 or k = n and undercovers badly; Wilson stays inside [0, 1] and keeps close to nominal
 * coverage down to n = 1.
 */
public final class Proportions {
  private Proportions() {}

  /** An interval with its point estimate k/n, all as fractions in [0, 1]. */
  public record Interval(double low, double high, double estimate) {
    /** Whether {@code value} lies inside the closed interval. */
    public boolean contains(double value) {
      return value >= low && value <= high;
    }
  }

  /**
   * Wilson score interval for k successes out of n trials.
   *
   * @param confidence two-sided confidence level, e.g. 0.95
   * @throws IllegalArgumentException when n ≤ 0, k outside [0, n] or confidence outside (0, 1)
   */
  public static Interval wilson(long k, long n, double confidence) {
    if (n <= 0) {
      throw new IllegalArgumentException("Wilson interval needs n > 0, got n=" + n);
    }
    if (k < 0 || k > n) {
      throw new IllegalArgumentException("Wilson interval needs 0 <= k <= n, got k=" + k + ", n=" + n);
    }
    if (!(confidence > 0 && confidence < 1)) {
      throw new IllegalArgumentException("confidence must be in (0, 1), got " + confidence);
    }
    double z = Checks.zCritical(confidence);
    double p = (double) k / n;
    double z2 = z * z;
    double denominator = 1 + z2 / n;
    double centre = (p + z2 / (2.0 * n)) / denominator;
    double half = z * Math.sqrt(p * (1 - p) / n + z2 / (4.0 * n * n)) / denominator;
    // At k = 0 and k = n the bound is exactly 0 or 1; rounding must not push it outside.
    double low = k == 0 ? 0.0 : Math.max(0.0, centre - half);
    double high = k == n ? 1.0 : Math.min(1.0, centre + half);
    return new Interval(low, high, p);
  }
}
