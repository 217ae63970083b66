#!/usr/bin/env bash
# Creates jobs/airflow/.venv and installs the pinned requirements.lock into it. Idempotent: when the
# venv exists and the lock's sha-256 matches the stamp written after the last successful install,
# it does nothing (about a second on rerun).
#   PYTHON=python3.12 jobs/airflow/setup.sh   # choose the interpreter (>= 3.10; default python3.11, else python3)
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
venv="$here/.venv"
lock="$here/requirements.lock"
stamp="$venv/.requirements.lock.sha256"

python="${PYTHON:-}"
if [[ -z "$python" ]]; then
  if command -v python3.11 >/dev/null 2>&1; then python=python3.11; else python=python3; fi
fi
if ! "$python" -c 'import sys; sys.exit(0 if sys.version_info >= (3, 10) else 1)' 2>/dev/null; then
  echo "setup.sh: Airflow 3 needs Python >= 3.10; '$python' is $("$python" --version 2>&1 || echo missing)." >&2
  echo "setup.sh: install Python 3.10-3.13 and rerun, or point PYTHON at one (PYTHON=python3.11 $0)." >&2
  exit 1
fi

want="$(sha256sum "$lock" | cut -d' ' -f1)"
if [[ -x "$venv/bin/python" && -f "$stamp" && "$(cat "$stamp")" == "$want" ]] && "$venv/bin/python" -c '' 2>/dev/null; then
  exit 0
fi

if [[ ! -x "$venv/bin/python" ]] || ! "$venv/bin/python" -c '' 2>/dev/null; then
  echo "setup.sh: creating $venv with $("$python" --version 2>&1)" >&2
  rm -rf "$venv"
  "$python" -m venv "$venv"
fi
rm -f "$stamp"
echo "setup.sh: installing requirements.lock into $venv (first run takes a few minutes)" >&2
# The lock pins every package, so the resolver only checks it is consistent.
"$venv/bin/python" -m pip install --quiet --disable-pip-version-check -r "$lock"
"$venv/bin/python" -m pip check >&2
echo "$want" > "$stamp"
echo "setup.sh: ready ($("$venv/bin/airflow" version 2>/dev/null | tail -1 || echo 'airflow ?'))" >&2
