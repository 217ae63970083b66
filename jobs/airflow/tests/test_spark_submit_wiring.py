"""The DAG's spark-submit wiring, for real but without the Triangulate jar: `airflow dags test` runs
every task through spark-submit against a small probe jar (compiled here) whose `io.triangulate.jobs.*Job`
mains only record what they received. That checks, at run time, what the integrity tests can only
check statically: Variables and the Connection are read when tasks run (here from AIRFLOW_VAR_* /
AIRFLOW_CONN_*), `{{ ds }}` renders to the date, `--jars` reaches the classpath, the Java 17 opens reach
the driver JVM, and the stages run in dependency order.

Marked `spark`; SKIPS (saying why) without spark-submit or a JDK (javac, jar). The real jar's e2e is
test_e2e_spark.py.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from airflow_server import ensure_db_with_dags, run_airflow
from test_dag_integrity import EXPECTED_MAIN, EXPECTED_UPSTREAM, WITHOUT_DATE
from conftest import skip_or_fail
from test_e2e_spark import find_spark_submit

pytestmark = pytest.mark.spark

DATE = "2026-06-30"

PROBE_SOURCE = """
package io.triangulate.jobs;

import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.*;
import java.util.*;

/** Records (main class, args, JVM flags, classpath marker) as one JSON-ish line in <lake>/probe.log. */
public final class %s {
  public static void main(String[] args) throws Exception {
    String lake = null;
    for (int i = 0; i + 1 < args.length; i++) if (args[i].equals("--lake")) lake = args[i + 1];
    boolean opens = ManagementFactory.getRuntimeMXBean().getInputArguments()
        .contains("--add-opens=java.base/sun.nio.ch=ALL-UNNAMED");
    boolean models = Thread.currentThread().getContextClassLoader().getResource("probe-models.marker") != null;
    StringBuilder line = new StringBuilder("{\\"main\\":\\"%s\\",\\"opens\\":" + opens + ",\\"models\\":" + models + ",\\"args\\":[");
    for (int i = 0; i < args.length; i++) line.append(i == 0 ? "" : ",").append('"').append(args[i]).append('"');
    line.append("]}\\n");
    Files.createDirectories(Path.of(lake));
    Files.writeString(Path.of(lake, "probe.log"), line.toString(), StandardCharsets.UTF_8,
        StandardOpenOption.CREATE, StandardOpenOption.APPEND);
  }
}
"""


def build_probe_jars(work: Path) -> tuple[Path, Path]:
    src = work / "src" / "io" / "triangulate" / "jobs"
    src.mkdir(parents=True)
    for main in sorted(set(EXPECTED_MAIN.values())):
        (src / f"{main}.java").write_text(PROBE_SOURCE % (main, main))
    classes = work / "classes"
    subprocess.run(["javac", "--release", "17", "-d", str(classes), *map(str, src.glob("*.java"))], check=True)
    jar = work / "probe-jobs.jar"
    subprocess.run(["jar", "cf", str(jar), "-C", str(classes), "."], check=True)
    models_dir = work / "models"
    models_dir.mkdir()
    (models_dir / "probe-models.marker").write_text("x")
    models = work / "probe-models.jar"
    subprocess.run(["jar", "cf", str(models), "-C", str(models_dir), "."], check=True)
    return jar, models


def test_dags_test_submits_every_stage_with_runtime_settings(tmp_path):
    spark_submit = find_spark_submit()
    if spark_submit is None:
        skip_or_fail("no spark-submit: set SPARK_SUBMIT, or `pip install pyspark==3.5.9` into /tmp/sparkvenv")
    if not (shutil.which("javac") and shutil.which("jar")):
        skip_or_fail("no javac/jar (a JDK 17) to build the probe jar")

    jar, models = build_probe_jars(tmp_path / "probe")
    lake = tmp_path / "lake"
    env = os.environ.copy()
    env["PATH"] = f"{spark_submit.parent}{os.pathsep}{env.get('PATH', '')}"
    env["AIRFLOW_CONN_TRIANGULATE_SPARK"] = json.dumps({"conn_type": "spark", "host": "local[1]"})
    env["AIRFLOW_VAR_TRIANGULATE_JAR"] = str(jar)
    env["AIRFLOW_VAR_TRIANGULATE_MODELS_JAR"] = str(models)
    env["AIRFLOW_VAR_TRIANGULATE_CLAIMS_DIR"] = str(tmp_path / "claims")

    ensure_db_with_dags()
    # The lake comes from the metadata db, the others from AIRFLOW_VAR_*: both ways deployments set them.
    run_airflow("variables", "set", "triangulate_lake", str(lake))
    run = subprocess.run(
        [str(Path(sys.executable).with_name("airflow")), "dags", "test", "triangulate_nightly", DATE],
        env=env, capture_output=True, text=True, timeout=1800,
    )
    output = run.stdout + run.stderr
    assert run.returncode == 0, f"airflow dags test exited {run.returncode}:\n{output[-6000:]}"

    log = lake / "probe.log"
    assert log.is_file(), f"no task reached the probe jar:\n{output[-4000:]}"
    records = [json.loads(line) for line in log.read_text().splitlines()]
    by_main_and_source = {}
    for r in records:
        args = r["args"]
        source = args[args.index("--source") + 1] if "--source" in args else None
        by_main_and_source[(r["main"], source)] = r

    # One submit per task, each of the right class.
    assert len(records) == len(EXPECTED_MAIN)
    task_of = {}
    for task, main in EXPECTED_MAIN.items():
        source = task[len("ingest_"):] if task.startswith("ingest_") else None
        assert (main, source) in by_main_and_source, f"{task} did not run {main}"
        task_of[task] = records.index(by_main_and_source[(main, source)])

    for task, index in task_of.items():
        r = records[index]
        assert r["opens"], f"{task}: Java 17 --add-opens did not reach the driver JVM"
        assert r["models"], f"{task}: --jars (models jar) not on the classpath"
        args = r["args"]
        assert args[args.index("--lake") + 1] == str(lake), task
        if task in WITHOUT_DATE:
            assert "--date" not in args
        else:
            assert args[:2] == ["--date", DATE], task
    validate_args = records[task_of["validate_claims"]]["args"]
    assert validate_args[validate_args.index("--claims") + 1] == str(tmp_path / "claims")

    for task, upstream in EXPECTED_UPSTREAM.items():
        for up in upstream:
            assert task_of[up] < task_of[task], f"{task} ran before its upstream {up}"
