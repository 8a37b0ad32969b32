"""``make bench``: how close the package runs to reading its files (issue 18).

For each course size (default 2,000, 20,000 and 100,000 students; synthetic courses from
``gradelib sample``, kept in ``benchmarks/.cache/`` by :mod:`courses`) it prints:

1. **Whole processes** (:mod:`processes`): the read floor (``benchmarks/floor.py``, only
   reading the inputs with pandas and calamine), ``gradelib check`` and ``gradelib
   export``, interleaved, medians of ``--repeat`` rounds; their ratios to the floor in time
   and in peak memory, against the targets (time within 1.6x the floor at 2,000 students
   and 2.5x at 100,000; peak memory within 1.5x).
2. **Stages** (:mod:`stages`): each stage of one ``gradelib export`` at every size, in
   milliseconds, and how much it grew between sizes next to how much the class grew (a
   linear stage grows as the class does).
3. **Same output as before** (:mod:`reference`): the Canvas file and the grades CSV of
   each size, compared byte for byte (SHA-256) with the files written before the change.
4. **Statements**: ``gradelib statements`` on 2,000 students as a whole process (target
   5 s); the notebooks' Run All on the sample (target 3 s each, :mod:`notebooks`) and the
   widgets' responses at 2,000 students (target 100 ms, :mod:`widgets`).
5. **The term planner** (:mod:`planner`, issue 17).

Usage::

    python benchmarks/run.py                     # 2000, 20000 and 100000 students
    python benchmarks/run.py --quick             # 2000 only, one planner form
    python benchmarks/run.py --sizes 40 2000 --repeat 3 --json out.json
    PYTHONPATH=../old python benchmarks/run.py --record-reference   # outputs of ../old
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

import courses
import floor
import processes
import reference
import stages
import tables
from planner import DEFAULT_PLANS, PLAN_COLUMNS, QUICK_PLANS, bench_plan, plan_form

DEFAULT_SIZES = (2000, 20_000, 100_000)
QUICK_SIZES = (2000,)
STATEMENTS_SIZE = 2000
SEED = 585


def bench_size(students: int, repeat: int, work: Path) -> dict[str, Any]:
    """Whole processes, stages and the comparison with the reference for one size."""
    folder, generated = courses.course(students, SEED)
    print(f"{students} students: {folder}", file=sys.stderr, flush=True)
    row: dict[str, Any] = {"students": students, "gen_s": generated}
    out = work / f"canvas-{students}.csv"
    row.update(processes.interleaved(processes.course_commands(folder, out), repeat))
    for name in ("check", "export"):
        row[f"{name}_x"] = row[f"{name}_s"] / row["floor_s"]
        row[f"{name}_mem_x"] = row[f"{name}_mib"] / row["floor_mib"]
    row.update(tables.targets(students, row))
    row["stages"] = stages.export_stages(folder, out, repeat)
    row["same"] = reference.compare(students, folder, work)
    return row


def bench_statements(repeat: int, work: Path) -> dict[str, Any]:
    """``gradelib statements`` on the 2,000-student course, as a whole process."""
    folder, _ = courses.course(STATEMENTS_SIZE, SEED)
    command = [*processes.gradelib_command(), "statements", str(folder)]
    command += ["--out", str(work / "statements"), "--overwrite"]
    row = processes.interleaved({"statements": command}, repeat)
    seconds = row["statements_s"]
    return {
        "students": STATEMENTS_SIZE,
        "s": seconds,
        "target_s": 5.0,
        "met": tables.yes(seconds < 5.0),
        "mib": row["statements_mib"],
    }


def record_reference(sizes: tuple[int, ...], work: Path) -> None:
    """Write ``reference.json`` from the ``gradelib`` this interpreter imports."""
    import gradelib

    source = Path(gradelib.__file__).resolve().parent.parent
    commit = subprocess.run(
        ["git", "-C", str(source), "rev-parse", "HEAD"], capture_output=True, text=True
    ).stdout.strip()
    for students in sizes:
        folder, _ = courses.course(students, SEED)
        reference.record(students, folder, work, commit)
        print(f"recorded {students} students from {source} ({commit[:7]})")


def build_parser() -> argparse.ArgumentParser:
    """The command line of the benchmark."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", help="course sizes in students")
    parser.add_argument("--quick", action="store_true", help="2,000 students only")
    parser.add_argument(
        "--plan-sizes",
        type=plan_form,
        nargs="+",
        metavar="STUDENTS[:LECTURES]",
        help="planner forms",
    )
    parser.add_argument("--repeat", type=int, default=3, help="runs per timing (median)")
    parser.add_argument(
        "--no-notebooks",
        action="store_true",
        help="leave out the notebooks' Run All and the widgets",
    )
    parser.add_argument("--json", type=Path, help="also write the results to this file")
    parser.add_argument(
        "--record-reference",
        action="store_true",
        help="record the outputs of the imported gradelib as the reference",
    )
    return parser


def main(argv: list[str] | None = None) -> int:
    """Run the benchmark; print the tables and optionally write JSON."""
    args = build_parser().parse_args(argv)
    sizes = tuple(args.sizes or (QUICK_SIZES if args.quick else DEFAULT_SIZES))
    repeat = max(1, args.repeat)
    with tempfile.TemporaryDirectory(prefix="gradelib-bench-") as tmp:
        work = Path(tmp)
        if args.record_reference:
            record_reference(sizes, work)
            return 0
        results: dict[str, Any] = {
            "repeat": repeat,
            "python": sys.version.split()[0],
            "floor_engine": floor.csv_engine(),
        }
        results["sizes"] = [bench_size(students, repeat, work) for students in sizes]
        results["start_s"] = stages.start_seconds(max(repeat, 3))
        results["statements"] = bench_statements(repeat, work)
        if not args.no_notebooks:
            results.update(tables.interactive(repeat))
        quick = args.sizes or args.quick
        plans = args.plan_sizes or (QUICK_PLANS if quick else DEFAULT_PLANS)
        results["plans"] = [bench_plan(s, n, target, repeat, SEED) for s, n, target in plans]
    print(tables.report(results, PLAN_COLUMNS))
    if args.json:
        args.json.write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
