package io.triangulate.nlp.transcript;

import io.triangulate.nlp.UserError;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Turns transcript bytes into text. Transcripts come from many tools: Word exports UTF-16 with a
 * BOM (some tools without one), older Windows tools write windows-1252, everything else writes UTF-8
 * (sometimes with a BOM).
 */
public final class TextDecoding {
  private static final Charset WINDOWS_1252 = Charset.forName("windows-1252");

  private TextDecoding() {}

  /** Decodes, or throws a {@link UserError} naming {@code sourceName} for empty or binary content. */
  public static String decode(String sourceName, byte[] content) {
    if (content == null || content.length == 0) {
      throw empty(sourceName);
    }
    String text;
    Charset withoutBom = utf16WithoutBom(content);
    if (startsWith(content, 0xFE, 0xFF)) {
      text = new String(content, 2, content.length - 2, StandardCharsets.UTF_16BE);
    } else if (startsWith(content, 0xFF, 0xFE)) {
      text = new String(content, 2, content.length - 2, StandardCharsets.UTF_16LE);
    } else if (withoutBom != null) {
      text = new String(content, withoutBom);
    } else {
      int nul = indexOf(content, (byte) 0);
      if (nul >= 0) {
        throw UserError.at(sourceName)
            .problem("file is binary, not a text transcript")
            .expected("a text file (UTF-8, UTF-16 or windows-1252)")
            .found("a NUL byte at byte offset " + nul)
            .fix("export the transcript as plain text (.txt) and deliver it again")
            .build();
      }
      int offset = startsWith(content, 0xEF, 0xBB, 0xBF) ? 3 : 0;
      text = strictUtf8(content, offset);
      if (text == null) {
        // Not valid UTF-8: the only other common single-byte encoding of transcripts.
        text = new String(content, offset, content.length - offset, WINDOWS_1252);
      }
    }
    if (!text.isEmpty() && text.charAt(0) == '\uFEFF') {
      text = text.substring(1);
    }
    if (text.isBlank()) {
      throw empty(sourceName);
    }
    return text;
  }

  private static UserError empty(String sourceName) {
    return UserError.at(sourceName)
        .problem("transcript is empty")
        .expected("speaker turns such as 'Interviewer: ...' and 'Respondent: ...'")
        .found("no text")
        .fix("deliver the complete transcript or remove the empty file")
        .build();
  }

  private static String strictUtf8(byte[] content, int offset) {
    try {
      return StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(content, offset, content.length - offset))
          .toString();
    } catch (CharacterCodingException e) {
      return null;
    }
  }

  /**
   * UTF-16 without a byte-order mark, told by its NUL bytes: text that is mostly Latin script has a
   * NUL as the high byte of nearly every character, all at odd offsets (little-endian) or all at even
   * ones (big-endian). Binary files have NULs at both. Null when the content does not look like that.
   */
  static Charset utf16WithoutBom(byte[] content) {
    int n = Math.min(content.length, 8192) & ~1;
    if (n < 4) {
      return null;
    }
    int evenNuls = 0;
    int oddNuls = 0;
    for (int i = 0; i < n; i += 2) {
      evenNuls += content[i] == 0 ? 1 : 0;
      oddNuls += content[i + 1] == 0 ? 1 : 0;
    }
    int pairs = n / 2;
    if (oddNuls * 10 >= pairs * 7 && evenNuls == 0) {
      return StandardCharsets.UTF_16LE;
    }
    if (evenNuls * 10 >= pairs * 7 && oddNuls == 0) {
      return StandardCharsets.UTF_16BE;
    }
    return null;
  }

  private static boolean startsWith(byte[] content, int... prefix) {
    if (content.length < prefix.length) {
      return false;
    }
    for (int i = 0; i < prefix.length; i++) {
      if ((content[i] & 0xFF) != prefix[i]) {
        return false;
      }
    }
    return true;
  }

  private static int indexOf(byte[] content, byte value) {
    for (int i = 0; i < content.length; i++) {
      if (content[i] == value) {
        return i;
      }
    }
    return -1;
  }

}
