package io.triangulate.pipelines.generate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.triangulate.nlp.UserError;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

class WorldSpecTest {

  @Test
  void defaults() {
    WorldSpec d = WorldSpec.defaults();
    assertThat(d).isEqualTo(new WorldSpec(42, 20_000, LocalDate.of(2026, 6, 30), 18, LocalDate.of(2024, 6, 30)));
    assertThat(WorldSpec.fromArgs(List.of())).as("no options").isEqualTo(d);
  }

  @Test
  void parsesOptions() {
    WorldSpec s = WorldSpec.fromArgs(
        List.of("--seed", "7", "--customers", "100000", "--date", "2026-01-31", "--interviews", "5", "--history-start", "2025-01-01"));
    assertThat(s).isEqualTo(new WorldSpec(7, 100_000, LocalDate.of(2026, 1, 31), 5, LocalDate.of(2025, 1, 1)));
    assertThat(WorldSpec.fromArgs(List.of("--date", "2026-01-31")).historyStart()).as("history follows the date")
        .isEqualTo(LocalDate.of(2024, 1, 31));
  }

  @Test
  void badInputIsAUserError() {
    assertThatThrownBy(() -> WorldSpec.fromArgs(List.of("--customers", "lots"))).isInstanceOf(UserError.class)
        .hasMessageContaining("--customers").hasMessageContaining("lots");
    assertThatThrownBy(() -> WorldSpec.fromArgs(List.of("--date", "30/06/2026"))).isInstanceOf(UserError.class)
        .hasMessageContaining("yyyy-mm-dd");
    assertThatThrownBy(() -> WorldSpec.fromArgs(List.of("--colour", "red"))).isInstanceOf(UserError.class)
        .hasMessageContaining("unknown option");
    assertThatThrownBy(() -> WorldSpec.fromArgs(List.of("--seed"))).isInstanceOf(UserError.class);
    assertThatThrownBy(() -> WorldSpec.of(1, 0, LocalDate.of(2026, 6, 30), 18)).isInstanceOf(UserError.class);
    assertThatThrownBy(() -> new WorldSpec(1, 10, LocalDate.of(2026, 6, 30), 18, LocalDate.of(2026, 6, 20)))
        .isInstanceOf(UserError.class).hasMessageContaining("history");
  }
}
