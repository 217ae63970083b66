package io.triangulate.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** `triangulate eval-coding` on a three-clause data set; needs the lemma models only. */
@Tag("models")
class EvalCodingJobTest {
  @Test
  void writesTheEvaluationDocument(@TempDir Path dir) throws Exception {
    Path data = Files.createDirectories(dir.resolve("wearable_reviews"));
    Files.writeString(data.resolve("coded_clauses.csv"), """
        review_id,clause_no,clause,aspect,sentiment,filter
        R1,1,the battery lasts a week,Battery Life,3,No
        R2,1,it syncs with my phone,Syncing,2,No
        R2,2,i bought it for my husband,None,2,No
        """, StandardCharsets.UTF_8);
    Path out = dir.resolve("docs/coding-eval.md");

    int code = new CommandLine(new Triangulate()).execute("eval-coding", "--data", data.toString(), "--no-sentiment", "--out", out.toString());

    assertThat(code).isZero();
    String doc = Files.readString(out, StandardCharsets.UTF_8);
    assertThat(doc).as("both aspects found, nothing else").contains("| Battery Life | 1 | 1 | 0 | 0 | 1.000 | 1.000 | 1.000 |")
        .contains("| Syncing | 1 | 1 | 0 | 0 | 1.000 | 1.000 | 1.000 |").contains("macro F1: **1.000**")
        .contains("bin/triangulate eval-coding --data " + data).doesNotContain("### Sentiment");
  }

  @Test
  void missingDataIsAUserError(@TempDir Path dir) {
    int code = new CommandLine(new Triangulate()).execute("eval-coding", "--data", dir.resolve("nope").toString(), "--no-sentiment");
    assertThat(code).isEqualTo(2);
  }
}
