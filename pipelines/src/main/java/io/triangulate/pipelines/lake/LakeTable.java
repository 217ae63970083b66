package io.triangulate.pipelines.lake;

/**
 * A Delta table in the lake, named by layer and snake_case name. The constants are the lake's
 * catalogue; each table's schema lives next to the code that writes it.
 */
public record LakeTable(Layer layer, String name) {
  public static final LakeTable BRONZE_CUSTOMERS = new LakeTable(Layer.BRONZE, "customers");
  public static final LakeTable BRONZE_TRANSACTIONS = new LakeTable(Layer.BRONZE, "transactions");
  public static final LakeTable BRONZE_CHANNEL_EVENTS = new LakeTable(Layer.BRONZE, "channel_events");
  public static final LakeTable BRONZE_CHURN = new LakeTable(Layer.BRONZE, "churn");
  public static final LakeTable BRONZE_CUSTOMER_TEXTS = new LakeTable(Layer.BRONZE, "customer_texts");
  public static final LakeTable BRONZE_INTERVIEW_TRANSCRIPTS =
      new LakeTable(Layer.BRONZE, "interview_transcripts");

  public static final LakeTable SILVER_CUSTOMERS = new LakeTable(Layer.SILVER, "customers");
  public static final LakeTable SILVER_TRANSACTIONS = new LakeTable(Layer.SILVER, "transactions");
  public static final LakeTable SILVER_CHANNEL_EVENTS = new LakeTable(Layer.SILVER, "channel_events");
  public static final LakeTable SILVER_CHURN = new LakeTable(Layer.SILVER, "churn");
  public static final LakeTable SILVER_CUSTOMER_TEXTS = new LakeTable(Layer.SILVER, "customer_texts");
  public static final LakeTable SILVER_INTERVIEWS = new LakeTable(Layer.SILVER, "interviews");
  public static final LakeTable SILVER_CODED_SEGMENTS = new LakeTable(Layer.SILVER, "coded_segments");
  // Coded customer texts (reviews, tickets, survey answers) and which texts are coded: code-texts.
  public static final LakeTable SILVER_CODED_TEXTS = new LakeTable(Layer.SILVER, "coded_texts");
  public static final LakeTable SILVER_TEXT_CODINGS = new LakeTable(Layer.SILVER, "text_codings");

  public static final LakeTable GOLD_JOURNEYS = new LakeTable(Layer.GOLD, "journeys");
  public static final LakeTable GOLD_CLAIM_RESULTS = new LakeTable(Layer.GOLD, "claim_results");
  public static final LakeTable GOLD_SEGMENT_RESULTS = new LakeTable(Layer.GOLD, "segment_results");
  public static final LakeTable GOLD_SURVIVAL_CURVES = new LakeTable(Layer.GOLD, "survival_curves");
  public static final LakeTable GOLD_PANEL_FIT = new LakeTable(Layer.GOLD, "panel_fit");
  public static final LakeTable GOLD_DISCOVERIES = new LakeTable(Layer.GOLD, "discoveries");
  public static final LakeTable GOLD_PROPOSED_CLAIMS = new LakeTable(Layer.GOLD, "proposed_claims");
  public static final LakeTable GOLD_RUNS = new LakeTable(Layer.GOLD, "runs");
  // Quality gate results per nightly date (docs/quality.md).
  public static final LakeTable GOLD_DATA_QUALITY = new LakeTable(Layer.GOLD, "data_quality");
  // Journey analytics, written by journeys next to gold/journeys (docs/journeys.md).
  public static final LakeTable GOLD_TIMELINES = new LakeTable(Layer.GOLD, "timelines");
  public static final LakeTable GOLD_TRANSITIONS = new LakeTable(Layer.GOLD, "transitions");
  public static final LakeTable GOLD_VARIANTS = new LakeTable(Layer.GOLD, "variants");
  public static final LakeTable GOLD_LOOPS = new LakeTable(Layer.GOLD, "loops");
  public static final LakeTable GOLD_FUNNEL = new LakeTable(Layer.GOLD, "funnel");
  public static final LakeTable GOLD_RETENTION = new LakeTable(Layer.GOLD, "retention");
  public static final LakeTable GOLD_LIFECYCLE = new LakeTable(Layer.GOLD, "lifecycle");
  public static final LakeTable GOLD_JOURNEY_GAPS = new LakeTable(Layer.GOLD, "journey_gaps");
  public static final LakeTable GOLD_TOUCHPOINT_COVERAGE = new LakeTable(Layer.GOLD, "touchpoint_coverage");
  public static final LakeTable GOLD_SAY_DO = new LakeTable(Layer.GOLD, "say_do");

  public LakeTable {
    if (!name.matches("[a-z][a-z0-9_]*")) {
      throw new IllegalArgumentException("table names are snake_case: " + name);
    }
  }

  /** The same name in the quarantine layer, where this table's rejected rows go. */
  public LakeTable quarantine() {
    return new LakeTable(Layer.QUARANTINE, name);
  }

  @Override
  public String toString() {
    return layer.folder() + "/" + name;
  }
}
