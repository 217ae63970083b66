package io.triangulate.nlp.qda;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/** Imports the real exchange samples of ../shared/data/refi_qda; counts are those of its README. */
class RealRefiQdaSamplesTest {
  private static Path sample(String name) {
    String configured = System.getProperty("triangulate.shared.data");
    Path file = Path.of(configured != null ? configured : "../../shared/data", "refi_qda", name);
    Assumptions.assumeTrue(Files.isRegularFile(file), "shared data absent: " + file.toAbsolutePath());
    return file;
  }

  @Test
  void atlasTiStandardProjectArchiveWithCapitalProjectQde() {
    QdaProject p = RefiQdaReader.read(sample("skyloom_ATLASti8_standard_project_TestProject.qdpx"));
    assertThat(p.codes()).as("README: 14 codes").hasSize(14);
    assertThat(p.codings()).as("README: 16 codings").hasSize(16);
    assertThat(p.origin()).startsWith("ATLAS.ti 8");
    assertThat(p.codings()).as("every coding points at a code of the codebook")
        .allSatisfy(c -> assertThat(p.code(c.codeGuid())).isPresent());
    assertThat(p.sources()).as("6 text, 2 PDF, 2 video, 1 picture, 1 audio source").hasSize(12);
    assertThat(p.sources().stream().filter(s -> s.kind().equals("TextSource")))
        .as("the archive's Sources/ folder is empty: text sources import without text").hasSize(6)
        .allSatisfy(s -> assertThat(s.text()).isNull());
    QdaCoding dietCoke = p.codings().stream().filter(c -> c.guid().equals("445A6AEC-1400-4502-919D-0867832FF211")).findFirst().orElseThrow();
    assertThat(dietCoke.startPosition()).isEqualTo(139);
    assertThat(dietCoke.endPosition()).isEqualTo(195);
    assertThat(p.codePath(dietCoke.codeGuid())).isEqualTo("Coke::diet Coke");
  }

  @Test
  void extractedQdeGivesTheSameAsTheArchive() {
    QdaProject qde = RefiQdaReader.read(sample("skyloom_ATLASti8_standard_project_Project.qde"));
    QdaProject qdpx = RefiQdaReader.read(sample("skyloom_ATLASti8_standard_project_TestProject.qdpx"));
    assertThat(qde.codes()).isEqualTo(qdpx.codes());
    assertThat(qde.codings()).isEqualTo(qdpx.codings());
  }

  @Test
  void maxqdaHierarchicalCodebookWithoutCodings() {
    QdaProject p = RefiQdaReader.read(sample("bedingjd_MAXQDA24_codebook_project.qde"));
    assertThat(p.codes()).as("README: 307 codes").hasSize(307);
    assertThat(p.codings()).as("README: no codings").isEmpty();
    assertThat(p.codes().stream().filter(c -> c.parentGuid() != null)).as("hierarchy kept").isNotEmpty();
    assertThat(p.codes()).allSatisfy(c -> {
      if (c.parentGuid() != null) {
        assertThat(p.code(c.parentGuid())).as("parent of %s", c.name()).isPresent();
      }
    });
  }

  @Test
  void smallAtlasTi23ProjectsAndTaguetteCodebook() {
    assertThat(RefiQdaReader.read(sample("ponte_ATLASti23_blank-atlas-project.qdpx")).codes()).isEmpty();
    QdaProject target = RefiQdaReader.read(sample("ponte_ATLASti23_target-atlas-project.qdpx"));
    assertThat(target.codes()).as("README: 3 codes").hasSize(3);
    assertThat(target.codes().get(1).parentGuid()).isEqualTo(target.codes().get(0).guid());
    QdaProject taguette = RefiQdaReader.read(sample("uto_tag_Taguette141_codebook.qdc"));
    assertThat(taguette.codes()).extracting(QdaCode::name).containsExactly("xsd:element name", "CodeBook", "Variables");
  }
}
