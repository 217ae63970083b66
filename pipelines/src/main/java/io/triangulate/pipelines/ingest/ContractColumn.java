package io.triangulate.pipelines.ingest;

import org.apache.spark.sql.types.DataType;

/** One column of an input contract: what it is called, its type in silver, and how to fill it. */
public record ContractColumn(
    String name, DataType type, boolean required, String meaning, String example) {

  public static ContractColumn required(String name, DataType type, String meaning, String example) {
    return new ContractColumn(name, type, true, meaning, example);
  }

  public static ContractColumn optional(String name, DataType type, String meaning, String example) {
    return new ContractColumn(name, type, false, meaning, example);
  }
}
