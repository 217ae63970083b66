package io.triangulate.nlp.qda;

import io.triangulate.nlp.UserError;
import io.triangulate.nlp.codebook.Code;
import io.triangulate.nlp.codebook.Codebook;
import io.triangulate.nlp.codebook.Dimension;
import io.triangulate.nlp.coding.CodedSentence;
import io.triangulate.nlp.transcript.Transcript;
import io.triangulate.nlp.transcript.Turn;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Turns Triangulate's coded segments into a REFI-QDA project that analysts open in NVivo, ATLAS.ti
 * or MAXQDA (one text source per interview, the codebook's codes under one parent per dimension,
 * one coding per code and segment), and reads codings back.
 *
 * <p>GUIDs are name-based (UUID v3) from the codebook, interview and span, so exporting the same
 * coding twice gives the same file and a re-import can be matched to the export.
 */
public final class QdaExport {
  public static final String AUTO_USER = guid("user", "triangulate");
  public static final String MANUAL_USER = guid("user", "analyst");

  private QdaExport() {}

  /** One interview's plain text as it goes into the project. */
  public record Interview(String interviewId, String text) {}

  /**
   * A code on a span of an interview's text.
   *
   * @param charBegin UTF-16 offset in {@link Interview#text()} (Java string index)
   * @param charEnd offset just after the span
   * @param codeId a code id of the codebook
   * @param isManual set by a person (wins over automatic codes on the same span)
   */
  public record SegmentCode(String interviewId, int charBegin, int charEnd, String codeId, boolean isManual) {}

  /** A transcript's text for the project ("label: text" per turn, blank line between) and its codes. */
  public record TranscriptExport(Interview interview, List<SegmentCode> codes) {}

  /**
   * Lays a transcript out as one text and moves each coded sentence's turn-relative offsets into it.
   * Negated codes are not exported: the sentence denies them.
   */
  public static TranscriptExport fromTranscript(String interviewId, Transcript transcript, List<CodedSentence> coded) {
    StringBuilder text = new StringBuilder();
    Map<Integer, Integer> turnStart = new HashMap<>();
    for (Turn turn : transcript.turns()) {
      if (text.length() > 0) {
        text.append("\n\n");
      }
      if (!turn.speakerLabel().isEmpty()) {
        text.append(turn.speakerLabel()).append(": ");
      }
      turnStart.put(turn.index(), text.length());
      text.append(turn.text());
    }
    List<SegmentCode> codes = new ArrayList<>();
    for (CodedSentence s : coded) {
      int start = turnStart.get(s.turnIndex());
      for (String codeId : s.codeIds()) {
        codes.add(new SegmentCode(interviewId, start + s.charBegin(), start + s.charEnd(), codeId, false));
      }
    }
    return new TranscriptExport(new Interview(interviewId, text.toString()), codes);
  }

