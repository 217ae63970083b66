"""Integrity of dags/triangulate_nightly.py: it parses cleanly, has the agreed shape, and reads its
Variables only when a task runs."""

from __future__ import annotations

import inspect
from types import SimpleNamespace

import pytest
from airflow.providers.apache.spark.operators.spark_submit import SparkSubmitOperator
from airflow.timetables.interval import CronDataIntervalTimetable

from conftest import DAGS_DIR, REPO_ROOT

DAG_ID = "triangulate_nightly"
SOURCES = ["customers", "transactions", "channel_events", "churn", "interviews", "customer_texts"]

# task id -> main class in io.triangulate.jobs. QualityGateJob comes with issue 3.
EXPECTED_MAIN = {
    **{f"ingest_{s}": "IngestJob" for s in SOURCES},
    "code_interviews": "CodeInterviewsJob",
    "code_texts": "CodeTextsJob",
    "journeys": "JourneysJob",
    "quality_gate": "QualityGateJob",
    "validate_claims": "ValidateJob",
    "discover": "DiscoverJob",
    "report": "ReportJob",
}
EXPECTED_UPSTREAM = {
    **{f"ingest_{s}": set() for s in SOURCES},
    "code_interviews": {"ingest_interviews"},
    "code_texts": {"ingest_customer_texts"},
    "journeys": {"ingest_customers", "ingest_transactions", "ingest_channel_events", "ingest_churn"},
    "quality_gate": {"code_interviews", "code_texts", "journeys"},
    "validate_claims": {"quality_gate"},
    "discover": {"validate_claims"},
    "report": {"discover"},
}
# CodeInterviewsJob has no --date option (it codes every new transcript); see the DAG.
WITHOUT_DATE = {"code_interviews"}


def load_dagbag():
    try:
        from airflow.dag_processing.dagbag import DagBag
    except ImportError:  # Airflow 2
        from airflow.models.dagbag import DagBag
    kwargs = {"dag_folder": str(DAGS_DIR)}
    if "include_examples" in inspect.signature(DagBag.__init__).parameters:
        kwargs["include_examples"] = False  # Airflow 3.3 dropped the flag; LOAD_EXAMPLES=False does it
    return DagBag(**kwargs)


@pytest.fixture(scope="module")
def dagbag():
    return load_dagbag()


@pytest.fixture(scope="module")
def dag(dagbag):
    assert DAG_ID in dagbag.dags, f"{DAG_ID} not found; import errors: {dagbag.import_errors}"
    return dagbag.dags[DAG_ID]


def args_of(task) -> list[str]:
    return list(task.application_args)


def value_after(args: list[str], flag: str) -> str:
    assert flag in args, f"{flag} missing from {args}"
    return args[args.index(flag) + 1]


def test_parses_without_import_errors(dagbag):
    assert dagbag.import_errors == {}
    assert list(dagbag.dags) == [DAG_ID]


def test_dag_settings(dag):
    assert dag.dag_id == DAG_ID
    assert {"triangulate", "spark", "nightly"} <= set(dag.tags)
    assert dag.catchup is True
    assert dag.max_active_runs == 1
    assert dag.doc_md and "triangulate_spark" in dag.doc_md
    assert dag.start_date.isoformat() == "2026-06-30T00:00:00+00:00", "first date runs may have (see DAG)"
    assert isinstance(dag.timetable, CronDataIntervalTimetable)
    assert dag.timetable.summary == "0 0 * * *", "logical date must be the landing date at 00:00 UTC"


def test_every_task_retries_with_exponential_backoff(dag):
    for task in dag.tasks:
        assert task.retries >= 2, task.task_id
        assert task.retry_exponential_backoff, task.task_id
        assert task.max_retry_delay is not None, task.task_id


