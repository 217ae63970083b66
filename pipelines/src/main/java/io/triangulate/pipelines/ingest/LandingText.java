package io.triangulate.pipelines.ingest;

import io.triangulate.nlp.UserError;
import io.triangulate.pipelines.ingest.LandingFiles.LandingFile;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.SparkSession;

/**
 * The text encoding of a landing file: a byte-order mark wins, otherwise the source's configured
 * encoding (UTF-8 by default). Plain UTF-8 files are read by Spark directly; any other file is
 * decoded strictly on the driver, so an undecodable byte stops the source with its file, byte
 * offset and line instead of becoming a silent replacement character.
 */
public final class LandingText {
  private LandingText() {}

  /** Bytes of a plain UTF-8 file checked before Spark reads it; the rest is Spark's. */
  static final int UTF8_CHECK_BYTES = 64 * 1024;

  /**
   * How a file is encoded.
   *
   * @param charset the charset its text is decoded with
   * @param bomBytes length of its byte-order mark, 0 without one
   */
  public record Encoding(Charset charset, int bomBytes) {
    /** As recorded in bronze's {@code _source_encoding}, e.g. {@code UTF-8} or {@code UTF-16LE+BOM}. */
    public String label() {
      return charset.name() + (bomBytes > 0 ? "+BOM" : "");
    }

    /** Whether Spark can read the file as it is: UTF-8 without a byte-order mark. */
    public boolean isPlainUtf8() {
      return bomBytes == 0 && charset.equals(StandardCharsets.UTF_8);
    }
  }

  /** The file's encoding: its byte-order mark if it has one, else {@code configured}. */
  public static Encoding detect(SparkSession spark, LandingFile file, Charset configured) {
    byte[] head = read(spark, file, 3);
    if (head.length >= 3 && (head[0] & 0xFF) == 0xEF && (head[1] & 0xFF) == 0xBB && (head[2] & 0xFF) == 0xBF) {
      return new Encoding(StandardCharsets.UTF_8, 3);
    }
    if (head.length >= 2 && (head[0] & 0xFF) == 0xFE && (head[1] & 0xFF) == 0xFF) {
      return new Encoding(StandardCharsets.UTF_16BE, 2);
    }
    if (head.length >= 2 && (head[0] & 0xFF) == 0xFF && (head[1] & 0xFF) == 0xFE) {
      return new Encoding(StandardCharsets.UTF_16LE, 2);
    }
    return new Encoding(configured, 0);
  }

  /**
   * The file's text lines, decoded strictly (line breaks {@code \n} or {@code \r\n}; the BOM
   * dropped). Holds the whole file in memory: meant for the occasional non-UTF-8 delivery.
   */
  public static List<String> lines(SparkSession spark, LandingFile file, Encoding encoding) {
    byte[] bytes = read(spark, file, Integer.MAX_VALUE);
    String text = decode(file, bytes, encoding, true);
    List<String> lines = new ArrayList<>(Arrays.asList(text.split("\r?\n", -1)));
    if (!lines.isEmpty() && lines.get(lines.size() - 1).isEmpty()) {
      lines.remove(lines.size() - 1); // the final line break ends the last line, it starts none
    }
    return lines;
  }

  /**
   * Checks that the first {@value #UTF8_CHECK_BYTES} bytes of a plain UTF-8 file decode; fails
   * naming the byte offset and line of the first bad byte.
   */
  public static void checkUtf8Start(SparkSession spark, LandingFile file) {
    decode(file, read(spark, file, UTF8_CHECK_BYTES), new Encoding(StandardCharsets.UTF_8, 0),
        file.sizeBytes() <= UTF8_CHECK_BYTES);
  }

  /** The first line of the file's text (BOM dropped), or null when it has none. */
  static String firstLine(SparkSession spark, LandingFile file, Encoding encoding) {
    byte[] bytes = read(spark, file, UTF8_CHECK_BYTES);
    String text = decode(file, bytes, encoding, file.sizeBytes() <= UTF8_CHECK_BYTES);
    if (text.isEmpty()) {
      return null;
    }
    int end = text.indexOf('\n');
    String line = end < 0 ? text : text.substring(0, end);
    return line.endsWith("\r") ? line.substring(0, line.length() - 1) : line;
  }

  private static String decode(LandingFile file, byte[] bytes, Encoding encoding, boolean endOfInput) {
    CharsetDecoder decoder =
        encoding.charset().newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT);
    ByteBuffer in = ByteBuffer.wrap(bytes, encoding.bomBytes(), bytes.length - encoding.bomBytes());
    CharBuffer out = CharBuffer.allocate((int) Math.min(Integer.MAX_VALUE - 8, (long) bytes.length * 2 + 16));
    CoderResult result = decoder.decode(in, out, endOfInput);
    if (result.isError()) {
      throw undecodable(file, bytes, encoding, in.position(), out, result.length());
    }
    if (endOfInput) {
      decoder.flush(out);
    }
    out.flip();
    return out.toString();
  }

  private static UserError undecodable(
      LandingFile file, byte[] bytes, Encoding encoding, int offset, CharBuffer decodedSoFar, int badLength) {
    long line = 1;
    for (int i = 0; i < decodedSoFar.position(); i++) {
      if (decodedSoFar.get(i) == '\n') {
        line++;
      }
    }
    StringBuilder hex = new StringBuilder();
    for (int i = offset; i < Math.min(bytes.length, offset + Math.max(1, badLength)); i++) {
      hex.append(hex.length() == 0 ? "" : " ").append(String.format("0x%02X", bytes[i] & 0xFF));
    }
    boolean utf8 = encoding.charset().equals(StandardCharsets.UTF_8);
    return UserError.at(file.path() + ", line " + line + ", byte offset " + offset)
        .problem("the file is not " + encoding.charset().name() + " text")
        .expected(encoding.charset().name() + " text"
            + (utf8 ? " (the contract's encoding)" : " (the source's configured encoding)"))
        .found("undecodable byte(s) " + hex)
        .fix(utf8
            ? "export the file as UTF-8, or set the source's encoding in the config (sources: <source>: encoding: windows-1252)"
            : "check the source's configured encoding, or re-export the file")
        .build();
  }

  private static byte[] read(SparkSession spark, LandingFile file, int limit) {
    Path path = new Path(file.path());
    try (InputStream in = path.getFileSystem(spark.sparkContext().hadoopConfiguration()).open(path)) {
      return in.readNBytes(limit);
    } catch (IOException e) {
      throw LandingFiles.unreadable(file.path(), e);
    }
  }
}
