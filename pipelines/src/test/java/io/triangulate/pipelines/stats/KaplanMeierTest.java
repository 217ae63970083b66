package io.triangulate.pipelines.stats;

import static io.triangulate.pipelines.stats.Near.assertNear;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class KaplanMeierTest {

  // Reference: lifelines 0.30.3 (S, 95% log-log interval) and statsmodels 0.15.0 (Greenwood variance
  // = surv_prob_se**2, carried over censor-only times; statsmodels gives NaN where S reaches 0, we
  // and lifelines' cumulative term use 0). Rows "time S variance lower upper" printed by
  // python3 -c "
  // import numpy as np
  // from lifelines import KaplanMeierFitter
  // from statsmodels.duration.survfunc import SurvfuncRight
  // t,e = <times>, <events>   # as in each test
  // kmf=KaplanMeierFitter().fit(t,e); ts=sorted(set(t))
  // s=kmf.survival_function_.loc[ts].values[:,0]; ci=kmf.confidence_interval_.loc[ts].values
  // sf=SurvfuncRight(np.array(t,float),np.array(e,float)); se=dict(zip(sf.surv_times,sf.surv_prob_se))
  // var=[]; last=0.0
  // for x in ts:
  //   if x in se: last=se[x]**2
  //   var.append(last)
  // print(kmf.median_survival_time_)
  // for x,a,(lo,hi),v in zip(ts,s,ci,var): print('%g %.17g %.17g %.17g %.17g'%(x,a,v,lo,hi))"

  private static final double[] MIXED_TIMES = {1, 2, 2, 3, 4, 4, 4, 5, 6, 7, 8, 8, 9, 10, 12};
  private static final boolean[] MIXED_EVENTS = events(1, 1, 0, 1, 1, 1, 0, 0, 1, 0, 1, 1, 0, 1, 0);

  private static final String[] MIXED = {
        "1 0.93333333333333313 0.0041481481481481482 0.61264124377487272 0.9903322366500168",
        "2 0.8666666666666667 0.0077037037037037048 0.5639120057089515 0.96488449591647152",
        "3 0.79444444444444451 0.011254629629629634 0.4879051957243935 0.92887008878392729",
        "4 0.65000000000000013 0.016069444444444442 0.35127108979292943 0.83746189393647297",
        "5 0.65000000000000013 0.016069444444444442 0.35127108979292943 0.83746189393647297",
        "6 0.55714285714285727 0.019196793002915449 0.2603204160989282 0.77551693390224519",
        "7 0.55714285714285727 0.019196793002915449 0.2603204160989282 0.77551693390224519",
        "8 0.33428571428571441 0.021810437317784249 0.089374476054627922 0.60823385063340873",
        "9 0.33428571428571441 0.021810437317784249 0.089374476054627922 0.60823385063340873",
        "10 0.16714285714285723 0.019420976676384833 0.011564686832273824 0.48793999282996459",
        "12 0.16714285714285723 0.019420976676384833 0.011564686832273824 0.48793999282996459"
  };

  private static final String[] ENDS_IN_EVENT = {
        "1 0.87500000000000011 0.013671875000000003 0.38700001403202483 0.98139296587896607",
        "2 0.72916666666666674 0.027217158564814825 0.27639022033612293 0.92535318125720534",
        "3 0.58333333333333337 0.034432870370370385 0.18018889101282282 0.84406869165745768",
        "4 0.43750000000000011 0.035319010416666671 0.10136993299734215 0.74188577787139287",
        "5 0.29166666666666669 0.029875578703703713 0.042311887960744116 0.61876613588205132",
        "6 0.14583333333333331 0.018102575231481496 0.007263871181734014 0.47111047964446034",
        "9 0 0 0 0"
  };

  private static final String[] MEDIAN_EXACT = {
        "1 0.75000000000000011 0.046874999999999993 0.12794691759514565 0.96054864228507852",
        "2 0.5 0.062500000000000028 0.057847082995144551 0.84486128119037396",
        "3 0.25 0.046875000000000021 0.0089478244166031565 0.66532534278886546",
        "4 0 0 0 0"
  };

  @Test
  void tiesOfEventsAndCensoringMatchLifelines() {
    KaplanMeier km = KaplanMeier.fit(MIXED_TIMES, MIXED_EVENTS);
    assertSteps(km, MIXED, "mixed");
    assertThat(km.median()).as("median (lifelines median_survival_time_)").isEqualTo(8.0);
    Object[] atTwo = {km.steps().get(1).atRisk(), km.steps().get(1).events(), km.steps().get(1).censored()};
    assertThat(atTwo).as("at t=2: 14 at risk, 1 event, 1 censored").containsExactly(14L, 1L, 1L);
  }

  @Test
  void curveThatReachesZero() {
    // t,e = [3,1,4,1,5,9,2,6], [1,1,1,0,1,1,1,1]; lifelines median 4.0
    KaplanMeier km = KaplanMeier.fit(new double[] {3, 1, 4, 1, 5, 9, 2, 6}, events(1, 1, 1, 0, 1, 1, 1, 1));
    assertSteps(km, ENDS_IN_EVENT, "ends in event");
    assertThat(km.median()).as("median").isEqualTo(4.0);
    assertThat(km.survivalAt(100)).as("S after the last event").isEqualTo(0.0);
  }

  @Test
  void medianWhenSurvivalHitsExactlyOneHalf() {
    // t,e = [1,2,3,4], [1,1,1,1]; lifelines median 2.0 (R's survfit would report 2.5)
    KaplanMeier km = KaplanMeier.fit(new double[] {1, 2, 3, 4}, events(1, 1, 1, 1));
    assertSteps(km, MEDIAN_EXACT, "median exact");
    assertThat(km.median()).as("first time with S <= 0.5").isEqualTo(2.0);
  }

  @Test
  void allCensoredStaysAtOne() {
    // t,e = [2,4,6], [0,0,0]; lifelines S = 1 with interval [1, 1] everywhere, median inf
    KaplanMeier km = KaplanMeier.fit(new double[] {2, 4, 6}, events(0, 0, 0));
    for (KaplanMeier.Step step : km.steps()) {
      assertThat(step.survival()).as("S at %s", step.time()).isEqualTo(1.0);
      assertThat(step.interval()).as("interval at %s", step.time()).isEqualTo(new Bounds(1, 1));
    }
    assertThat(km.median()).as("median never reached").isEqualTo(Double.POSITIVE_INFINITY);
  }

  @Test
  void survivalAtIsRightContinuousStepFunction() {
    KaplanMeier km = KaplanMeier.fit(MIXED_TIMES, MIXED_EVENTS);
    // python3 -c "from lifelines import KaplanMeierFitter; kmf=KaplanMeierFitter().fit(t,e);
    //   print(kmf.predict([0.5, 1, 1.5, 3.99, 4, 11, 50]).tolist())" with t,e = MIXED_TIMES, MIXED_EVENTS
    assertThat(km.survivalAt(0.5)).as("before first time").isEqualTo(1.0);
    assertNear(km.survivalAt(1), 0.93333333333333313, "at first event");
    assertNear(km.survivalAt(1.5), 0.93333333333333313, "between events");
    assertNear(km.survivalAt(3.99), 0.79444444444444451, "just before t=4");
    assertNear(km.survivalAt(4), 0.65000000000000013, "at t=4");
    assertNear(km.survivalAt(11), 0.16714285714285723, "after last event");
    assertNear(km.survivalAt(50), 0.16714285714285723, "beyond last time");
    assertThat(km.intervalAt(0.5)).as("interval before first time").isEqualTo(new Bounds(1, 1));
    assertNear(km.intervalAt(8.5).lower(), 0.089374476054627922, "interval between steps");
  }

  @Test
  void otherConfidenceLevel() {
    // python3 -c "from lifelines import KaplanMeierFitter; kmf=KaplanMeierFitter(alpha=0.10).fit(t,e);
    //   print(kmf.confidence_interval_.loc[[3,8]].values.tolist())" with t,e = MIXED_TIMES, MIXED_EVENTS
    KaplanMeier km = KaplanMeier.fit(MIXED_TIMES, MIXED_EVENTS, 0.90);
    assertNear(km.intervalAt(3).lower(), 0.5500726309728156, "90 percent lower at 3");
    assertNear(km.intervalAt(3).upper(), 0.9152192790046344, "90 percent upper at 3");
    assertNear(km.intervalAt(8).lower(), 0.11921781539220709, "90 percent lower at 8");
    assertNear(km.intervalAt(8).upper(), 0.5686155412525319, "90 percent upper at 8");
  }

  @Test
  void heavilyTiedFormulaDataMatchesLifelines() {
    // 300 subjects on 50 integer times, every time shared by 6: t_i = (37 i mod 50) + 1, event unless 7 i mod 5 == 0.
    // python3 -c "
    // from lifelines import KaplanMeierFitter
    // t=[(i*37)%50+1 for i in range(300)]; e=[(i*7)%5!=0 for i in range(300)]
    // kmf=KaplanMeierFitter().fit(t,e)
    // for x in [1,10,25,40,50]: print(x, kmf.predict(x), *kmf.confidence_interval_.loc[x].values)
    // print(kmf.median_survival_time_)"
    double[] t = new double[300];
    boolean[] e = new boolean[300];
    for (int i = 0; i < 300; i++) {
      t[i] = (i * 37) % 50 + 1;
      e[i] = (i * 7) % 5 != 0;
    }
    KaplanMeier km = KaplanMeier.fit(t, e);
    double[][] expected = {
      {1, 1.0, 1.0, 1.0},
      {10, 0.8348794063079782, 0.786938064561053, 0.8729070574919762},
      {25, 0.5699168985173043, 0.5092199676132446, 0.6259751778068975},
      {40, 0.2678180914085075, 0.213857706665356, 0.32456462313485646},
      {50, 0.0, 0.0, 0.0}
    };
    for (double[] row : expected) {
      assertNear(km.survivalAt(row[0]), row[1], "S at " + row[0]);
      assertNear(km.intervalAt(row[0]).lower(), row[2], "lower at " + row[0]);
      assertNear(km.intervalAt(row[0]).upper(), row[3], "upper at " + row[0]);
    }
    assertThat(km.median()).as("median").isEqualTo(29.0);
  }

  @Test
  void rejectsBadInput() {
    assertThatThrownBy(() -> KaplanMeier.fit(new double[] {1, 2}, new boolean[] {true}))
        .as("length mismatch")
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> KaplanMeier.fit(new double[] {1, Double.NaN}, new boolean[] {true, false}))
        .as("NaN time")
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("index 1");
  }

  private static void assertSteps(KaplanMeier km, String[] expectedRows, String data) {
    List<KaplanMeier.Step> steps = km.steps();
    assertThat(steps).as("one step per distinct time, " + data).hasSize(expectedRows.length);
    for (int i = 0; i < expectedRows.length; i++) {
      String[] f = expectedRows[i].split(" ");
      KaplanMeier.Step step = steps.get(i);
      String where = data + " at t=" + f[0];
      assertThat(step.time()).as("time, " + where).isEqualTo(Double.parseDouble(f[0]));
      assertNear(step.survival(), Double.parseDouble(f[1]), "S, " + where);
      assertNear(step.greenwoodVariance(), Double.parseDouble(f[2]), "Greenwood variance, " + where);
      assertNear(step.interval().lower(), Double.parseDouble(f[3]), "lower, " + where);
      assertNear(step.interval().upper(), Double.parseDouble(f[4]), "upper, " + where);
    }
  }

  static boolean[] events(int... flags) {
    boolean[] out = new boolean[flags.length];
    for (int i = 0; i < flags.length; i++) {
      out[i] = flags[i] == 1;
    }
    return out;
  }
}
