"""The notebooks' rows of ``benchmarks/run.py`` (issue 18): each notebook's Run All.

For each workbook notebook (``notebooks/grading.ipynb``, ``participation.ipynb``,
``setup.ipynb``) on the sample course (``data/sample``; ``GRADELIB_COURSE`` is unset for
the kernel): a fresh kernel is started with :mod:`nbclient` in ``notebooks/``, then every
cell is executed in order and timed, from the first cell's request to the last cell's
last output (the kernel's start is not counted; importing ``gradelib`` in the first cell
is). ``run_all_s`` is the median over ``repeat`` kernels, against :data:`TARGET_S`;
``kernel_cpu_s`` the kernel's CPU time over the same cells.
Nothing is saved: the notebooks' files are read, never written.

Usage::

    python benchmarks/notebooks.py [--repeat 3] [NAME.ipynb ...]
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from pathlib import Path
from typing import Any

NOTEBOOKS = Path(__file__).resolve().parent.parent / "notebooks"
sys.path.insert(0, str(NOTEBOOKS))
# The notebooks and their client as `make notebooks` runs them (notebooks/execute.py).
from execute import NOTEBOOKS as NAMES  # noqa: E402
from execute import notebook_client  # noqa: E402

#: Each notebook's Run All on the sample course, kernel started (seconds).
TARGET_S = 3.0
#: Column -> (table heading, format), for ``tables.format_table``.
COLUMNS: dict[str, tuple[str, str]] = {
    "name": ("notebook", "{:>20}"),
    "run_all_s": ("run all s", "{:>9.2f}"),
    "kernel_cpu_s": ("kernel cpu s", "{:>12.2f}"),
    "target": ("target s", "{:>8.1f}"),
    "met": ("met", "{:>3}"),
}


#: Asks the kernel for its CPU seconds so far (run before and after, not timed).
CPU_PROBE = "import os as _os; print(sum(_os.times()[:2]))"


def _kernel_cpu(client: Any) -> float:
    """The kernel's CPU seconds (user + system) so far."""
    import nbformat

    probe = nbformat.v4.new_code_cell(CPU_PROBE)
    client.execute_cell(probe, 0)
    return float(probe.outputs[0]["text"])


def run_all_seconds(path: Path) -> tuple[float, float]:
    """Start a kernel for the notebook at ``path``, then time executing all its cells:
    (wall seconds, the kernel's CPU seconds)."""
    import nbformat

    notebook = nbformat.read(path, as_version=4)
    client = notebook_client(notebook, path)
    saved = os.environ.pop("GRADELIB_COURSE", None)
    try:
        with client.setup_kernel():
            cpu = _kernel_cpu(client)
            start = time.perf_counter()
            for index, cell in enumerate(notebook.cells):
                client.execute_cell(cell, index)
            wall = time.perf_counter() - start
            return wall, _kernel_cpu(client) - cpu
    finally:
        if saved is not None:
            os.environ["GRADELIB_COURSE"] = saved


def bench_notebooks(repeat: int, names: tuple[str, ...] = NAMES) -> list[dict[str, Any]]:
    """One row per notebook: ``name``, ``run_all_s`` (median of ``repeat`` fresh kernels),
    ``kernel_cpu_s`` (the kernel's CPU seconds in that time, median; steadier on a shared
    machine), ``target`` (:data:`TARGET_S`) and ``met`` (``"yes"``/``"no"``, by
    ``run_all_s``)."""
    rows: list[dict[str, Any]] = []
    for name in names:
        runs = [run_all_seconds(NOTEBOOKS / name) for _ in range(max(1, repeat))]
        seconds = statistics.median(wall for wall, _ in runs)
        rows.append(
            {
                "name": name,
                "run_all_s": seconds,
                "kernel_cpu_s": statistics.median(cpu for _, cpu in runs),
                "target": TARGET_S,
                "met": "yes" if seconds < TARGET_S else "no",
            }
        )
    return rows


def main(argv: list[str] | None = None) -> int:
    """Print the notebooks' table."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("names", nargs="*", help=f"notebooks (default {' '.join(NAMES)})")
    parser.add_argument("--repeat", type=int, default=3, help="kernels per notebook (median)")
    args = parser.parse_args(argv)
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    from tables import format_table

    rows = bench_notebooks(args.repeat, tuple(args.names) or NAMES)
    print(format_table(rows, COLUMNS))
    return 0


if __name__ == "__main__":
    sys.exit(main())
