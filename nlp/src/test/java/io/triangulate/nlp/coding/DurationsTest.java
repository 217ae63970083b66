package io.triangulate.nlp.coding;

import static org.assertj.core.api.Assertions.assertThat;

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
}
