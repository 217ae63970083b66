package io.triangulate.pipelines.claims;

import io.triangulate.pipelines.coding.CodedSegmentSchema;
import io.triangulate.pipelines.ingest.SourceContract;
import io.triangulate.pipelines.journeys.Journeys;
import io.triangulate.pipelines.journeys.PhaseMap;
import io.triangulate.pipelines.lake.Lake;
import io.triangulate.pipelines.lake.LakeTable;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructType;

/**
 * Validates claims on a lake that holds one public data set, ingested with an adapter
 * ({@code ingest --adapter telco|cdnow}): such a lake has only some silver tables (CDNOW has no
 * customers, Telco no channel events) and no interviews, so the nightly journeys and validate
 * stages, which expect every table, cannot run on it. Here a missing silver table counts as empty,
 * the journeys are built in memory from what exists (same code as the journeys stage) and the
 * results are written to the gold claim tables like the validate stage does.
 */
public final class DataSetClaims {
  private DataSetClaims() {}

  /** Builds the journeys, validates every claim of {@code claimsDir} as of {@code runDate} and writes gold. */
  public static ClaimValidation.Results run(SparkSession spark, Lake lake, LocalDate runDate, Path claimsDir) {
    List<ClaimSpec> specs = ClaimSpecs.loadFolder(claimsDir);
    Map<SourceContract, Dataset<Row>> silver = new HashMap<>();
    for (SourceContract contract : SOURCES) {
      if (lake.exists(spark, contract.silver())) {
        silver.put(contract, lake.read(spark, contract.silver()));
      }
    }
    ClaimValidation.Results results = evaluate(spark, specs, silver,
        orEmpty(spark, lake, LakeTable.SILVER_INTERVIEWS, CodedSegmentSchema.INTERVIEWS),
        orEmpty(spark, lake, LakeTable.SILVER_CODED_SEGMENTS, CodedSegmentSchema.CODED_SEGMENTS), runDate);
    ClaimValidation.write(spark, lake, runDate, results);
    return results;
  }

  /** The silver sources journeys and claims read. */
  static final List<SourceContract> SOURCES =
      List.of(SourceContract.CUSTOMERS, SourceContract.TRANSACTIONS, SourceContract.CHANNEL_EVENTS, SourceContract.CHURN);

  /**
   * Validates {@code specs} on silver tables with the contracts' silver schemas; a source missing
   * from {@code silver} counts as empty. Interviews and coded segments may be empty.
   */
  public static ClaimValidation.Results evaluate(
      SparkSession spark, List<ClaimSpec> specs, Map<SourceContract, Dataset<Row>> silver,
      Dataset<Row> interviews, Dataset<Row> codedSegments, LocalDate runDate) {
    Dataset<Row> transactions = source(spark, silver, SourceContract.TRANSACTIONS).cache();
    Dataset<Row> channelEvents = source(spark, silver, SourceContract.CHANNEL_EVENTS);
    Dataset<Row> churn = source(spark, silver, SourceContract.CHURN);
    PhaseMap phases = PhaseMap.defaults();
    Dataset<Row> steps = Journeys.steps(transactions, channelEvents, churn, phases, runDate);
    // cached: every claim and the panel mix read the journeys
    Dataset<Row> journeys = Journeys.journeys(source(spark, silver, SourceContract.CUSTOMERS), steps, churn, interviews, phases,
        runDate, Journeys.DEFAULT_ABANDONMENT_DAYS).cache();
    try {
      return ClaimValidation.evaluate(spark, specs, journeys, transactions, channelEvents, interviews, codedSegments, runDate);
    } finally {
      journeys.unpersist();
      transactions.unpersist();
    }
  }

  private static Dataset<Row> source(SparkSession spark, Map<SourceContract, Dataset<Row>> silver, SourceContract contract) {
    Dataset<Row> rows = silver.get(contract);
    return rows != null ? rows : spark.createDataFrame(List.<Row>of(), contract.silverSchema());
  }

  private static Dataset<Row> orEmpty(SparkSession spark, Lake lake, LakeTable table, StructType schema) {
    return lake.exists(spark, table) ? lake.read(spark, table) : spark.createDataFrame(List.<Row>of(), schema);
  }
}
