package io.triangulate.pipelines.stats;

/**
 * How big an interview panel must be to hear a theme at all: if a fraction p of customers would
 * raise a theme, a panel of n independently recruited interviews sees it at least once with
 * probability 1 − (1 − p)ⁿ.
 *
 * <p>This is the planning side of the product: 15 interviews find a theme held by 15% of customers
 * with probability ≈ 0.91, but a 5% theme with only ≈ 0.54. It assumes interviewees are drawn
 * independently from the customer base (a binomial sample); recruiting from a biased pool changes
 * p, not the formula. Reference values: the closed forms evaluated in NumPy (see the test).
 */
public final class DiscoveryCoverage {

  private DiscoveryCoverage() {}

  /**
   * Probability that a panel of {@code n} interviews includes at least one person holding a theme of
   * prevalence {@code p}: 1 − (1 − p)ⁿ, computed as −expm1(n·log1p(−p)) to stay accurate for tiny p.
   */
  public static double probabilitySeen(double prevalence, long n) {
    Checks.probability("prevalence", prevalence);
    if (n < 0) {
      throw new IllegalArgumentException("panel size must be >= 0, found " + n);
    }
    if (prevalence == 1) {
      return n == 0 ? 0.0 : 1.0;
    }
    return -Math.expm1(n * Math.log1p(-prevalence));
  }

  /**
   * Smallest panel size n with 1 − (1 − p)ⁿ ≥ {@code probability}: ⌈log(1 − q) / log(1 − p)⌉.
   *
   * @param prevalence p in (0, 1]
   * @param probability q in [0, 1)
   */
  public static long panelSizeFor(double prevalence, double probability) {
    Checks.probability("prevalence", prevalence);
    Checks.probability("probability", probability);
    if (prevalence == 0) {
      throw new IllegalArgumentException("a theme of prevalence 0 is never seen; prevalence must be > 0");
    }
    if (probability == 1) {
      throw new IllegalArgumentException("no finite panel sees a theme of prevalence < 1 with probability 1");
    }
    if (probability == 0) {
      return 0;
    }
    if (prevalence == 1) {
      return 1;
    }
    double exact = Math.log1p(-probability) / Math.log1p(-prevalence);
    long n = (long) Math.ceil(exact);
    // The ratio of logs can land a rounding error above an integer (e.g. 2.0000000000000004);
    // step back while the smaller panel already reaches the target.
    while (n > 1 && probabilitySeen(prevalence, n - 1) >= probability) {
      n--;
    }
    while (probabilitySeen(prevalence, n) < probability) {
      n++;
    }
    return n;
  }

  /**
   * The largest prevalence a panel of n interviews misses entirely with probability at least
   * 1 − {@code probability}: p* = 1 − (1 − q)^(1/n). Themes rarer than p* can easily go unheard;
   * themes more common than p* are seen with probability greater than q. For n = 15 and q = 0.9,
   * p* ≈ 0.142.
   *
   * @param n panel size, ≥ 1
   * @param probability q in [0, 1]
   */
  public static double prevalenceMissed(long n, double probability) {
    Checks.probability("probability", probability);
    if (n < 1) {
      throw new IllegalArgumentException("panel size must be >= 1, found " + n);
    }
    if (probability == 1) {
      return 1.0;
    }
    return -Math.expm1(Math.log1p(-probability) / n);
  }
}
