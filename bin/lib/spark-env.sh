# Sourced by bin/spark-* scripts: a pinned pip pyspark (spark-submit, spark-class) in a venv, the
# shaded jobs jar, the CoreNLP models jars and the Java 17 flags. Sets SPARK_HOME, SPARK_SUBMIT,
# SPARK_CLASS, TRIANGULATE_JAR, MODELS_JAR, MODELS_ENGLISH_JAR, MODELS_JARS (both, comma-separated,
# for --jars), JAVA17_OPTS and the function `spark_conf_args`.
#   TRIANGULATE_SPARK_VENV  venv holding pyspark (default <repo>/.venv-spark; created when missing)
#   TRIANGULATE_JAR         a prebuilt shaded jar (default jobs/target/...-spark.jar, built when missing)
home="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
venv="$("$home/bin/lib/pyspark-venv.sh")"
# pip's bin/spark-submit finds pyspark through whichever python3 is first on PATH; SPARK_HOME avoids that.
SPARK_HOME="$("$venv/bin/python" -c 'import os, pyspark; print(os.path.dirname(pyspark.__file__))')"
export SPARK_HOME
export PATH="$venv/bin:$PATH"
SPARK_SUBMIT="$SPARK_HOME/bin/spark-submit"
SPARK_CLASS="$SPARK_HOME/bin/spark-class"
# Loopback unless the caller chose an address: the local master, driver and test cluster stay private.
export SPARK_LOCAL_IP="${SPARK_LOCAL_IP:-127.0.0.1}"

TRIANGULATE_JAR="${TRIANGULATE_JAR:-$home/jobs/target/triangulate-jobs-0.1.0-SNAPSHOT-spark.jar}"
if [[ ! -f "$TRIANGULATE_JAR" || ! -f "$home/jobs/target/launcher/jvm.options" ]]; then
  echo "spark-env: building the shaded jar (mvn -DskipTests package)" >&2
  (cd "$home" && mvn -B -q -DskipTests package) >&2
fi
MODELS_JAR="${MODELS_JAR:-$HOME/.m2/repository/edu/stanford/nlp/stanford-corenlp/4.5.10/stanford-corenlp-4.5.10-models.jar}"
# englishSR, the shift-reduce parser sentiment uses, is only in the models-english jar.
MODELS_ENGLISH_JAR="${MODELS_ENGLISH_JAR:-$HOME/.m2/repository/edu/stanford/nlp/stanford-corenlp/4.5.10/stanford-corenlp-4.5.10-models-english.jar}"
for jar_var in MODELS_JAR MODELS_ENGLISH_JAR; do
  if [[ ! -f "${!jar_var}" ]]; then
    echo "spark-env: no CoreNLP models jar at ${!jar_var} (mvn package downloads it; or set $jar_var)" >&2
    exit 1
  fi
done
MODELS_JARS="$MODELS_JAR,$MODELS_ENGLISH_JAR"
# The same flags as spark.jvm.opens in the root pom (the build writes them to jvm.options).
JAVA17_OPTS="$(cat "$home/jobs/target/launcher/jvm.options")"
LOG4J_CONF="$home/jobs/target/launcher/log4j2.properties"

# The --conf arguments every Triangulate submit needs: Java 17 opens on driver and executors, quiet
# logging, UTC. Usage: "$SPARK_SUBMIT" "${SPARK_CONF_ARGS[@]}" ...
SPARK_CONF_ARGS=(
  --conf "spark.driver.extraJavaOptions=$JAVA17_OPTS -Dlog4j2.configurationFile=file:$LOG4J_CONF"
  --conf "spark.executor.extraJavaOptions=$JAVA17_OPTS"
  --conf "spark.sql.session.timeZone=UTC"
)