def test_task_ids_and_dependencies(dag):
    assert set(dag.task_ids) == set(EXPECTED_MAIN)
    upstream = {t.task_id: set(t.upstream_task_ids) for t in dag.tasks}
    assert upstream == EXPECTED_UPSTREAM
    order = [t.task_id for t in dag.topological_sort()]
    stages = ["code_interviews", "quality_gate", "validate_claims", "discover", "report"]
    assert [order.index(s) for s in stages] == sorted(order.index(s) for s in stages)
    assert order.index("ingest_customer_texts") < order.index("code_texts") < order.index("quality_gate")
    assert max(order.index(f"ingest_{s}") for s in SOURCES) < order.index("quality_gate")


def test_every_task_is_a_spark_submit_of_its_main_class(dag):
    for task in dag.tasks:
        assert isinstance(task, SparkSubmitOperator), task.task_id
        assert task._conn_id == "triangulate_spark", task.task_id
        assert task._java_class == f"io.triangulate.jobs.{EXPECTED_MAIN[task.task_id]}", task.task_id
        assert "triangulate_jar" in task.application
        assert "triangulate_models_jar" in task.jars
        opts = task.conf["spark.driver.extraJavaOptions"]
        assert "--add-opens=java.base/sun.nio.ch=ALL-UNNAMED" in opts
        assert task.conf["spark.executor.extraJavaOptions"] == opts


def test_application_args(dag):
    for task in dag.tasks:
        args = args_of(task)
        if task.task_id in WITHOUT_DATE:
            assert "--date" not in args, task.task_id
        else:
            assert args[:2] == ["--date", "{{ ds }}"], task.task_id
        assert "var.value.get('triangulate_lake'" in value_after(args, "--lake"), task.task_id
    for source in SOURCES:
        assert value_after(args_of(dag.get_task(f"ingest_{source}")), "--source") == source
    assert "triangulate_claims_dir" in value_after(args_of(dag.get_task("validate_claims")), "--claims")


class FakeVariables:
    """Stands in for the `var` template accessor (`var.value.get(key, default)`)."""

    def __init__(self, values: dict[str, str]):
        self.value = SimpleNamespace(get=lambda key, default=None: values.get(key, default))


def render(task, field: str, variables: dict[str, str]):
    context = {"ds": "2026-06-30", "var": FakeVariables(variables), "task": task}
    return task.render_template(getattr(task, field), context)


def test_templates_use_documented_defaults_when_variables_are_unset(dag):
    task = dag.get_task("validate_claims")
    args = render(task, "application_args", {})
    assert args == [
        "--date", "2026-06-30",
        "--lake", str(REPO_ROOT / "lake"),
        "--claims", str(REPO_ROOT / "examples" / "demo" / "claims"),
    ]
    assert render(task, "application", {}) == str(REPO_ROOT / "jobs/target/triangulate-jobs-0.1.0-SNAPSHOT-spark.jar")
    jars = render(task, "jars", {}).split(",")
    assert [j.rsplit("/", 1)[-1] for j in jars] == [
        "stanford-corenlp-4.5.10-models.jar", "stanford-corenlp-4.5.10-models-english.jar"]
    assert all("stanford-corenlp/4.5.10/" in j for j in jars)
    assert render(task, "name", {}) == "triangulate-validate_claims-2026-06-30"


def test_templates_take_variables(dag):
    variables = {
        "triangulate_lake": "s3a://bucket/lake",
        "triangulate_claims_dir": "/srv/claims",
        "triangulate_jar": "/opt/t/jobs.jar",
        "triangulate_models_jar": "/opt/t/models.jar,/opt/t/models-english.jar",
    }
    task = dag.get_task("ingest_churn")
    assert render(task, "application_args", variables) == [
        "--date", "2026-06-30", "--lake", "s3a://bucket/lake", "--source", "churn"]
    assert render(task, "application", variables) == "/opt/t/jobs.jar"
    assert render(task, "jars", variables) == "/opt/t/models.jar,/opt/t/models-english.jar"
    assert render(dag.get_task("validate_claims"), "application_args", variables)[-1] == "/srv/claims"
