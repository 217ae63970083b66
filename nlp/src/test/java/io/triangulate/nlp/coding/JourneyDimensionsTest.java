package io.triangulate.nlp.coding;

import static org.assertj.core.api.Assertions.assertThat;

import io.triangulate.nlp.codebook.Codebook;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Action, need and emotion of single respondent sentences, checked by hand. */
@Tag("models")
class JourneyDimensionsTest {
  private static SegmentCoder coder;

  @BeforeAll
  static void load() {
    coder = new SegmentCoder(Codebook.defaultCustomerJourney());
  }

  private static CodedSentence one(String sentence) {
    List<CodedSentence> coded = coder.codeText(sentence);
    assertThat(coded).as("coded sentences of '%s'", sentence).hasSize(1);
    return coded.get(0);
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(
      delimiter = '|',
      value = {
        "I returned the watch after two weeks.|return watch",
        "I stopped using it after about five months.|stop use",
        "Honestly I gave up on it.|give up",
        "I never finished the setup.|not finish setup",
        "We cancelled the fitness plan in March.|cancel fitness plan",
        "I ordered the watch from the website.|order watch",
        "I think I called support twice.|call support",
        "I have been using the app every day.|use app",
        "I decided to leave in the end.|decide leave",
      })
  void actionIsTheFirstPersonVerbWithItsObject(String sentence, String action) {
    assertThat(one(sentence).action()).as("action of '%s'", sentence).isEqualTo(action);
  }

  @Test
  void statesAndOtherSubjectsAreNoActions() {
    assertThat(one("I was really frustrated with the app.").action()).as("copula").isNull();
    assertThat(one("My wife bought the watch for me.").action()).as("not the customer").isNull();
  }

  @ParameterizedTest(name = "{0} -> {1} / {2}")
  @CsvSource(
      delimiter = '|',
      value = {
        "I wish the battery lasted longer.|the battery lasted longer|battery_endurance",
        "I was looking for something simpler to track my runs.|something simpler to track my runs|simplicity",
        "It would be nice if somebody explained the setup.|somebody explained the setup|guidance",
        "I need it to sync properly with my phone.|it to sync properly with my phone|reliability",
        "I wanted to get fit before the summer.|get fit before the summer|motivation",
      })
  void needIsTheTextAfterTheCueAndItsCategory(String sentence, String need, String category) {
    CodedSentence coded = one(sentence);
    assertThat(coded.need()).as("need of '%s'", sentence).isEqualTo(need);
    assertThat(coded.needIds()).as("need category of '%s'", sentence).containsExactly(category);
  }

  @Test
  void noCueNoNeed() {
    CodedSentence coded = one("The setup was easy and I use the app daily.");
    assertThat(coded.need()).isNull();
    assertThat(coded.needIds()).as("'easy' alone is no need statement").isEmpty();
    assertThat(coder.codeText("I don't need a coach.")).as("a negated cue states no need").isEmpty();
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(
      delimiter = '|',
      value = {
        "I was so frustrated with the app.|frustration",
        "I was worried about my health data.|anxiety",
        "I was relieved when it finally synced.|relief",
        "The instructions left me confused.|confusion",
        "I love the new watch face.|delight",
      })
  void emotionFromTheLexicon(String sentence, String emotion) {
    CodedSentence coded = one(sentence);
    assertThat(coded.emotion()).as("emotion of '%s'", sentence).isEqualTo(emotion);
    assertThat(coded.emotionIds()).contains(emotion);
    assertThat(coded.sentiment()).as("no sentiment unless asked").isNull();
  }

  @Test
  void sentimentOnCodedSentencesReusesTheTaggedTokens() {
    SegmentCoder withSentiment = new SegmentCoder(Codebook.defaultCustomerJourney(), true);
    List<CodedSentence> coded = withSentiment.codeText(
        "I love the new watch face, it is amazing. The app was terrible and I was so frustrated with it.");
    assertThat(coded).hasSize(2);
    assertThat(coded.get(0).sentiment()).as("delight reads positive").isGreaterThanOrEqualTo(3);
    assertThat(coded.get(1).sentiment()).as("frustration reads negative").isLessThanOrEqualTo(1);
    assertThat(coded.get(0).action()).as("'love' is no action").isNull();
  }

  @Test
  void negatedEmotionIsNotAssigned() {
    CodedSentence coded = one("I wasn't worried about my data.");
    assertThat(coded.emotion()).isNull();
    assertThat(coded.negatedCodeIds()).contains("anxiety");
  }
}
