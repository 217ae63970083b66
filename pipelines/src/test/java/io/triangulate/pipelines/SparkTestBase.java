package io.triangulate.pipelines;

import com.holdenkarau.spark.testing.JavaDataFrameSuiteBase;
import com.holdenkarau.spark.testing.SharedJavaSparkContext;
import io.triangulate.pipelines.spark.Sparks;
import org.apache.spark.SparkConf;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.ArrayType;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * One local Spark session with Delta per test class (local[2], loopback, no UI, 2 shuffle
 * partitions), started through spark-testing-base so its DataFrame comparisons are available.
 *
 * <p>spark-testing-base's suites are JUnit 4 style; calling {@code runBefore()} from JUnit 5's
 * {@code @BeforeAll} gives the same shared context without the vintage engine's lifecycle.
 */
public abstract class SparkTestBase {
  private static DeltaSuite suite;
  protected static SparkSession spark;

  @BeforeAll
  static void startSpark() {
    suite = new DeltaSuite();
    suite.runBefore();
    spark = suite.spark();
  }

  @AfterAll
  static void stopSpark() {
    SharedJavaSparkContext.runAfterClass();
    SparkSession.clearActiveSession();
    SparkSession.clearDefaultSession();
    spark = null;
    suite = null;
  }

  /**
   * Same rows in any order, same column names and types; fails with spark-testing-base's diff of
   * unequal rows. Nullability is ignored: Delta stores every column of a DataFrame write as nullable.
   */
  protected static void assertSameRows(Dataset<Row> expected, Dataset<Row> actual) {
    suite.assertDataFrameNoOrderEquals(nullable(expected), nullable(actual));
  }

  private static Dataset<Row> nullable(Dataset<Row> rows) {
    StructType schema = new StructType();
    for (StructField field : rows.schema().fields()) {
      DataType type = field.dataType();
      if (type instanceof ArrayType array) {
        type = DataTypes.createArrayType(array.elementType(), true);
      }
      schema = schema.add(field.name(), type, true);
    }
    return rows.sparkSession().createDataFrame(rows.javaRDD(), schema);
  }

  /** spark-testing-base suite configured with Triangulate's session settings. */
  static final class DeltaSuite extends JavaDataFrameSuiteBase {
    @Override
    public SparkConf conf() {
      return Sparks.testConf();
    }

    @Override
    public boolean enableHiveSupport() {
      return false;
    }
  }
}
