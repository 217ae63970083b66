package io.triangulate.nlp.coding;

import static org.assertj.core.api.Assertions.assertThat;

import io.triangulate.nlp.codebook.Codebook;
import io.triangulate.nlp.transcript.Transcript;
import io.triangulate.nlp.transcript.TranscriptParser;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

@Tag("models")
class SegmentCoderTest {
  private static SegmentCoder coder;

  @BeforeAll
  static void load() {
    coder = new SegmentCoder(Codebook.defaultCustomerJourney());
  }

  /** Codes one respondent sentence and returns its assigned and negated code ids. */
  private static CodedSentence codeOne(String sentence) {
    List<CodedSentence> coded = coder.code(transcript("Interviewer: Tell me more.\nRespondent: " + sentence + "\n"));
    assertThat(coded).as("coded sentences of '%s'", sentence).hasSizeLessThanOrEqualTo(1);
    return coded.isEmpty() ? null : coded.get(0);
  }

  private static Transcript transcript(String text) {
    return TranscriptParser.parse("t.txt", text.getBytes(StandardCharsets.UTF_8));
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(
      delimiter = '|',
      value = {
        "I stopped using the watch after about five months.|product_abandonment",
        "It's been sitting in a drawer ever since.|product_abandonment",
        "Honestly I gave up on it.|product_abandonment",
        "I don't wear it anymore.|product_abandonment",
        "I quit using it after a few weeks.|product_abandonment",
        "I no longer use it.|product_abandonment",
        "I barely use it these days.|product_abandonment",
        "Setting it up was confusing.|setup_onboarding",
        "I never managed to finish the setup.|setup_onboarding",
        "Pairing it with my phone took forever.|setup_onboarding",
        "The setup process was a nightmare.|setup_onboarding",
        "It was really hard to set up.|setup_onboarding",
        "It was too expensive.|price_value",
        "The subscription price went up.|price_value",
        "It's not worth the money.|price_value",
        "I couldn't justify the cost.|price_value",
        "I cancelled my subscription.|exit",
        "I canceled my account last spring.|exit",
        "In the end I decided to leave.|exit",
        "I closed my account.|exit",
        "I switched to another brand.|competitor_switch",
        "I moved to a competitor.|competitor_switch",
        "I saw an ad on Instagram.|social_media",
        "I saw an ad on Instagram.|advertising",
        "My feed on Facebook was full of it.|social_media",
        "It was all over TikTok.|social_media",
        "I found it through social media.|social_media",
        "There was a commercial on TV.|advertising",
        "The support team was really helpful.|customer_service_positive",
        "Support never called me back.|customer_service_negative",
        "I waited an hour on the phone.|customer_service_negative",
        "I waited an hour on the phone.|phone",
        "I use it every day.|usage",
        "I wear it daily.|usage",
        "I recommended it to my sister.|recommendation",
        "I couldn't find the size guide on the website.|website_navigation",
        "I couldn't find the size guide on the website.|website",
        "I bought it in March.|purchase",
        "I ordered the watch online.|purchase",
        "I ordered the watch online.|device",
        "The app kept crashing.|app",
        "The app kept crashing.|usage_difficulty",
        "The package never arrived.|delivery_problem",
        "The strap broke after two weeks.|product_quality",
        "I wish it had a better screen.|unmet_need",
        "I don't trust them with my health data.|trust_privacy",
      })
  void codesCustomerLanguage(String sentence, String code) {
    CodedSentence coded = codeOne(sentence);
    assertThat(coded).as("'%s' is coded", sentence).isNotNull();
    assertThat(coded.codeIds()).as("codes of '%s'", sentence).contains(code);
    assertThat(coded.negatedCodeIds()).as("negated codes of '%s'", sentence).doesNotContain(code);
  }

  @ParameterizedTest(name = "{0} -> not {1}")
  @CsvSource(
      delimiter = '|',
      value = {
        "I never had a problem with the app.|usage_difficulty",
        "I haven't stopped using it.|product_abandonment",
        "I never had a problem with the setup.|setup_onboarding",
        "No issues at all with setting it up.|setup_onboarding",
        "It wasn't too expensive.|price_value",
        "I would not recommend it.|recommendation",
      })
  void negatedCodesAreNotAssigned(String sentence, String code) {
    CodedSentence coded = codeOne(sentence);
    assertThat(coded).as("'%s' is coded", sentence).isNotNull();
    assertThat(coded.codeIds()).as("codes of '%s'", sentence).doesNotContain(code);
    assertThat(coded.negatedCodeIds()).as("negated codes of '%s'", sentence).contains(code);
    assertThat(coded.isNegated()).isTrue();
  }

  @Test
  void aDeniedProblemStillMentionsItsTouchpoint() {
    CodedSentence coded = codeOne("I never had a problem with the app.");
    assertThat(coded.touchpointIds()).containsExactly("app");
    assertThat(coded.negatedCodeIds()).containsExactly("usage_difficulty");
    assertThat(codeOne("I never used the app.").negatedCodeIds()).contains("app");
  }

  @Test
  void confidenceDropsWhenAPatternNeedsGaps() {
    assertThat(codeOne("It was too expensive.").confidence()).isEqualTo(1.0);
    assertThat(codeOne("Setting it up was confusing.").confidence()).isEqualTo(0.8);
  }

  @Test
  void noNegationAcrossAClause() {
    CodedSentence coded = codeOne("No, I stopped using it.");
    assertThat(coded.themeIds()).contains("product_abandonment");
    assertThat(coded.isNegated()).isFalse();
  }

  @Test
  void excludePatternsVeto() {
    CodedSentence coded = codeOne("I used the app store to download it.");
    assertThat(coded.touchpointIds()).contains("app").doesNotContain("store");
  }

  @Test
  void codesOnlyRespondentSentencesWithOffsetsQuestionDurationAndRedaction() {
    String text =
        """
        ---
        interview_id: INT-01
        ---
        Interviewer: Did you stop using the watch? My e-mail is anna@example.com.
        Respondent: Yes. My name is Laura Smith and I stopped using the watch after about five months.
        It was too expensive anyway.
        Interviewer: Anything else?
        Respondent: Not really, the weather was nice.
        """;
    List<CodedSentence> coded = coder.code(transcript(text));
    assertThat(coded).extracting(CodedSentence::turnIndex, CodedSentence::sentenceIndex)
        .containsExactly(org.assertj.core.groups.Tuple.tuple(1, 1), org.assertj.core.groups.Tuple.tuple(1, 2));
    CodedSentence first = coded.get(0);
    assertThat(first.quote())
        .isEqualTo("My name is [NAME] and I stopped using the watch after about five months.");
    assertThat(first.question()).isEqualTo("Did you stop using the watch? My e-mail is [EMAIL].");
    assertThat(first.themeIds()).containsExactly("product_abandonment");
    assertThat(first.phaseIds()).contains("usage");
    assertThat(first.touchpointIds()).containsExactly("device");
    assertThat(first.durationText()).isEqualTo("after about five months");
    assertThat(first.durationDays()).isEqualTo(150);
    assertThat(first.confidence()).isEqualTo(1.0);
    String turnText = transcript(text).turns().get(1).text();
    assertThat(turnText.substring(first.charBegin(), first.charEnd()))
        .startsWith("My name is Laura Smith").endsWith("five months.");
    assertThat(coded.get(1).themeIds()).containsExactly("price_value");
    assertThat(coded.get(1).durationDays()).isNull();
  }

  @Test
  void unsupportedLanguageIsNotCodedAndPipelinesAreShared() {
    Transcript french = transcript("Q: Pourquoi?\nR: Je ne la porte plus, c'est trop cher et la batterie est nulle.\n");
    assertThat(french.isSupportedLanguage()).isFalse();
    assertThat(coder.code(french)).isEmpty();
    assertThat(CoreNlpPipelines.get(CoreNlpPipelines.defaultProperties())).isSameAs(CoreNlpPipelines.lemmas());
  }
}
