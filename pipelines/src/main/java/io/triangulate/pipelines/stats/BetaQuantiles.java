package io.triangulate.pipelines.stats;

import org.apache.commons.math3.distribution.BetaDistribution;

/** Beta distribution quantiles and tails at tighter accuracy than Commons Math's 1e-9 default. */
final class BetaQuantiles {
  // Quantiles near 0 (a lower Clopper-Pearson bound with k=1 of n=10,000 is ~2.5e-6) need absolute
  // accuracy well below the 1e-6 our tests (and readers of the report) care about.
  private static final double INVERSE_ACCURACY = 1e-14;

  private BetaQuantiles() {}

  static BetaDistribution beta(double alpha, double beta) {
    return new BetaDistribution(null, alpha, beta, INVERSE_ACCURACY);
  }

  static double quantile(double alpha, double beta, double probability) {
    return beta(alpha, beta).inverseCumulativeProbability(probability);
  }
}
