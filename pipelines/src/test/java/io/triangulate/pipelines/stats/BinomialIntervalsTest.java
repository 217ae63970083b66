package io.triangulate.pipelines.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class BinomialIntervalsTest {
  private static final double TOL = 1e-9;

  // Reference: statsmodels 0.15.0
  // python3 -c "
  // from statsmodels.stats.proportion import proportion_confint as ci
  // for k,n in [(0,10),(1,10),(5,10),(10,10),(0,1),(1,1),(3,17),(12,20),(1,10000),(4321,10000)]:
  //   print(k,n,*['%.15g'%x for x in ci(k,n,alpha=0.05,method='beta')],
  //             *['%.15g'%x for x in ci(k,n,alpha=0.05,method='jeffreys')])"
  @ParameterizedTest(name = "k={0} n={1}")
  @CsvSource(
      delimiter = ' ',
      value = {
        "0 10 0 0.308497107818761 4.78904331575819e-05 0.217196267509211",
        "1 10 0.00252857854446178 0.445016117028195 0.0110116737631611 0.381314771066616",
        "5 10 0.187086028447399 0.812913971552601 0.223528670252705 0.776471329747295",
        "10 10 0.691502892181239 1 0.782803732490789 0.999952109566842",
        "0 1 0 0.975 0.000385580980755901 0.853253683690425",
        "1 1 0.025 1 0.146746316309575 0.999614419019244",
        "3 17 0.037985068070626 0.434317872844284 0.0523476570506739 0.400122662623314",
        "12 20 0.36054258730749 0.808809939274693 0.383920316344596 0.789370586071946",
        "1 10000 2.53177759347469e-06 0.000557036997947047 1.07899756756983e-05 0.000467322637464857",
        "4321 10000 0.422361924082013 0.441877642810832 0.422411775270405 0.441827523038323"
      })
  void matchesStatsmodelsAt95(long k, long n, double cpLo, double cpHi, double jLo, double jHi) {
    Bounds cp = BinomialIntervals.clopperPearson(k, n, 0.95);
    assertThat(cp.lower()).as("Clopper-Pearson lower, k=%d n=%d", k, n).isCloseTo(cpLo, within(TOL));
    assertThat(cp.upper()).as("Clopper-Pearson upper, k=%d n=%d", k, n).isCloseTo(cpHi, within(TOL));
    Bounds j = BinomialIntervals.jeffreys(k, n, 0.95);
    assertThat(j.lower()).as("Jeffreys lower, k=%d n=%d", k, n).isCloseTo(jLo, within(TOL));
    assertThat(j.upper()).as("Jeffreys upper, k=%d n=%d", k, n).isCloseTo(jHi, within(TOL));
  }

  @Test
  void otherConfidenceLevel() {
    // python3 -c "from statsmodels.stats.proportion import proportion_confint as ci;
    //   print(ci(3,17,alpha=0.10,method='beta'), ci(3,17,alpha=0.10,method='jeffreys'))"
    Bounds cp = BinomialIntervals.clopperPearson(3, 17, 0.90);
    assertThat(cp.lower()).as("CP 90%% lower").isCloseTo(0.049898154557423, within(TOL));
    assertThat(cp.upper()).as("CP 90%% upper").isCloseTo(0.395641433444821, within(TOL));
    Bounds j = BinomialIntervals.jeffreys(3, 17, 0.90);
    assertThat(j.lower()).as("Jeffreys 90%% lower").isCloseTo(0.0666423372534608, within(TOL));
    assertThat(j.upper()).as("Jeffreys 90%% upper").isCloseTo(0.36157650559989, within(TOL));
  }

  @Test
  void wilsonMatchesStatsmodels() {
    // python3 -c "from statsmodels.stats.proportion import proportion_confint as ci;
    //   print(ci(0,15,method='wilson'), ci(15,15,method='wilson'), ci(4,15,method='wilson'))"
    Bounds zero = BinomialIntervals.wilson(0, 15, 0.95);
    assertThat(zero.lower()).as("Wilson k=0 lower").isEqualTo(0.0);
    assertThat(zero.upper()).as("Wilson k=0 upper").isCloseTo(0.20388330103584867, within(1e-12));
    Bounds all = BinomialIntervals.wilson(15, 15, 0.95);
    assertThat(all.lower()).as("Wilson k=n lower").isCloseTo(0.7961166989641513, within(1e-12));
    assertThat(all.upper()).as("Wilson k=n upper").isEqualTo(1.0);
    Bounds some = BinomialIntervals.wilson(4, 15, 0.95);
    assertThat(some.lower()).as("Wilson 4/15 lower").isCloseTo(0.10897453325692366, within(1e-12));
    assertThat(some.upper()).as("Wilson 4/15 upper").isCloseTo(0.5195043405598057, within(1e-12));
  }

  @Test
  void rejectsImpossibleCounts() {
    assertThatThrownBy(() -> BinomialIntervals.clopperPearson(5, 4, 0.95))
        .as("k > n")
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("k=5, n=4");
    assertThatThrownBy(() -> BinomialIntervals.jeffreys(0, 0, 0.95))
        .as("n = 0")
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> BinomialIntervals.jeffreys(1, 3, 1.0))
        .as("confidence 1")
        .isInstanceOf(IllegalArgumentException.class);
  }
}
