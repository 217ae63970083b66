package io.triangulate.nlp.transcript;

/**
 * One speaker turn.
 *
 * @param index 0-based position among the transcript's turns
 * @param speakerLabel the label as written (e.g. {@code Interviewer 1}); empty for text before the first label
 * @param role decided by the label
 * @param text the turn's text; continuation lines joined with {@code \n}
 */
public record Turn(int index, String speakerLabel, Role role, String text) {}
