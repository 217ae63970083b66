package io.triangulate.pipelines.generate;

import static io.triangulate.pipelines.generate.OutcomeRules.Outcome.CENSORED;
import static io.triangulate.pipelines.generate.OutcomeRules.Outcome.EVENT;
import static io.triangulate.pipelines.generate.OutcomeRules.Outcome.NON_EVENT;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Hand-checkable cases of the outcome definitions; times in days for readability. */
class OutcomeRulesTest {
  private static final long D = 86_400L;
  private static final long NONE = Long.MAX_VALUE;

  @Test
  void usageStops() {
    // bought day 0, observed until day 400
    assertThat(OutcomeRules.usageStops(0, 100 * D, 183, 60, 400 * D)).as("stopped at day 100").isEqualTo(EVENT);
    assertThat(OutcomeRules.usageStops(0, 183 * D, 183, 60, 400 * D)).as("last use exactly at horizon").isEqualTo(EVENT);
    assertThat(OutcomeRules.usageStops(0, 184 * D, 183, 60, 400 * D)).as("used after horizon").isEqualTo(NON_EVENT);
    assertThat(OutcomeRules.usageStops(0, NONE, 183, 60, 400 * D)).as("never used: last = anchor").isEqualTo(EVENT);
    // bought day 0, observed until day 100: silence since day 50 is too short to call
    assertThat(OutcomeRules.usageStops(0, 50 * D, 183, 60, 100 * D)).as("silent 50 days only").isEqualTo(CENSORED);
    assertThat(OutcomeRules.usageStops(0, 40 * D, 183, 60, 100 * D)).as("silent exactly 60 days").isEqualTo(EVENT);
  }

  @Test
  void churnWithin() {
    assertThat(OutcomeRules.churnWithin(0, 365 * D, 365, 500 * D)).as("churned on the horizon").isEqualTo(EVENT);
    assertThat(OutcomeRules.churnWithin(0, 366 * D, 365, 500 * D)).as("churned after it").isEqualTo(NON_EVENT);
    assertThat(OutcomeRules.churnWithin(0, NONE, 365, 365 * D)).as("horizon = observed_until").isEqualTo(NON_EVENT);
    assertThat(OutcomeRules.churnWithin(0, NONE, 365, 300 * D)).as("too recent").isEqualTo(CENSORED);
    assertThat(OutcomeRules.churnWithin(0, 30 * D, 365, 300 * D)).as("recent but churned").isEqualTo(EVENT);
  }

  @Test
  void tallyAndVerdict() {
    OutcomeRules.Tally t = new OutcomeRules.Tally();
    t.add(EVENT);
    t.add(NON_EVENT);
    t.add(CENSORED);
    assertThat(t.rate()).isEqualTo(0.5);
    assertThat(t.observed()).isEqualTo(2);
    assertThat(PlantedTruths.verdict(t, 0.3)).as("fewer than 30 observed").isEqualTo("inconclusive");
  }
}
