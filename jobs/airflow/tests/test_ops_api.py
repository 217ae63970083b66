"""triangulate_ops.py against a real Airflow api-server (no scheduler: runs are created and read back,
not executed)."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

import triangulate_ops
from airflow_server import api_server, ensure_db_with_dags
from conftest import AIRFLOW_DIR

pytestmark = pytest.mark.api


@pytest.fixture(scope="module")
def url():
    ensure_db_with_dags()
    with api_server() as base_url:
        yield base_url


def ops(capsys, url, *args):
    code = triangulate_ops.main(["--url", url, *args])
    out, err = capsys.readouterr()
    return code, out, err


def runs_by_date(capsys, url, last=50):
    code, out, err = ops(capsys, url, "status", "--last", str(last), "--json")
    assert code == 0, err
    return {row["date"]: row for row in json.loads(out)}


def test_trigger_then_status(capsys, url):
    # A date no other test uses: the e2e test's `dags test` leaves a run for 2026-06-30 in the same db.
    code, out, err = ops(capsys, url, "trigger", "--date", "2026-07-08")
    assert code == 0, err
    assert "triggered triangulate_nightly for 2026-07-08" in out

    run = runs_by_date(capsys, url)["2026-07-08"]
    assert run["logical_date"] == "2026-07-08T00:00:00+00:00"
    assert run["run_type"] == "manual"
    assert run["state"] == "queued"  # no scheduler in this test, so it stays queued

    code, out, _ = ops(capsys, url, "status", "--last", "5")
    assert code == 0
    assert out.splitlines()[0].split()[:3] == ["date", "state", "run_type"]
    # Columns are padded to the widest value of any listed run, so compare words, not spacing.
    assert any(line.split()[:3] == ["2026-07-08", "queued", "manual"] for line in out.splitlines())


def test_trigger_same_date_twice_is_refused(capsys, url):
    assert ops(capsys, url, "trigger", "--date", "2026-07-05")[0] == 0
    code, _, err = ops(capsys, url, "trigger", "--date", "2026-07-05")
    assert code == 1
    assert "already exists" in err


def test_dates_before_the_start_date_are_refused(capsys, url):
    # Airflow would make a run without tasks and call it a success.
    before = runs_by_date(capsys, url)
    code, _, err = ops(capsys, url, "trigger", "--date", "2026-06-29")
    assert code == 2
    assert "before the start_date 2026-06-30" in err
    code, _, err = ops(capsys, url, "backfill", "--start", "2026-06-20", "--end", "2026-07-10")
    assert code == 2
    assert "2026-06-20 is before the start_date" in err
    assert runs_by_date(capsys, url) == before


def test_backfill_two_dates_creates_two_runs(capsys, url):
    before = runs_by_date(capsys, url)
    code, out, err = ops(capsys, url, "backfill", "--start", "2026-07-01", "--end", "2026-07-02", "--dry-run")
    assert code == 0, err
    assert "would create 2 run(s)" in out and "2026-07-01, 2026-07-02" in out
    assert runs_by_date(capsys, url) == before, "--dry-run must not create runs"

    code, out, err = ops(capsys, url, "backfill", "--start", "2026-07-01", "--end", "2026-07-02")
    assert code == 0, err
    assert "2 run(s) for 2026-07-01, 2026-07-02" in out

    after = runs_by_date(capsys, url)
    new = {d: r for d, r in after.items() if d not in before}
    assert sorted(new) == ["2026-07-01", "2026-07-02"]
    assert all(r["run_type"] == "backfill" for r in new.values())
    assert new["2026-07-01"]["logical_date"] == "2026-07-01T00:00:00+00:00"


def test_status_last_limits_and_orders_newest_first(capsys, url):
    code, out, err = ops(capsys, url, "status", "--last", "2", "--json")
    assert code == 0, err
    rows = json.loads(out)
    assert len(rows) == 2
    assert rows[0]["logical_date"] >= rows[1]["logical_date"]


def test_cli_script_logs_in_with_username_and_password(url):
    # Runs the file as operators do; with all-admins auth any credentials get a token, which still
    # exercises the /auth/token exchange.
    result = subprocess.run(
        [sys.executable, str(AIRFLOW_DIR / "triangulate_ops.py"), "--url", url,
         "--username", "ops", "--password", "secret", "status", "--last", "1", "--json"],
        capture_output=True, text=True, timeout=120,
    )
    assert result.returncode == 0, result.stderr
    assert len(json.loads(result.stdout)) == 1


def test_unknown_dag_is_explained(capsys, url):
    code, _, err = ops(capsys, url, "--dag-id", "no_such_dag", "trigger", "--date", "2026-06-30")
    assert code == 1
    assert "HTTP 404" in err


def test_unreachable_server_is_explained(capsys):
    code, _, err = ops(capsys, "http://127.0.0.1:9", "status")
    assert code == 1
    assert "cannot reach Airflow at http://127.0.0.1:9" in err


def test_bad_date_is_a_usage_error(capsys):
    with pytest.raises(SystemExit) as exit_info:
        triangulate_ops.main(["trigger", "--date", "30/06/2026"])
    assert exit_info.value.code == 2
    assert "expected a date yyyy-mm-dd" in capsys.readouterr().err
