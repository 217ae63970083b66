package io.triangulate.pipelines.stats;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.ArrayRealVector;
import org.apache.commons.math3.linear.RealMatrix;
import org.apache.commons.math3.linear.RealVector;
import org.apache.commons.math3.linear.SingularValueDecomposition;
import org.apache.commons.math3.special.Gamma;

/**
 * Log-rank test that two or more groups share one survival curve (e.g. "buyers who completed setup
 * keep using the watch longer than those who did not").
 *
 * <p>At each distinct event time t with n at risk and d events, group j with nⱼ at risk expects
 * Eⱼ = nⱼ·d/n events. With Oⱼ − Eⱼ summed over times and the hypergeometric covariance
 * Vⱼₗ = Σ nⱼ(δⱼₗ·n − nₗ)·d(n − d) / (n²(n − 1)), the statistic is (O − E)ᵀ V⁻¹ (O − E) over the
 * first k − 1 groups (groups sorted by label), chi-square with k − 1 degrees of freedom. As in
 * lifelines, V is inverted with a pseudo-inverse, so a group that is never at risk at an event time
 * contributes nothing instead of failing. Reference: {@code lifelines.statistics.logrank_test} and
 * {@code multivariate_logrank_test} (unweighted).
 */
public final class LogRank {

  /**
   * One group's contribution.
   *
   * @param label the group label
   * @param subjects number of observations in the group
   * @param observedEvents Oⱼ
   * @param expectedEvents Eⱼ under the null hypothesis of one common survival curve
   */
  public record Group(String label, long subjects, double observedEvents, double expectedEvents) {}

  /**
   * @param chiSquare the log-rank statistic
   * @param degreesOfFreedom number of groups − 1
   * @param pValue P(χ²(df) ≥ chiSquare)
   * @param groups per-group counts, sorted by label
   */
  public record Result(double chiSquare, int degreesOfFreedom, double pValue, List<Group> groups) {
    public Result {
      groups = List.copyOf(groups);
    }
  }

  private LogRank() {}

  /** Two groups, labelled {@code "A"} and {@code "B"}, as lifelines' {@code logrank_test}. */
  public static Result twoGroups(double[] timesA, boolean[] eventsA, double[] timesB, boolean[] eventsB) {
    SurvivalData.check(timesA, eventsA);
    SurvivalData.check(timesB, eventsB);
    int n = timesA.length + timesB.length;
    double[] times = new double[n];
    boolean[] events = new boolean[n];
    String[] groups = new String[n];
    for (int i = 0; i < timesA.length; i++) {
      times[i] = timesA[i];
      events[i] = eventsA[i];
      groups[i] = "A";
    }
    for (int i = 0; i < timesB.length; i++) {
      times[timesA.length + i] = timesB[i];
      events[timesA.length + i] = eventsB[i];
      groups[timesA.length + i] = "B";
    }
    return test(times, events, groups);
  }

  /**
   * k-group log-rank test.
   *
   * @param times observed times, finite and ≥ 0
   * @param events true where the event was observed
   * @param groups group label of each observation; at least two distinct labels
   */
  public static Result test(double[] times, boolean[] events, String[] groups) {
    SurvivalData.check(times, events);
    if (groups.length != times.length) {
      throw new IllegalArgumentException(
          "groups must have one label per observation, found " + groups.length + " for " + times.length);
    }
    Map<String, Integer> index = new TreeMap<>();
    for (int i = 0; i < groups.length; i++) {
      if (groups[i] == null) {
        throw new IllegalArgumentException("group label at index " + i + " is null");
      }
      index.putIfAbsent(groups[i], 0);
    }
    if (index.size() < 2) {
      throw new IllegalArgumentException("the log-rank test needs at least two groups, found " + index.keySet());
    }
    List<String> labels = new ArrayList<>(index.keySet());
    for (int j = 0; j < labels.size(); j++) {
      index.put(labels.get(j), j);
    }
    int k = labels.size();
    int[] group = new int[times.length];
    long[] atRisk = new long[k];
    for (int i = 0; i < times.length; i++) {
      group[i] = index.get(groups[i]);
      atRisk[group[i]]++;
    }
    long[] subjects = atRisk.clone();

    double[] observed = new double[k];
    double[] expected = new double[k];
    double[][] covariance = new double[k][k];
    int[] order = SurvivalData.timeOrder(times);
    long[] deaths = new long[k];
    long[] leaving = new long[k];
    int i = 0;
    while (i < order.length) {
      double time = times[order[i]];
      Arrays.fill(deaths, 0);
      Arrays.fill(leaving, 0);
      while (i < order.length && times[order[i]] == time) {
        int g = group[order[i]];
        leaving[g]++;
        if (events[order[i]]) {
          deaths[g]++;
        }
        i++;
      }
      long n = 0;
      long d = 0;
      for (int j = 0; j < k; j++) {
        n += atRisk[j];
        d += deaths[j];
      }
      if (d > 0) {
        // With one subject at risk (n - d)/(n - 1) is 0/0 or 1/0; every term it multiplies is 0.
        double factor = n > 1 ? (double) d * (n - d) / ((double) n * n * (n - 1)) : 0.0;
        for (int j = 0; j < k; j++) {
          observed[j] += deaths[j];
          expected[j] += (double) atRisk[j] * d / n;
          for (int l = 0; l < k; l++) {
            double term = j == l ? atRisk[j] * (double) (n - atRisk[j]) : -(double) atRisk[j] * atRisk[l];
            covariance[j][l] += term * factor;
          }
        }
      }
      for (int j = 0; j < k; j++) {
        atRisk[j] -= leaving[j];
      }
    }

    double chiSquare = quadraticForm(observed, expected, covariance, k - 1);
    int df = k - 1;
    double pValue = chiSquare <= 0 ? 1.0 : Gamma.regularizedGammaQ(df / 2.0, chiSquare / 2.0);
    List<Group> result = new ArrayList<>();
    for (int j = 0; j < k; j++) {
      result.add(new Group(labels.get(j), subjects[j], observed[j], expected[j]));
    }
    return new Result(chiSquare, df, pValue, result);
  }

  private static double quadraticForm(double[] observed, double[] expected, double[][] covariance, int m) {
    RealMatrix v = new Array2DRowRealMatrix(m, m);
    RealVector u = new ArrayRealVector(m);
    boolean anyVariance = false;
    for (int j = 0; j < m; j++) {
      u.setEntry(j, observed[j] - expected[j]);
      for (int l = 0; l < m; l++) {
        v.setEntry(j, l, covariance[j][l]);
        anyVariance |= covariance[j][l] != 0;
      }
    }
    if (!anyVariance) {
      // No event time with two or more at risk: no information, statistic 0 (lifelines' pinv of 0).
      return 0.0;
    }
    RealMatrix pseudoInverse = new SingularValueDecomposition(v).getSolver().getInverse();
    return Math.max(0.0, u.dotProduct(pseudoInverse.operate(u)));
  }
}
