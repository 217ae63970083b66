package io.triangulate.pipelines.adapters;

import io.triangulate.pipelines.ingest.SourceContract;
import io.triangulate.pipelines.ingest.SourceOptions;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * Maps one public data set onto the lake's input contracts. An adapter only renames, converts and
 * derives columns; it never filters or validates: every input row becomes one landing row, which
 * then goes through the same bronze → silver path (lineage, validation, quarantine, deduplication)
 * as any delivery. A value the adapter cannot convert is passed on as found (see
 * {@link AdapterColumns#orFound}), so the contract's rules quarantine the row with that value in the reason.
 */
public interface Adapter {
  /** Name on the command line, e.g. {@code telco}. */
  String name();

  /** The files the adapter reads, relative to its input folder. */
  List<String> inputFiles();

  /**
   * The data set as landing rows per contract: each Dataset has the contract's columns (strings;
   * {@code attributes} a map of strings), in any order, missing optional columns allowed.
   */
  Map<SourceContract, Dataset<Row>> map(SparkSession spark, AdapterInput input);

  /** Reading options per contract source (e.g. the time zone of local timestamps); default none. */
  default Map<String, SourceOptions> options() {
    return Map.of();
  }
}
