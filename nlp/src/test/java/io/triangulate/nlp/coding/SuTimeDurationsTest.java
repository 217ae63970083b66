package io.triangulate.nlp.coding;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("models")
class SuTimeDurationsTest {
  @Test
  void isoPeriodsToDays() {
    assertThat(SuTimeDurations.days("P5M")).isEqualTo(150);
    assertThat(SuTimeDurations.days("P1Y6M")).isEqualTo(545);
    assertThat(SuTimeDurations.days("P2W")).isEqualTo(14);
    assertThat(SuTimeDurations.days("P10D")).isEqualTo(10);
    assertThat(SuTimeDurations.days("PXM")).as("unknown length").isNull();
    assertThat(SuTimeDurations.days("PT5H")).as("hours are not days").isNull();
    assertThat(SuTimeDurations.days("P")).isNull();
  }

  @Test
  void suTimeNormalisesSpokenDurations() {
    Duration d = SuTimeDurations.suTime("I stopped using the watch after about five months.").orElseThrow();
    assertThat(d.days()).as("P5M").isEqualTo(150);
    assertThat(d.text()).as("span keeps the preposition").startsWith("after").endsWith("months");
    assertThat(SuTimeDurations.suTime("it lasted eighteen months").orElseThrow().days()).as("P18M").isEqualTo(540);
    assertThat(SuTimeDurations.find("It took two weeks to arrive.").orElseThrow().days()).isEqualTo(14);
  }

  @Test
  void coderUsesSuTimeOnThemeSentences() {
    var coded = new SegmentCoder(io.triangulate.nlp.codebook.Codebook.defaultCustomerJourney())
        .codeText("I stopped using the watch after about five months.");
    assertThat(coded).hasSize(1);
    assertThat(coded.get(0).themeIds()).as("a theme matched").isNotEmpty();
    assertThat(coded.get(0).durationDays()).isEqualTo(150);
    assertThat(coded.get(0).durationText()).isEqualTo("after about five months");
  }

  @Test
  void oneTaggerServesCodingSuTimeAndSentiment() {
    var coded = new SegmentCoder(io.triangulate.nlp.codebook.Codebook.defaultCustomerJourney(), true)
        .codeText("Then the app crashed. I stopped using the watch after about five months.");
    assertThat(coded).extracting(CodedSentence::durationDays).as("durations on the coder's own tokens").contains(150);
    assertThat(coded.get(coded.size() - 1).durationText()).as("sentence-relative span").isEqualTo("after about five months");
    assertThat(coded).extracting(CodedSentence::sentiment).doesNotContainNull();
    assertThat(SuTimeDurations.find("It took two weeks to arrive.").orElseThrow().days()).isEqualTo(14);
    assertThat(CoreNlpPipelines.posPipelinesBuilt())
        .as("lemma pipeline, SUTime and sentiment share one POS tagger in this JVM")
        .isEqualTo(1);
  }

  @Test
  void unitsWithoutAQuantityAreNoDuration() {
    var coder = new SegmentCoder(io.triangulate.nlp.codebook.Codebook.defaultCustomerJourney());
    var allDay = coder.codeText("I stopped using the watch because I could not wear it all day.");
    assertThat(allDay).as("a theme matched").isNotEmpty();
    assertThat(allDay.get(0).durationDays()).as("SUTime alone reads \"all day\" as P1D; not a duration here").isNull();
    var glued = coder.codeText("I stopped using the watch after 3months.");
    assertThat(glued.get(0).durationDays()).as("\"3months\": SUTime still runs, the regex alone misses it").isEqualTo(90);
  }

  @Test
  void onlyDurationsOverlappingTheQuantifiedUnitCount() {
    var coder = new SegmentCoder(io.triangulate.nlp.codebook.Codebook.defaultCustomerJourney());
    var cut = coder.codeText("I stopped using the watch: the warranty ended last month (after only 6 months).");
    assertThat(cut.get(0).durationDays()).as("\"month\" of \"last month\" lies in the window but is no duration").isEqualTo(180);
    var two = coder.codeText("I stopped using the app in the last week, or rather the last two weeks.");
    assertThat(two.get(0).durationDays()).isEqualTo(14);
  }

  @Test
  void regexIsTheFallback() {
    assertThat(SuTimeDurations.find("for a couple of weeks it was fine").orElseThrow().days()).isEqualTo(14);
    assertThat(SuTimeDurations.find("I have five watches")).isEmpty();
    assertThat(SuTimeDurations.find(null)).isEmpty();
  }
}
