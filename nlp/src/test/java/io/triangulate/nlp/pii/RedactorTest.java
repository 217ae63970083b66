package io.triangulate.nlp.pii;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RedactorTest {
  @Test
  void redactsEmailsAndPhones() {
    assertThat(Redactor.redact("Write to jane.doe+watch@example.co.uk or call +44 20 7946 0958."))
        .isEqualTo("Write to [EMAIL] or call [PHONE].");
    assertThat(Redactor.redact("My number is (555) 123-4567, or 555.987.6543 at work, or 0612345678"))
        .isEqualTo("My number is [PHONE], or [PHONE] at work, or [PHONE]");
  }

  @Test
  void keepsNumbersThatAreNotPhones() {
    String text = "I paid 249 dollars on 2026-05-14 and walked 10,000 steps in 3 months, 12 km.";
    assertThat(Redactor.redact(text)).isEqualTo(text);
  }

  @Test
  void redactsStreetAddresses() {
    assertThat(Redactor.redact("They sent it to 12 Baker Street instead of 221B Baker St. by mistake"))
        .isEqualTo("They sent it to [ADDRESS] instead of [ADDRESS] by mistake");
    assertThat(Redactor.redact("I live at 4 Elm Park Road, London")).isEqualTo("I live at [ADDRESS], London");
  }

  @Test
  void redactsNamesAfterCues() {
    assertThat(Redactor.redact("Hi, my name is Sarah Connor and I'm Sarah to friends."))
        .isEqualTo("Hi, my name is [NAME] and I'm [NAME] to friends.");
    assertThat(Redactor.redact("I spoke to Mr. Patel and then Dr Jones."))
        .isEqualTo("I spoke to Mr. [NAME] and then Dr [NAME].");
    assertThat(Redactor.redact("I recommended it to my sister Anna and my colleague Tom O'Brien."))
        .isEqualTo("I recommended it to my sister [NAME] and my colleague [NAME].");
  }

  @Test
  void leavesOrdinaryCapitalisedWordsAlone() {
    String text = "I'm not sure. I'm English. I recommended it to my sister. I saw it on Instagram.";
    assertThat(Redactor.redact(text)).isEqualTo(text);
    assertThat(Redactor.redact(null)).isNull();
  }
}
