#!/usr/bin/env python3
"""Operate the `triangulate_nightly` DAG through Airflow's REST API (apache-airflow-client).

    triangulate_ops.py trigger --date 2026-06-30
    triangulate_ops.py backfill --start 2026-06-01 --end 2026-06-30 [--reprocess failed] [--dry-run]
    triangulate_ops.py status [--last 10]

A run's logical date is the landing date at 00:00 UTC (the DAG's schedule is daily at midnight UTC), so
one date is one run whichever way it was created. Server and credentials: --url / AIRFLOW_API_URL,
then --token / AIRFLOW_API_TOKEN, or --username and --password (AIRFLOW_USERNAME, AIRFLOW_PASSWORD),
exchanged for a token at <url>/auth/token. Exit codes: 0 ok, 1 the server refused, 2 bad usage.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import sys
import urllib.error
import urllib.request
from typing import Sequence

import airflow_client.client as af
import urllib3
from airflow_client.client.exceptions import ApiException, OpenApiException

DAG_ID = "triangulate_nightly"
DEFAULT_URL = "http://localhost:8080"
EXIT_REFUSED = 1
EXIT_USAGE = 2


class OpsError(Exception):
    """A failure with a message for the operator (and the exit code to end with)."""

    def __init__(self, message: str, code: int = EXIT_REFUSED):
        super().__init__(message)
        self.code = code


def parse_date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a date yyyy-mm-dd, found {text!r}") from None


def logical_date(day: dt.date) -> dt.datetime:
    """The logical date of the run for landing date `day` (see the DAG's schedule)."""
    return dt.datetime.combine(day, dt.time(0, 0), tzinfo=dt.timezone.utc)


def fetch_token(url: str, username: str, password: str, timeout: float = 30) -> str:
    """Exchanges credentials for a JWT at Airflow 3's /auth/token (not part of the generated client)."""
    request = urllib.request.Request(
        url.rstrip("/") + "/auth/token",
        data=json.dumps({"username": username, "password": password}).encode(),
        headers={"Content-Type": "application/json"},
        method="POST",
    )
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            return json.load(response)["access_token"]
    except urllib.error.HTTPError as e:
        raise OpsError(f"login to {url} as {username!r} failed: HTTP {e.code} {e.read().decode(errors='replace')[:200]}") from e
    except (urllib.error.URLError, OSError) as e:
        raise OpsError(f"cannot reach Airflow at {url}: {e}; check --url / AIRFLOW_API_URL and that `airflow api-server` runs") from e


def api_client(args: argparse.Namespace) -> af.ApiClient:
    token = args.token
    if not token and args.username:
        if not args.password:
            raise OpsError("--username needs --password (or AIRFLOW_PASSWORD)", EXIT_USAGE)
        token = fetch_token(args.url, args.username, args.password)
    config = af.Configuration(host=args.url.rstrip("/"), access_token=token or None)
    return af.ApiClient(config)


def refused(action: str, e: ApiException) -> OpsError:
    body = (e.body or "").strip() if isinstance(e.body, str) else str(e.body or "")
    try:
        body = json.loads(body).get("detail", body)
    except (ValueError, AttributeError):
        pass
    hint = {
        401: " (log in: --token, or --username/--password)",
        403: " (the user lacks permission on this DAG)",
        404: " (is the DAG parsed? check --dag-id; run `airflow dags reserialize` or wait for the dag processor)",
    }.get(e.status, "")
    return OpsError(f"{action} refused: HTTP {e.status} {body}{hint}")


def check_not_before_start(client: af.ApiClient, dag_id: str, first: dt.date) -> None:
    """Airflow creates no tasks in a run whose logical date is before the DAG's start_date: such a run
    would be marked successful without doing anything, so refuse it."""
    try:
        details = af.DAGApi(client).get_dag_details(dag_id)
    except ApiException as e:
        raise refused(f"read {dag_id}", e) from e
    start = details.start_date.astimezone(dt.timezone.utc).date() if details.start_date else None
    if start and first < start:
        raise OpsError(
            f"{first} is before the start_date {start} of {dag_id}: Airflow would create a run with no "
            f"tasks and mark it successful. Use dates from {start} on, or move START_DATE in the DAG file.",
            EXIT_USAGE,
        )


def cmd_trigger(client: af.ApiClient, args: argparse.Namespace) -> int:
    check_not_before_start(client, args.dag_id, args.date)
    when = logical_date(args.date)
    body = af.TriggerDAGRunPostBody(logical_date=when, conf={}, note=args.note)
    try:
        run = af.DagRunApi(client).trigger_dag_run(args.dag_id, body)
    except ApiException as e:
        if e.status == 409:
            raise OpsError(
                f"a run of {args.dag_id} for {args.date} already exists; see `status`, or re-run it with "
                f"`backfill --start {args.date} --end {args.date} --reprocess completed`"
            ) from e
        raise refused(f"trigger {args.dag_id} for {args.date}", e) from e
    print(f"triggered {run.dag_id} for {args.date}: run {run.dag_run_id} ({run.state.value})")
    return 0


def cmd_backfill(client: af.ApiClient, args: argparse.Namespace) -> int:
    if args.end < args.start:
        raise OpsError(f"--end {args.end} is before --start {args.start}", EXIT_USAGE)
    check_not_before_start(client, args.dag_id, args.start)
    # Airflow's backfill API makes one run per schedule interval between the dates, both inclusive;
    # reprocess decides what happens to dates that already have a run.
    body = af.BackfillPostBody(
        dag_id=args.dag_id,
        from_date=logical_date(args.start),
        to_date=logical_date(args.end),
        reprocess_behavior=af.ReprocessBehavior(args.reprocess),
        max_active_runs=args.max_active_runs,
    )
    api = af.BackfillApi(client)
    try:
        planned = api.create_backfill_dry_run(body)
        dates = [b.logical_date.date().isoformat() for b in planned.backfills if b.logical_date]
        if args.dry_run:
            print(f"would create {len(dates)} run(s) of {args.dag_id}: {', '.join(dates) or '-'}")
            return 0
        if not dates:
            print(f"nothing to backfill: every date {args.start}..{args.end} already has a run (see --reprocess)")
            return 0
        backfill = api.create_backfill(body)
    except ApiException as e:
        raise refused(f"backfill {args.dag_id} {args.start}..{args.end}", e) from e
    print(f"backfill {backfill.id} of {args.dag_id}: {len(dates)} run(s) for {', '.join(dates)}")
    return 0


def cmd_status(client: af.ApiClient, args: argparse.Namespace) -> int:
    try:
        runs = af.DagRunApi(client).get_dag_runs(args.dag_id, limit=args.last, order_by=["-logical_date"])
    except ApiException as e:
        raise refused(f"status of {args.dag_id}", e) from e
    rows = [
        {
            "date": r.logical_date.date().isoformat() if r.logical_date else "-",
            "logical_date": r.logical_date.isoformat() if r.logical_date else None,
            "state": r.state.value,
            "run_type": r.run_type.value,
            "run_id": r.dag_run_id,
            "start": r.start_date.isoformat(timespec="seconds") if r.start_date else "-",
            "end": r.end_date.isoformat(timespec="seconds") if r.end_date else "-",
        }
        for r in runs.dag_runs
    ]
    if args.json:
        print(json.dumps(rows, indent=2))
    elif not rows:
        print(f"no runs of {args.dag_id} yet")
    else:
        cols = ["date", "state", "run_type", "start", "end", "run_id"]
        widths = {c: max(len(c), *(len(row[c]) for row in rows)) for c in cols}
        print("  ".join(c.ljust(widths[c]) for c in cols).rstrip())
        for row in rows:
            print("  ".join(row[c].ljust(widths[c]) for c in cols).rstrip())
    return 0


def parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="triangulate_ops.py", description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--url", default=os.environ.get("AIRFLOW_API_URL", DEFAULT_URL), help="Airflow API server (default: $AIRFLOW_API_URL or %(default)s)")
    p.add_argument("--token", default=os.environ.get("AIRFLOW_API_TOKEN"), help="JWT access token (default: $AIRFLOW_API_TOKEN)")
    p.add_argument("--username", default=os.environ.get("AIRFLOW_USERNAME"), help="log in with this user (default: $AIRFLOW_USERNAME)")
    p.add_argument("--password", default=os.environ.get("AIRFLOW_PASSWORD"), help="password for --username (default: $AIRFLOW_PASSWORD)")
    p.add_argument("--dag-id", default=DAG_ID, help="default: %(default)s")
    sub = p.add_subparsers(dest="command", required=True, metavar="COMMAND")

    t = sub.add_parser("trigger", help="start one run for a landing date")
    t.add_argument("--date", type=parse_date, required=True, help="landing date yyyy-mm-dd")
    t.add_argument("--note", help="note shown on the run in the UI")
    t.set_defaults(func=cmd_trigger)

    b = sub.add_parser("backfill", help="one run per date from --start to --end, both inclusive")
    b.add_argument("--start", type=parse_date, required=True, help="first landing date yyyy-mm-dd")
    b.add_argument("--end", type=parse_date, required=True, help="last landing date yyyy-mm-dd")
    b.add_argument("--reprocess", choices=[r.value for r in af.ReprocessBehavior], default="none",
                   help="dates that already have a run: none = skip them (default), failed = re-run failed ones, completed = re-run all")
    b.add_argument("--max-active-runs", type=int, default=1, help="runs of this backfill at once (default: %(default)s)")
    b.add_argument("--dry-run", action="store_true", help="only list the dates that would get a run")
    b.set_defaults(func=cmd_backfill)

    s = sub.add_parser("status", help="state of the latest runs, newest logical date first")
    s.add_argument("--last", type=int, default=10, help="how many runs (default: %(default)s)")
    s.add_argument("--json", action="store_true", help="print JSON instead of a table")
    s.set_defaults(func=cmd_status)
    return p


def main(argv: Sequence[str] | None = None) -> int:
    args = parser().parse_args(argv)
    try:
        with api_client(args) as client:
            return args.func(client, args)
    except OpsError as e:
        print(f"triangulate_ops: {e}", file=sys.stderr)
        return e.code
    except (urllib3.exceptions.HTTPError, OSError) as e:
        print(f"triangulate_ops: cannot reach Airflow at {args.url}: {e}; check --url / AIRFLOW_API_URL", file=sys.stderr)
        return EXIT_REFUSED
    except OpenApiException as e:
        print(f"triangulate_ops: unexpected answer from Airflow at {args.url}: {e}", file=sys.stderr)
        return EXIT_REFUSED


if __name__ == "__main__":
    sys.exit(main())