  /**
   * The project: {@code manual} codes replace every automatic code on exactly the same span (a person
   * re-coded that segment); automatic codes on other spans stay.
   */
  public static QdaProject project(
      String name, Codebook codebook, List<Interview> interviews, List<SegmentCode> auto, List<SegmentCode> manual) {
    Map<String, Interview> byId = new LinkedHashMap<>();
    interviews.forEach(i -> byId.put(i.interviewId(), i));
    Map<String, String> codeGuids = new HashMap<>();
    List<QdaCode> codes = new ArrayList<>();
    for (Dimension dimension : Dimension.values()) {
      List<Code> ofDimension = codebook.codes().stream().filter(c -> c.dimension() == dimension).toList();
      if (ofDimension.isEmpty()) {
        continue;
      }
      String parent = guid("dimension", codebook.id(), dimension.yamlName());
      codes.add(new QdaCode(parent, dimension.yamlName(), null, null, false));
      for (Code code : ofDimension) {
        String guid = guid("code", codebook.id(), code.id());
        codeGuids.put(code.id(), guid);
        String description = code.description().isEmpty() ? code.label() : code.label() + ": " + code.description();
        codes.add(new QdaCode(guid, code.id(), parent, description, true));
      }
    }
    Map<List<Object>, List<SegmentCode>> spans = new LinkedHashMap<>();
    Set<List<Object>> manualSpans = new LinkedHashSet<>();
    for (SegmentCode m : manual) {
      manualSpans.add(span(m));
    }
    for (SegmentCode c : auto) {
      if (!manualSpans.contains(span(c))) {
        spans.computeIfAbsent(span(c), k -> new ArrayList<>()).add(c);
      }
    }
    for (SegmentCode m : manual) {
      spans.computeIfAbsent(span(m), k -> new ArrayList<>()).add(m);
    }
    List<QdaCoding> codings = new ArrayList<>();
    List<List<SegmentCode>> ordered = new ArrayList<>(spans.values());
    ordered.sort(Comparator.comparing((List<SegmentCode> l) -> l.get(0).interviewId())
        .thenComparingInt(l -> l.get(0).charBegin()).thenComparingInt(l -> l.get(0).charEnd()));
    for (List<SegmentCode> onSpan : ordered) {
      Set<String> seen = new LinkedHashSet<>();
      for (SegmentCode c : onSpan) {
        if (!seen.add(c.codeId())) {
          continue;
        }
        Interview interview = byId.get(c.interviewId());
        String where = "segment " + c.interviewId() + " [" + c.charBegin() + ", " + c.charEnd() + ")";
        if (interview == null) {
          throw UserError.at(where).problem("segment of an unknown interview").expected(byId.keySet().toString())
              .found(c.interviewId()).fix("pass the interview's text along with its codes").build();
        }
        if (c.charBegin() < 0 || c.charEnd() > interview.text().length() || c.charBegin() >= c.charEnd()) {
          throw UserError.at(where).problem("span outside the interview text")
              .expected("0 <= begin < end <= " + interview.text().length()).found(c.charBegin() + ".." + c.charEnd())
              .fix("use offsets into the exported interview text").build();
        }
        String codeGuid = codeGuids.get(c.codeId());
        if (codeGuid == null) {
          throw UserError.at(where).problem("code not in codebook " + codebook.id()).found(c.codeId())
              .fix("use a code id of the codebook").build();
        }
        String sourceGuid = guid("source", c.interviewId());
        String selectionGuid = guid("selection", c.interviewId(), Integer.toString(c.charBegin()), Integer.toString(c.charEnd()));
        String text = interview.text();
        codings.add(new QdaCoding(guid("coding", selectionGuid, c.codeId()), codeGuid, sourceGuid, selectionGuid,
            "PlainTextSelection", text.codePointCount(0, c.charBegin()), text.codePointCount(0, c.charEnd()),
            c.isManual() ? MANUAL_USER : AUTO_USER));
      }
    }
    List<QdaSource> sources = new ArrayList<>();
    for (Interview i : byId.values()) {
      sources.add(new QdaSource(guid("source", i.interviewId()), i.interviewId(), "TextSource", i.text()));
    }
    Map<String, String> users = new LinkedHashMap<>();
    users.put(AUTO_USER, "Triangulate (CoreNLP, codebook " + codebook.id() + "@" + codebook.version() + ")");
    users.put(MANUAL_USER, "Analyst");
    return new QdaProject(name, "Triangulate", users, codes, sources, codings);
  }

  /**
   * Codings of a project as segment codes: source name = interview id, code name = code id, positions
   * turned back into Java string offsets. Codings by {@link #MANUAL_USER} or by any user other than
   * {@link #AUTO_USER} count as manual. Non-text selections and sources without text are skipped.
   */
  public static List<SegmentCode> segmentCodes(QdaProject project) {
    Map<String, QdaCode> codes = project.codesByGuid();
    List<SegmentCode> out = new ArrayList<>();
    for (QdaCoding c : project.codings()) {
      QdaSource source = project.source(c.sourceGuid()).orElse(null);
      QdaCode code = codes.get(c.codeGuid());
      if (source == null || source.text() == null || code == null || c.startPosition() == null) {
        continue;
      }
      String text = source.text();
      int points = text.codePointCount(0, text.length());
      int begin = text.offsetByCodePoints(0, Math.min(c.startPosition(), points));
      int end = text.offsetByCodePoints(0, Math.min(c.endPosition(), points));
      out.add(new SegmentCode(source.name(), begin, end, code.name(), !AUTO_USER.equals(c.creatingUser())));
    }
    return out;
  }

  private static List<Object> span(SegmentCode c) {
    return List.of(c.interviewId(), c.charBegin(), c.charEnd());
  }

  static String guid(String... parts) {
    return UUID.nameUUIDFromBytes(("triangulate:" + String.join(":", parts)).getBytes(StandardCharsets.UTF_8))
        .toString().toUpperCase(java.util.Locale.ROOT);
  }
}
