package io.triangulate.pipelines.stats;

import static io.triangulate.pipelines.stats.Near.assertNear;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class GoodnessOfFitTest {

  // Reference: SciPy 1.17.1. Columns: observed; expected shares; X2; asymptotic p; exact p. The exact
  // p enumerates every panel with scipy.stats.multinomial.pmf:
  // python3 -c "
  // import itertools, numpy as np
  // from scipy.stats import chisquare, multinomial
  // def exact(obs, p):
  //   n=sum(obs); k=len(p); p=np.array(p)/sum(p); e=n*p
  //   r=chisquare(obs,e); s0=r.statistic; tot=0.0
  //   for c in itertools.combinations(range(n+k-1),k-1):
  //     x=np.diff([-1,*c,n+k-1])-1
  //     if ((x-e)**2/e).sum()>=s0-1e-9*max(1,s0): tot+=multinomial.pmf(x,n,p)
  //   return r.statistic, r.pvalue, tot
  // for obs,p in [([8,4,2,1],[0.4,0.3,0.2,0.1]),([15,0,0],[0.5,0.3,0.2]),([5,5],[0.5,0.5]),([3,7,5,5],[1,1,1,1]),
  //     ([0,0,20],[0.6,0.3,0.1]),([2,1],[0.9,0.1]),([6,5,3,3,2,1],[.3,.2,.2,.1,.1,.1]),([1,0],[0.5,0.5])]:
  //   print(obs,p,*exact(obs,p))"
  @ParameterizedTest(name = "observed [{0}] shares [{1}]")
  @CsvSource(
      delimiter = ';',
      value = {
        "8 4 2 1; 0.4 0.3 0.2 0.1; 1.2222222222222221; 0.74767958728771466; 0.75990600441856371",
        "15 0 0; 0.5 0.3 0.2; 15; 0.00055308437014783374; 0.00097070562872500423",
        "5 5; 0.5 0.5; 0; 1; 1.0000000000000022",
        "3 7 5 5; 1 1 1 1; 1.6000000000000001; 0.65938981971198474; 0.69079885465907886",
        "0 0 20; 0.6 0.3 0.1; 179.99999999999997; 8.1940126239906338e-40; 1.0000000000000063e-20",
        "2 1; 0.9 0.1; 1.8148148148148144; 0.1779317252682508; 0.27100000000000013",
        "6 5 3 3 2 1; 0.3 0.2 0.2 0.1 0.1 0.1; 1.4999999999999996; 0.91306981454439551; 0.91232299053998711",
        "1 0; 0.5 0.5; 1; 0.31731050786291115; 1"
      })
  void matchesScipyAndExactEnumeration(String observed, String shares, double x2, double asymptotic, double exact) {
    long[] counts = Arrays.stream(observed.trim().split(" ")).mapToLong(Long::parseLong).toArray();
    double[] p = Arrays.stream(shares.trim().split(" ")).mapToDouble(Double::parseDouble).toArray();
    GoodnessOfFit.Result result = GoodnessOfFit.chiSquare(counts, p);
    String what = " for " + observed + " vs " + shares;
    assertNear(result.chiSquare(), x2, "X2" + what);
    assertThat(result.degreesOfFreedom()).as("df" + what).isEqualTo(counts.length - 1);
    assertNear(result.asymptoticP(), asymptotic, "asymptotic p" + what);
    assertThat(result.method()).as("small panels are enumerated" + what).isEqualTo(GoodnessOfFit.Method.EXACT_MULTINOMIAL);
    assertNear(result.resampledP(), Math.min(1.0, exact), "exact p" + what);
  }

  @Test
  void outcomeCountIsStarsAndBars() {
    // python3 -c "from math import comb; print(comb(24,4), comb(26,6), comb(31,11))"
    assertThat(GoodnessOfFit.outcomeCount(20, 5)).as("20 interviews, 5 categories").isEqualTo(10626.0);
    assertThat(GoodnessOfFit.outcomeCount(20, 7)).as("20 interviews, 7 categories").isEqualTo(230230.0);
    assertThat(GoodnessOfFit.outcomeCount(20, 12)).as("20 interviews, 12 categories").isEqualTo(84672315.0);
  }

  @Test
  void largeOutcomeSpacesSwitchToSeededMonteCarlo() {
    long[] observed = {4, 3, 3, 2, 2, 1, 1, 1, 1, 1, 1, 0};
    double[] shares = {12, 11, 10, 9, 9, 8, 8, 8, 7, 7, 6, 5};
    GoodnessOfFit.Result first = GoodnessOfFit.chiSquare(observed, shares, GoodnessOfFit.DEFAULT_MAX_OUTCOMES, 20_000, 7L);
    GoodnessOfFit.Result again = GoodnessOfFit.chiSquare(observed, shares, GoodnessOfFit.DEFAULT_MAX_OUTCOMES, 20_000, 7L);
    assertThat(first.method()).as("84,672,315 panels exceed the enumeration limit").isEqualTo(GoodnessOfFit.Method.MONTE_CARLO);
    assertThat(first.outcomes()).as("outcomes reports the draws").isEqualTo(20_000.0);
    assertThat(again.resampledP()).as("same seed, same p").isEqualTo(first.resampledP());
    assertThat(first.resampledP()).as("p is a probability above 1/(draws+1)").isBetween(1.0 / 20_001, 1.0);
  }

  @Test
  void monteCarloAgreesWithExactWithinSamplingError() {
    // observed [8,4,2,1] vs [0.4,0.3,0.2,0.1]: exact p 0.75990600441856371 (SciPy enumeration above).
    long[] observed = {8, 4, 2, 1};
    double[] shares = {0.4, 0.3, 0.2, 0.1};
    double exact = 0.75990600441856371;
    int draws = 40_000;
    double p = GoodnessOfFit.monteCarloP(observed, shares, draws, 11L);
    double standardError = Math.sqrt(exact * (1 - exact) / draws);
    assertThat(p).as("Monte Carlo p within 4 standard errors of the exact p").isCloseTo(exact, within(4 * standardError));
    assertThat(GoodnessOfFit.exactMultinomialP(observed, shares)).as("exact p entry point").isCloseTo(exact, within(1e-12));
  }

  @Test
  void exactEnumerationNearTheLimitIsFastAndAgreesWithMonteCarlo() {
    // 20 interviews over 8 categories: 888,030 possible panels, just under the default limit.
    long[] observed = {6, 4, 3, 2, 2, 1, 1, 1};
    double[] shares = {0.25, 0.2, 0.15, 0.1, 0.1, 0.1, 0.05, 0.05};
    long started = System.nanoTime();
    GoodnessOfFit.Result result = GoodnessOfFit.chiSquare(observed, shares);
    long millis = (System.nanoTime() - started) / 1_000_000;
    assertThat(result.method()).as("enumerated").isEqualTo(GoodnessOfFit.Method.EXACT_MULTINOMIAL);
    assertThat(result.outcomes()).as("C(27, 7) panels").isEqualTo(888030.0);
    assertThat(millis).as("enumeration time in ms").isLessThan(5_000);
    int draws = 20_000;
    double monteCarlo = GoodnessOfFit.monteCarloP(observed, shares, draws, 3L);
    double standardError = Math.sqrt(result.resampledP() * (1 - result.resampledP()) / draws);
    assertThat(monteCarlo).as("Monte Carlo within 4 standard errors of exact")
        .isCloseTo(result.resampledP(), within(4 * standardError + 1e-4));
  }

  @Test
  void baseCountsWorkAsShares() {
    GoodnessOfFit.Result fromCounts = GoodnessOfFit.chiSquare(new long[] {8, 4, 2, 1}, new double[] {4000, 3000, 2000, 1000});
    assertNear(fromCounts.chiSquare(), 1.2222222222222221, "X2 with base counts");
  }

  @Test
  void rejectsCategoriesTheBaseNeverHas() {
    assertThatThrownBy(() -> GoodnessOfFit.chiSquare(new long[] {1, 2}, new double[] {0.0, 1.0}))
        .as("zero expected share")
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("category 0");
    assertThatThrownBy(() -> GoodnessOfFit.chiSquare(new long[] {1, 2, 3}, new double[] {0.5, 0.5}))
        .as("length mismatch")
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> GoodnessOfFit.chiSquare(new long[] {0, 0}, new double[] {0.5, 0.5}))
        .as("empty panel")
        .isInstanceOf(IllegalArgumentException.class);
  }
}
