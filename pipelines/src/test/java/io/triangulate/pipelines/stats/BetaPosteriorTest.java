package io.triangulate.pipelines.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class BetaPosteriorTest {
  private static final double TOL = 1e-9;

  // Reference: SciPy 1.17.1
  // python3 -c "
  // from scipy.stats import beta
  // for k,n,a,b,t in [(3,17,1,1,0.3),(0,15,0.5,0.5,0.2),(15,15,1,1,0.9),(4000,10000,2,8,0.41),(0,0,1,1,0.25)]:
  //   d=beta(a+k,b+n-k); lo,hi=d.interval(0.95)
  //   print(k,n,a,b,t,'%.15g %.15g %.15g %.15g'%(d.mean(),lo,hi,d.sf(t)))"
  @ParameterizedTest(name = "k={0} n={1} prior=Beta({2},{3}) threshold={4}")
  @CsvSource(
      delimiter = ' ',
      value = {
        "3 17 1 1 0.3 0.210526315789474 0.0640920477176665 0.414177491394774 0.164550481934624",
        "0 15 0.5 0.5 0.2 0.03125 3.21941443237269e-05 0.151816662114398 0.00907064382115669",
        "15 15 1 1 0.9 0.941176470588235 0.794092785792177 0.998418888277234 0.814697981114816",
        "4000 10000 2 8 0.41 0.3998001998002 0.39022363065405 0.409414693013155 0.0188138476852649",
        "0 0 1 1 0.25 0.5 0.025 0.975 0.75"
      })
  void matchesScipyBeta(
      long k, long n, double a, double b, double threshold, double mean, double lo, double hi, double sf) {
    BetaPosterior posterior = BetaPosterior.of(k, n, a, b);
    assertThat(posterior.alpha()).as("posterior alpha").isEqualTo(a + k);
    assertThat(posterior.beta()).as("posterior beta").isEqualTo(b + n - k);
    assertThat(posterior.mean()).as("posterior mean").isCloseTo(mean, within(TOL));
    Bounds interval = posterior.credibleInterval(0.95);
    assertThat(interval.lower()).as("95%% credible lower").isCloseTo(lo, within(TOL));
    assertThat(interval.upper()).as("95%% credible upper").isCloseTo(hi, within(TOL));
    assertThat(posterior.probabilityAtLeast(threshold)).as("P(p >= %s)", threshold).isCloseTo(sf, within(TOL));
  }

  @Test
  void docsExample() {
    // docs/statistics.md: python3 -c "from scipy.stats import beta; print(beta(6,11).sf(0.2))"
    assertThat(BetaPosterior.of(5, 15, 1, 1).probabilityAtLeast(0.2)).as("5 of 15, uniform prior, P(p >= 0.2)")
        .isCloseTo(0.9183121115185152, within(TOL));
  }

  @Test
  void thresholdsAtTheEnds() {
    BetaPosterior posterior = BetaPosterior.of(3, 17, 1, 1);
    assertThat(posterior.probabilityAtLeast(0)).as("P(p >= 0)").isEqualTo(1.0);
    assertThat(posterior.probabilityAtLeast(1)).as("P(p >= 1)").isEqualTo(0.0);
  }

  @Test
  void rejectsBadPriors() {
    assertThatThrownBy(() -> BetaPosterior.of(1, 2, 0, 1))
        .as("zero prior shape")
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> BetaPosterior.of(1, 2, 1, 1).probabilityAtLeast(1.5))
        .as("threshold outside [0, 1]")
        .isInstanceOf(IllegalArgumentException.class);
  }
}
