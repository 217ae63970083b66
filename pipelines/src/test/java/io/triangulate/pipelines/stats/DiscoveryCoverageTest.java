package io.triangulate.pipelines.stats;

import static io.triangulate.pipelines.stats.Near.assertNear;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DiscoveryCoverageTest {

  // Reference: NumPy 1-(1-p)**n, and -expm1(n*log1p(-p)) where the naive form loses digits (p=1e-9):
  // python3 -c "
  // import numpy as np
  // for p,n in [(0.15,15),(0.05,15),(0.01,20),(0.3,1),(1e-9,10),(0.5,0),(0.0,20)]:
  //   print(p,n,repr(1-(1-p)**n), repr(-np.expm1(n*np.log1p(-p))))"
  @ParameterizedTest(name = "p={0} n={1}")
  @CsvSource({
    "0.15, 15, 0.9126457808987484",
    "0.05, 15, 0.536708769840247",
    "0.01, 20, 0.18209306240276923",
    "0.3, 1, 0.3",
    "1e-9, 10, 9.999999955000002e-09",
    "0.5, 0, 0.0",
    "0.0, 20, 0.0",
    "1.0, 3, 1.0"
  })
  void probabilitySeen(double p, long n, double expected) {
    assertNear(DiscoveryCoverage.probabilitySeen(p, n), expected, 1e-12, "P(seen) p=" + p + " n=" + n);
  }

  // python3 -c "
  // import numpy as np
  // for p,q in [(0.15,0.9),(0.05,0.9),(0.1,0.95),(0.5,0.75),(0.01,0.5),(0.2,0.0)]:
  //   n=int(np.ceil(np.log(1-q)/np.log(1-p))); print(p,q,n, 1-(1-p)**n, 1-(1-p)**(n-1))"
  // (the last two columns confirm n reaches q and n-1 does not; 0.5/0.75 is exactly n=2.)
  @ParameterizedTest(name = "p={0} q={1}")
  @CsvSource({"0.15, 0.9, 15", "0.05, 0.9, 45", "0.1, 0.95, 29", "0.5, 0.75, 2", "0.01, 0.5, 69", "0.2, 0.0, 0", "1.0, 0.99, 1"})
  void panelSizeFor(double p, double q, long expected) {
    long n = DiscoveryCoverage.panelSizeFor(p, q);
    assertThat(n).as("smallest panel seeing p=%s with probability %s", p, q).isEqualTo(expected);
    assertThat(DiscoveryCoverage.probabilitySeen(p, n)).as("n reaches q").isGreaterThanOrEqualTo(q);
    if (n > 0) {
      assertThat(DiscoveryCoverage.probabilitySeen(p, n - 1)).as("n-1 does not").isLessThan(q);
    }
  }

  // python3 -c "
  // for n,q in [(15,0.9),(20,0.9),(1,0.9),(10,0.5),(15,0.0)]: print(n,q,repr(1-(1-q)**(1/n)))"
  @ParameterizedTest(name = "n={0} q={1}")
  @CsvSource({"15, 0.9, 0.14230410140910588", "20, 0.9, 0.10874906186625444", "1, 0.9, 0.9", "10, 0.5, 0.06696700846319259", "15, 0.0, 0.0"})
  void prevalenceMissed(long n, double q, double expected) {
    double p = DiscoveryCoverage.prevalenceMissed(n, q);
    assertNear(p, expected, 1e-12, "prevalence missed, n=" + n + " q=" + q);
    // Round trip: at p*, the panel sees the theme with probability exactly q.
    assertNear(DiscoveryCoverage.probabilitySeen(p, n), q, 1e-12, "P(seen) at p*");
  }

  @Test
  void rejectsImpossibleTargets() {
    assertThatThrownBy(() -> DiscoveryCoverage.panelSizeFor(0.0, 0.9))
        .as("prevalence 0 is never seen")
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> DiscoveryCoverage.panelSizeFor(0.1, 1.0))
        .as("certainty needs an infinite panel")
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> DiscoveryCoverage.prevalenceMissed(0, 0.9))
        .as("empty panel")
        .isInstanceOf(IllegalArgumentException.class);
  }
}
