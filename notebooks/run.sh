#!/usr/bin/env bash
# Executes every notebook in this folder against a lake, failing on the first cell error.
#   notebooks/run.sh LAKE [OUT_DIR]
#   notebooks/run.sh --setup            only create or update the venv (bin/test does this beside Maven)
# Installs notebooks/requirements.txt into notebooks/.venv on first use (again when the file changes).
# Executed copies, with outputs, go to OUT_DIR (default notebooks/.out/); the committed notebooks stay
# stripped, which this script also checks.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
if [ $# -lt 1 ]; then
  echo "usage: notebooks/run.sh LAKE [OUT_DIR]   (e.g. bin/triangulate demo --lake /tmp/demo-lake first)" >&2
  echo "       notebooks/run.sh --setup          (only create the venv)" >&2
  exit 2
fi
setup_only=0
if [ "$1" = "--setup" ]; then
  setup_only=1
else
  lake="$1"
  out="${2:-$here/.out}"
  case "$lake" in
    *://*) ;;
    *) [ -d "$lake" ] || { echo "run.sh: lake folder $lake does not exist" >&2; exit 2; }
       lake="$(cd "$lake" && pwd)" ;;
  esac
fi

venv="$here/.venv"
stamp="$venv/.requirements.sha256"
want="$(sha256sum "$here/requirements.txt" | cut -d' ' -f1)"
if [ ! -x "$venv/bin/python" ] || [ "$(cat "$stamp" 2>/dev/null)" != "$want" ]; then
  echo "run.sh: installing notebooks/requirements.txt into $venv"
  python3 -m venv "$venv"
  "$venv/bin/pip" install -q --disable-pip-version-check -r "$here/requirements.txt"
  echo "$want" > "$stamp"
fi
[ $setup_only -eq 1 ] && exit 0

# Committed notebooks carry no outputs: results (and anything they might show) stay out of git.
"$venv/bin/python" - "$here" <<'PY'
import json, pathlib, sys
dirty = [p.name for p in sorted(pathlib.Path(sys.argv[1]).glob("*.ipynb"))
         if any(c.get("outputs") or c.get("execution_count") for c in json.loads(p.read_text())["cells"])]
if dirty:
    sys.exit("run.sh: notebooks with outputs (strip them before committing): " + ", ".join(dirty))
PY

mkdir -p "$out"
status=0
for nb in "$here"/*.ipynb; do
  name="$(basename "$nb")"
  echo "run.sh: $name"
  if ! "$venv/bin/papermill" --no-progress-bar --log-level WARNING --cwd "$here" \
      -p lake "$lake" "$nb" "$out/$name"; then
    echo "run.sh: $name FAILED (executed copy with the error: $out/$name)" >&2
    status=1
  fi
done
[ $status -eq 0 ] && echo "run.sh: all notebooks ran against $lake"
exit $status
