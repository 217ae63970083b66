package io.triangulate.nlp.coding;

import java.util.List;
import java.util.stream.Stream;

/**
 * A respondent sentence that matched at least one code (assigned or negated) or states a need.
 *
 * @param turnIndex index of the respondent turn in the transcript
 * @param sentenceIndex 0-based sentence index within the turn
 * @param charBegin offset of the sentence in the turn text
 * @param charEnd offset just after the sentence
 * @param quote the sentence, PII-redacted
 * @param question the preceding interviewer turn, PII-redacted; null when there is none
 * @param themeIds assigned theme codes
 * @param phaseIds assigned phase codes
 * @param touchpointIds assigned touchpoint codes
 * @param actionIds assigned action codes (the codebook's names for what the customer did)
 * @param needIds assigned need codes (categories of what the customer wanted)
 * @param emotionIds assigned emotion codes (the codebook's emotion lexicon)
 * @param negatedCodeIds codes whose every match was negated ("I never had a problem with the app")
 * @param isNegated whether any code was negated
 * @param durationText first duration in the sentence ("after about five months"), or null
 * @param durationDays that duration in days, or null
 * @param confidence 1.0 when every assigned code matched contiguously, 0.8 when one needed gaps
 * @param action what the customer did, from the parts of speech: the lemma of the first verb after
 *     "I"/"we" with its particle, verb complement and noun object ("return watch", "not finish
 *     setup", "give up"); null when the sentence has no first-person verb
 * @param need the words after a need cue ("I wish the battery lasted longer" → "the battery lasted
 *     longer"), PII-redacted; null when the sentence states no need
 * @param emotion the first assigned emotion code in codebook order, or null
 * @param sentiment CoreNLP's sentiment class 0 (very negative) – 4 (very positive); null when the
 *     coder runs without sentiment or the sentence is too long to parse
 */
public record CodedSentence(
    int turnIndex,
    int sentenceIndex,
    int charBegin,
    int charEnd,
    String quote,
    String question,
    List<String> themeIds,
    List<String> phaseIds,
    List<String> touchpointIds,
    List<String> actionIds,
    List<String> needIds,
    List<String> emotionIds,
    List<String> negatedCodeIds,
    boolean isNegated,
    String durationText,
    Integer durationDays,
    double confidence,
    String action,
    String need,
    String emotion,
    Integer sentiment) {

  public CodedSentence {
    themeIds = List.copyOf(themeIds);
    phaseIds = List.copyOf(phaseIds);
    touchpointIds = List.copyOf(touchpointIds);
    actionIds = List.copyOf(actionIds);
    needIds = List.copyOf(needIds);
    emotionIds = List.copyOf(emotionIds);
    negatedCodeIds = List.copyOf(negatedCodeIds);
  }

  /** Every assigned (not negated) code id. */
  public List<String> codeIds() {
    return Stream.of(themeIds, phaseIds, touchpointIds, actionIds, needIds, emotionIds)
        .flatMap(List::stream)
        .toList();
  }
}
