package io.triangulate.pipelines.generate;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import com.fasterxml.jackson.databind.deser.std.StdDeserializer;
import com.fasterxml.jackson.databind.ser.std.ToStringSerializer;
import io.triangulate.nlp.UserError;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;

/**
 * What the generator planted, written to {@code landing/_ground_truth/<date>/ground_truth.json}.
 * Rates are computed from the generated rows with {@link OutcomeRules} (observed_until = the run
 * date at 00:00Z, inactivity 60 days, usage events = {@code watch_sync}), so the validate stage's
 * base rates must match them exactly.
 */
@JsonPropertyOrder({"seed", "customers", "run_date", "planted", "interviews"})
public record GroundTruth(
    long seed,
    int customers,
    @JsonSerialize(using = ToStringSerializer.class) @JsonDeserialize(using = GroundTruth.DateReader.class) LocalDate runDate,
    List<PlantedClaim> planted,
    List<InterviewFact> interviews) {

  /** File name inside {@code landing/_ground_truth/<date>/}. */
  public static final String FILE_NAME = "ground_truth.json";

  /**
   * One planted truth and the verdict the validate stage should reach for its claim ("at least
   * {@code threshold}"), by the verdict rule of docs/architecture.md applied to {@code true_rate}.
   */
  @JsonPropertyOrder({
    "claim_id", "expected_verdict", "threshold", "true_rate", "event_customers", "observed_customers",
    "segment", "segment_true_rate", "breakdown", "description"
  })
  @JsonInclude(JsonInclude.Include.ALWAYS)
  public record PlantedClaim(
      String claimId,
      String expectedVerdict,
      double threshold,
      double trueRate,
      long eventCustomers,
      long observedCustomers,
      String segment,
      Double segmentTrueRate,
      List<SegmentRate> breakdown,
      String description) {}

  /** The claim's rate among customers with {@code segment} ("column=value"). */
  @JsonPropertyOrder({"segment", "true_rate", "event_customers", "observed_customers"})
  public record SegmentRate(String segment, double trueRate, long eventCustomers, long observedCustomers) {}

  /** One transcript: whose it is and which storylines (codebook codes) it was written to contain. */
  @JsonPropertyOrder({"interview_id", "customer_id", "date", "persona", "storyline", "codes", "has_pii", "file"})
  public record InterviewFact(
      String interviewId,
      String customerId,
      String date,
      String persona,
      String storyline,
      List<String> codes,
      boolean hasPii,
      String file) {}

  public PlantedClaim claim(String claimId) {
    return planted.stream()
        .filter(p -> p.claimId().equals(claimId))
        .findFirst()
        .orElseThrow(() -> new IllegalArgumentException("no planted claim " + claimId));
  }

  static ObjectMapper mapper() {
    return new ObjectMapper()
        .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
        .enable(SerializationFeature.INDENT_OUTPUT)
        .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
  }

  /** Writes this as pretty JSON with a trailing newline (stable bytes for the same content). */
  public void write(Path file) {
    try {
      String json = mapper().writeValueAsString(this).replace("\r\n", "\n") + "\n";
      Files.writeString(file, json, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Reads a ground truth written by {@link #write(Path)}. */
  public static GroundTruth read(Path file) {
    try {
      return mapper().readValue(file.toFile(), GroundTruth.class);
    } catch (IOException e) {
      throw UserError.at(file.toString())
          .problem("ground truth cannot be read")
          .expected("JSON written by `triangulate generate`")
          .found(e.getMessage())
          .fix("run `triangulate generate` again for this date")
          .cause(e)
          .build();
    }
  }

  /** The ground truth file of a lake and date. */
  public static Path path(Path lakeRoot, LocalDate runDate) {
    return lakeRoot.resolve("landing").resolve("_ground_truth").resolve(runDate.toString()).resolve(FILE_NAME);
  }

  static final class DateReader extends StdDeserializer<LocalDate> {
    DateReader() {
      super(LocalDate.class);
    }

    @Override
    public LocalDate deserialize(JsonParser p, DeserializationContext ctx) throws IOException {
      return LocalDate.parse(p.getValueAsString());
    }
  }
}
