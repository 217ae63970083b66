package io.triangulate.nlp.transcript;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.triangulate.nlp.UserError;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import org.junit.jupiter.api.Test;

class CaptionParserTest {
  /** Teams style: voice tags, cue identifiers, a NOTE, markup, and times past the first hour. */
  private static final String VTT =
      """
      WEBVTT
      Kind: captions

      NOTE exported by a meeting tool

      a1b2-1
      00:59:58.000 --> 01:00:01.500
      <v Interviewer>How did you set up the watch?</v>

      a1b2-2
      01:00:02.000 --> 01:00:05.250
      <v Respondent>It took forever to pair,
      <i>honestly</i>.</v>

      01:00:05.500 --> 01:00:07.000 align:start
      <v Respondent>So I gave up &amp; returned it.</v>

      01:00:08.000 --> 01:00:09.000
      <v.loud Interviewer>Thanks.</v><v Respondent>You are welcome.</v>
      """;

  /** Zoom style: "Name: " prefixes in SRT text; a cue without a prefix continues the speaker. */
  private static final String SRT =
      """
      1
      00:00:01,000 --> 00:00:03,000
      Interviewer: What made you cancel?

      2
      00:00:03,500 --> 00:00:06,000
      Respondent: The price went up

      3
      00:00:06,000 --> 00:00:08,000
      and nobody told me.

      4
      02:15:00,000 --> 02:15:02,000
      Interviewer: Anything else?
      """;

  @Test
  void webVttVoicesBecomeTurnsWithStartTimes() {
    Transcript t = TranscriptParser.parse("landing/interviews/2026-05-15/INT-09.vtt", utf8(VTT));
    assertThat(t.interviewId()).isEqualTo("INT-09");
    assertThat(t.language()).isEqualTo("en");
    assertThat(t.turns())
        .as("consecutive respondent cues merged; the two-voice cue split; markup and entities removed")
        .containsExactly(
            new Turn(0, "Interviewer", Role.INTERVIEWER, "How did you set up the watch?", 3598.0),
            new Turn(1, "Respondent", Role.RESPONDENT,
                "It took forever to pair, honestly. So I gave up & returned it.", 3602.0),
            new Turn(2, "Interviewer", Role.INTERVIEWER, "Thanks.", 3608.0),
            new Turn(3, "Respondent", Role.RESPONDENT, "You are welcome.", 3608.0));
  }

  @Test
  void srtNamePrefixesAndContinuationCues() {
    Transcript t = TranscriptParser.parse("call.srt", utf8(SRT));
    assertThat(t.turns())
        .containsExactly(
            new Turn(0, "Interviewer", Role.INTERVIEWER, "What made you cancel?", 1.0),
            new Turn(1, "Respondent", Role.RESPONDENT, "The price went up and nobody told me.", 3.5),
            new Turn(2, "Interviewer", Role.INTERVIEWER, "Anything else?", 8100.0));
    assertThat(t.respondentTurns()).hasSize(1);
  }

  @Test
  void formatIsSniffedWhenTheExtensionSaysNothing() {
    assertThat(CaptionParser.formatOf("x.txt", VTT)).isEqualTo(CaptionParser.Format.WEBVTT);
    assertThat(CaptionParser.formatOf("x.txt", SRT)).isEqualTo(CaptionParser.Format.SRT);
    assertThat(CaptionParser.formatOf("x.txt", "Interviewer: hi\nRespondent: 10:00 is fine\n")).isNull();
    assertThat(TranscriptParser.parse("x.txt", utf8(SRT)).turns().get(2).offsetSeconds())
        .as("SRT content in a .txt file is read as captions").isEqualTo(8100.0);
    assertThat(TranscriptParser.parse("x.txt", utf8("Interviewer: hi\nRespondent: hello\n")).turns().get(1).offsetSeconds())
        .as("plain transcripts carry no times").isNull();
  }

  @Test
  void realNamesNeedConfiguredLabelsAndRecurringNamesCount() {
    String vtt =
        """
        WEBVTT

        00:00:01.000 --> 00:00:02.000
        Anna Berg: Why did you stop?

        00:00:02.000 --> 00:00:04.000
        Tom Lee: Basically: the battery died.

        00:00:04.000 --> 00:00:05.000
        Anna Berg: I see.

        00:00:05.000 --> 00:00:06.000
        Tom Lee: Yes.
        """;
    Transcript unknown = TranscriptParser.parse("names.vtt", utf8(vtt));
    assertThat(unknown.turns()).extracting(Turn::role).containsOnly(Role.UNKNOWN);
    assertThat(unknown.turns().get(1).text()).as("'Basically:' is text, not a speaker").isEqualTo("Basically: the battery died.");
    Transcript named =
        TranscriptParser.parse("names.vtt", utf8(vtt), new SpeakerLabels(Set.of("Anna Berg"), Set.of("Tom Lee")));
    assertThat(named.turns()).extracting(Turn::role)
        .containsExactly(Role.INTERVIEWER, Role.RESPONDENT, Role.INTERVIEWER, Role.RESPONDENT);
  }

  @Test
  void malformedTimestampNamesFileAndLine() {
    String bad = "1\n00:00:01,000 --> 00:00:03,000\nInterviewer: hi\n\n2\n00:00:04 --> 00:00:05,000\nRespondent: hello\n";
    assertThatThrownBy(() -> TranscriptParser.parse("bad.srt", utf8(bad)))
        .isInstanceOf(UserError.class)
        .hasMessageContaining("bad.srt, line 6")
        .hasMessageContaining("malformed timestamp line")
        .hasMessageContaining("00:00:04 --> 00:00:05,000");
    String backwards = "WEBVTT\n\n00:00:05.000 --> 00:00:01.000\n<v Respondent>hi\n";
    assertThatThrownBy(() -> TranscriptParser.parse("back.vtt", utf8(backwards)))
        .isInstanceOf(UserError.class).hasMessageContaining("back.vtt, line 3").hasMessageContaining("ends before it starts");
    String noTiming = "WEBVTT\n\nsome words\nmore words\n";
    assertThatThrownBy(() -> TranscriptParser.parse("words.vtt", utf8(noTiming)))
        .isInstanceOf(UserError.class).hasMessageContaining("words.vtt, line 4").hasMessageContaining("without a timing line");
  }

  @Test
  void noCuesOrNoSpeakersIsAUserError() {
    assertThatThrownBy(() -> TranscriptParser.parse("empty.vtt", utf8("WEBVTT\n\nNOTE nothing here\n")))
        .isInstanceOf(UserError.class).hasMessageContaining("empty.vtt, line 1").hasMessageContaining("no caption cues");
    assertThatThrownBy(() -> TranscriptParser.parse("anon.srt", utf8("1\n00:00:01,000 --> 00:00:02,000\nhello there\n")))
        .isInstanceOf(UserError.class).hasMessageContaining("anon.srt, line 3").hasMessageContaining("no speakers");
  }

  private static byte[] utf8(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }
}
