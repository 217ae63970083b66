package io.triangulate.nlp.qda;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.triangulate.nlp.UserError;
import io.triangulate.nlp.codebook.Codebook;
import io.triangulate.nlp.qda.QdaExport.Interview;
import io.triangulate.nlp.qda.QdaExport.SegmentCode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Export of coded segments to .qdpx and import back; small hand-made fixtures, no models. */
class RefiQdaTest {
  private static final Codebook BOOK = Codebook.parse("""
      id: tiny
      version: "2"
      codes:
        - id: product_abandonment
          dimension: theme
          label: Stopped using the product
          include: [stop use]
        - id: setup_difficulty
          dimension: theme
          label: Setup was hard
          include: [set up]
        - id: store
          dimension: touchpoint
          label: Store
          include: [store]
      """, "tiny.yaml");

  // "café" keeps UTF-16 and code points equal; the emoji makes them differ after it.
  private static final Interview A = new Interview("int_a", "Interviewer: Why?\n\nRespondent: I stopped using it. The setup at the café was hard \uD83D\uDE20 and the store did not help.");
  private static final Interview B = new Interview("int_b", "Respondent: I never set it up.");

  private static SegmentCode code(Interview i, String phrase, String codeId, boolean manual) {
    int begin = i.text().indexOf(phrase);
    return new SegmentCode(i.interviewId(), begin, begin + phrase.length(), codeId, manual);
  }

  @Test
  void exportThenImportGivesTheSameCodingsAndManualCodesWin(@TempDir Path dir) throws Exception {
    SegmentCode stopped = code(A, "I stopped using it.", "product_abandonment", false);
    SegmentCode storeAuto = code(A, "the store did not help.", "store", false);
    SegmentCode setupAuto = code(A, "The setup at the café was hard \uD83D\uDE20", "setup_difficulty", false);
    SegmentCode setupAutoStore = code(A, "The setup at the café was hard \uD83D\uDE20", "store", false);
    SegmentCode setupManual = code(A, "The setup at the café was hard \uD83D\uDE20", "setup_difficulty", true);
    SegmentCode neverSetUp = code(B, "I never set it up.", "setup_difficulty", false);

    QdaProject project = QdaExport.project("demo", BOOK, List.of(A, B),
        List.of(stopped, setupAuto, setupAutoStore, storeAuto, neverSetUp), List.of(setupManual));
    Path file = dir.resolve("codes.qdpx");
    RefiQdaWriter.write(project, file);

    QdaProject back = RefiQdaReader.read(file);
    assertThat(back.sources()).extracting(QdaSource::name).containsExactly("int_a", "int_b");
    assertThat(back.sources().get(0).text()).as("text travels as Sources/<guid>.txt").isEqualTo(A.text());
    assertThat(back.codes()).as("3 codes under 2 dimension parents").hasSize(5);
    assertThat(back.codePath(back.codings().get(0).codeGuid())).startsWith("theme/");
    assertThat(back.codes().stream().filter(c -> c.parentGuid() == null))
        .extracting(QdaCode::name, QdaCode::isCodable)
        .containsExactly(org.assertj.core.groups.Tuple.tuple("theme", false), org.assertj.core.groups.Tuple.tuple("touchpoint", false));
    assertThat(QdaExport.segmentCodes(back)).as("round trip; the manual code replaced both auto codes on its span")
        .containsExactlyInAnyOrder(stopped, storeAuto, setupManual, neverSetUp);

    // Positions in the file are code points: the emoji (2 UTF-16 units) counts once.
    QdaCoding store = back.codings().stream()
        .filter(c -> back.code(c.codeGuid()).orElseThrow().name().equals("store")).findFirst().orElseThrow();
    assertThat(store.startPosition()).isEqualTo(storeAuto.charBegin() - 1);

    assertThat(RefiQdaWriter.archive(project)).as("same input, same bytes (name-based GUIDs)")
        .isEqualTo(RefiQdaWriter.archive(QdaExport.project("demo", BOOK, List.of(A, B),
            List.of(stopped, setupAuto, setupAutoStore, storeAuto, neverSetUp), List.of(setupManual))));
    try (var zip = new java.util.zip.ZipInputStream(Files.newInputStream(file))) {
      for (var entry = zip.getNextEntry(); entry != null; entry = zip.getNextEntry()) {
        assertThat(entry.getTimeLocal()).as("%s: a fixed time, not the clock, so two exports a tick apart are identical", entry.getName())
            .isEqualTo(java.time.LocalDateTime.of(2000, 1, 1, 0, 0));
      }
    }
  }

