"""
### Triangulate nightly

Runs Triangulate's nightly for one landing date (`{{ ds }}`), one `spark-submit` per stage on the
shaded jobs jar (`io.triangulate.jobs.*Job` main classes):

```
ingest_interviews ──────────────────────► code_interviews ─┐
ingest_customer_texts ──────────────────► code_texts ──────┤
ingest_{customers,transactions,                            ├─► quality_gate ─► validate_claims ─► discover ─► report
        channel_events,churn} ──────────► journeys ────────┘
```

Schedule: daily at 00:00 UTC for the day that just ended (logical date = that day, 00:00 UTC), from
2026-06-30, with catch-up, one run at a time. Every stage is idempotent for a date, so retries and
re-runs are safe.

* **Connection** `triangulate_spark` (type Spark): the master (`local[*]`, `spark://host:7077`,
  `yarn`, `k8s://...`) and deploy mode.
* **Variables** (read when a task runs, never when the file is parsed):
  `triangulate_jar`, `triangulate_models_jar`, `triangulate_lake`, `triangulate_claims_dir`.
  Unset means the default shown in `docs/airflow.md` (paths inside the repository holding this file).
* `quality_gate` (`QualityGateJob`) runs the Deequ checks of docs/quality.md; an error-level failure
  exits 3, the task fails after its retries, and `validate_claims`, `discover` and `report` do not run.
* `code_texts` (`CodeTextsJob`) codes the customer texts (reviews, tickets, survey answers) landed by
  `{{ ds }}` that are new or changed into `silver/coded_texts`; with nothing new it runs no CoreNLP.
* `discover` (`DiscoverJob`) scans the segments validate used for what the claims missed and proposes
  claims from interview durations; it needs `validate_claims` of the same date.

Details: `docs/airflow.md`.
"""

from __future__ import annotations

import os
from datetime import timedelta

import pendulum
from airflow.providers.apache.spark.operators.spark_submit import SparkSubmitOperator
from airflow.sdk import DAG
from airflow.timetables.interval import CronDataIntervalTimetable

DAG_ID = "triangulate_nightly"
CONN_ID = "triangulate_spark"
MAIN_PACKAGE = "io.triangulate.jobs"

# Defaults for the Variables, derived from this file's location (string operations only: parsing must
# not touch the file system). They make `airflow dags test` work from a checkout; deployments set the
# Variables. This file lives at <repo>/jobs/airflow/dags/.
_REPO = os.path.dirname(os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__)))))
DEFAULTS = {
    "jar": os.path.join(_REPO, "jobs", "target", "triangulate-jobs-0.1.0-SNAPSHOT-spark.jar"),
    # Both CoreNLP models jars, comma-separated as --jars takes them: `models` (tagger, SUTime, PCFG,
    # sentiment) and `models-english` (englishSR, the shift-reduce parser sentiment uses by default).
    "models_jar": ",".join(
        os.path.join(
            os.path.expanduser("~"),
            f".m2/repository/edu/stanford/nlp/stanford-corenlp/4.5.10/stanford-corenlp-4.5.10-{classifier}.jar",
        )
        for classifier in ("models", "models-english")
    ),
    "lake": os.path.join(_REPO, "lake"),
    "claims_dir": os.path.join(_REPO, "examples", "demo", "claims"),
}

# Jinja, rendered when the task runs. The defaults come in as a macro so paths need no quoting.
JAR = "{{ var.value.get('triangulate_jar', triangulate_defaults.jar) }}"
MODELS_JAR = "{{ var.value.get('triangulate_models_jar', triangulate_defaults.models_jar) }}"
LAKE = "{{ var.value.get('triangulate_lake', triangulate_defaults.lake) }}"
CLAIMS_DIR = "{{ var.value.get('triangulate_claims_dir', triangulate_defaults.claims_dir) }}"

