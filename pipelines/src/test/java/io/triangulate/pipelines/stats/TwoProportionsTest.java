package io.triangulate.pipelines.stats;

import static io.triangulate.pipelines.stats.Near.assertNear;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TwoProportionsTest {

  // Reference: SciPy 1.17.1, statsmodels 0.15.0; rows printed by (inf/nan spelled Infinity/NaN):
  // python3 -c "
  // from statsmodels.stats.proportion import proportions_ztest, confint_proportions_2indep as ci2
  // from scipy.stats import fisher_exact
  // cases=[(8,10,1,6),(0,15,3,15),(15,15,10,15),(1,3,2,3),(3,17,120,1000),(40,100,35,100),(0,20,0,30),
  //        (5,5,5,5),(7,15,5,15),(400,1000,90,1000),
  //        (412,1030,2700,9000),(30,60,30,60),(1,50000,10,50000),(12,20,8,20)]
  // for k1,n1,k2,n2 in cases:
  //   z,p2=proportions_ztest([k1,k2],[n1,n2])
  //   _,pg=proportions_ztest([k1,k2],[n1,n2],alternative='larger')
  //   _,pl=proportions_ztest([k1,k2],[n1,n2],alternative='smaller')
  //   t=[[k1,n1-k1],[k2,n2-k2]]
  //   f=fisher_exact(t); fg=fisher_exact(t,alternative='greater').pvalue; fl=fisher_exact(t,alternative='less').pvalue
  //   nl,nu=ci2(k1,n1,k2,n2,method='newcomb',compare='diff'); wl,wu=ci2(k1,n1,k2,n2,method='wald',compare='diff')
  //   rl,ru=ci2(k1,n1,k2,n2,method='log' if k1>0 and k2>0 else 'log-adjusted',compare='ratio')
  //   print(k1,n1,k2,n2,*['%.17g'%v for v in (z,p2,pg,pl,f.statistic,f.pvalue,fg,fl,nl,nu,wl,wu,rl,ru)])"
  @ParameterizedTest(name = "{0}/{1} vs {2}/{3}")
  @CsvSource(
      delimiter = ' ',
      value = {
        "8 10 1 6 2.4722801848029508 0.013425424881491264 0.0067127124407456319 0.99328728755925433 20 0.034965034965034975 0.024475524475524483 0.99912587412587417 0.12986711959896557 0.83133130960241197 0.24553699629861597 1.0211296703680508 0.78097056599857184 29.501752054560971",
        "0 15 3 15 -1.8257418583505538 0.06788915486182899 0.9660554225690855 0.033944577430914495 0 0.22413793103448276 1 0.11206896551724138 -0.45185448715169363 0.041547093199571089 -0.40242420990106564 0.0024242099010656493 0.0080326250193630353 2.5406592759043565",
        "15 15 10 15 2.4494897427831788 0.014305878435429614 0.0071529392177148068 0.99284706078228524 Infinity 0.042145593869731802 0.021072796934865894 1 0.060320334306603773 0.58286452261480237 0.094774114171045698 0.5718925524956211 1.048778631858851 2.1453526336745714",
        "1 3 2 3 -0.81649658092772603 0.41421617824252521 0.79289191087873734 0.20710808912126261 0.25 1 0.94999999999999996 0.50000000000000011 -0.71777511192408394 0.31580068443749126 -1.0877238227174479 0.42105715605078137 0.083547384897823415 2.9923138863741157",
        "3 17 120 1000 0.70808587922364785 0.47889192805820435 0.23944596402910218 0.76055403597089777 1.5714285714285714 0.44866931876469845 0.33897159763370099 0.86045853018780161 -0.060108957070927768 0.29104121606192629 -0.12586241015851693 0.2388035866291052 0.51951434705655342 4.1627912107498481",
        "40 100 35 100 0.73029674334022221 0.46520881845214135 0.23260440922607067 0.76739559077392938 1.2380952380952381 0.5592051222959411 0.27960256114797055 0.80954786662619971 -0.083062821424508132 0.18061819871797272 -0.084010521925500431 0.18401052192550052 0.7980506934569338 1.6366409548769798",
        "0 20 0 30 NaN NaN NaN NaN NaN 1 1 1 -0.1135133931739688 0.16112515805281941 0 0 0.030731931918063057 72.028122444352363",
        "5 5 5 5 NaN NaN NaN NaN NaN 1 1 1 -0.43448246478317476 0.43448246478317476 0 0 1 1",
        "7 15 5 15 0.74535599249993001 0.45605654025025588 0.22802827012512794 0.77197172987487206 1.75 0.71038165127962327 0.35519082563981164 0.86822904337305029 -0.19838828684664606 0.42806643851107951 -0.21401413278714843 0.48068079945381514 0.57082238009646724 3.4336425275910987",
        "400 1000 90 1000 16.117221630465725 1.9309765511125646e-58 9.6548827555628228e-59 1 6.7407407407407405 1.496646477417053e-61 7.483232387085265e-62 1 0.27436822117554982 0.344705559983364 0.27483516537247138 0.34516483462752873 3.5982917558522933 5.4895733197916741",
        "412 1030 2700 9000 6.5717382995103746 4.9731214823313978e-11 2.4865607411656989e-11 0.99999999997513445 1.5555555555555556 1.3641513661607131e-10 7.1810855743731341e-11 0.99999999995431166 0.068998720108086109 0.13165811391782262 0.068619572340582025 0.13138042765941804 1.2293695333646559 1.4460890151655101",
        "30 60 30 60 0 1 0.5 0.5 1 1 0.57238277932767945 0.57238277932767945 -0.17345295059769072 0.17345295059769072 -0.17891941437171574 0.17891941437171574 0.69918575457256738 1.4302350891163811",
        "1 50000 10 50000 -2.7137513616295368 0.0066526076772656468 0.99667369616136714 0.0033263038386328234 0.099981999639992797 0.01171445346876504 0.99951198725903467 0.0058572267343825202 -0.00034895396178536429 -4.942806443522456e-05 -0.00030999736502070741 -5.0002634979292616e-05 0.012801725829854515 0.78114467790579534",
        "12 20 8 20 1.2649110640673513 0.20590321073206852 0.10295160536603426 0.8970483946339658 2.25 0.3430672247521887 0.17153361237609435 0.94358311225845204 -0.10181933608333371 0.45624625933177249 -0.10363631485159852 0.50363631485159843 0.78691266042275299 2.8592753848835422"
      })
  void matchesScipyAndStatsmodels(
      long k1, long n1, long k2, long n2,
      double z, double zTwoSided, double zGreater, double zLess,
      double oddsRatio, double fisherTwoSided, double fisherGreater, double fisherLess,
      double newcombeLo, double newcombeHi, double waldLo, double waldHi,
      double ratioLo, double ratioHi) {
    String table = k1 + "/" + n1 + " vs " + k2 + "/" + n2;
    TwoProportions.ZTest zTest = TwoProportions.zTest(k1, n1, k2, n2);
    if (Double.isNaN(z)) {
      // statsmodels gives NaN when the pooled proportion is 0 or 1; our documented choice is z=0, p=1.
      assertThat(zTest).as("degenerate z test, " + table).isEqualTo(new TwoProportions.ZTest(0, 1, 1, 1));
    } else {
      assertNear(zTest.z(), z, "z, " + table);
      assertNear(zTest.pTwoSided(), zTwoSided, "z two-sided p, " + table);
      assertNear(zTest.pGreater(), zGreater, "z p (p1 > p2), " + table);
      assertNear(zTest.pLess(), zLess, "z p (p1 < p2), " + table);
    }

    TwoProportions.FisherExact fisher = TwoProportions.fisherExact(k1, n1, k2, n2);
    assertNear(fisher.oddsRatio(), oddsRatio, "odds ratio, " + table);
    assertNear(fisher.pTwoSided(), fisherTwoSided, "Fisher two-sided p, " + table);
    assertNear(fisher.pGreater(), fisherGreater, "Fisher greater p, " + table);
    assertNear(fisher.pLess(), fisherLess, "Fisher less p, " + table);

    TwoProportions.RiskDifference diff = TwoProportions.riskDifference(k1, n1, k2, n2, 0.95);
    assertNear(diff.estimate(), (double) k1 / n1 - (double) k2 / n2, "risk difference, " + table);
    assertNear(diff.newcombe().lower(), newcombeLo, "Newcombe lower, " + table);
    assertNear(diff.newcombe().upper(), newcombeHi, "Newcombe upper, " + table);
    assertNear(diff.wald().lower(), waldLo, "Wald lower, " + table);
    assertNear(diff.wald().upper(), waldHi, "Wald upper, " + table);

    TwoProportions.RiskRatio ratio = TwoProportions.riskRatio(k1, n1, k2, n2, 0.95);
    assertThat(ratio.method()).as("risk ratio method, " + table).isEqualTo(k1 > 0 && k2 > 0 ? "log" : "log-adjusted");
    assertNear(ratio.interval().lower(), ratioLo, "risk ratio lower, " + table);
    assertNear(ratio.interval().upper(), ratioHi, "risk ratio upper, " + table);
  }

  @Test
  void riskRatioEstimateIsUnadjusted() {
    assertThat(TwoProportions.riskRatio(3, 10, 1, 10, 0.95).estimate()).as("3/10 over 1/10").isCloseTo(3.0, within(1e-12));
    assertThat(TwoProportions.riskRatio(0, 10, 1, 10, 0.95).estimate()).as("no events in group 1").isEqualTo(0.0);
    assertThat(TwoProportions.riskRatio(2, 10, 0, 10, 0.95).estimate()).as("no events in group 2").isEqualTo(Double.POSITIVE_INFINITY);
    assertThat(TwoProportions.riskRatio(2, 10, 0, 10, 0.95).interval().upper()).as("adjusted upper stays finite").isFinite();
  }

  @Test
  void fisherTwoSidedOnSymmetricTableCountsBothTails() {
    // Margins 10/10 with 10 events: P(X=2) = P(X=8) exactly, so both tails belong to the p-value.
    // python3 -c "from scipy.stats import fisher_exact; print(fisher_exact([[2,8],[8,2]]).pvalue)"
    assertNear(TwoProportions.fisherExact(2, 10, 8, 10).pTwoSided(), 0.023014137565221155, "symmetric table");
  }

  @Test
  void rejectsEmptyGroups() {
    assertThatThrownBy(() -> TwoProportions.zTest(0, 0, 1, 2))
        .as("n1 = 0")
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> TwoProportions.fisherExact(3, 2, 1, 2))
        .as("k1 > n1")
        .isInstanceOf(IllegalArgumentException.class);
  }
}
