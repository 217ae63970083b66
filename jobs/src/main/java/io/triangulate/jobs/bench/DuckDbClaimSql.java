package io.triangulate.jobs.bench;

import io.triangulate.pipelines.claims.ClaimSpec;
import io.triangulate.pipelines.claims.ClaimSpec.Filter;
import io.triangulate.pipelines.claims.ClaimSpec.OutcomeType;
import io.triangulate.pipelines.claims.ClaimValidation;
import io.triangulate.pipelines.claims.OutcomeCounts;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The benchmark claims as one DuckDB SQL query over the same parquet files: what an analyst on a
 * single machine would write instead of Triangulate's validate stage. It restates the outcome
 * definitions of {@code ClaimCompiler} (see its Javadoc) in SQL and returns the same counts as
 * {@link OutcomeCounts}: one row per (claim, segment column, segment value, time_days) with
 * population, censored, events and time events. The benchmark checks both give identical counts, so
 * a drift between the two definitions fails it rather than flattering either side.
 *
 * <p>Segment breakdowns use GROUPING SETS over pre-computed string keys (never NULL, the missing
 * value spelled like {@link ClaimValidation#MISSING_VALUE}), so a NULL key means "not grouped".
 */
final class DuckDbClaimSql {
  private DuckDbClaimSql() {}

  /** The whole query: shared inputs as CTEs, one CTE of outcomes and one aggregate per claim, UNION ALL. */
  static String query(List<ClaimSpec> specs, Path tables, LocalDate observedUntil) {
    String d = "DATE '" + observedUntil + "'";
    StringBuilder sql = new StringBuilder("WITH\n");
    sql.append("journeys AS (SELECT * FROM read_parquet('").append(glob(tables, "journeys")).append("')),\n");
    sql.append("transactions AS (SELECT customer_id, product_id, quantity, CAST(occurred_at AS DATE) AS day FROM read_parquet('")
        .append(glob(tables, "transactions")).append("') WHERE quantity > 0 AND CAST(occurred_at AS DATE) <= ").append(d).append("),\n");
    sql.append("events AS (SELECT customer_id, product_id, event_type, CAST(occurred_at AS DATE) AS day FROM read_parquet('")
        .append(glob(tables, "channel_events")).append("') WHERE CAST(occurred_at AS DATE) <= ").append(d).append(")");
    List<String> aggregates = new ArrayList<>();
    for (int i = 0; i < specs.size(); i++) {
      ClaimSpec spec = specs.get(i);
      String name = "c" + i;
      sql.append(",\n").append(name).append(" AS (").append(outcomes(spec, d)).append(")");
      aggregates.add(aggregate(spec, name));
    }
    return sql.append("\n").append(String.join("\nUNION ALL\n", aggregates)).toString();
  }

  private static String glob(Path tables, String table) {
    return tables.resolve(table).toAbsolutePath().toString().replace("'", "''") + "/*.parquet";
  }

  /** One row per customer of the claim's population with the segment keys and the outcome flags. */
  private static String outcomes(ClaimSpec spec, String d) {
    String population;
    if (spec.outcome().type() == OutcomeType.NO_REPEAT_PURCHASE) {
      population = "SELECT a.anchor_date, j.* EXCLUDE (customer_id), a.customer_id FROM (" + firstPurchases(spec.outcome().product())
          + ") a LEFT JOIN journeys j ON j.customer_id = a.customer_id";
    } else {
      population = "SELECT * FROM journeys WHERE CAST(signed_up_at AS DATE) <= " + d;
    }
    List<String> where = new ArrayList<>();
    for (Filter f : spec.population().filters()) {
      where.add(condition(f));
    }
    if (spec.population().product() != null) {
      where.add("customer_id IN (SELECT customer_id FROM transactions WHERE product_id = " + literal(spec.population().product()) + ")");
    }
    String p = "SELECT * FROM (" + population + ") p" + (where.isEmpty() ? "" : " WHERE " + String.join(" AND ", where));
    String keys = OutcomeCounts.keyColumns(spec).stream()
        .map(c -> "COALESCE(CAST(" + ident(c) + " AS VARCHAR), '" + ClaimValidation.MISSING_VALUE + "') AS " + ident("k_" + c))
        .collect(Collectors.joining(", "));
    String[] f = flags(spec, d); // event, not-event, time in days, time event
    String flagged = "SELECT " + keys + ", (" + f[0] + ") AS ev, (" + f[1] + ") AS not_ev, GREATEST(" + f[2] + ", 0) AS time_days, ("
        + f[3] + ") AS time_ev FROM (" + joined(spec, p, d) + ") x";
    return "SELECT * EXCLUDE (ev, not_ev, time_ev), COALESCE(ev, false) AS is_event, NOT COALESCE(ev OR not_ev, false) AS is_censored, "
        + "COALESCE(time_ev, false) AS is_time_event FROM (" + flagged + ") y";
  }

  /** The population joined with what the outcome needs (anchors, last usage, repeats). */
  private static String joined(ClaimSpec spec, String population, String d) {
    return switch (spec.outcome().type()) {
      case USAGE_STOPS -> {
        String types = spec.outcome().usageEventTypes().stream().map(DuckDbClaimSql::literal).collect(Collectors.joining(", "));
        yield "SELECT p.*, a.anchor_date, GREATEST(a.anchor_date, COALESCE(u.last_usage, a.anchor_date)) AS last_day FROM (" + population
            + ") p JOIN (" + firstPurchases(spec.outcome().product()) + ") a ON a.customer_id = p.customer_id"
            + " LEFT JOIN (SELECT customer_id, max(day) AS last_usage FROM events WHERE product_id = " + literal(spec.outcome().product())
            + " AND event_type IN (" + types + ") GROUP BY customer_id) u ON u.customer_id = p.customer_id";
      }
      case CHURN_WITHIN, CHURNED -> "SELECT *, CAST(signed_up_at AS DATE) AS anchor_date, CASE WHEN CAST(churned_at AS DATE) <= " + d
          + " THEN CAST(churned_at AS DATE) END AS churn_day FROM (" + population + ") p";
      case NO_REPEAT_PURCHASE -> "SELECT p.*, r.repeat_day FROM (" + population + ") p LEFT JOIN (SELECT t.customer_id, min(t.day) AS repeat_day"
          + " FROM transactions t JOIN (" + population + ") q ON q.customer_id = t.customer_id WHERE t.day > q.anchor_date"
          + (spec.outcome().product() == null ? "" : " AND t.product_id = " + literal(spec.outcome().product()))
          + " GROUP BY t.customer_id) r ON r.customer_id = p.customer_id";
    };
  }

  private static String[] flags(ClaimSpec spec, String d) {
    int h = spec.horizonDays();
    return switch (spec.outcome().type()) {
      case USAGE_STOPS -> {
        String silence = "last_day + " + spec.outcome().inactiveDays() + " <= " + d;
        yield new String[] {"last_day <= anchor_date + " + h + " AND " + silence, "last_day > anchor_date + " + h,
            "date_diff('day', anchor_date, last_day)", silence};
      }
      case CHURN_WITHIN -> {
        String event = "churn_day IS NOT NULL AND churn_day <= anchor_date + " + h;
        yield new String[] {event, "NOT (" + event + ") AND anchor_date + " + h + " <= " + d, churnTime(d), "churn_day IS NOT NULL"};
      }
      case CHURNED -> {
        List<String> reasons = spec.outcome().reasonCodes();
        String event = reasons.isEmpty() ? "churn_day IS NOT NULL"
            : "churn_day IS NOT NULL AND COALESCE(churn_reason_code IN ("
                + reasons.stream().map(DuckDbClaimSql::literal).collect(Collectors.joining(", ")) + "), false)";
        yield new String[] {event, "true", churnTime(d), event};
      }
      case NO_REPEAT_PURCHASE -> {
        String repeated = "repeat_day IS NOT NULL AND repeat_day <= anchor_date + " + h;
        yield new String[] {"NOT (" + repeated + ") AND anchor_date + " + h + " <= " + d, repeated,
            "CASE WHEN repeat_day IS NOT NULL THEN date_diff('day', anchor_date, repeat_day) ELSE date_diff('day', anchor_date, " + d + ") END",
            "repeat_day IS NOT NULL"};
      }
    };
  }

  private static String churnTime(String d) {
    return "CASE WHEN churn_day IS NOT NULL THEN date_diff('day', anchor_date, churn_day) ELSE date_diff('day', anchor_date, " + d + ") END";
  }

  private static String firstPurchases(String product) {
    return "SELECT customer_id, min(day) AS anchor_date FROM transactions"
        + (product == null ? "" : " WHERE product_id = " + literal(product)) + " GROUP BY customer_id";
  }

  /** Counts per (segment column, value, time) of one claim: the base row and each segment column as grouping sets. */
  private static String aggregate(ClaimSpec spec, String outcomes) {
    List<String> columns = OutcomeCounts.keyColumns(spec);
    List<String> keys = columns.stream().map(c -> ident("k_" + c)).toList();
    StringBuilder column = new StringBuilder("CASE");
    List<String> sets = new ArrayList<>(List.of("(time_days)"));
    for (int i = 0; i < keys.size(); i++) {
      column.append(" WHEN GROUPING(").append(keys.get(i)).append(") = 0 THEN ").append(literal(columns.get(i)));
      sets.add("(" + keys.get(i) + ", time_days)");
    }
    column.append(" ELSE '").append(OutcomeCounts.ALL).append("' END");
    String value = keys.isEmpty() ? "''" : "COALESCE(" + String.join(", ", keys) + ", '" + OutcomeCounts.ALL + "')";
    return "SELECT " + literal(spec.id()) + " AS claim_id, " + column + " AS segment_column, " + value + " AS segment_value, "
        + "CAST(time_days AS INTEGER) AS time_days, count(*) AS population_n, "
        + "sum(CASE WHEN is_censored THEN 1 ELSE 0 END) AS censored_n, "
        + "sum(CASE WHEN is_event AND NOT is_censored THEN 1 ELSE 0 END) AS event_k, "
        + "sum(CASE WHEN is_time_event THEN 1 ELSE 0 END) AS time_events "
        + "FROM " + outcomes + " GROUP BY GROUPING SETS (" + String.join(", ", sets) + ")";
  }

  private static String condition(Filter f) {
    String c = ident(f.column());
    String first = literal(f.values().get(0));
    String list = f.values().stream().map(DuckDbClaimSql::literal).collect(Collectors.joining(", "));
    return switch (f.op()) {
      case EQ -> c + " = " + first;
      case NE -> c + " <> " + first;
      case GE -> c + " >= " + first;
      case LE -> c + " <= " + first;
      case IN -> c + " IN (" + list + ")";
      case NOT_IN -> "(" + c + " IS NOT NULL AND " + c + " NOT IN (" + list + "))";
    };
  }

  private static String ident(String name) {
    return "\"" + name.replace("\"", "\"\"") + "\"";
  }

  private static String literal(Object value) {
    if (value instanceof Number || value instanceof Boolean) {
      return value.toString().toLowerCase(Locale.ROOT);
    }
    return "'" + String.valueOf(value).replace("'", "''") + "'";
  }
}
