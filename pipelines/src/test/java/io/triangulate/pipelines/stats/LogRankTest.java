package io.triangulate.pipelines.stats;

import static io.triangulate.pipelines.stats.KaplanMeierTest.events;
import static io.triangulate.pipelines.stats.Near.assertNear;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class LogRankTest {

  // Gehan's leukaemia remission data (6-MP vs placebo), the classic log-rank example.
  private static final double[] TREATED = {6, 6, 6, 6, 7, 9, 10, 10, 11, 13, 16, 17, 19, 20, 22, 23, 25, 32, 32, 34, 35};
  private static final boolean[] TREATED_EVENTS = events(1, 1, 1, 0, 1, 0, 1, 0, 0, 1, 1, 0, 0, 0, 1, 1, 0, 0, 0, 0, 0);
  private static final double[] PLACEBO = {1, 1, 2, 2, 3, 4, 4, 5, 5, 8, 8, 8, 8, 11, 11, 12, 12, 15, 17, 22, 23};
  private static final boolean[] PLACEBO_EVENTS = events(1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1);

  @Test
  void twoGroupsMatchLifelinesLogrankTest() {
    // Reference: lifelines 0.30.3
    // python3 -c "from lifelines.statistics import logrank_test;
    //   r=logrank_test(TREATED, PLACEBO, TREATED_EVENTS, PLACEBO_EVENTS); print(r.test_statistic, r.p_value)"
    //   -> 16.792940989216547 4.1688091093345111e-05
    // Expected events: python3 -c "
    //   import numpy as np; t=np.array(TREATED+PLACEBO); e=np.array(TREATED_EVENTS+PLACEBO_EVENTS,bool)
    //   g=np.array([0]*21+[1]*21); E=np.zeros(2)
    //   for u in np.unique(t[e]):
    //     r=t>=u; n=r.sum(); d=(e&(t==u)).sum(); E+=[(r&(g==j)).sum()*d/n for j in (0,1)]
    //   print(E)"  -> [19.25050094803113 10.74949905196887]
    LogRank.Result result = LogRank.twoGroups(TREATED, TREATED_EVENTS, PLACEBO, PLACEBO_EVENTS);
    assertNear(result.chiSquare(), 16.792940989216547, "chi-square");
    assertThat(result.degreesOfFreedom()).as("df").isEqualTo(1);
    assertNear(result.pValue(), 4.1688091093345111e-05, "p-value");
    LogRank.Group treated = result.groups().get(0);
    LogRank.Group placebo = result.groups().get(1);
    assertThat(treated.label()).as("first group label").isEqualTo("A");
    assertThat(treated.subjects()).as("treated subjects").isEqualTo(21);
    assertThat(treated.observedEvents()).as("treated events").isEqualTo(9.0);
    assertThat(placebo.observedEvents()).as("placebo events").isEqualTo(21.0);
    assertNear(treated.expectedEvents(), 19.25050094803113, "treated expected events");
    assertNear(placebo.expectedEvents(), 10.74949905196887, "placebo expected events");
  }

  @Test
  void smallGroupsWithTiesAndCensoringAtEventTimes() {
    // python3 -c "from lifelines.statistics import logrank_test;
    //   r=logrank_test([1,2,3,3],[2,3,4,5],[1,0,1,1],[1,1,0,1]); print(r.test_statistic, r.p_value)"
    LogRank.Result result =
        LogRank.twoGroups(new double[] {1, 2, 3, 3}, events(1, 0, 1, 1), new double[] {2, 3, 4, 5}, events(1, 1, 0, 1));
    assertNear(result.chiSquare(), 0.88827882549534509, "chi-square");
    assertNear(result.pValue(), 0.34594415639995058, "p-value");
  }

  @Test
  void threeGroupsMatchLifelinesMultivariateLogrankTest() {
    // python3 -c "from lifelines.statistics import multivariate_logrank_test
    //   t=[3,5,7,2,18,16,2,9,16,5, 1,4,4,6,8,9,12,15,20,22, 10,11,14,17,19,25,30,31,33,40]
    //   e=[1,1,1,1,0,1,1,1,0,1, 1,0,1,1,1,0,1,1,0,1, 1,0,1,0,1,0,1,0,0,1]
    //   g=['low']*10+['mid']*10+['high']*10
    //   r=multivariate_logrank_test(t,g,e); print(r.test_statistic, r.p_value, r.degrees_of_freedom)"
    double[] t = {3, 5, 7, 2, 18, 16, 2, 9, 16, 5, 1, 4, 4, 6, 8, 9, 12, 15, 20, 22, 10, 11, 14, 17, 19, 25, 30, 31, 33, 40};
    boolean[] e = events(1, 1, 1, 1, 0, 1, 1, 1, 0, 1, 1, 0, 1, 1, 1, 0, 1, 1, 0, 1, 1, 0, 1, 0, 1, 0, 1, 0, 0, 1);
    String[] g = new String[30];
    for (int i = 0; i < 30; i++) {
      g[i] = i < 10 ? "low" : i < 20 ? "mid" : "high";
    }
    LogRank.Result result = LogRank.test(t, e, g);
    assertNear(result.chiSquare(), 9.3240759791305159, "chi-square");
    assertThat(result.degreesOfFreedom()).as("df").isEqualTo(2);
    assertNear(result.pValue(), 0.0094471894957769992, "p-value");
    assertThat(result.groups()).extracting(LogRank.Group::label).as("labels sorted").containsExactly("high", "low", "mid");
    double observedMinusExpected = result.groups().stream().mapToDouble(x -> x.observedEvents() - x.expectedEvents()).sum();
    assertThat(observedMinusExpected).as("O - E sums to zero over groups").isCloseTo(0.0, within(1e-9));
  }

  @Test
  void heavilyTiedFormulaDataMatchesLifelines() {
    // 300 subjects, 3 groups g_i = 11 i mod 3, t_i = (37 i mod 50) + 1 (+5 in group g1), event unless 7 i mod 5 == 0.
    // python3 -c "
    // from lifelines.statistics import multivariate_logrank_test
    // t=[(i*37)%50+1 for i in range(300)]; e=[(i*7)%5!=0 for i in range(300)]; g=['g%d'%((i*11)%3) for i in range(300)]
    // print(multivariate_logrank_test(t,g,e).test_statistic)
    // t2=[x+(5 if gg=='g1' else 0) for x,gg in zip(t,g)]; r=multivariate_logrank_test(t2,g,e)
    // print(r.test_statistic, r.p_value)"  -> 0.0, then 10.102885055635054 0.006400094469810718
    double[] t = new double[300];
    double[] shifted = new double[300];
    boolean[] e = new boolean[300];
    String[] g = new String[300];
    for (int i = 0; i < 300; i++) {
      t[i] = (i * 37) % 50 + 1;
      e[i] = (i * 7) % 5 != 0;
      g[i] = "g" + (i * 11) % 3;
      shifted[i] = t[i] + (g[i].equals("g1") ? 5 : 0);
    }
    assertThat(LogRank.test(t, e, g).chiSquare()).as("groups with identical data").isCloseTo(0.0, within(1e-9));
    LogRank.Result result = LogRank.test(shifted, e, g);
    assertNear(result.chiSquare(), 10.102885055635054, "chi-square, g1 shifted");
    assertNear(result.pValue(), 0.006400094469810718, "p-value, g1 shifted");
    assertThat(result.degreesOfFreedom()).as("df").isEqualTo(2);
  }

  @Test
  void identicalGroupsGiveZero() {
    // python3 -c "from lifelines.statistics import logrank_test;
    //   r=logrank_test([1,2,3],[1,2,3],[1,1,0],[1,1,0]); print(r.test_statistic, r.p_value)" -> 0 1
    LogRank.Result result = LogRank.twoGroups(new double[] {1, 2, 3}, events(1, 1, 0), new double[] {1, 2, 3}, events(1, 1, 0));
    assertThat(result.chiSquare()).as("chi-square").isCloseTo(0.0, within(1e-12));
    assertThat(result.pValue()).as("p-value").isCloseTo(1.0, within(1e-9));
  }

  @Test
  void noEventsGivesNoEvidence() {
    LogRank.Result result = LogRank.twoGroups(new double[] {1, 2}, events(0, 0), new double[] {3}, events(0));
    assertThat(result.chiSquare()).as("chi-square without events").isEqualTo(0.0);
    assertThat(result.pValue()).as("p-value without events").isEqualTo(1.0);
  }

  @Test
  void needsTwoGroups() {
    assertThatThrownBy(() -> LogRank.test(new double[] {1, 2}, events(1, 1), new String[] {"a", "a"}))
        .as("one group")
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("at least two groups");
  }
}
