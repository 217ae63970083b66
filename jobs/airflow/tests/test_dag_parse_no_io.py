"""Parsing the DAG file must do no I/O: no files, no network, no subprocesses, no Variables or
Connections (those are read when a task runs, through templates). The dag processor re-parses the file
every few seconds, so any such call there slows every parse and can hang it.

File, network and process calls are refused when the first caller outside the standard library is the
DAG file itself (so `os.path.exists(...)` or `Path(...).read_text()` written in the DAG are caught),
while Airflow's own machinery (e.g. cron_descriptor loading its locale for the schedule description)
may still work. Variable and Connection look-ups are refused whoever calls them.
"""

from __future__ import annotations

import builtins
import contextlib
import importlib
import io
import os
import socket
import subprocess
import sys
import sysconfig
from pathlib import Path
from unittest import mock

import pytest

from conftest import DAGS_DIR

DAG_FILE = DAGS_DIR / "triangulate_nightly.py"


class ParseTimeIO(AssertionError):
    pass


_STDLIB = sysconfig.get_paths()["stdlib"] + os.sep
_THIS_FILE = str(Path(__file__).resolve())


def _first_caller_outside_stdlib() -> str:
    frame = sys._getframe(2)
    while frame is not None:
        name = frame.f_code.co_filename
        in_stdlib = name.startswith(_STDLIB) and "site-packages" not in name
        if not (in_stdlib or name.startswith("<frozen") or name == _THIS_FILE
                or "/unittest/mock.py" in name):
            return name
        frame = frame.f_back
    return ""


def _forbid(what: str, original=None):
    def refuse(*args, **kwargs):
        if original is not None and _first_caller_outside_stdlib() != str(DAG_FILE):
            return original(*args, **kwargs)
        raise ParseTimeIO(f"DAG file did I/O while being parsed: {what}{args[:2]!r}")

    return refuse


@contextlib.contextmanager
def no_io():
    """Patches the usual entry points to files, network, processes and Airflow's metadata."""
    io_targets = [
        (builtins, "open"), (io, "open"), (os, "open"), (os, "stat"), (os, "lstat"), (os, "listdir"),
        (os, "scandir"), (os, "walk"), (os, "getcwd"), (socket, "socket"), (socket, "create_connection"),
        (socket, "getaddrinfo"), (subprocess, "Popen"), (os, "system"),
    ]
    airflow_targets = []
    for module_name, attr in [
        ("airflow.sdk", "Variable.get"),
        ("airflow.models.variable", "Variable.get"),
        ("airflow.sdk", "BaseHook.get_connection"),
        ("airflow.sdk.bases.hook", "BaseHook.get_connection"),
        ("airflow.sdk", "Connection.get"),
    ]:
        with contextlib.suppress(ImportError, AttributeError):
            owner_name, method = attr.split(".")
            airflow_targets.append((getattr(importlib.import_module(module_name), owner_name), method))
    with contextlib.ExitStack() as stack:
        for owner, attr in io_targets:
            name = f"{owner.__name__}.{attr}"
            stack.enter_context(mock.patch.object(owner, attr, _forbid(name, original=getattr(owner, attr))))
        for owner, attr in airflow_targets:
            stack.enter_context(mock.patch.object(owner, attr, _forbid(f"{owner.__name__}.{attr}")))
        yield


def parse_dag_file():
    # Read the source and import everything it imports first: Python's own module loading is not
    # the DAG's I/O. Then execute the file body with the guards on.
    source = DAG_FILE.read_text(encoding="utf-8")
    import airflow.providers.apache.spark.operators.spark_submit  # noqa: F401
    import airflow.sdk  # noqa: F401
    import airflow.timetables.interval  # noqa: F401
    import pendulum  # noqa: F401

    namespace = {"__name__": "triangulate_nightly_no_io", "__file__": str(DAG_FILE)}
    code = compile(source, str(DAG_FILE), "exec")
    with no_io():
        exec(code, namespace)
    return namespace


def test_parsing_the_dag_file_does_no_io():
    namespace = parse_dag_file()
    assert namespace["dag"].dag_id == "triangulate_nightly"
    assert len(namespace["dag"].tasks) == 13


@pytest.mark.parametrize(
    "snippet",
    [
        "open('/etc/hostname')",
        "import os\nos.path.exists('/tmp')",
        "from pathlib import Path\nPath('/etc/hostname').read_text()",
        "import socket\nsocket.create_connection(('127.0.0.1', 9))",
        "import subprocess\nsubprocess.run(['true'])",
        "from airflow.sdk import Variable\nVariable.get('triangulate_lake')",
        "from airflow.sdk import BaseHook\nBaseHook.get_connection('triangulate_spark')",
    ],
)
def test_the_guard_catches_io_written_in_the_dag_file(snippet):
    # Without this the test above could pass by guarding nothing: run each snippet as if it were a
    # line of the DAG file.
    code = compile(snippet, str(DAG_FILE), "exec")
    with no_io():
        with pytest.raises(ParseTimeIO):
            exec(code, {"__name__": "snippet"})
