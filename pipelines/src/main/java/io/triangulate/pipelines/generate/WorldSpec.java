package io.triangulate.pipelines.generate;

import io.triangulate.nlp.UserError;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.List;

/**
 * What synthetic world to generate. The same spec always produces byte-identical landing files.
 *
 * @param seed random seed; every random choice derives from it
 * @param customers number of customers (the scale knob: 100,000+ is fine, rows are streamed)
 * @param runDate the landing date and the end of history; nothing happens on or after its 00:00Z
 * @param interviews number of interview transcripts to write
 * @param historyStart first possible signup day
 * @param textsPer1000 customer texts (support tickets, reviews, survey answers) per 1,000 customers;
 *     0, the default, writes no {@code customer_texts} landing files (the demo has none)
 */
public record WorldSpec(long seed, int customers, LocalDate runDate, int interviews, LocalDate historyStart, int textsPer1000) {

  public static final long DEFAULT_SEED = 42L;
  public static final int DEFAULT_CUSTOMERS = 20_000;
  public static final LocalDate DEFAULT_RUN_DATE = LocalDate.of(2026, 6, 30);
  public static final int DEFAULT_INTERVIEWS = 18;

  public WorldSpec {
    if (runDate == null) {
      runDate = DEFAULT_RUN_DATE;
    }
    if (historyStart == null) {
      historyStart = runDate.minusYears(2);
    }
    if (customers < 1) {
      throw UserError.at("generate --customers")
          .problem("customer count must be positive")
          .expected("an integer of at least 1, e.g. 20000")
          .found(String.valueOf(customers))
          .fix("pass --customers with a positive number")
          .build();
    }
    if (interviews < 0 || interviews > 99) {
      throw UserError.at("generate --interviews")
          .problem("interview count out of range")
          .expected("0 to 99 (ids are INT-01 .. INT-99)")
          .found(String.valueOf(interviews))
          .fix("pass --interviews between 0 and 99")
          .build();
    }
    if (textsPer1000 < 0 || textsPer1000 > 100_000) {
      throw UserError.at("generate --texts-per-1000")
          .problem("customer text rate out of range")
          .expected("0 to 100000 texts per 1,000 customers, e.g. 20")
          .found(String.valueOf(textsPer1000))
          .fix("pass --texts-per-1000 between 0 (no texts) and 100000")
          .build();
    }
    if (!historyStart.isBefore(runDate.minusDays(30))) {
      throw UserError.at("generate --history-start")
          .problem("history must start at least 30 days before the run date")
          .expected("a date before " + runDate.minusDays(30))
          .found(historyStart.toString())
          .fix("pass an earlier --history-start or a later --date")
          .build();
    }
  }

  /** A spec without customer texts. */
  public WorldSpec(long seed, int customers, LocalDate runDate, int interviews, LocalDate historyStart) {
    this(seed, customers, runDate, interviews, historyStart, 0);
  }

  /** The demo world: seed 42, 20,000 customers, run date 2026-06-30, 18 interviews, two years. */
  public static WorldSpec defaults() {
    return new WorldSpec(DEFAULT_SEED, DEFAULT_CUSTOMERS, DEFAULT_RUN_DATE, DEFAULT_INTERVIEWS, null);
  }

  /** A spec with default history (two years before {@code runDate}). */
  public static WorldSpec of(long seed, int customers, LocalDate runDate, int interviews) {
    return new WorldSpec(seed, customers, runDate, interviews, null);
  }

  /**
   * Parses {@code generate} options: {@code --seed N}, {@code --customers N}, {@code --date
   * yyyy-mm-dd}, {@code --interviews N}, {@code --history-start yyyy-mm-dd}, {@code --texts-per-1000 N};
   * missing ones take the
   * defaults. Unknown options and bad values are {@link UserError}s.
   */
  public static WorldSpec fromArgs(List<String> args) {
    long seed = DEFAULT_SEED;
    int customers = DEFAULT_CUSTOMERS;
    LocalDate runDate = DEFAULT_RUN_DATE;
    int interviews = DEFAULT_INTERVIEWS;
    LocalDate historyStart = null;
    int texts = 0;
    for (int i = 0; i < args.size(); i += 2) {
      String option = args.get(i);
      if (i + 1 >= args.size()) {
        throw badOption(option, "a value after the option", "nothing");
      }
      String value = args.get(i + 1);
      switch (option) {
        case "--seed" -> seed = number(option, value);
        case "--customers" -> customers = (int) number(option, value);
        case "--date" -> runDate = date(option, value);
        case "--interviews" -> interviews = (int) number(option, value);
        case "--history-start" -> historyStart = date(option, value);
        case "--texts-per-1000" -> texts = (int) number(option, value);
        default -> throw UserError.at("generate " + option)
            .problem("unknown option")
            .expected("--seed, --customers, --date, --interviews, --history-start or --texts-per-1000")
            .found(option)
            .fix("remove the option or correct its spelling")
            .build();
      }
    }
    return new WorldSpec(seed, customers, runDate, interviews, historyStart, texts);
  }

  private static long number(String option, String value) {
    try {
      long n = Long.parseLong(value.trim());
      if (!option.equals("--seed") && (n < Integer.MIN_VALUE || n > Integer.MAX_VALUE)) {
        throw badOption(option, "an integer", value);
      }
      return n;
    } catch (NumberFormatException e) {
      throw badOption(option, "an integer", value);
    }
  }

  private static LocalDate date(String option, String value) {
    try {
      return LocalDate.parse(value.trim());
    } catch (DateTimeParseException e) {
      throw badOption(option, "a date as yyyy-mm-dd, e.g. 2026-06-30", value);
    }
  }

  private static UserError badOption(String option, String expected, String found) {
    return UserError.at("generate " + option)
        .problem("bad option value")
        .expected(expected)
        .found(found)
        .fix("pass " + option + " followed by " + expected)
        .build();
  }

  public WorldSpec withSeed(long value) {
    return new WorldSpec(value, customers, runDate, interviews, historyStart, textsPer1000);
  }

  public WorldSpec withCustomers(int value) {
    return new WorldSpec(seed, value, runDate, interviews, historyStart, textsPer1000);
  }

  public WorldSpec withTextsPer1000(int value) {
    return new WorldSpec(seed, customers, runDate, interviews, historyStart, value);
  }
}
