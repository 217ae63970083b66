package io.triangulate.pipelines.generate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import io.triangulate.pipelines.generate.GroundTruth.PlantedClaim;
import io.triangulate.pipelines.generate.GroundTruth.SegmentRate;
import io.triangulate.pipelines.generate.LandingFiles.Csv;
import io.triangulate.pipelines.ingest.ContractColumn;
import io.triangulate.pipelines.ingest.SourceContract;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Generates a 3,000-customer world once and checks it from the outside: files are read back and the
 * planted rates recomputed here with java.time, independently of the generator's own bookkeeping.
 */
class WorldGeneratorTest {
  private static final LocalDate RUN_DATE = LocalDate.of(2026, 6, 30);
  private static final Instant OBSERVED_UNTIL = RUN_DATE.atStartOfDay(ZoneOffset.UTC).toInstant();
  private static final WorldSpec SPEC = WorldSpec.of(7L, 3_000, RUN_DATE, 18);

  @TempDir static Path lake;
  private static GroundTruth truth;
  private static World world;

  /** What the test reads back from the landing files, per customer. */
  private static final class World {
    final Map<String, Instant> signup = new HashMap<>();
    final Map<String, String> channel = new HashMap<>();
    final Map<String, Instant> firstWatch = new HashMap<>();
    final Map<String, Instant> lastSync = new HashMap<>();
    final Set<String> setupCompleted = new HashSet<>();
    final Map<String, Instant> churnedAt = new HashMap<>();
    Instant latest = Instant.EPOCH;
    Instant latestAfterChurn = null;
    long events;
  }

  @BeforeAll
  static void generate() {
    truth = WorldGenerator.generate(SPEC, lake);
    world = read(lake);
  }

  private static Path file(String source, String name) {
    return WorldGenerator.landingDir(lake, source, RUN_DATE).resolve(name);
  }

  private static World read(Path lakeRoot) {
    World w = new World();
    for (Map<String, String> r : LandingFiles.readCsv(file("customers", "customers.csv")).rows()) {
      w.signup.put(r.get("customer_id"), Instant.parse(r.get("signed_up_at")));
      w.channel.put(r.get("customer_id"), r.get("acquisition_channel"));
    }
    for (Map<String, String> r : LandingFiles.readCsv(file("churn", "churn.csv")).rows()) {
      w.churnedAt.put(r.get("customer_id"), Instant.parse(r.get("churned_at")));
      seen(w, r.get("customer_id"), Instant.parse(r.get("churned_at")));
    }
    for (Map<String, String> r : LandingFiles.readCsv(file("transactions", "transactions.csv")).rows()) {
      Instant at = Instant.parse(r.get("occurred_at"));
      seen(w, r.get("customer_id"), at);
      if (r.get("product_id").equals("sports_watch")) {
        w.firstWatch.merge(r.get("customer_id"), at, (a, b) -> a.isBefore(b) ? a : b);
      }
    }
    LandingFiles.forEachJsonLine(file("channel_events", "channel_events.jsonl"), e -> {
      String id = e.get("customer_id").asText();
      Instant at = Instant.parse(e.get("occurred_at").asText());
      seen(w, id, at);
      w.events++;
      String type = e.get("event_type").asText();
      if (type.equals("watch_sync")) {
        assertThat(e.get("channel").asText()).as("watch_sync channel").isEqualTo("device");
        assertThat(e.get("product_id").asText()).as("watch_sync product").isEqualTo("sports_watch");
        w.lastSync.merge(id, at, (a, b) -> a.isAfter(b) ? a : b);
      } else if (type.equals("setup_completed")) {
        w.setupCompleted.add(id);
      }
    });
    return w;
  }

  private static void seen(World w, String customerId, Instant at) {
    if (at.isAfter(w.latest)) {
      w.latest = at;
    }
    Instant churned = w.churnedAt.get(customerId);
    if (churned != null && at.isAfter(churned)) {
      w.latestAfterChurn = at;
    }
  }

  @Test
  void sameSpecGivesByteIdenticalFiles(@TempDir Path other) throws IOException {
    WorldGenerator.generate(SPEC, other);
    Map<Path, byte[]> first = files(lake);
    Map<Path, byte[]> second = files(other);
    assertThat(second.keySet()).as("same files").isEqualTo(first.keySet());
    assertThat(first).as("customers, transactions, events, churn, interviews, ground truth").hasSizeGreaterThan(20);
    for (Path p : first.keySet()) {
      assertThat(second.get(p)).as("bytes of " + p).isEqualTo(first.get(p));
    }
  }

