"""End to end: `airflow dags test triangulate_nightly <date>` through real spark-submit on the built
jobs jar, on a small generated world, ending in the HTML report.

Marked `e2e`; SKIPS (saying why) when the jar (`mvn -DskipTests package`) or spark-submit is absent.
spark-submit is found via $SPARK_SUBMIT, /tmp/sparkvenv/bin/spark-submit (pip's pyspark) or PATH.
$TRIANGULATE_E2E_LAKE, when set, is where the lake goes (it must not exist yet) and it is kept: bin/test
then runs the cluster comparison and the notebooks on it instead of making another lake.
Every task's main class must be in the jar (a stale jar fails the test); every task really runs.
"""

from __future__ import annotations

import glob
import json
import os
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from airflow_server import ensure_db_with_dags
from conftest import REPO_ROOT, skip_or_fail
from test_dag_integrity import EXPECTED_MAIN

pytestmark = pytest.mark.e2e

DATE = "2026-06-30"
CUSTOMERS = "1500"
MODELS_DIR = Path.home() / ".m2/repository/edu/stanford/nlp/stanford-corenlp/4.5.10"
# Both models jars: sentiment's shift-reduce parser (englishSR) is only in models-english.
MODELS_JARS = [MODELS_DIR / "stanford-corenlp-4.5.10-models.jar", MODELS_DIR / "stanford-corenlp-4.5.10-models-english.jar"]


def find_jar() -> Path | None:
    # $TRIANGULATE_JAR lets a caller pin a copy, so rebuilding jobs/target during the run is harmless.
    if os.environ.get("TRIANGULATE_JAR"):
        return Path(os.environ["TRIANGULATE_JAR"])
    jars = sorted(glob.glob(str(REPO_ROOT / "jobs" / "target" / "*-spark.jar")))
    return Path(jars[-1]) if jars else None


def find_spark_submit() -> Path | None:
    for candidate in (os.environ.get("SPARK_SUBMIT"), "/tmp/sparkvenv/bin/spark-submit", shutil.which("spark-submit")):
        if candidate and Path(candidate).is_file() and os.access(candidate, os.X_OK):
            return Path(candidate)
    return None


def skip_because(reason: str):
    skip_or_fail(f"e2e: {reason}")


def main_classes_in(jar: Path) -> set[str]:
    with zipfile.ZipFile(jar) as z:
        return {n[len("io/triangulate/jobs/"):-len(".class")] for n in z.namelist()
                if n.startswith("io/triangulate/jobs/") and n.endswith("Job.class")}


def test_dags_test_runs_the_nightly_through_spark_submit(tmp_path):
    jar = find_jar()
    if jar is None:
        skip_because(f"no {REPO_ROOT}/jobs/target/*-spark.jar; build it with `mvn -DskipTests package`")
    spark_submit = find_spark_submit()
    if spark_submit is None:
        skip_because("no spark-submit: set SPARK_SUBMIT, or `pip install pyspark==3.5.9` into /tmp/sparkvenv")
    for models_jar in MODELS_JARS:
        if not models_jar.is_file():
            skip_because(f"no CoreNLP models jar at {models_jar}")

    lake = Path(os.environ["TRIANGULATE_E2E_LAKE"]) if os.environ.get("TRIANGULATE_E2E_LAKE") else tmp_path / "lake"
    assert not lake.exists() or not any(lake.iterdir()), f"TRIANGULATE_E2E_LAKE={lake} must be a new or empty folder"
    env = os.environ.copy()
    # pip's spark-submit finds pyspark through the python3 first on PATH, so its venv goes first.
    env["PATH"] = f"{spark_submit.parent}{os.pathsep}{env.get('PATH', '')}"
    env["AIRFLOW_CONN_TRIANGULATE_SPARK"] = json.dumps({"conn_type": "spark", "host": "local[2]"})
    env["AIRFLOW_VAR_TRIANGULATE_JAR"] = str(jar)
    env["AIRFLOW_VAR_TRIANGULATE_MODELS_JAR"] = ",".join(str(j) for j in MODELS_JARS)
    env["AIRFLOW_VAR_TRIANGULATE_LAKE"] = str(lake)

    generate = subprocess.run(
        [str(spark_submit), "--master", "local[2]", "--class", "io.triangulate.jobs.GenerateJob", str(jar),
         "--date", DATE, "--customers", CUSTOMERS, "--lake", str(lake)],
        env=env, capture_output=True, text=True, timeout=900,
    )
    assert generate.returncode == 0, f"GenerateJob failed:\n{generate.stdout[-3000:]}\n{generate.stderr[-3000:]}"

    present = main_classes_in(jar)
    missing = sorted(task for task, main in EXPECTED_MAIN.items() if main not in present)
    assert not missing, f"{jar} lacks the main classes of {missing}; rebuild it with `mvn -DskipTests package`"

    ensure_db_with_dags()
    command = [str(Path(sys.executable).with_name("airflow")), "dags", "test", "triangulate_nightly", DATE]
    run = subprocess.run(command, env=env, capture_output=True, text=True, timeout=3600)
    output = run.stdout + run.stderr
    # `dags test` exits non-zero ("DagRun failed") when the run fails.
    assert run.returncode == 0, f"airflow dags test exited {run.returncode}:\n{output[-6000:]}"

    report = lake / "reports" / DATE / "index.html"
    assert report.is_file(), f"no report at {report}:\n{output[-4000:]}"
    assert (lake / "gold" / "journeys").is_dir()
    # discover ran as its own task: its tables exist (proposed claims may be none for a small world).
    assert (lake / "gold" / "discoveries" / "_delta_log").is_dir(), f"discover wrote no gold/discoveries:\n{output[-4000:]}"
    assert (lake / "gold" / "proposed_claims" / "_delta_log").is_dir()
