package io.triangulate.nlp.eval;

import static org.assertj.core.api.Assertions.assertThat;

import io.triangulate.nlp.codebook.Codebook;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** The wearable codebook and sentiment with the CoreNLP models; the real-data slice skips without the data. */
@Tag("models")
class WearableCodingModelsTest {
  private static final Codebook BOOK = Codebook.fromResource(EvalCoding.WEARABLE_CODEBOOK);

  @Test
  void codesAspectsAndScoresSentimentOfMatchedSentencesOnly() {
    AspectCoder coder = new AspectCoder(BOOK, true);
    Map<String, Integer> aspects = coder.code(
        "The battery lasts a whole week and I love it. The weather was nice yesterday. "
            + "I never had a problem syncing with my phone. The screen is terrible and impossible to read in sunlight.");
    assertThat(aspects.keySet()).as("negated 'problem syncing' is still about syncing")
        .containsExactlyInAnyOrder("Battery Life", "Syncing", "Screen");
    assertThat(coder.codedSentences()).as("the weather sentence matches nothing").isEqualTo(3);
    assertThat(coder.sentimentSentences()).as("only matched sentences are parsed").isEqualTo(3);
    assertThat(aspects.get("Battery Life")).as("love it").isGreaterThanOrEqualTo(3);
    assertThat(aspects.get("Screen")).as("terrible").isLessThanOrEqualTo(1);
  }

  @Test
  void generalPhrasingsOfAspects() {
    AspectCoder coder = new AspectCoder(BOOK, false);
    assertThat(coder.code("It counts my steps and tracks my sleep.").keySet())
        .containsExactlyInAnyOrder("Step Counter", "Sleep Tracker");
    assertThat(coder.code("Way too expensive for what it does.").keySet()).containsExactly("Price");
    assertThat(coder.code("I pay with Fitbit Pay at the store.").keySet()).as("Fitbit Pay is not the price").doesNotContain("Price");
    assertThat(coder.code("The mobile app is great.").keySet()).as("mobile app, not app").containsExactly("Mobile App");
    assertThat(coder.code("I wear it in the shower and in the pool.").keySet())
        .containsExactlyInAnyOrder("Waterproof", "Swimproof + Swim tracking");
    assertThat(coder.code("It buzzes when a text message comes in.").keySet()).containsExactly("Notifications");
    assertThat(coder.code("").keySet()).isEmpty();
  }

  @Test
  void sliceOfTheRealHumanCoding() {
    String configured = System.getProperty("triangulate.shared.data");
    Path dir = Path.of(configured != null ? configured : "../../shared/data", "wearable_reviews");
    Assumptions.assumeTrue(Files.isRegularFile(dir.resolve(WearableReviews.CLAUSES_FILE)),
        "shared data absent: " + dir.toAbsolutePath());
    List<HumanClause> all = WearableReviews.load(dir);
    assertThat(all).as("README: 5,798 coded clauses").hasSize(5798);
    // The file is sorted by aspect: slice by review (the first 60 ids) so the slice mixes aspects.
    List<HumanClause> slice = all.stream().filter(c -> c.reviewId().compareTo("R00882") < 0).toList();
    assertThat(slice).as("a small slice").hasSize(216);

    // Sentiment on every 20th review only: the parser is what makes this slow.
    EvalCoding.Report report = EvalCoding.run(slice, BOOK, 20);
    CodingEvaluation.Result r = report.aspects();
    Map<String, Map<String, Integer>> human = AspectCoder.humanCoding(slice);
    for (CodingEvaluation.AspectScore a : r.aspects()) {
      long reviewsWithAspect = human.values().stream().filter(m -> m.containsKey(a.aspect())).count();
      assertThat((long) a.support()).as("TP + FN = reviews people coded with %s", a.aspect()).isEqualTo(reviewsWithAspect);
    }
    assertThat(r.macroF1()).as("the codebook is far better than chance on real reviews").isGreaterThan(0.6);
    CodingEvaluation.SentimentAgreement s = report.sentiment().sentiment();
    assertThat(s.pairs()).isPositive();
    assertThat(s.exact()).isLessThanOrEqualTo(s.withinOne());
    assertThat(s.kappa()).isBetween(-1.0, 1.0);
    assertThat(report.sampleReviews()).as("every 20th of the slice's reviews").isEqualTo((r.reviews() + 19) / 20);
    assertThat(report.sentimentSentences()).isLessThanOrEqualTo(report.codedSentences());
    assertThat(report.markdown()).contains("| Alarm |").contains("macro F1").contains("Cohen's kappa");
  }
}
