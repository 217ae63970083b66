package io.triangulate.nlp.transcript;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.triangulate.nlp.UserError;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class TranscriptParserTest {
  private static final String DOC_EXAMPLE =
      """
      ---
      interview_id: INT-07
      date: 2026-05-14
      customer_id: C004211        # consented, pseudonymous; optional
      persona: lapsed runner
      language: en
      ---
      Interviewer: How did you first hear about us?
      Respondent: I saw an ad on Instagram and ordered the watch the same evening.
      """;

  @Test
  void readsFrontMatterAndTurns() {
    Transcript t = TranscriptParser.parse("landing/interviews/2026-05-15/x.txt", utf8(DOC_EXAMPLE));
    assertThat(t.interviewId()).isEqualTo("INT-07");
    assertThat(t.interviewDate()).isEqualTo(LocalDate.of(2026, 5, 14));
    assertThat(t.customerId()).isEqualTo("C004211");
    assertThat(t.persona()).isEqualTo("lapsed runner");
    assertThat(t.language()).isEqualTo("en");
    assertThat(t.isSupportedLanguage()).isTrue();
    assertThat(t.turns())
        .containsExactly(
            new Turn(0, "Interviewer", Role.INTERVIEWER, "How did you first hear about us?"),
            new Turn(1, "Respondent", Role.RESPONDENT,
                "I saw an ad on Instagram and ordered the watch the same evening."));
  }

  @Test
  void withoutFrontMatterTheIdIsTheFileNameAndLanguageIsDetected() {
    String text =
        """
        Interviewer1 : So how did you use the watch?
        **Interviewee:** I wore it every day for a while, and then I just stopped
        because the battery was not good enough for my runs.
        INTERVIEWER 2: Thanks.
        interviewee1 : You are welcome, it was a pleasure to talk about it with you.
        """;
    Transcript t = TranscriptParser.parse("/lake/landing/interviews/2026-05-15/Interview 7.txt", utf8(text));
    assertThat(t.interviewId()).isEqualTo("Interview 7");
    assertThat(t.interviewDate()).isNull();
    assertThat(t.customerId()).isNull();
    assertThat(t.language()).isEqualTo("en");
    assertThat(t.turns()).extracting(Turn::role)
        .containsExactly(Role.INTERVIEWER, Role.RESPONDENT, Role.INTERVIEWER, Role.RESPONDENT);
    assertThat(t.turns().get(1).text())
        .as("continuation line joins the turn")
        .isEqualTo("I wore it every day for a while, and then I just stopped\n"
            + "because the battery was not good enough for my runs.");
    assertThat(t.turns().get(0).speakerLabel()).isEqualTo("Interviewer 1");
  }

  @Test
  void colonInsideATurnDoesNotStartATurnButRecurringNameLabelsDo() {
    String text =
        """
        Interviewer: What happened?
        Respondent: Two things.
        Basically: it broke.
        Sarah: I was there too, it broke on the first day.
        Interviewer: And then?
        Sarah: Then we sent it back.
        """;
    Transcript t = TranscriptParser.parse("t.txt", utf8(text));
    assertThat(t.turns()).extracting(Turn::speakerLabel)
        .containsExactly("Interviewer", "Respondent", "Sarah", "Interviewer", "Sarah");
    assertThat(t.turns().get(1).text()).isEqualTo("Two things.\nBasically: it broke.");
    assertThat(t.turns().get(2).role()).isEqualTo(Role.UNKNOWN);
  }

  @Test
  void configurableLabels() {
    SpeakerLabels labels = new SpeakerLabels(Set.of("Host"), Set.of("Guest"));
    Transcript t = TranscriptParser.parse("t.txt", utf8("Host: hi there\nGuest: hello to you\n"), labels);
    assertThat(t.turns()).extracting(Turn::role).containsExactly(Role.INTERVIEWER, Role.RESPONDENT);
  }

  @Test
  void decodesBomUtf16AndWindows1252() {
    String text = "Interviewer: Caf\u00e9?\nRespondent: The caf\u00e9 was na\u00efve \u2013 I loved it.\n";
    byte[] bom = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};
    byte[] utf8 = utf8(text);
    byte[] withBom = new byte[bom.length + utf8.length];
    System.arraycopy(bom, 0, withBom, 0, 3);
    System.arraycopy(utf8, 0, withBom, 3, utf8.length);
    for (byte[] bytes :
        List.of(withBom, text.getBytes(Charset.forName("windows-1252")), utf16(text, true), utf16(text, false))) {
      Transcript t = TranscriptParser.parse("t.txt", bytes);
      assertThat(t.turns().get(0).speakerLabel()).as("BOM stripped").isEqualTo("Interviewer");
      assertThat(t.turns().get(1).text()).isEqualTo("The caf\u00e9 was na\u00efve \u2013 I loved it.");
    }
  }

  @Test
  void decodesUtf16WithoutBomAndLatin1() {
    String text = "Interviewer: Caf\u00e9?\nRespondent: The caf\u00e9 was na\u00efve, I loved it.\n";
    for (byte[] bytes : List.of(text.getBytes(StandardCharsets.UTF_16LE), text.getBytes(StandardCharsets.UTF_16BE),
        text.getBytes(StandardCharsets.ISO_8859_1))) {
      Transcript t = TranscriptParser.parse("t.txt", bytes);
      assertThat(t.turns()).as("turns of %d bytes", bytes.length).hasSize(2);
      assertThat(t.turns().get(1).text()).isEqualTo("The caf\u00e9 was na\u00efve, I loved it.");
    }
  }

  @Test
  void aMegabyteSingleLineIsAnErrorNamingFileAndLine() {
    String oneLine = "Interviewer: How was it? Respondent: " + "It was fine and I liked it. ".repeat(40_000);
    assertThat(oneLine.length()).as("fixture").isGreaterThan(1_000_000);
    assertThatThrownBy(() -> TranscriptParser.parse("one-line.txt", utf8("---\ninterview_id: X\n---\n" + oneLine)))
        .isInstanceOf(UserError.class)
        .hasMessageContaining("one-line.txt, line 4")
        .hasMessageContaining("line too long")
        .hasMessageContaining("1,120,037 characters")
        .hasMessageContaining("line break before each speaker label");
    String longButFine = "Interviewer: Hi\nRespondent: " + "word ".repeat(19_000) + "\n";
    assertThat(TranscriptParser.parse("long.txt", utf8(longButFine)).turns()).hasSize(2);
  }

  @Test
  void frenchIsDetectedAndUnsupported() {
    String text =
        "Interviewer: Alors, comment est-ce que vous avez utilis\u00e9 la montre?\n"
            + "Respondent: Je l'ai port\u00e9e tous les jours, mais la batterie ne tenait pas et donc"
            + " je ne la porte plus. C'est dommage parce que le design est bien.\n";
    Transcript t = TranscriptParser.parse("t.txt", utf8(text));
    assertThat(t.language()).isEqualTo("fr");
    assertThat(t.isSupportedLanguage()).isFalse();
  }

  @Test
  void errorsNameTheFile() {
    assertThatThrownBy(() -> TranscriptParser.parse("empty.txt", new byte[0]))
        .isInstanceOf(UserError.class).hasMessageContaining("empty.txt").hasMessageContaining("empty");
    assertThatThrownBy(() -> TranscriptParser.parse("blank.txt", utf8("  \n\n ")))
        .isInstanceOf(UserError.class).hasMessageContaining("blank.txt");
    assertThatThrownBy(() -> TranscriptParser.parse("photo.jpg", new byte[] {(byte) 0xFF, (byte) 0xD8, 0, 1, 2}))
        .isInstanceOf(UserError.class).hasMessageContaining("photo.jpg").hasMessageContaining("binary");
    byte[] binary = new byte[64]; // NULs at even and odd offsets: not UTF-16
    for (int i = 0; i < binary.length; i++) {
      binary[i] = (byte) (i % 3 == 0 ? 0 : 'a' + i % 26);
    }
    assertThatThrownBy(() -> TranscriptParser.parse("blob.bin", binary))
        .isInstanceOf(UserError.class).hasMessageContaining("blob.bin").hasMessageContaining("binary");
    assertThatThrownBy(() -> TranscriptParser.parse("notes.txt", utf8("\nJust some notes\nwithout speakers\n")))
        .isInstanceOf(UserError.class)
        .hasMessageContaining("notes.txt, line 2")
        .hasMessageContaining("no speaker labels");
    assertThatThrownBy(() -> TranscriptParser.parse("d.txt", utf8("---\ndate: 14/05/2026\n---\nQ: hi\nA: hello\n")))
        .isInstanceOf(UserError.class)
        .hasMessageContaining("d.txt, line 2, field date");
    assertThatThrownBy(() -> TranscriptParser.parse("open.txt", utf8("---\ninterview_id: X\nQ: hi\n")))
        .isInstanceOf(UserError.class)
        .hasMessageContaining("open.txt, line 1")
        .hasMessageContaining("not closed");
  }

  private static byte[] utf8(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  private static byte[] utf16(String text, boolean bigEndian) {
    byte[] body = text.getBytes(bigEndian ? StandardCharsets.UTF_16BE : StandardCharsets.UTF_16LE);
    byte[] out = new byte[body.length + 2];
    out[0] = (byte) (bigEndian ? 0xFE : 0xFF);
    out[1] = (byte) (bigEndian ? 0xFF : 0xFE);
    System.arraycopy(body, 0, out, 2, body.length);
    return out;
  }
}
