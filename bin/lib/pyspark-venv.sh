#!/usr/bin/env bash
# Makes sure a venv holds the pinned pip pyspark (spark-submit, spark-class) and prints its path.
#   TRIANGULATE_SPARK_VENV  the venv (default <repo>/.venv-spark)
# Run by bin/lib/spark-env.sh; bin/test runs it early, beside Maven, so the download is off the
# critical path.
set -euo pipefail
home="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
PYSPARK_VERSION="3.5.9"   # same as spark.version in the root pom
venv="${TRIANGULATE_SPARK_VENV:-$home/.venv-spark}"
if ! "$venv/bin/python" -c "import pyspark, sys; sys.exit(pyspark.__version__ != '$PYSPARK_VERSION')" 2>/dev/null; then
  echo "pyspark-venv: installing pyspark==$PYSPARK_VERSION into $venv (about 320 MB, once)" >&2
  python3 -m venv "$venv"
  "$venv/bin/python" -m pip install --quiet --disable-pip-version-check "pyspark==$PYSPARK_VERSION"
fi
echo "$venv"
