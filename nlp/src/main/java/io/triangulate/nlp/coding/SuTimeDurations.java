package io.triangulate.nlp.coding;

import edu.stanford.nlp.ling.CoreAnnotations;
import edu.stanford.nlp.pipeline.Annotation;
import edu.stanford.nlp.time.TimeAnnotations;
import edu.stanford.nlp.time.TimeAnnotator;
import edu.stanford.nlp.time.Timex;
import edu.stanford.nlp.util.CoreMap;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Durations normalised by CoreNLP's SUTime ("after about five months" → {@code P5M} → 150 days),
 * with {@link Durations}' regular expressions as the fallback when SUTime finds no duration of
 * known length ("a few weeks" is {@code PXW} to SUTime) or fails. Used only on sentences that
 * matched a theme. SUTime runs on the lemma pipeline's tokens and tags: one POS tagger per JVM.
 *
 * <p>Months count 30 days and years 365, as in {@link Durations}. The span keeps a preposition the
 * regex would keep ("after", "within"), so quotes read the same whichever found it.
 */
public final class SuTimeDurations {
  private static final Pattern PERIOD =
      Pattern.compile("P(?:(\\d+(?:\\.\\d+)?)Y)?(?:(\\d+(?:\\.\\d+)?)M)?(?:(\\d+(?:\\.\\d+)?)W)?(?:(\\d+(?:\\.\\d+)?)D)?");
  private static final Pattern LEADING =
      Pattern.compile("(?i)((?:after|within|for|in|over|about|around|nearly|almost|roughly|approximately|only|just"
          + "|under|less than|more than|at least|barely|maybe|like)\\s+)+$");

  /**
   * A duration of known length names a unit; a sentence without any of these stems cannot hold one,
   * so SUTime (a pass of token-sequence rules) is skipped there. A prefilter: false hits only cost time.
   */
  private static final Pattern UNIT = Pattern.compile(
      "(?i)sec|min|hour|hr|day|night|week|fortnight|month|year|yr|decade|centur|millenni|quarter|season|semester");

  private SuTimeDurations() {}

  /**
   * SUTime alone, built once per JVM (its rules take a moment to compile). It runs on sentences the
   * shared lemma pipeline ({@link CoreNlpPipelines#lemmas()}) already tokenized and tagged, so no
   * second tokenizer or POS tagger is loaded.
   */
  private static final class Holder {
    static final TimeAnnotator SUTIME = build();

    private static TimeAnnotator build() {
      Properties props = new Properties();
      // No holiday binders (jollyday): durations need none, and they slow loading.
      props.setProperty("sutime.binders", "0");
      props.setProperty("sutime.markTimeRanges", "false");
      props.setProperty("sutime.includeRange", "false");
      return new TimeAnnotator("sutime", props);
    }
  }

  /** The first duration of known length in {@code text}: SUTime's, else the regex's. */
  public static Optional<Duration> find(String text) {
    if (text == null || text.isBlank()) {
      return Optional.empty();
    }
    try {
      Optional<Duration> found = suTime(text);
      if (found.isPresent()) {
        return found;
      }
    } catch (RuntimeException e) {
      // SUTime trips over rare inputs; the regex still gives an answer.
    }
    return Durations.find(text);
  }

  /**
   * The first duration of known length in an already annotated sentence (tokens with POS tags, as
   * the lemma pipeline leaves them): SUTime's, else the regex's. Offsets are relative to the sentence.
   *
   * @param documentText the text the sentence's character offsets refer to (the turn)
   */
  public static Optional<Duration> find(CoreMap sentence, String documentText) {
    int begin = sentence.get(CoreAnnotations.CharacterOffsetBeginAnnotation.class);
    int end = sentence.get(CoreAnnotations.CharacterOffsetEndAnnotation.class);
    String text = documentText.substring(begin, end);
    if (!UNIT.matcher(text).find()) {
      return Durations.find(text);
    }
    try {
      Optional<Duration> found = suTime(sentence, documentText);
      if (found.isPresent()) {
        return found;
      }
    } catch (RuntimeException e) {
      // SUTime trips over rare inputs; the regex still gives an answer.
    }
    return Durations.find(text);
  }

  /** SUTime only, on a text the shared lemma pipeline annotates first. */
  static Optional<Duration> suTime(String text) {
    Annotation doc = new Annotation(text);
    CoreNlpPipelines.lemmas().annotate(doc);
    for (CoreMap sentence : doc.get(CoreAnnotations.SentencesAnnotation.class)) {
      Optional<Duration> found = suTime(sentence, text);
      if (found.isPresent()) {
        int offset = sentence.get(CoreAnnotations.CharacterOffsetBeginAnnotation.class);
        Duration d = found.get();
        return Optional.of(new Duration(d.text(), d.days(), d.begin() + offset, d.end() + offset));
      }
    }
    return Optional.empty();
  }

  /** SUTime only: the first DURATION with a definite ISO period; offsets relative to the sentence. */
  private static Optional<Duration> suTime(CoreMap sentence, String documentText) {
    int sentenceBegin = sentence.get(CoreAnnotations.CharacterOffsetBeginAnnotation.class);
    int sentenceEnd = sentence.get(CoreAnnotations.CharacterOffsetEndAnnotation.class);
    String text = documentText.substring(sentenceBegin, sentenceEnd);
    Annotation one = new Annotation(documentText);
    one.set(CoreAnnotations.TokensAnnotation.class, sentence.get(CoreAnnotations.TokensAnnotation.class));
    one.set(CoreAnnotations.SentencesAnnotation.class, List.of(sentence));
    Holder.SUTIME.annotate(one);
    List<CoreMap> timexes = one.get(TimeAnnotations.TimexAnnotations.class);
    if (timexes == null) {
      return Optional.empty();
    }
    for (CoreMap t : timexes) {
      Timex timex = t.get(TimeAnnotations.TimexAnnotation.class);
      if (timex == null || !"DURATION".equals(timex.timexType())) {
        continue;
      }
      Integer days = days(timex.value());
      if (days == null) {
        continue;
      }
      int begin = t.get(CoreAnnotations.CharacterOffsetBeginAnnotation.class) - sentenceBegin;
      int end = t.get(CoreAnnotations.CharacterOffsetEndAnnotation.class) - sentenceBegin;
      Matcher lead = LEADING.matcher(text.substring(0, begin));
      if (lead.find()) {
        begin = lead.start();
      }
      return Optional.of(new Duration(text.substring(begin, end).strip(), days, begin, end));
    }
    return Optional.empty();
  }

  /** {@code P5M} → 150, {@code P1Y6M} → 545, {@code P2W} → 14; null for unknown lengths ({@code PXM}) and times ({@code PT5H}). */
  static Integer days(String period) {
    if (period == null) {
      return null;
    }
    Matcher m = PERIOD.matcher(period);
    if (!m.matches() || period.equals("P")) {
      return null;
    }
    double days = value(m.group(1)) * 365 + value(m.group(2)) * 30 + value(m.group(3)) * 7 + value(m.group(4));
    return days <= 0 ? null : (int) Math.round(days);
  }

  private static double value(String group) {
    return group == null ? 0 : Double.parseDouble(group);
  }
}