  @Test
  void anotherSeedGivesAnotherWorld(@TempDir Path other) throws IOException {
    WorldGenerator.generate(SPEC.withSeed(8L), other);
    Path rel = lake.relativize(file("customers", "customers.csv"));
    assertThat(Files.readAllBytes(other.resolve(rel))).as("customers.csv of seed 8 vs 7")
        .isNotEqualTo(Files.readAllBytes(lake.resolve(rel)));
  }

  @Test
  void writingAgainReplacesThatDatesFolders(@TempDir Path again) throws IOException {
    WorldGenerator.generate(SPEC.withCustomers(300), again);
    Path stale = WorldGenerator.landingDir(again, "interviews", RUN_DATE).resolve("INT-99.txt");
    Files.writeString(stale, "left over");
    WorldGenerator.generate(SPEC.withCustomers(200), again);
    assertThat(stale).as("stale transcript of the earlier run").doesNotExist();
    Csv customers = LandingFiles.readCsv(WorldGenerator.landingDir(again, "customers", RUN_DATE).resolve("customers.csv"));
    assertThat(customers.rows()).as("customers after the second run").hasSize(200);
  }

  @Test
  void headersMatchSourceContracts() {
    assertThat(LandingFiles.readCsv(file("customers", "customers.csv")).header()).as("customers.csv header")
        .isEqualTo(names(SourceContract.CUSTOMERS));
    assertThat(LandingFiles.readCsv(file("transactions", "transactions.csv")).header()).as("transactions.csv header")
        .isEqualTo(names(SourceContract.TRANSACTIONS));
    assertThat(LandingFiles.readCsv(file("churn", "churn.csv")).header()).as("churn.csv header")
        .isEqualTo(names(SourceContract.CHURN));
    JsonNode first = LandingFiles.firstJsonLine(file("channel_events", "channel_events.jsonl"));
    List<String> keys = new ArrayList<>();
    first.fieldNames().forEachRemaining(keys::add);
    assertThat(keys).as("channel_events keys").isEqualTo(names(SourceContract.CHANNEL_EVENTS));
    assertThat(first.get("attributes").isObject()).as("attributes is a JSON object").isTrue();
  }

  private static List<String> names(SourceContract c) {
    return c.columns().stream().map(ContractColumn::name).toList();
  }

  @Test
  void nothingHappensOnOrAfterTheRunDateOrAfterChurn() {
    assertThat(world.latest).as("latest timestamp in any landing file").isBefore(OBSERVED_UNTIL);
    assertThat(world.latestAfterChurn).as("a transaction or event after the customer churned").isNull();
    assertThat(world.signup.values()).as("signups within history")
        .allMatch(s -> !s.isBefore(SPEC.historyStart().atStartOfDay(ZoneOffset.UTC).toInstant()));
    assertThat(world.events / (double) world.signup.size()).as("events per customer").isBetween(5.0, 150.0);
  }

  @Test
  void watchAbandonmentIsRecoveredFromTheFiles() {
    long[] all = new long[2];
    long[] notSetUp = new long[2];
    long[] setUp = new long[2];
    for (Map.Entry<String, Instant> e : world.firstWatch.entrySet()) {
      Instant anchor = e.getValue();
      Instant last = world.lastSync.getOrDefault(e.getKey(), anchor);
      Boolean event = null;
      if (last.isAfter(anchor.plus(Duration.ofDays(183)))) {
        event = false;
      } else if (!last.plus(Duration.ofDays(60)).isAfter(OBSERVED_UNTIL)) {
        event = true;
      }
      count(all, event);
      count(world.setupCompleted.contains(e.getKey()) ? setUp : notSetUp, event);
    }
    PlantedClaim claim = truth.claim("watch_abandonment");
    assertThat(claim.eventCustomers()).as("events, file-based vs ground truth").isEqualTo(all[0]);
    assertThat(claim.observedCustomers()).as("observed, file-based vs ground truth").isEqualTo(all[1]);
    assertThat(rate(all)).as("watch abandonment overall").isCloseTo(0.40, within(0.06));
    assertThat(rate(notSetUp)).as("watch abandonment, setup never completed").isCloseTo(0.80, within(0.08));
    assertThat(rate(setUp)).as("watch abandonment, setup completed").isCloseTo(0.18, within(0.06));
    assertThat(segment(claim, "setup_completed=false").eventCustomers()).as("breakdown events").isEqualTo(notSetUp[0]);
    assertThat(claim.expectedVerdict()).isEqualTo("supported");
    double buyers = world.firstWatch.size() / (double) world.signup.size();
    assertThat(buyers).as("share of customers buying the watch").isBetween(0.22, 0.32);
  }

