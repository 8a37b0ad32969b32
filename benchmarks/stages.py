"""Where the time goes inside one ``gradelib export``: the package's own stage marks
(:mod:`gradelib.timing`), collected while the command runs in this process.

The command is run once to warm the imports, then ``repeat`` times under
:func:`gradelib.timing.timed_stages`; each stage's median is kept, and ``other`` is the
command's wall time not covered by any mark (argument parsing, messages). Starting the
interpreter and importing the package are measured as their own process (``start``).
"""

from __future__ import annotations

import contextlib
import io
import statistics
import subprocess
import sys
import time
from pathlib import Path


def start_seconds(repeat: int) -> float:
    """Median wall seconds of ``python -c "import gradelib.cli"`` as a process."""
    times = []
    for _ in range(repeat):
        began = time.perf_counter()
        subprocess.run([sys.executable, "-c", "import gradelib.cli"], check=True)
        times.append(time.perf_counter() - began)
    return statistics.median(times)


def export_stages(folder: Path, out: Path, repeat: int) -> dict[str, float]:
    """Median seconds of each stage of ``gradelib export FOLDER --out OUT --overwrite``,
    with ``other`` (unmarked) and ``total`` (the command's wall time)."""
    from gradelib.cli import main
    from gradelib.timing import timed_stages

    argv = ["export", str(folder), "--out", str(out), "--overwrite"]
    runs: list[dict[str, float]] = []
    for round_ in range(repeat + 1):
        with contextlib.redirect_stdout(io.StringIO()), timed_stages() as clock:
            began = time.perf_counter()
            main(argv)
            total = time.perf_counter() - began
        if round_:  # the first run warms the imports and caches
            runs.append({**clock, "other": total - sum(clock.values()), "total": total})
    names = list(runs[0])
    return {name: statistics.median(run.get(name, 0.0) for run in runs) for name in names}
