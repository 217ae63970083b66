package io.triangulate.nlp.qda;

import io.triangulate.nlp.pii.Redactor;
import io.triangulate.nlp.transcript.Transcript;
import io.triangulate.nlp.transcript.Turn;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * A transcript laid out as one PII-redacted text for a QDA program ("label: text" per turn, a blank
 * line between turns), with the mapping between turn offsets (what coded segments store) and
 * offsets in that text.
 *
 * <p>Each turn is cut at the segment boundaries and every piece is redacted on its own, so a
 * boundary maps exactly in both directions even where redaction changes lengths ("bob@example.com"
 * becomes "[EMAIL]"). Boundaries are sentence ends, which PII does not straddle. The same
 * transcript and boundaries always give the same text, which is how an import checks that a
 * project still matches the lake.
 */
public final class TranscriptLayout {
  private final String interviewId;
  private final String text;
  private final List<TurnPieces> turns;

  private TranscriptLayout(String interviewId, String text, List<TurnPieces> turns) {
    this.interviewId = interviewId;
    this.text = text;
    this.turns = turns;
  }

  /** A turn-relative span: what a coded segment stores. */
  public record TurnSpan(int turnIndex, int charBegin, int charEnd) {}

  /**
   * Lays out a transcript.
   *
   * @param boundaries per turn index, the segment offsets (begins and ends) to keep exact
   */
  public static TranscriptLayout of(String interviewId, Transcript transcript, Map<Integer, Set<Integer>> boundaries) {
    StringBuilder text = new StringBuilder();
    List<TurnPieces> turns = new ArrayList<>();
    for (Turn turn : transcript.turns()) {
      if (text.length() > 0) {
        text.append("\n\n");
      }
      if (!turn.speakerLabel().isEmpty()) {
        text.append(turn.speakerLabel()).append(": ");
      }
      TreeSet<Integer> cuts = new TreeSet<>();
      cuts.add(0);
      cuts.add(turn.text().length());
      for (int offset : boundaries.getOrDefault(turn.index(), Set.of())) {
        if (offset > 0 && offset < turn.text().length()) {
          cuts.add(offset);
        }
      }
      List<int[]> pieces = new ArrayList<>(); // raw begin, raw end, layout begin, layout end
      Integer previous = null;
      for (int cut : cuts) {
        if (previous != null) {
          String raw = turn.text().substring(previous, cut);
          String redacted = Redactor.redact(raw);
          int start = text.length();
          text.append(redacted);
          pieces.add(new int[] {previous, cut, start, text.length(), raw.equals(redacted) ? 1 : 0});
        }
        previous = cut;
      }
      turns.add(new TurnPieces(turn.index(), pieces));
    }
    return new TranscriptLayout(interviewId, text.toString(), turns);
  }

  /** The interview as it goes into the project. */
  public QdaExport.Interview interview() {
    return new QdaExport.Interview(interviewId, text);
  }

  public String text() {
    return text;
  }

  /** Offset in {@link #text()} of a turn offset; exact at boundaries and in unredacted pieces. */
  public int toLayout(int turnIndex, int rawOffset) {
    for (TurnPieces turn : turns) {
      if (turn.index == turnIndex) {
        for (int[] p : turn.pieces) {
          if (rawOffset >= p[0] && rawOffset <= p[1]) {
            return rawOffset == p[1] ? p[3] : p[4] == 1 ? p[2] + rawOffset - p[0] : p[2];
          }
        }
      }
    }
    throw new IllegalArgumentException("no turn " + turnIndex + " offset " + rawOffset + " in " + interviewId);
  }

  /**
   * The turn span of a span of {@link #text()}; empty when it is not inside one turn's text (it
   * covers a speaker label or two turns). Inside a redacted piece an offset moves to the piece's
   * start or end.
   */
  public Optional<TurnSpan> toTurn(int begin, int end) {
    for (TurnPieces turn : turns) {
      if (turn.pieces.isEmpty()) {
        continue;
      }
      int first = turn.pieces.get(0)[2];
      int last = turn.pieces.get(turn.pieces.size() - 1)[3];
      if (begin >= first && end <= last && begin < end) {
        return Optional.of(new TurnSpan(turn.index, toRaw(turn, begin, false), toRaw(turn, end, true)));
      }
    }
    return Optional.empty();
  }

  private static int toRaw(TurnPieces turn, int offset, boolean isEnd) {
    for (int[] p : turn.pieces) {
      if (offset >= p[2] && offset <= p[3]) {
        if (offset == p[2]) {
          return p[0];
        }
        if (offset == p[3]) {
          return p[1];
        }
        return p[4] == 1 ? p[0] + offset - p[2] : isEnd ? p[1] : p[0];
      }
    }
    throw new IllegalStateException("offset " + offset + " outside its turn");
  }

  private record TurnPieces(int index, List<int[]> pieces) {}
}
