package io.triangulate.pipelines.journeys;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Journey settings that fit one data set: the touchpoint → phase map, the analytics settings and
 * the abandonment threshold. {@code demo} is the synthetic world; the others match the real-data
 * adapters ({@code ingest --adapter NAME}), whose logs use other touchpoints (docs/journeys.md,
 * "Real data").
 *
 * @param name what {@code journeys --preset} takes
 * @param phases touchpoint → phase map
 * @param analytics funnel, variant, gap settings
 * @param abandonmentDays default days without usage that count as abandonment (a lapse, for CDNOW)
 */
public record JourneyPreset(String name, PhaseMap phases, JourneyAnalytics analytics, int abandonmentDays) {

  public static final String DEMO = "demo";
  public static final String CDNOW = "cdnow";
  public static final String OLIST = "olist";
  public static final String FITBIT = "fitbit";

  /** Every preset name, for help texts and errors. */
  public static final List<String> NAMES = List.of(DEMO, CDNOW, OLIST, FITBIT);

  /** The preset called {@code name}; unknown names fail listing the known ones. */
  public static JourneyPreset named(String name) {
    return switch (name) {
      case DEMO -> new JourneyPreset(
          DEMO, PhaseMap.defaults(), JourneyAnalytics.defaults(PhaseMap.defaults()), Journeys.DEFAULT_ABANDONMENT_DAYS);
      case CDNOW -> cdnow();
      case OLIST -> olist();
      case FITBIT -> fitbit();
      default -> throw new IllegalArgumentException("unknown journey preset " + name + "; known: " + NAMES);
    };
  }

  /**
   * CDNOW: only purchases. The first is {@code purchase}, every later line {@code loyalty} (a repeat
   * purchase, also a second line on the first day). Buying is the only use the log shows, so
   * purchases count as usage and {@code is_abandoned} means lapsed: no purchase for 180 days. The
   * funnel is first purchase → repeat within a year; gaps of 90 days or more are lapses that ended.
   */
  private static JourneyPreset cdnow() {
    PhaseMap phases =
        new PhaseMap(PhaseMap.defaults().phases(), Map.of(), "consideration", List.of(PhaseMap.PURCHASE_TOUCHPOINT));
    return new JourneyPreset(
        CDNOW,
        phases,
        new JourneyAnalytics(Variants.DEFAULT_TOP_N, List.of(PhaseMap.PURCHASE, PhaseMap.LOYALTY), 365, List.of(PhaseMap.EXIT), 90),
        180);
  }

  /**
   * Olist marketing funnel: a marketing-qualified lead's first contact is {@code consideration} (the
   * lead filled in a landing-page form), a closed deal is the {@code purchase}. Funnel: lead → deal
   * within a year of first contact.
   */
  private static JourneyPreset olist() {
    Map<String, String> map = new LinkedHashMap<>();
    map.put("lead_first_contact", "consideration");
    map.put("deal_won", PhaseMap.PURCHASE);
    PhaseMap phases = new PhaseMap(PhaseMap.defaults().phases(), map, "consideration", List.of());
    return new JourneyPreset(
        OLIST,
        phases,
        new JourneyAnalytics(Variants.DEFAULT_TOP_N, List.of("consideration", PhaseMap.PURCHASE), 365, List.of(PhaseMap.EXIT), 30),
        Journeys.DEFAULT_ABANDONMENT_DAYS);
  }

  /** Fitbit daily activity: every logged day is usage; abandonment after 7 days without a logged day. */
  private static JourneyPreset fitbit() {
    PhaseMap phases =
        new PhaseMap(PhaseMap.defaults().phases(), Map.of("daily_activity", "usage"), "usage", List.of("daily_activity"));
    return new JourneyPreset(
        FITBIT,
        phases,
        new JourneyAnalytics(Variants.DEFAULT_TOP_N, List.of("usage"), Funnels.DEFAULT_WINDOW_DAYS, List.of(PhaseMap.EXIT), 7),
        7);
  }
}
