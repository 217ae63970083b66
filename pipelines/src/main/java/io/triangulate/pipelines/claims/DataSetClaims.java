package io.triangulate.pipelines.claims;

import io.triangulate.pipelines.coding.CodedSegmentSchema;
import io.triangulate.pipelines.ingest.SourceContract;
import io.triangulate.pipelines.journeys.Journeys;
import io.triangulate.pipelines.journeys.PhaseMap;
import io.triangulate.pipelines.lake.Lake;
import io.triangulate.pipelines.lake.LakeTable;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
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
    Dataset<Row> transactions = silver(spark, lake, SourceContract.TRANSACTIONS).cache();
    Dataset<Row> channelEvents = silver(spark, lake, SourceContract.CHANNEL_EVENTS);
    Dataset<Row> interviews = orEmpty(spark, lake, LakeTable.SILVER_INTERVIEWS, CodedSegmentSchema.INTERVIEWS);
    Dataset<Row> journeys = journeys(spark, lake, runDate).cache();
    ClaimValidation.Results results = ClaimValidation.evaluate(spark, specs, journeys, transactions, channelEvents, interviews,
        orEmpty(spark, lake, LakeTable.SILVER_CODED_SEGMENTS, CodedSegmentSchema.CODED_SEGMENTS), runDate);
    ClaimValidation.write(spark, lake, runDate, results);
    journeys.unpersist();
    transactions.unpersist();
    return results;
  }

  /** {@code gold/journeys} rows as of {@code runDate} from the lake's silver tables, missing ones empty. */
  public static Dataset<Row> journeys(SparkSession spark, Lake lake, LocalDate runDate) {
    PhaseMap phases = PhaseMap.defaults();
    Dataset<Row> churn = silver(spark, lake, SourceContract.CHURN);
    Dataset<Row> steps = Journeys.steps(
        silver(spark, lake, SourceContract.TRANSACTIONS), silver(spark, lake, SourceContract.CHANNEL_EVENTS), churn, phases, runDate);
    Dataset<Row> interviews =
        lake.exists(spark, LakeTable.SILVER_INTERVIEWS) ? lake.read(spark, LakeTable.SILVER_INTERVIEWS) : null;
    return Journeys.journeys(silver(spark, lake, SourceContract.CUSTOMERS), steps, churn, interviews, phases, runDate,
        Journeys.DEFAULT_ABANDONMENT_DAYS);
  }

  private static Dataset<Row> silver(SparkSession spark, Lake lake, SourceContract contract) {
    return orEmpty(spark, lake, contract.silver(), contract.silverSchema());
  }

  private static Dataset<Row> orEmpty(SparkSession spark, Lake lake, LakeTable table, StructType schema) {
    return lake.exists(spark, table) ? lake.read(spark, table) : spark.createDataFrame(List.<Row>of(), schema);
  }
}