  @Test
  void readsInlineTextNestedCodesAndCodebooks(@TempDir Path dir) throws Exception {
    Path qde = dir.resolve("p.qde");
    Files.writeString(qde, """
        <?xml version="1.0" encoding="utf-8"?>
        <Project xmlns="urn:QDA-XML:project:1.0" name="p" origin="NVivo">
          <CodeBook><Codes>
            <Code guid="P" name="Parent" isCodable="false"><Description>group</Description>
              <Code guid="C" name="Child" isCodable="true"/>
            </Code>
          </Codes></CodeBook>
          <Sources>
            <TextSource guid="S" name="s.txt">
              <PlainTextContent>Hello world</PlainTextContent>
              <PlainTextSelection guid="X" startPosition="6" endPosition="11">
                <Coding guid="K"><CodeRef targetGUID="C"/></Coding>
              </PlainTextSelection>
            </TextSource>
          </Sources>
        </Project>
        """, StandardCharsets.UTF_8);
    QdaProject p = RefiQdaReader.read(qde);
    assertThat(p.codes()).containsExactly(new QdaCode("P", "Parent", null, "group", false), new QdaCode("C", "Child", "P", null, true));
    assertThat(p.codings()).containsExactly(new QdaCoding("K", "C", "S", "X", "PlainTextSelection", 6, 11, null));
    assertThat(p.codePath("C")).isEqualTo("Parent/Child");
    assertThat(QdaExport.segmentCodes(p)).containsExactly(new SegmentCode("s.txt", 6, 11, "Child", true));

    Path qdc = dir.resolve("b.qdc");
    Files.writeString(qdc, "<CodeBook xmlns=\"urn:QDA-XML:codebook:1.0\"><Codes><Code guid=\"A\" name=\"a\" isCodable=\"true\"/></Codes></CodeBook>");
    QdaProject book = RefiQdaReader.read(qdc);
    assertThat(book.codes()).extracting(QdaCode::name).containsExactly("a");
    assertThat(book.sources()).isEmpty();
  }

  @Test
  void badInputNamesTheFileAndTheFix(@TempDir Path dir) throws Exception {
    Path broken = dir.resolve("broken.qde");
    Files.writeString(broken, "<Project><CodeBook>");
    assertThatThrownBy(() -> RefiQdaReader.read(broken)).isInstanceOf(UserError.class)
        .hasMessageContaining("broken.qde").hasMessageContaining("not well-formed XML");

    Path txt = dir.resolve("notes.txt");
    Files.writeString(txt, "x");
    assertThatThrownBy(() -> RefiQdaReader.read(txt)).isInstanceOf(UserError.class).hasMessageContaining(".qdpx");

    Path noProject = dir.resolve("empty.qdpx");
    Files.write(noProject, RefiQdaWriter.archive(new QdaProject("x", null, Map.of(), List.of(), List.of(), List.of())));
    assertThat(RefiQdaReader.read(noProject).codes()).isEmpty();

    SegmentCode outside = new SegmentCode("int_b", 0, 999, "store", false);
    assertThatThrownBy(() -> QdaExport.project("x", BOOK, List.of(B), List.of(outside), List.of()))
        .isInstanceOf(UserError.class).hasMessageContaining("span outside the interview text");
    SegmentCode unknown = new SegmentCode("int_b", 0, 5, "nope", false);
    assertThatThrownBy(() -> QdaExport.project("x", BOOK, List.of(B), List.of(unknown), List.of()))
        .isInstanceOf(UserError.class).hasMessageContaining("code not in codebook tiny");
  }
}
