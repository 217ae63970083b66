package io.triangulate.pipelines.adapters;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.triangulate.nlp.UserError;
import io.triangulate.pipelines.SparkTestBase;
import io.triangulate.pipelines.lake.Lake;
import java.nio.file.Path;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The adapter registry and its user-facing errors; no data set needed. */
class AdaptersTest extends SparkTestBase {
  @TempDir Path dir;

  @Test
  void helpNamesEveryAdapterOnce() {
    for (Adapter adapter : Adapters.ALL) {
      assertThat(Adapters.HELP).as("--help lists %s", adapter.name()).contains("  " + adapter.name() + " ");
      assertThat(Adapters.named(adapter.name())).isSameAs(adapter);
    }
    assertThat(Adapters.ALL.stream().map(Adapter::name).distinct()).hasSize(Adapters.ALL.size());
  }

  @Test
  void unknownAdapterListsTheKnownOnes() {
    assertThatThrownBy(() -> Adapters.named("telko"))
        .isInstanceOf(UserError.class)
        .hasMessageContaining("unknown adapter telko")
        .hasMessageContaining("telco, cdnow, fitbit");
  }

  @Test
  void missingInputFileNamesTheFilesTheAdapterNeeds() {
    Lake lake = new Lake(dir.resolve("lake").toString());
    assertThatThrownBy(() ->
            Adapters.run(spark, lake, Adapters.named("telco"), dir.resolve("empty").toString(), LocalDate.of(2026, 7, 1), "run"))
        .isInstanceOf(UserError.class)
        .hasMessageContaining("adapter telco needs this file")
        .hasMessageContaining(TelcoAdapter.DEMOGRAPHICS)
        .hasMessageContaining(TelcoAdapter.STATUS)
        .hasMessageContaining("--input");
  }
}
