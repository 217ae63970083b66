package io.triangulate.pipelines.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class MultipleTestingTest {

  // Reference: statsmodels 0.15.0
  // python3 -c "
  // from statsmodels.stats.multitest import multipletests
  // for p in [[0.01,0.04,0.03,0.2,0.5],[0.0,1.0],[0.05],[0.02,0.02,0.02,0.9],
  //           [1e-10,0.003,0.049,0.051,0.7,0.04,0.0049,0.3,0.3,0.99]]:
  //   print(p, list(multipletests(p,method='fdr_bh')[1]))"
  static Stream<Arguments> cases() {
    return Stream.of(
        Arguments.of(
            new double[] {0.01, 0.04, 0.03, 0.2, 0.5},
            new double[] {0.049999999999999996, 0.06666666666666667, 0.06666666666666667, 0.25, 0.5}),
        Arguments.of(new double[] {0.0, 1.0}, new double[] {0.0, 1.0}),
        Arguments.of(new double[] {0.05}, new double[] {0.05}),
        Arguments.of(
            new double[] {0.02, 0.02, 0.02, 0.9},
            new double[] {0.02666666666666667, 0.02666666666666667, 0.02666666666666667, 0.9}),
        Arguments.of(
            new double[] {1e-10, 0.003, 0.049, 0.051, 0.7, 0.04, 0.0049, 0.3, 0.3, 0.99},
            new double[] {
              1e-09, 0.015, 0.08499999999999999, 0.08499999999999999, 0.7777777777777777,
              0.08499999999999999, 0.016333333333333335, 0.37499999999999994, 0.37499999999999994, 0.99
            }));
  }

  @ParameterizedTest
  @MethodSource("cases")
  void matchesStatsmodelsFdrBh(double[] p, double[] expected) {
    double[] before = p.clone();
    double[] q = MultipleTesting.benjaminiHochberg(p);
    assertThat(q).as("BH q-values in input order").containsExactly(expected, within(1e-15));
    assertThat(p).as("input left unchanged").containsExactly(before);
  }

  @Test
  void emptyInputGivesEmptyOutput() {
    assertThat(MultipleTesting.benjaminiHochberg(new double[0])).as("no p-values").isEmpty();
  }

  @Test
  void rejectsValuesThatAreNotProbabilities() {
    assertThatThrownBy(() -> MultipleTesting.benjaminiHochberg(new double[] {0.1, Double.NaN}))
        .as("NaN p-value")
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("index 1");
    assertThatThrownBy(() -> MultipleTesting.benjaminiHochberg(new double[] {1.2}))
        .as("p > 1")
        .isInstanceOf(IllegalArgumentException.class);
  }
}
