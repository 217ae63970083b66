package io.triangulate.pipelines.stats;

import java.util.Arrays;
import java.util.Comparator;
import java.util.stream.IntStream;

/**
 * Adjusting p-values when many claims or segments are tested in one nightly run, so that "supported
 * in segment X" is not just the luckiest of many segments.
 *
 * <p>Reference: {@code statsmodels.stats.multitest.multipletests(p, method='fdr_bh')[1]}.
 */
public final class MultipleTesting {

  private MultipleTesting() {}

  /**
   * Benjamini–Hochberg adjusted p-values (q-values): with p₍₁₎ ≤ … ≤ p₍ₘ₎ sorted,
   * q₍ᵢ₎ = min over j ≥ i of min(1, m·p₍ⱼ₎ / j), returned in the input order. Rejecting every
   * hypothesis with q ≤ α controls the false discovery rate at α for independent (or positively
   * dependent) tests.
   *
   * @param p p-values in [0, 1]; not modified
   * @return adjusted values, same length and order as {@code p}
   */
  public static double[] benjaminiHochberg(double[] p) {
    int m = p.length;
    for (int i = 0; i < m; i++) {
      Checks.probability("p-value at index " + i, p[i]);
    }
    // Stable sort by p so ties keep a deterministic order (their q-values are equal anyway).
    Integer[] order = IntStream.range(0, m).boxed().toArray(Integer[]::new);
    Arrays.sort(order, Comparator.comparingDouble(i -> p[i]));
    double[] q = new double[m];
    double running = 1.0;
    for (int rank = m; rank >= 1; rank--) {
      int index = order[rank - 1];
      running = Math.min(running, p[index] * m / rank);
      q[index] = running;
    }
    return q;
  }
}
