package io.triangulate.nlp.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.triangulate.nlp.UserError;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Metric code against numbers computed by hand on a tiny constructed coding; no models, no data. */
class CodingEvaluationTest {
  private static Map<String, Integer> coding(Object... aspectAndSentiment) {
    Map<String, Integer> m = new LinkedHashMap<>();
    for (int i = 0; i < aspectAndSentiment.length; i += 2) {
      m.put((String) aspectAndSentiment[i], (Integer) aspectAndSentiment[i + 1]);
    }
    return m;
  }

  @Test
  void scoresATinyCodingAsComputedByHand() {
    // r1: A agreed (3 vs 3), B extra. r2: A missed, B found (0 vs 2). r3: B agreed (4 vs 4). r4: A extra, no sentiment.
    Map<String, Map<String, Integer>> human = new LinkedHashMap<>();
    human.put("r1", coding("A", 3));
    human.put("r2", coding("A", 1, "B", 0));
    human.put("r3", coding("B", 4));
    human.put("r4", coding());
    Map<String, Map<String, Integer>> machine = new HashMap<>();
    machine.put("r1", coding("A", 3, "B", 1));
    machine.put("r2", coding("B", 2));
    machine.put("r3", coding("B", 4));
    machine.put("r4", coding("A", null));
    machine.put("not-in-human", coding("A", 2)); // ignored: the human coding defines the reviews

    CodingEvaluation.Result r = CodingEvaluation.evaluate(List.of("A", "B"), human, machine);

    CodingEvaluation.AspectScore a = r.aspects().get(0);
    CodingEvaluation.AspectScore b = r.aspects().get(1);
    assertThat(List.of(a.truePositives(), a.falsePositives(), a.falseNegatives())).as("A: r1 TP, r4 FP, r2 FN").containsExactly(1, 1, 1);
    assertThat(a.precision()).isEqualTo(0.5);
    assertThat(a.recall()).isEqualTo(0.5);
    assertThat(a.f1()).isEqualTo(0.5);
    assertThat(List.of(b.truePositives(), b.falsePositives(), b.falseNegatives())).as("B: r2,r3 TP, r1 FP").containsExactly(2, 1, 0);
    assertThat(b.precision()).isCloseTo(2.0 / 3, within(1e-12));
    assertThat(b.recall()).isEqualTo(1.0);
    assertThat(b.f1()).as("2*2/(4+1)").isCloseTo(0.8, within(1e-12));
    assertThat(r.macroF1()).as("(0.5 + 0.8) / 2").isCloseTo(0.65, within(1e-12));
    assertThat(r.microF1()).as("2*3/(6+2+1)").isCloseTo(6.0 / 9, within(1e-12));
    assertThat(r.reviews()).isEqualTo(4);

    CodingEvaluation.SentimentAgreement s = r.sentiment();
    assertThat(s.pairs()).as("(3,3), (0,2), (4,4); r4 has no sentiment").isEqualTo(3);
    assertThat(s.exact()).isEqualTo(2);
    assertThat(s.withinOne()).as("0 vs 2 is two apart").isEqualTo(2);
    // po = 2/3; pe = (1*1 [class 3] + 1*1 [class 4]) / 9 = 2/9; kappa = (2/3 - 2/9) / (1 - 2/9) = 4/7
    assertThat(s.kappa()).isCloseTo(4.0 / 7, within(1e-12));
    assertThat(s.confusion()[0][2]).isEqualTo(1);
  }

  @Test
  void kappaOfTextbookTable() {
    int[][] confusion = new int[5][5];
    confusion[0][0] = 20;
    confusion[0][1] = 5;
    confusion[1][0] = 10;
    confusion[1][1] = 15;
    CodingEvaluation.SentimentAgreement s = CodingEvaluation.agreement(confusion);
    // po = 35/50 = 0.7; pe = (25*30 + 25*20) / 2500 = 0.5; kappa = 0.2 / 0.5 = 0.4
    assertThat(s.kappa()).isCloseTo(0.4, within(1e-12));
    assertThat(s.exactRate()).isCloseTo(0.7, within(1e-12));
    assertThat(s.withinOneRate()).as("every pair is at most one class apart").isEqualTo(1.0);
  }

  @Test
  void kappaIsZeroWhenBothUseOneClassAndNothingWasCompared() {
    int[][] one = new int[5][5];
    one[2][2] = 7;
    assertThat(CodingEvaluation.agreement(one).kappa()).isZero();
    assertThat(CodingEvaluation.agreement(new int[5][5]).pairs()).isZero();
  }

  @Test
  void humanCodingRoundsMeanSentimentPerAspectAndDropsNone() {
    String csv = "review_id,clause_no,clause,aspect,sentiment,filter\n"
        + "R1,1,\"battery dies fast,\nreally\",Battery Life,1,No\n"
        + "R1,2,battery fine,Battery Life,2,No\n"
        + "R1,3,\"he said \"\"wow\"\"\",None,4,No\n"
        + "R2,1,nothing here,None,2,No\n";
    List<HumanClause> clauses = WearableReviews.parse(csv, "test.csv");
    assertThat(clauses).hasSize(4);
    assertThat(clauses.get(0).clause()).as("quoted line break kept").isEqualTo("battery dies fast,\nreally");
    assertThat(clauses.get(2).clause()).isEqualTo("he said \"wow\"");
    Map<String, Map<String, Integer>> human = AspectCoder.humanCoding(clauses);
    assertThat(human.get("R1")).as("mean 1.5 rounds to 2; None dropped").containsExactly(Map.entry("Battery Life", 2));
    assertThat(human.get("R2")).as("a review with only None is a review without aspects").isEmpty();
  }

  @Test
  void badSentimentNamesTheLine() {
    String csv = "review_id,clause_no,clause,aspect,sentiment\nR1,1,ok,App,2\nR1,2,bad,App,7\n";
    assertThatThrownBy(() -> WearableReviews.parse(csv, "c.csv"))
        .isInstanceOf(UserError.class)
        .hasMessageContaining("c.csv, line 3, field sentiment")
        .hasMessageContaining("7");
  }
}
