package io.triangulate.pipelines.ingest;

import io.triangulate.nlp.UserError;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.ZoneId;

/**
 * How one source's landing files are to be read: their text encoding and the time zone of
 * timestamps delivered without one. The defaults (UTF-8, no zone) are the contract of
 * docs/contracts.md; anything else is configured per source (config key {@code sources}).
 *
 * @param encoding charset of files without a byte-order mark; a BOM (UTF-8, UTF-16 LE/BE) always wins
 * @param timeZone zone of local timestamps such as {@code 1997-01-01 00:00:00}; null means a
 *     timestamp without zone is a {@code type} error, as the contract says
 */
public record SourceOptions(Charset encoding, ZoneId timeZone) {
  /** UTF-8, no zone: exactly the contract. */
  public static final SourceOptions DEFAULT = new SourceOptions(StandardCharsets.UTF_8, null);

  public SourceOptions {
    encoding = encoding == null ? StandardCharsets.UTF_8 : encoding;
  }

  /**
   * Options from config values; {@code where} names the config entry for the error.
   *
   * @param encoding a charset name such as {@code UTF-8}, {@code ISO-8859-1}, {@code windows-1252}; null = UTF-8
   * @param timeZone a zone id such as {@code America/New_York} or {@code UTC}; null = none
   */
  public static SourceOptions of(String encoding, String timeZone, String where) {
    Charset charset = StandardCharsets.UTF_8;
    if (encoding != null && !encoding.isBlank()) {
      try {
        charset = Charset.forName(encoding.trim());
      } catch (IllegalArgumentException e) {
        throw UserError.at(where + ", encoding")
            .problem("unknown text encoding")
            .expected("a charset name such as UTF-8, ISO-8859-1, windows-1252 or UTF-16")
            .found(encoding)
            .fix("correct the encoding name")
            .build();
      }
    }
    ZoneId zone = null;
    if (timeZone != null && !timeZone.isBlank()) {
      try {
        zone = ZoneId.of(timeZone.trim());
      } catch (DateTimeException e) {
        throw UserError.at(where + ", time_zone")
            .problem("unknown time zone")
            .expected("a region id such as America/New_York, Europe/London or UTC")
            .found(timeZone)
            .fix("correct the time zone id (IANA tz database name)")
            .build();
      }
    }
    return new SourceOptions(charset, zone);
  }

  /** The same options with another time zone. */
  public SourceOptions withTimeZone(ZoneId zone) {
    return new SourceOptions(encoding, zone);
  }

  /** The zone id recorded in bronze's {@code _source_time_zone}, or null. */
  public String timeZoneId() {
    return timeZone == null ? null : timeZone.getId();
  }
}