# Same flags as `spark.jvm.opens` in the root pom.xml: Spark 3.5 on Java 17 needs these opens.
JAVA_17_OPTIONS = " ".join(
    [
        "-XX:+IgnoreUnrecognizedVMOptions",
        *(
            f"--add-opens=java.base/{pkg}=ALL-UNNAMED"
            for pkg in (
                "java.lang",
                "java.lang.invoke",
                "java.lang.reflect",
                "java.io",
                "java.net",
                "java.nio",
                "java.util",
                "java.util.concurrent",
                "java.util.concurrent.atomic",
                "jdk.internal.ref",
                "sun.nio.ch",
                "sun.nio.cs",
                "sun.security.action",
                "sun.util.calendar",
            )
        ),
        "--add-exports=java.base/sun.nio.ch=ALL-UNNAMED",
        "-Djdk.reflect.useDirectMethodHandle=false",
        "-Dio.netty.tryReflectionSetAccessible=true",
        "-Duser.timezone=UTC",
        "-Dfile.encoding=UTF-8",
    ]
)
SPARK_CONF = {
    # Equivalent to --driver-java-options in client mode; also honoured in cluster mode.
    "spark.driver.extraJavaOptions": JAVA_17_OPTIONS,
    "spark.executor.extraJavaOptions": JAVA_17_OPTIONS,
    "spark.sql.session.timeZone": "UTC",
}

START_DATE = pendulum.datetime(2026, 6, 30, tz="UTC")

INGEST_SOURCES = ("customers", "transactions", "channel_events", "churn", "interviews", "customer_texts")
# The sources journeys reads; interviews and customer texts feed the coding tasks instead.
LOG_SOURCES = ("customers", "transactions", "channel_events", "churn")

default_args = {
    "owner": "data-team",
    "retries": 2,
    "retry_delay": timedelta(minutes=5),
    "retry_exponential_backoff": True,
    "max_retry_delay": timedelta(hours=1),
    "execution_timeout": timedelta(hours=4),
}


def _stage(task_id: str, main_class: str, *extra_args: str, takes_date: bool = True) -> SparkSubmitOperator:
    date_args = ["--date", "{{ ds }}"] if takes_date else []
    return SparkSubmitOperator(
        task_id=task_id,
        conn_id=CONN_ID,
        application=JAR,
        java_class=f"{MAIN_PACKAGE}.{main_class}",
        jars=MODELS_JAR,
        conf=SPARK_CONF,
        name=f"triangulate-{task_id}-{{{{ ds }}}}",
        application_args=[*date_args, "--lake", LAKE, *extra_args],
    )


with DAG(
    dag_id=DAG_ID,
    description="Triangulate nightly: ingest, code interviews and texts, journeys, validate claims, report",
    doc_md=__doc__,
    # Interval [D 00:00, D+1 00:00) UTC, run when it ends: the logical date is D 00:00 UTC and {{ ds }}
    # is D, the day whose files landed. Explicit (not "@daily") because Airflow 3's default for cron
    # strings is a trigger timetable whose logical date is the run time, i.e. the next day.
    schedule=CronDataIntervalTimetable("0 0 * * *", timezone="UTC"),
    # Airflow creates no tasks in runs whose logical date is before start_date (such a run "succeeds"
    # doing nothing), so this is the first landing date Triangulate may ever be run for: the demo
    # world's date. Unpausing the DAG catches up every day since then, one run at a time.
    start_date=START_DATE,
    catchup=True,
    max_active_runs=1,
    is_paused_upon_creation=True,
    default_args=default_args,
    user_defined_macros={"triangulate_defaults": DEFAULTS},
    tags=["triangulate", "spark", "nightly"],
) as dag:
    ingest = {
        source: _stage(f"ingest_{source}", "IngestJob", "--source", source) for source in INGEST_SOURCES
    }
    # CodeInterviewsJob codes every new transcript in bronze; it has no --date option (picocli would
    # reject one), so it is the one stage without it.
    code_interviews = _stage("code_interviews", "CodeInterviewsJob", takes_date=False)
    code_texts = _stage("code_texts", "CodeTextsJob")
    journeys = _stage("journeys", "JourneysJob")
    quality_gate = _stage("quality_gate", "QualityGateJob")
    validate_claims = _stage("validate_claims", "ValidateJob", "--claims", CLAIMS_DIR)
    discover = _stage("discover", "DiscoverJob")
    report = _stage("report", "ReportJob")

    ingest["interviews"] >> code_interviews
    ingest["customer_texts"] >> code_texts
    [ingest[s] for s in LOG_SOURCES] >> journeys
    [code_interviews, code_texts, journeys] >> quality_gate >> validate_claims >> discover >> report
