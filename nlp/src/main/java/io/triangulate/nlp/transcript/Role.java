package io.triangulate.nlp.transcript;

/** Who speaks a turn. Only {@link #RESPONDENT} turns are coded. */
public enum Role {
  INTERVIEWER,
  RESPONDENT,
  /** A label that is neither an interviewer nor a respondent label, or text before the first label. */
  UNKNOWN
}
