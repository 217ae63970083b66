"""Unit tests of the benchmark harness helpers: python3 -m unittest discover -s bench/lib (bin/test runs them)."""

import json
import tempfile
import unittest
from pathlib import Path

import delta_log
import svg_chart
from figures import growth_exponent, merge_scale_factors


def commit(table, version, *actions):
    log = Path(table) / "_delta_log"
    log.mkdir(parents=True, exist_ok=True)
    (log / f"{version:020d}.json").write_text("\n".join(json.dumps(a) for a in actions) + "\n")


def add(path, rows):
    return {"add": {"path": path, "stats": json.dumps({"numRecords": rows})}}


class DeltaLogTest(unittest.TestCase):
    def setUp(self):
        self.lake = Path(tempfile.mkdtemp())
        self.table = self.lake / "silver" / "events"
        commit(self.table, 0, {"commitInfo": {"operation": "WRITE", "operationMetrics": {"numOutputRows": "10"}}},
               add("a.parquet", 4), add("b.parquet", 6))

    def test_row_count_replays_adds_and_removes(self):
        commit(self.table, 1, {"commitInfo": {"operation": "MERGE", "operationMetrics": {
            "numTargetRowsInserted": "3", "numTargetRowsUpdated": "2", "numTargetRowsCopied": "4"}}},
               {"remove": {"path": "a.parquet"}}, add("c.parquet", 9))
        self.assertEqual(delta_log.row_count(self.table), 15, "6 kept + 9 added, 4 removed")

    def test_rows_written_since_counts_only_new_commits_and_merges_as_inserted_plus_updated(self):
        before = delta_log.versions(self.lake)
        self.assertEqual(before, {"silver/events": 0})
        commit(self.table, 1, {"commitInfo": {"operation": "MERGE", "operationMetrics": {
            "numTargetRowsInserted": "3", "numTargetRowsUpdated": "2", "numTargetRowsCopied": "4"}}})
        commit(self.lake / "gold" / "j", 0, {"commitInfo": {"operation": "WRITE", "operationMetrics": {"numOutputRows": "7"}}})
        self.assertEqual(delta_log.rows_written_since(self.lake, before), {"silver/events": 5, "gold/j": 7})

    def test_a_checkpointed_log_gives_no_count_rather_than_a_wrong_one(self):
        (self.table / "_delta_log" / "_last_checkpoint").write_text("{}")
        self.assertIsNone(delta_log.row_count(self.table))
        self.assertIsNone(delta_log.row_count(self.lake / "missing"))


class FiguresTest(unittest.TestCase):
    def test_growth_exponent_of_a_power_law(self):
        self.assertAlmostEqual(growth_exponent([(1, 10.0), (3, 30.0), (10, 100.0)]), 1.0)
        self.assertAlmostEqual(growth_exponent([(1, 4.0), (4, 8.0)]), 0.5)
        self.assertIsNone(growth_exponent([(1, 10.0)]), "one SF has no slope")

    def test_merged_scale_factors_keep_their_runs_and_share_new_exponents(self):
        def entry(sf, median):
            return {"sf": sf, "stages": {s: {"median_s": median, "growth_exponent": None} for s in ("ingest", "total")}}
        merged = merge_scale_factors([entry(1, 10.0)], [entry(3, 30.0), entry(1, 99.0)], ["ingest"])
        self.assertEqual([e["sf"] for e in merged], [1, 3], "the SF measured now wins over the included one")
        self.assertEqual(merged[0]["stages"]["ingest"]["median_s"], 10.0)
        self.assertAlmostEqual(merged[1]["stages"]["total"]["growth_exponent"], 1.0)
        with self.assertRaisesRegex(ValueError, "SF 3 .* journeys"):
            merge_scale_factors([entry(1, 10.0)], [entry(3, 30.0)], ["ingest", "journeys"])

    def test_axis_ends_on_round_numbers(self):
        self.assertEqual([svg_chart.nice(v) for v in (0.03, 0.3, 1, 7, 12, 130)], [0.05, 0.5, 1, 10, 20, 200])

    def test_chart_names_every_series(self):
        svg = svg_chart.line_chart("t", "x", "y", {"ingest": [(0.1, 5.0), (0.3, 12.0)], "total": [(0.1, 9.0)]})
        self.assertIn("<svg", svg)
        self.assertIn(">ingest<", svg)
        self.assertIn(">total<", svg)


if __name__ == "__main__":
    unittest.main()
