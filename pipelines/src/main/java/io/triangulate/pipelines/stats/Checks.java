package io.triangulate.pipelines.stats;

import org.apache.commons.math3.distribution.NormalDistribution;

/** Argument checks and small numeric helpers shared by the statistics classes. */
final class Checks {
  private static final NormalDistribution STANDARD_NORMAL = new NormalDistribution(null, 0, 1);

  private Checks() {}

  static void counts(long k, long n) {
    if (n < 0 || k < 0 || k > n) {
      throw new IllegalArgumentException("need 0 <= k <= n, found k=" + k + ", n=" + n);
    }
  }

  static void positiveCounts(long k, long n) {
    counts(k, n);
    if (n == 0) {
      throw new IllegalArgumentException("need n >= 1 observations, found n=0");
    }
  }

  static void level(double confidence) {
    if (!(confidence > 0 && confidence < 1)) {
      throw new IllegalArgumentException("confidence level must be in (0, 1), found " + confidence);
    }
  }

  static void probability(String name, double p) {
    if (!(p >= 0 && p <= 1)) {
      throw new IllegalArgumentException(name + " must be in [0, 1], found " + p);
    }
  }

  /** Two-sided normal critical value: the (1 + confidence) / 2 quantile of N(0, 1). */
  static double zCritical(double confidence) {
    return -STANDARD_NORMAL.inverseCumulativeProbability((1 - confidence) / 2);
  }

  /** P(Z <= z) for standard normal Z; accurate in the far tails (erfc based). */
  static double normalCdf(double z) {
    return STANDARD_NORMAL.cumulativeProbability(z);
  }
}
