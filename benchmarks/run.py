"""Benchmark gradelib on synthetic courses of several sizes (issue 7).

For each size, writes a synthetic course (``gradelib.sample.write_sample_course``) into a
temporary folder and times, as medians of ``--repeat`` runs (``time.perf_counter``):

- ``floor_ms``: only reading the same input files into pandas frames with the fastest
  reader (``pd.read_csv`` with the pyarrow engine when pyarrow is installed, else the C
  engine, ``dtype=str``; ``pd.read_excel(engine="calamine", sheet_name=None)`` for
  ``rubrics.xlsx``), nothing else;
- ``load_ms``: ``gradelib.load_course`` (reading plus validation);
- ``score_ms`` and ``grades_ms``: ``gradelib.score_course`` and ``gradelib.compute_grades``;
- ``export_ms``: ``gradelib.export.to_canvas.export_to_canvas`` (overwrite) on a loaded course;
- ``cli_ms``: the whole ``gradelib export DIR --out FILE --overwrite`` process;
- ``whatif_ms``: one ``gradelib.score.whatif.recompute`` with new weights and cut-offs (finals,
  letters and the letter counts), as a slider callback does it;
- ``import_s``: ``python -c "import gradelib"`` as a process;
- ``peak_mib``: the maximum resident set size of the ``gradelib export`` process, read with
  ``resource.getrusage(RUSAGE_CHILDREN)`` in a fresh wrapper process per measurement;
- ``xlsx_calamine_ms`` and ``xlsx_openpyxl_ms``: reading ``rubrics.xlsx`` (all sheets)
  with each engine;
- ``ratio``: (``load_ms`` + ``score_ms``) / ``floor_ms``.

Then the term planner (issue 17), in a table of its own: for each form, a synthetic
course with its preference form (``write_sample_course(..., paper_lectures=...)``) and
``plan_s``, the median wall time of ``gradelib.plan.plan_term`` on it (reading the form,
forming groups, solving; one run when the target is 10 s or more), against its target
``target_s``: the sample's 40-student form
(the calendar's 18 paper lectures, under 2 s) and a 300-student form with 60 paper
lectures (under 30 s). With ``--sizes`` or ``--quick`` only the sample's form is planned
(``--plan-sizes`` chooses others).

Usage::

    python benchmarks/run.py                     # 40, 2000 and 100000 students
    python benchmarks/run.py --quick             # 40 and 2000 only
    python benchmarks/run.py --sizes 40 2000 --repeat 3 --json out.json
    python benchmarks/run.py --sizes 40 --plan-sizes 40 300:60
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pandas as pd
from planner import DEFAULT_PLANS, PLAN_COLUMNS, QUICK_PLANS, bench_plan, plan_form

DEFAULT_SIZES = (40, 2000, 100_000)
QUICK_SIZES = (40, 2000)
SEED = 585

#: Column -> (table heading, format) in the printed table, in order.
COLUMNS: dict[str, tuple[str, str]] = {
    "students": ("size", "{:>8d}"),
    "gen_s": ("gen s", "{:>7.2f}"),
    "floor_ms": ("floor ms", "{:>9.1f}"),
    "load_ms": ("load ms", "{:>9.1f}"),
    "score_ms": ("score ms", "{:>9.1f}"),
    "grades_ms": ("grades ms", "{:>9.1f}"),
    "export_ms": ("export ms", "{:>9.1f}"),
    "cli_ms": ("cli ms", "{:>9.1f}"),
    "whatif_ms": ("what-if ms", "{:>10.2f}"),
    "import_s": ("import s", "{:>8.3f}"),
    "peak_mib": ("peak MiB", "{:>8.1f}"),
    "xlsx_calamine_ms": ("xlsx calamine", "{:>13.1f}"),
    "xlsx_openpyxl_ms": ("xlsx openpyxl", "{:>13.1f}"),
    "ratio": ("(load+score)/floor", "{:>18.2f}"),
}

#: Runs a command (the rest of argv) and prints the children's peak RSS in KiB (Linux).
_PEAK_WRAPPER = (
    "import resource, subprocess, sys\n"
    "done = subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL)\n"
    "if done.returncode:\n"
    "    sys.exit(done.returncode)\n"
    "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)\n"
)


def median_seconds(func: Callable[[], object], repeat: int) -> float:
    """Median wall time of ``repeat`` calls of ``func``, in seconds."""
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        func()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def csv_engine() -> str:
    """The fastest CSV engine installed: pyarrow when present, else C."""
    return "pyarrow" if importlib.util.find_spec("pyarrow") is not None else "c"


def read_floor(folder: Path, engine: str) -> dict[str, Any]:
    """Read every input file of ``folder`` into pandas frames, nothing else."""
    frames: dict[str, Any] = {
        path.name: pd.read_csv(path, engine=engine, dtype=str)
        for path in sorted(folder.glob("*.csv"))
    }
    frames["rubrics.xlsx"] = pd.read_excel(
        folder / "rubrics.xlsx", engine="calamine", sheet_name=None
    )
    frames["policy.toml"] = (folder / "policy.toml").read_text(encoding="utf-8")
    return frames


def gradelib_command() -> list[str]:
    """The ``gradelib`` console script next to this interpreter, else ``python -m gradelib``."""
    script = Path(sys.executable).parent / "gradelib"
    return [str(script)] if script.exists() else [sys.executable, "-m", "gradelib"]


def run_checked(command: list[str]) -> subprocess.CompletedProcess[str]:
    """Run a command; raise with its output when it fails."""
    done = subprocess.run(command, capture_output=True, text=True)
    if done.returncode:
        raise RuntimeError(
            f"{' '.join(command)} exited {done.returncode}:\n{done.stdout}\n{done.stderr}"
        )
    return done


def peak_mib(command: list[str]) -> float:
    """Max RSS of ``command`` in MiB, measured by a fresh wrapper process."""
    done = run_checked([sys.executable, "-c", _PEAK_WRAPPER, *command])
    return int(done.stdout.split()[-1]) / 1024


def what_if_inputs(policy: Any) -> tuple[dict[str, float], tuple[tuple[str, float], ...]]:
    """Other weights (5 points moved from the first component to the last) and cut-offs
    (every one 1 point lower), as a slider move would give."""
    weights = dict(policy.weights)
    keys = list(weights)
    moved = min(5.0, weights[keys[0]])
    weights[keys[0]] -= moved
    weights[keys[-1]] += moved
    scale = tuple((letter, cut - 1.0) for letter, cut in policy.letters)
    return weights, scale


def bench_size(students: int, repeat: int, engine: str) -> dict[str, float]:
    """Every measurement for one course size."""
    import gradelib
    from gradelib.export.to_canvas import export_to_canvas
    from gradelib.sample import write_sample_course
    from gradelib.score.whatif import recompute

    row: dict[str, float] = {"students": students}
    with tempfile.TemporaryDirectory(prefix=f"gradelib-bench-{students}-") as tmp:
        folder = Path(tmp) / "course"
        start = time.perf_counter()
        write_sample_course(folder, students=students, seed=SEED)
        row["gen_s"] = time.perf_counter() - start

        row["floor_ms"] = 1000 * median_seconds(lambda: read_floor(folder, engine), repeat)
        xlsx = folder / "rubrics.xlsx"
        for name in ("calamine", "openpyxl"):
            row[f"xlsx_{name}_ms"] = 1000 * median_seconds(
                lambda name=name: pd.read_excel(xlsx, engine=name, sheet_name=None), repeat
            )

        row["load_ms"] = 1000 * median_seconds(lambda: gradelib.load_course(folder), repeat)
        course = gradelib.load_course(folder)
        row["score_ms"] = 1000 * median_seconds(lambda: gradelib.score_course(course), repeat)
        row["grades_ms"] = 1000 * median_seconds(lambda: gradelib.compute_grades(course), repeat)

        out = Path(tmp) / "out" / "canvas-import.csv"
        out.parent.mkdir()
        row["export_ms"] = 1000 * median_seconds(
            lambda: export_to_canvas(course, out, overwrite=True), repeat
        )

        report = gradelib.score_course(course)
        weights, scale = what_if_inputs(course.policy)
        # recompute gives finals, letters and the letter counts (count_letters).
        row["whatif_ms"] = 1000 * median_seconds(
            lambda: recompute(report, weights, scale).counts, max(repeat, 5)
        )

        cli_out = Path(tmp) / "out" / "cli-import.csv"
        command = [*gradelib_command(), "export", str(folder), "--out", str(cli_out)]
        command.append("--overwrite")
        row["cli_ms"] = 1000 * median_seconds(lambda: run_checked(command), repeat)
        row["peak_mib"] = statistics.median(peak_mib(command) for _ in range(repeat))

    row["import_s"] = median_seconds(
        lambda: run_checked([sys.executable, "-c", "import gradelib"]), max(repeat, 3)
    )
    row["ratio"] = (row["load_ms"] + row["score_ms"]) / row["floor_ms"]
    return row


def format_table(
    rows: list[dict[str, float]], columns: dict[str, tuple[str, str]] = COLUMNS
) -> str:
    """The rows as a fixed-width text table."""
    integers = {key for key, (_, fmt) in columns.items() if fmt.endswith("d}")}
    widths = {key: max(len(head), len(fmt.format(0))) for key, (head, fmt) in columns.items()}
    lines = ["  ".join(head.rjust(widths[key]) for key, (head, _) in columns.items())]
    for row in rows:
        cells = (
            fmt.format(int(row[key]) if key in integers else row[key]).rjust(widths[key])
            for key, (_, fmt) in columns.items()
        )
        lines.append("  ".join(cells))
    return "\n".join(lines)


def build_parser() -> argparse.ArgumentParser:
    """The command line of the benchmark."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--sizes",
        type=int,
        nargs="+",
        help=f"course sizes in students (default {' '.join(map(str, DEFAULT_SIZES))})",
    )
    parser.add_argument(
        "--quick", action="store_true", help="only 40 and 2000 students (unless --sizes)"
    )
    parser.add_argument(
        "--plan-sizes",
        type=plan_form,
        nargs="+",
        metavar="STUDENTS[:LECTURES]",
        help="planner forms (default 40 and 300:60; only 40 with --sizes or --quick)",
    )
    parser.add_argument("--repeat", type=int, default=3, help="runs per timing (median)")
    parser.add_argument("--json", type=Path, help="also write the table to this JSON file")
    return parser


