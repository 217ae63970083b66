"""Prints what a nightly decided for one date, as sorted JSON lines that two runs can be diffed on:
per claim its verdict and integer counts, per segment result its verdict and counts, and row counts
of gold/journeys and silver/coded_segments. Floating-point columns are left out on purpose (they
follow from the counts). Run with spark-submit and the shaded jobs jar (it brings Delta):

  spark-submit --jars <jobs-spark.jar> bin/lib/lake_summary.py <lake> <date>
"""

import json
import sys

from pyspark.sql import SparkSession
from pyspark.sql.types import IntegerType, LongType


def main(lake: str, date: str) -> None:
    spark = (SparkSession.builder.appName("triangulate lake summary")
             .config("spark.sql.extensions", "io.delta.sql.DeltaSparkSessionExtension")
             .config("spark.sql.catalog.spark_catalog", "org.apache.spark.sql.delta.catalog.DeltaCatalog")
             .getOrCreate())
    lines = []

    def table(name):
        return spark.read.format("delta").load(f"{lake}/{name}")

    def integer_columns(df):
        return [f.name for f in df.schema.fields if isinstance(f.dataType, (IntegerType, LongType))]

    claims = table("gold/claim_results").where(f"run_date = '{date}'")
    for row in claims.select("claim_id", "verdict", "supported_segments", *integer_columns(claims)).collect():
        lines.append({"table": "gold/claim_results", **row.asDict()})
    segments = table("gold/segment_results").where(f"run_date = '{date}'")
    for row in segments.select("claim_id", "segment_column", "segment_value", "verdict", *integer_columns(segments)).collect():
        lines.append({"table": "gold/segment_results", **row.asDict()})
    for name in ("gold/journeys", "silver/coded_segments", "silver/customers"):
        lines.append({"table": name, "rows": table(name).count()})
    for line in sorted(json.dumps(item, sort_keys=True) for item in lines):
        print(line)
    spark.stop()


if __name__ == "__main__":
    if len(sys.argv) != 3:
        sys.exit("usage: lake_summary.py <lake> <date>")
    main(sys.argv[1], sys.argv[2])
