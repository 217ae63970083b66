"""Row counts read straight from Delta transaction logs (JSON commits), with the standard library only.

The benchmarks use it to report rows in and out of a stage without starting Spark. Tables whose log
has a Parquet checkpoint cannot be replayed without a Parquet reader; their row count is None
("–" in the tables) rather than a guess.
"""

import json
import os
from pathlib import Path


def tables(lake):
    """{table path relative to the lake: table folder}; symlinks (the linked landing) are not followed."""
    found = {}
    for folder, dirs, _ in os.walk(lake):
        if "_delta_log" in dirs:
            found[Path(folder).relative_to(lake).as_posix()] = Path(folder)
            dirs[:] = []  # a table's partitions hold no tables
    return found


def commits(table):
    """Sorted (version, path) of the table's JSON commit files."""
    log = Path(table) / "_delta_log"
    out = []
    for f in log.glob("*.json"):
        if f.stem.isdigit():
            out.append((int(f.stem), f))
    return sorted(out)


def versions(lake):
    """{table: latest version}, the snapshot to compare a stage's commits against."""
    return {name: (commits(t)[-1][0] if commits(t) else -1) for name, t in tables(lake).items()}


def rows_written(commit_info):
    """Rows a commit wrote: inserted plus updated for MERGE, numOutputRows for writes; 0 otherwise."""
    metrics = commit_info.get("operationMetrics", {})
    if commit_info.get("operation") == "MERGE":
        return int(metrics.get("numTargetRowsInserted", 0)) + int(metrics.get("numTargetRowsUpdated", 0))
    return int(metrics.get("numOutputRows", 0))


def rows_written_since(lake, before):
    """{table: rows written by commits newer than before[table]} for tables with new commits."""
    out = {}
    for name, table in tables(lake).items():
        total, newer = 0, False
        for version, path in commits(table):
            if version > before.get(name, -1):
                newer = True
                for action in actions(path):
                    if "commitInfo" in action:
                        total += rows_written(action["commitInfo"])
        if newer:
            out[name] = total
    return out


def row_count(table):
    """Rows in the table's latest version from the add/remove actions' stats, or None (no table,
    a checkpointed log, or files written without stats)."""
    table = Path(table)
    if not (table / "_delta_log").is_dir() or (table / "_delta_log" / "_last_checkpoint").exists():
        return None
    files = {}
    for _, path in commits(table):
        for action in actions(path):
            if "add" in action:
                stats = action["add"].get("stats")
                files[action["add"]["path"]] = json.loads(stats).get("numRecords") if stats else None
            elif "remove" in action:
                files.pop(action["remove"]["path"], None)
    if any(n is None for n in files.values()):
        return None
    return sum(files.values())


def actions(path):
    with open(path, encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]
