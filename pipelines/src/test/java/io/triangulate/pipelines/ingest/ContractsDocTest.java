package io.triangulate.pipelines.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** docs/contracts.md is generated: the committed file must be exactly what the code renders. */
class ContractsDocTest {

  @Test
  void committedDocMatchesTheContracts() throws IOException {
    Path doc = repoRoot().resolve("docs/contracts.md");
    String rendered = ContractsDoc.render();
    String committed = Files.exists(doc) ? Files.readString(doc, StandardCharsets.UTF_8) : "";
    if (!committed.equals(rendered)) {
      // Leave the fresh rendering next to the build output so fixing the doc is one copy.
      Path fresh = Path.of("target", "contracts.md").toAbsolutePath();
      Files.createDirectories(fresh.getParent());
      Files.writeString(fresh, rendered, StandardCharsets.UTF_8);
    }
    assertThat(committed)
        .as("docs/contracts.md differs from what SourceContract generates; copy target/contracts.md over it"
            + " (or run io.triangulate.pipelines.ingest.ContractsDoc docs/contracts.md)")
        .isEqualTo(rendered);
  }

  @Test
  void docHasOneTablePerSourceAndEveryRule() {
    String md = ContractsDoc.render();
    for (SourceContract contract : SourceContract.ALL) {
      assertThat(md).as("section for %s", contract.source()).contains("## `" + contract.source() + "`");
      for (ContractColumn column : contract.columns()) {
        assertThat(md).as("row for %s.%s", contract.source(), column.name())
            .contains("| `" + column.name() + "` | " + column.type().simpleString() + " | " + (column.required() ? "yes" : "no"));
      }
    }
    for (ValidationRule rule : ValidationRule.values()) {
      assertThat(md).as("rule %s", rule.id()).contains("| `" + rule.id() + "` |");
    }
    assertThat(md).as("quarantine layout").contains("| `reason` | string |");
  }

  // Surefire runs in the module folder (pipelines/); an IDE may run from the repository root.
  private static Path repoRoot() {
    Path here = Path.of("").toAbsolutePath();
    return Files.exists(here.resolve("docs/architecture.md")) ? here : here.getParent();
  }
}
