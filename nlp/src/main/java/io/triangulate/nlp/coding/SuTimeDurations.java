package io.triangulate.nlp.coding;

import edu.stanford.nlp.ling.CoreAnnotations;
import edu.stanford.nlp.pipeline.Annotation;
import edu.stanford.nlp.pipeline.AnnotationPipeline;
import edu.stanford.nlp.pipeline.POSTaggerAnnotator;
import edu.stanford.nlp.pipeline.TokenizerAnnotator;
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
 * matched a theme: SUTime costs a POS tagger run per sentence.
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

  private SuTimeDurations() {}

  /** The pipeline is built once per JVM (the SUTime rules take a moment to compile). */
  private static final class Holder {
    static final AnnotationPipeline PIPELINE = build();

    private static AnnotationPipeline build() {
      Properties props = new Properties();
      // No holiday binders (jollyday): durations need none, and they slow loading.
      props.setProperty("sutime.binders", "0");
      props.setProperty("sutime.markTimeRanges", "false");
      props.setProperty("sutime.includeRange", "false");
      AnnotationPipeline pipeline = new AnnotationPipeline();
      // Since CoreNLP 4.5 the tokenizer also splits sentences; a separate splitter would log an error.
      pipeline.addAnnotator(new TokenizerAnnotator(false, "en"));
      pipeline.addAnnotator(new POSTaggerAnnotator(false));
      pipeline.addAnnotator(new TimeAnnotator("sutime", props));
      return pipeline;
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

  /** SUTime only: the first DURATION with a definite ISO period. */
  static Optional<Duration> suTime(String text) {
    Annotation doc = new Annotation(text);
    Holder.PIPELINE.annotate(doc);
    List<CoreMap> timexes = doc.get(TimeAnnotations.TimexAnnotations.class);
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
      int begin = t.get(CoreAnnotations.CharacterOffsetBeginAnnotation.class);
      int end = t.get(CoreAnnotations.CharacterOffsetEndAnnotation.class);
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
