"""Smoke test of ``benchmarks/run.py`` (``make bench``): it runs, prints every table and
writes every figure as a positive number, and compares the outputs with the reference
(no time assertions: speed is measured by ``make bench``, never by a test).

One size, 40 students, one round, without the notebooks: the script does the same work at
every size, and its courses are kept in a temporary folder (``GRADELIB_BENCH_CACHE``).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

SCRIPT = Path(__file__).resolve().parent.parent / "benchmarks" / "run.py"
PROCESS = ("floor_s", "check_s", "export_s", "check_x", "export_x", "floor_mib",
           "check_mib", "export_mib", "check_mem_x", "export_mem_x")  # fmt: skip
STAGES = ("policy", "roster", "attendance", "questions", "rubrics", "cross-checks",
          "participation", "canvas check", "import file")  # fmt: skip


def test_benchmark_prints_every_table_and_figure(tmp_path: Path) -> None:
    out = tmp_path / "bench.json"
    command = [sys.executable, str(SCRIPT), "--sizes", "40", "--repeat", "1"]
    command += ["--no-notebooks", "--plan-sizes", "40", "--json", str(out)]
    env = {**os.environ, "GRADELIB_BENCH_CACHE": str(tmp_path / "cache")}
    done = subprocess.run(command, capture_output=True, text=True, timeout=600, env=env)
    assert done.returncode == 0, done.stderr
    for heading in ("Whole processes", "Stages of one", "Same output as before",
                    "gradelib statements", "Term planner"):  # fmt: skip
        assert heading in done.stdout
    results = json.loads(out.read_text(encoding="utf-8"))
    [row] = results["sizes"]
    assert row["students"] == 40
    for key in PROCESS:
        assert row[key] > 0, key
    for name in STAGES:
        assert row["stages"][name] > 0, name
    # The reference holds the 40-student course: its outputs are the same as before.
    assert row["same"] == {"canvas": "same", "grades": "same"}
    assert results["statements"]["s"] > 0
