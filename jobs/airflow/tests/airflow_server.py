"""Starts a real `airflow api-server` for tests: 127.0.0.1, a free port, the test AIRFLOW_HOME, a
bounded wait, and always stopped (its whole process group) afterwards."""

from __future__ import annotations

import contextlib
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

STARTUP_TIMEOUT_S = 180  # the api-server imports all of Airflow; slow on a busy 2-core machine
STOP_TIMEOUT_S = 30


def airflow_bin() -> str:
    return str(Path(sys.executable).with_name("airflow"))


def run_airflow(*args: str, timeout: float = 300) -> subprocess.CompletedProcess:
    result = subprocess.run([airflow_bin(), *args], capture_output=True, text=True, timeout=timeout, env=os.environ.copy())
    if result.returncode != 0:
        raise AssertionError(f"airflow {' '.join(args)} exited {result.returncode}:\n{result.stdout[-3000:]}\n{result.stderr[-3000:]}")
    return result


def ensure_db_with_dags() -> None:
    """The metadata db exists (bin/test migrates it) and holds the parsed DAG, which the API serves
    from the db: `dags reserialize` stands in for the dag processor, so no scheduler is needed."""
    home = Path(os.environ["AIRFLOW_HOME"])
    if not (home / "airflow.db").exists():
        run_airflow("db", "migrate")
    run_airflow("dags", "reserialize")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def healthy(url: str) -> bool:
    try:
        with urllib.request.urlopen(url + "/api/v2/monitor/health", timeout=2) as response:
            return response.status == 200
    except OSError:
        return False


@contextlib.contextmanager
def api_server():
    """Yields the base URL of a running api-server."""
    port = free_port()
    url = f"http://127.0.0.1:{port}"
    log_path = Path(os.environ["AIRFLOW_HOME"]) / f"api-server-{port}.log"
    with open(log_path, "wb") as log:
        process = subprocess.Popen(
            [airflow_bin(), "api-server", "--host", "127.0.0.1", "--port", str(port), "--workers", "1"],
            stdout=log,
            stderr=subprocess.STDOUT,
            env=os.environ.copy(),
            start_new_session=True,  # its own process group, so uvicorn's workers stop with it
        )
        try:
            deadline = time.monotonic() + STARTUP_TIMEOUT_S
            while not healthy(url):
                if process.poll() is not None:
                    raise AssertionError(f"api-server exited with {process.returncode}:\n{log_tail(log_path)}")
                if time.monotonic() > deadline:
                    raise AssertionError(f"api-server not healthy after {STARTUP_TIMEOUT_S}s:\n{log_tail(log_path)}")
                time.sleep(1)
            yield url
        finally:
            stop(process)


def stop(process: subprocess.Popen) -> None:
    if process.poll() is not None:
        return
    with contextlib.suppress(ProcessLookupError):
        os.killpg(process.pid, signal.SIGTERM)
    try:
        process.wait(timeout=STOP_TIMEOUT_S)
    except subprocess.TimeoutExpired:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, signal.SIGKILL)
        process.wait(timeout=STOP_TIMEOUT_S)


def log_tail(path: Path, lines: int = 40) -> str:
    return "\n".join(path.read_text(errors="replace").splitlines()[-lines:])
