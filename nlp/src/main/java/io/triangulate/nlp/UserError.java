package io.triangulate.nlp;

import java.util.ArrayList;
import java.util.List;

/**
 * The one way Triangulate reports a problem a user can fix: bad input, bad config, a missing file.
 *
 * <p>Every message says where (file, line, field), what was expected, what was found, and how to fix
 * it, in that order, so that a data engineer reading a failed nightly log knows what to do without
 * reading code. Build one with {@link #at(String)}:
 *
 * <pre>
 *   throw UserError.at("landing/customers/2026-06-30/customers.csv, line 17, column signed_up_at")
 *       .problem("timestamp cannot be parsed")
 *       .expected("ISO-8601 such as 2026-06-30T10:15:00Z")
 *       .found("30/06/2026")
 *       .fix("export timestamps in ISO-8601 or map the column's format in the source config")
 *       .build();
 * </pre>
 */
public final class UserError extends RuntimeException {
  private final String where;
  private final String problem;

  private UserError(String where, String problem, String message, Throwable cause) {
    super(message, cause);
    this.where = where;
    this.problem = problem;
  }

  /** Where the problem is: a file, a file and line, a config field, a table column. */
  public String where() {
    return where;
  }

  /** What is wrong, in a few words. */
  public String problem() {
    return problem;
  }

  public static Builder at(String where) {
    return new Builder(where);
  }

  /** Fluent builder; only {@code problem} is required besides the location. */
  public static final class Builder {
    private final String where;
    private String problem;
    private String expected;
    private String found;
    private String fix;
    private Throwable cause;

    private Builder(String where) {
      this.where = where;
    }

    public Builder problem(String value) {
      this.problem = value;
      return this;
    }

    public Builder expected(String value) {
      this.expected = value;
      return this;
    }

    public Builder found(Object value) {
      this.found = value == null ? "nothing" : abbreviate(String.valueOf(value));
      return this;
    }

    public Builder fix(String value) {
      this.fix = value;
      return this;
    }

    public Builder cause(Throwable value) {
      this.cause = value;
      return this;
    }

    public UserError build() {
      if (problem == null) {
        throw new IllegalStateException("UserError needs a problem description");
      }
      List<String> parts = new ArrayList<>();
      parts.add(where + ": " + problem);
      if (expected != null) {
        parts.add("expected " + expected);
      }
      if (found != null) {
        parts.add("found " + found);
      }
      String message = String.join("; ", parts) + ".";
      if (fix != null) {
        message += " Fix: " + fix + (fix.endsWith(".") ? "" : ".");
      }
      return new UserError(where, problem, message, cause);
    }

    private static String abbreviate(String text) {
      String oneLine = text.replace("\r", "\\r").replace("\n", "\\n");
      return oneLine.length() <= 120 ? "'" + oneLine + "'" : "'" + oneLine.substring(0, 117) + "...'";
    }
  }
}
