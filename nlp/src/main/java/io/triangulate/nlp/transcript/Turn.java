package io.triangulate.nlp.transcript;

/**
 * One speaker turn.
 *
 * @param index 0-based position among the transcript's turns
 * @param speakerLabel the label as written (e.g. {@code Interviewer 1}); empty for text before the first label
 * @param role decided by the label
 * @param text the turn's text; continuation lines joined with {@code \n} (captions: cues joined with a space)
 * @param offsetSeconds when the turn starts in the recording (the first cue's start time); null for
 *     plain-text transcripts, which carry no times
 */
public record Turn(int index, String speakerLabel, Role role, String text, Double offsetSeconds) {

  /** A turn without a time, as plain-text transcripts give. */
  public Turn(int index, String speakerLabel, Role role, String text) {
    this(index, speakerLabel, role, text, null);
  }
}
