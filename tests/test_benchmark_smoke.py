"""Smoke test of ``benchmarks/run.py``: it runs and writes every column as a positive number
(no time assertions).

One size, 40 students: the script does the same work at every size (most of it starting
``gradelib`` processes), and the 2,000-student course of ``make bench`` would take most of
a minute here for no more checking (tests/test_sample.py generates one)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

SCRIPT = Path(__file__).resolve().parent.parent / "benchmarks" / "run.py"
COLUMNS = (
    "students", "gen_s", "floor_ms", "load_ms", "score_ms", "grades_ms", "export_ms",
    "cli_ms", "whatif_ms", "import_s", "peak_mib", "xlsx_calamine_ms", "xlsx_openpyxl_ms",
    "ratio",
)  # fmt: skip


def test_benchmark_runs_and_writes_every_column(tmp_path: Path) -> None:
    out = tmp_path / "bench.json"
    done = subprocess.run(
        [sys.executable, str(SCRIPT), "--sizes", "40", "--repeat", "1", "--json", str(out)],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0, done.stderr
    assert "(load+score)/floor" in done.stdout
    payload = json.loads(out.read_text(encoding="utf-8"))
    assert set(COLUMNS) <= set(payload["columns"])
    assert [row["students"] for row in payload["rows"]] == [40]
    for row in payload["rows"]:
        for column in COLUMNS:
            value = row[column]
            assert isinstance(value, int | float), column
            assert value > 0, column
