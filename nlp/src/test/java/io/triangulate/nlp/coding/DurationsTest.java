package io.triangulate.nlp.coding;

import static org.assertj.core.api.Assertions.assertThat;

import edu.stanford.nlp.ling.CoreLabel;
import edu.stanford.nlp.process.CoreLabelTokenFactory;
import edu.stanford.nlp.process.PTBTokenizer;
import java.io.StringReader;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class DurationsTest {
  @Test
  void convertsSpokenDurationsToDays() {
    assertDays("I stopped using the watch after about five months.", "after about five months", 150);
    assertDays("Most people quit within six months", "within six months", 180);
    assertDays("it took two weeks to arrive", "two weeks", 14);
    assertDays("I wore it for a year", "for a year", 365);
    assertDays("after 3 months it broke", "after 3 months", 90);
    assertDays("for a couple of weeks it was fine", "for a couple of weeks", 14);
    assertDays("Ten days later", "Ten days", 10);
    assertDays("maybe half a year", "maybe half a year", 182);
  }

  @Test
  void findsNothingWithoutAUnitAndAllInOrder() {
    assertThat(Durations.find("I have five watches and a strap")).isEmpty();
    assertThat(Durations.find(null)).isEmpty();
    assertThat(Durations.findAll("two weeks in, then 2 years later"))
        .extracting(Duration::days)
        .containsExactly(14, 730);
  }

  private static void assertDays(String text, String span, int days) {
    Duration d = Durations.find(text).orElseThrow(() -> new AssertionError("no duration in " + text));
    assertThat(d.text()).as("span of '%s'", text).isEqualTo(span);
    assertThat(d.days()).as("days of '%s'", text).isEqualTo(days);
    assertThat(text.substring(d.begin(), d.end())).isEqualTo(span);
  }

  @Test
  void suTimeRunsOnlyWhereAQuantityNamesAUnit() {
    assertThat(SuTimeDurations.mayHoldDuration("I stopped after about five months")).isTrue();
    assertThat(SuTimeDurations.mayHoldDuration("for a couple of weeks")).isTrue();
    assertThat(SuTimeDurations.mayHoldDuration("it came with 3months premium")).isTrue();
    assertThat(SuTimeDurations.mayHoldDuration("after the 1+ month I used it")).isTrue();
    assertThat(SuTimeDurations.mayHoldDuration("an 18-month contract")).isTrue();
    assertThat(SuTimeDurations.mayHoldDuration("a year and a half")).isTrue();
    assertThat(SuTimeDurations.mayHoldDuration("it lasted 11 mos")).as("abbreviated unit").isTrue();
    assertThat(SuTimeDurations.mayHoldDuration("fine for about 6 wks")).as("abbreviated unit").isTrue();
    assertThat(SuTimeDurations.mayHoldDuration("I wear it all day")).as("no quantity").isFalse();
    assertThat(SuTimeDurations.mayHoldDuration("a present for Mother's Day")).as("unit too far from the quantity").isFalse();
    assertThat(SuTimeDurations.mayHoldDuration("three reminders, a minimal design")).as("stems inside other words").isFalse();
    assertThat(SuTimeDurations.mayHoldDuration("every weekend")).isFalse();
  }

  @Test
  void suTimeSeesOnlyWindowsAroundQuantifiedUnits() {
    String prefix = "Earlier turn. ";
    String sentence = "The app was fine and the band was fine and the screen was fine but after about five months "
        + "it died, then the replacement worked for a long while and then two weeks and three days later it died too.";
    List<String> windows = windows(prefix + sentence, prefix.length());
    assertThat(windows)
        .as("4 tokens before and 3 after each quantified unit; overlapping runs merged; offsets of the whole turn")
        .containsExactly("fine but after about five months it died ,", "long while and then two weeks and three days later it died");
    assertThat(windows("I wear it all day and night.", 0)).as("no quantity, no window").isEmpty();
  }

  /** Token windows of {@code text} from {@code begin} on, tokenized as the lemma pipeline does (no models needed). */
  private static List<String> windows(String text, int begin) {
    List<CoreLabel> tokens = new PTBTokenizer<>(new StringReader(text), new CoreLabelTokenFactory(), "").tokenize();
    List<CoreLabel> sentence = tokens.stream().filter(t -> t.beginPosition() >= begin).collect(Collectors.toList());
    return SuTimeDurations.windows(sentence, text.substring(begin), begin).stream()
        .map(w -> w.tokens().stream().map(CoreLabel::word).collect(Collectors.joining(" ")))
        .collect(Collectors.toList());
  }
}