  @Test
  void churnTruthsAreRecoveredFromTheFiles() {
    long[] year = new long[2];
    long[] quarter = new long[2];
    long[] socialQuarter = new long[2];
    long[] othersQuarter = new long[2];
    for (Map.Entry<String, Instant> e : world.signup.entrySet()) {
      Instant churned = world.churnedAt.get(e.getKey());
      count(year, churnWithin(e.getValue(), churned, 365));
      Boolean q = churnWithin(e.getValue(), churned, 90);
      count(quarter, q);
      count(world.channel.get(e.getKey()).equals("social") ? socialQuarter : othersQuarter, q);
    }
    PlantedClaim early = truth.claim("early_churn");
    assertThat(early.eventCustomers()).as("365-day churn events vs ground truth").isEqualTo(year[0]);
    assertThat(early.observedCustomers()).as("365-day churn observed vs ground truth").isEqualTo(year[1]);
    assertThat(rate(year)).as("churn within 365 days").isCloseTo(0.09, within(0.03));
    assertThat(early.expectedVerdict()).isEqualTo("contradicted");

    PlantedClaim social = truth.claim("social_early_churn");
    assertThat(social.eventCustomers()).as("90-day churn events vs ground truth").isEqualTo(quarter[0]);
    assertThat(social.observedCustomers()).as("90-day churn observed vs ground truth").isEqualTo(quarter[1]);
    assertThat(rate(quarter)).as("churn within 90 days, all").isCloseTo(0.05, within(0.02));
    assertThat(rate(socialQuarter)).as("churn within 90 days, social").isCloseTo(0.30, within(0.07));
    assertThat(rate(othersQuarter)).as("churn within 90 days, not social").isBetween(0.01, 0.04);
    assertThat(social.segment()).isEqualTo("acquisition_channel=social");
    assertThat(social.segmentTrueRate()).as("segment rate vs files").isCloseTo(rate(socialQuarter), within(1e-12));
    assertThat(social.expectedVerdict()).isEqualTo("holds_in_segments");
    double socialShare = world.channel.values().stream().filter("social"::equals).count() / (double) world.channel.size();
    assertThat(socialShare).as("share acquired through social").isCloseTo(0.12, within(0.03));
  }

  /** churn_within per docs/architecture.md; null = censored. */
  private static Boolean churnWithin(Instant signup, Instant churned, int days) {
    Instant horizon = signup.plus(Duration.ofDays(days));
    if (churned != null && !churned.isAfter(horizon)) {
      return true;
    }
    return horizon.isAfter(OBSERVED_UNTIL) ? null : false;
  }

  private static void count(long[] tally, Boolean event) {
    if (event != null) {
      tally[1]++;
      if (event) {
        tally[0]++;
      }
    }
  }

  private static double rate(long[] tally) {
    return tally[0] / (double) tally[1];
  }

  private static SegmentRate segment(PlantedClaim claim, String segment) {
    return claim.breakdown().stream().filter(s -> s.segment().equals(segment)).findFirst().orElseThrow();
  }

  @Test
  void groundTruthFileRoundTrips() {
    GroundTruth read = GroundTruth.read(GroundTruth.path(lake, RUN_DATE));
    assertThat(read).as("ground_truth.json read back").isEqualTo(truth);
    assertThat(read.runDate()).isEqualTo(RUN_DATE);
    assertThat(read.planted()).extracting(PlantedClaim::claimId)
        .containsExactly("watch_abandonment", "early_churn", "social_early_churn");
  }

  private static Map<Path, byte[]> files(Path root) throws IOException {
    Map<Path, byte[]> out = new java.util.TreeMap<>();
    try (Stream<Path> walk = Files.walk(root)) {
      for (Iterator<Path> it = walk.filter(Files::isRegularFile).iterator(); it.hasNext(); ) {
        Path p = it.next();
        out.put(root.relativize(p), Files.readAllBytes(p));
      }
    }
    return out;
  }
}
