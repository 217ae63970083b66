package io.triangulate.pipelines.claims;

import static io.triangulate.pipelines.claims.ClaimFixtures.interview;
import static io.triangulate.pipelines.claims.ClaimFixtures.journey;
import static io.triangulate.pipelines.claims.ClaimFixtures.segment;

import io.triangulate.pipelines.lake.DeltaWrites;
import io.triangulate.pipelines.lake.Lake;
import io.triangulate.pipelines.lake.LakeTable;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * A small world whose claim verdicts can be worked out by hand, observed until 2026-06-30.
 *
 * <p>100 customers signed up on 2025-01-01: 25 social (20 cancel on 2025-02-01), 60 web (30 cancel
 * on 2025-09-01), 15 store (none cancel). 10 more web customers signed up on 2026-06-01 and are
 * censored for every horizon used here. So within 90 days 20/100 cancel, within 365 days 50/100.
 *
 * <p>Interviews I1-I5 are in a supported language, I6 is not. Codes [price_value, exit] appear
 * together in I1 (one segment) and I2 (two segments); I3 negates exit; I4 only mentions
 * social_media; I5 has no coded segment. I1-I5 are customers C0001-C0005, so the panel is all
 * social (3 south, 2 north).
 */
public final class ValidationWorld {
  private ValidationWorld() {}

  public static List<Row> journeys() {
    List<Row> rows = new ArrayList<>();
    for (int i = 1; i <= 100; i++) {
      String channel = i <= 25 ? "social" : i <= 85 ? "web" : "store";
      String churned = i <= 20 ? "2025-02-01" : (i > 25 && i <= 55) ? "2025-09-01" : null;
      String region = i % 2 == 0 ? "north" : "south";
      rows.add(journey(String.format("C%04d", i), "2025-01-01", "25-34", region, channel, true, churned));
    }
    for (int i = 101; i <= 110; i++) {
      rows.add(journey(String.format("C%04d", i), "2026-06-01", "35-44", "north", "web", true, null));
    }
    return rows;
  }

  public static List<Row> interviews() {
    // I1-I5 are linked to C0001-C0005 (all social; south, north, south, north, south) for the panel fit.
    return List.of(interview("I1", true, "C0001"), interview("I2", true, "C0002"), interview("I3", true, "C0003"),
        interview("I4", true, "C0004"), interview("I5", true, "C0005"), interview("I6", false));
  }

  public static List<Row> codedSegments() {
    return List.of(
        // Durations: I1 cancelled after 60 days, I2 after 90; I3's is negated and I6's language unsupported.
        segment("s1", "I1", "It was too expensive so I cancelled.", List.of("exit", "price_value"), List.of(), 0.7, 60),
        segment("s2", "I2", "The price felt steep.", List.of("price_value"), List.of(), 0.8),
        segment("s3", "I2", "So in the end I left.", List.of("exit"), List.of(), 0.9, 90),
        segment("s4", "I3", "Pricey, but I would never cancel.", List.of("price_value", "exit"), List.of("exit"), 0.95, 30),
        segment("s5", "I4", "I saw it on Instagram.", List.of("social_media"), List.of(), 0.9),
        segment("s6", "I6", "Zu teuer, ich habe gekündigt.", List.of("price_value", "exit"), List.of(), 0.99, 30));
  }

  /** Claim files covering every verdict; returns the folder. */
  public static Path writeClaims(Path dir) {
    // 20/100 within 90 days: interval 13.3%-28.9% straddles 20%; social 20/25 is clearly above.
    ClaimFixtures.claimFile(dir, "a_quick_churn",
        ClaimFixtures.churnClaim("quick_churn", 90, 0.2, "[acquisition_channel, region]", "[exit]"));
    // 50/100 within a year: 40.4%-59.6%.
    ClaimFixtures.claimFile(dir, "b_year_churn",
        ClaimFixtures.churnClaim("year_churn", 365, 0.3, "[acquisition_channel]", "[price_value, exit]"));
    ClaimFixtures.claimFile(dir, "c_heavy_churn",
        ClaimFixtures.churnClaim("heavy_churn", 365, 0.7, "[acquisition_channel]", "[product_abandonment]"));
    ClaimFixtures.claimFile(dir, "d_half_churn", ClaimFixtures.churnClaim("half_churn", 365, 0.45, "[]", "[social_media]"));
    ClaimFixtures.claimFile(dir, "e_store_churn",
        ClaimFixtures.churnClaim("store_churn", 365, 0.3, "[]", "[exit]")
            + "population:\n  filters:\n    - {column: acquisition_channel, op: '=', value: store}\n");
    // Within a year social 20/25 cancel vs web 30/60: the claim says social is higher.
    ClaimFixtures.claimFile(dir, "f_social_vs_web",
        "id: social_vs_web\nstatement: Social customers cancel more than web customers\ninterview_codes: [exit]\n"
            + "outcome: {type: churn_within}\nhorizon_days: 365\n"
            + "expectation: {compare: {column: acquisition_channel, group: social, versus: web, direction: higher}}\n");
    return dir;
  }

  /** Writes the silver and gold input tables of this world into {@code lake}. */
  public static void writeLake(SparkSession spark, Lake lake) {
    DeltaWrites.overwrite(ClaimFixtures.journeys(spark, journeys()), lake.path(LakeTable.GOLD_JOURNEYS));
    DeltaWrites.overwrite(ClaimFixtures.transactions(spark, List.of()), lake.path(LakeTable.SILVER_TRANSACTIONS));
    DeltaWrites.overwrite(ClaimFixtures.events(spark, List.of()), lake.path(LakeTable.SILVER_CHANNEL_EVENTS));
    DeltaWrites.overwrite(ClaimFixtures.interviews(spark, interviews()), lake.path(LakeTable.SILVER_INTERVIEWS));
    DeltaWrites.overwrite(ClaimFixtures.segments(spark, codedSegments()), lake.path(LakeTable.SILVER_CODED_SEGMENTS));
  }
}