def main(argv: list[str] | None = None) -> int:
    """Run the benchmark; print the table and optionally write JSON."""
    args = build_parser().parse_args(argv)
    sizes = args.sizes or (QUICK_SIZES if args.quick else DEFAULT_SIZES)
    repeat = max(1, args.repeat)
    engine = csv_engine()
    from gradelib.sample.people import MAX_STUDENTS

    rows = []
    for students in sizes:
        if students > MAX_STUDENTS:
            print(
                f"skipping {students} students: the sample generator makes at most "
                f"{MAX_STUDENTS} distinct names (gradelib.sample.people.MAX_STUDENTS)",
                file=sys.stderr,
            )
            continue
        print(f"benchmarking {students} students ...", file=sys.stderr, flush=True)
        rows.append(bench_size(students, repeat, engine))
    plans = args.plan_sizes or (QUICK_PLANS if args.sizes or args.quick else DEFAULT_PLANS)
    planned = []
    for students, lectures, target in plans:
        print(f"planning {students} students ...", file=sys.stderr, flush=True)
        planned.append(bench_plan(students, lectures, target, repeat, SEED))
    print(
        f"CSV floor engine: {engine}; medians of {repeat} run(s); Python {sys.version.split()[0]}"
    )
    print(format_table(rows))
    print("\nTerm planner (gradelib.plan.plan_term on the preference form):")
    print(format_table(planned, PLAN_COLUMNS))
    if args.json:
        payload = {
            "csv_engine": engine,
            "repeat": repeat,
            "python": sys.version.split()[0],
            "columns": list(COLUMNS),
            "rows": rows,
            "plan_columns": list(PLAN_COLUMNS),
            "plans": planned,
        }
        args.json.write_text(json.dumps(payload, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
