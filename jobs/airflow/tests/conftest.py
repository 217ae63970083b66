"""Shared setup: an isolated AIRFLOW_HOME and the paths of this package.

bin/test sets AIRFLOW_HOME to a fresh temp dir and migrates its sqlite db; run directly, pytest gets a
temp AIRFLOW_HOME here (tests that need the db migrate it themselves). Set before Airflow is imported.
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

AIRFLOW_DIR = Path(__file__).resolve().parents[1]
DAGS_DIR = AIRFLOW_DIR / "dags"
REPO_ROOT = AIRFLOW_DIR.parents[1]

if not os.environ.get("AIRFLOW_HOME"):
    os.environ["AIRFLOW_HOME"] = tempfile.mkdtemp(prefix="triangulate-airflow-home-")
os.environ.setdefault("AIRFLOW__CORE__DAGS_FOLDER", str(DAGS_DIR))
os.environ.setdefault("AIRFLOW__CORE__LOAD_EXAMPLES", "False")
os.environ.setdefault("AIRFLOW__CORE__UNIT_TEST_MODE", "False")
# Test-only auth: Airflow 3's SimpleAuthManager where every caller is an admin.
os.environ.setdefault("AIRFLOW__CORE__AUTH_MANAGER", "airflow.api_fastapi.auth.managers.simple.simple_auth_manager.SimpleAuthManager")
os.environ.setdefault("AIRFLOW__CORE__SIMPLE_AUTH_MANAGER_ALL_ADMINS", "True")

sys.path.insert(0, str(AIRFLOW_DIR))  # triangulate_ops


def skip_or_fail(reason: str) -> None:
    """Skips, printing why, when a prerequisite is missing; fails instead under bin/test's integration
    run (TRIANGULATE_INTEGRATION=1), where a skipped end-to-end test would let CI pass untested."""
    import pytest

    if os.environ.get("TRIANGULATE_INTEGRATION") == "1":
        pytest.fail(f"integration run, so not skipping: {reason}")
    print(f"SKIP: {reason}", file=sys.stderr)
    pytest.skip(reason)
