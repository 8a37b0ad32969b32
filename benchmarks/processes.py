"""Whole processes, as a user runs them: wall time and peak memory, interleaved.

Each command runs in a fresh wrapper process that starts it, waits, and prints the wall
seconds and the child's maximum resident set size (``resource.getrusage(RUSAGE_CHILDREN)``,
Linux KiB). The commands of one size run in turn, ``repeat`` rounds, so a slower moment of
the machine falls on all of them alike; the medians are compared.
"""

from __future__ import annotations

import statistics
import subprocess
import sys
from collections.abc import Mapping, Sequence
from pathlib import Path

HERE = Path(__file__).resolve().parent

#: Runs a command (the rest of argv); prints its wall seconds and peak RSS in KiB.
_WRAPPER = (
    "import resource, subprocess, sys, time\n"
    "start = time.perf_counter()\n"
    "done = subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL)\n"
    "seconds = time.perf_counter() - start\n"
    "if done.returncode:\n"
    "    sys.exit(done.returncode)\n"
    "print(seconds, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)\n"
)


def gradelib_command() -> list[str]:
    """The ``gradelib`` console script next to this interpreter, else ``python -m gradelib``."""
    script = Path(sys.executable).parent / "gradelib"
    return [str(script)] if script.exists() else [sys.executable, "-m", "gradelib"]


def measure(command: Sequence[str]) -> tuple[float, float]:
    """Wall seconds and peak MiB of one run of ``command``; raises with its output on failure."""
    done = subprocess.run(
        [sys.executable, "-c", _WRAPPER, *command], capture_output=True, text=True
    )
    if done.returncode:
        raise RuntimeError(f"{' '.join(command)} exited {done.returncode}:\n{done.stderr}")
    seconds, kib = done.stdout.split()[-2:]
    return float(seconds), int(kib) / 1024


def interleaved(commands: Mapping[str, Sequence[str]], repeat: int) -> dict[str, float]:
    """Median seconds (``NAME_s``) and median peak MiB (``NAME_mib``) of each command,
    run in turn for ``repeat`` rounds."""
    runs: dict[str, list[tuple[float, float]]] = {name: [] for name in commands}
    for _ in range(repeat):
        for name, command in commands.items():
            runs[name].append(measure(command))
    row: dict[str, float] = {}
    for name, measured in runs.items():
        row[f"{name}_s"] = statistics.median(seconds for seconds, _ in measured)
        row[f"{name}_mib"] = statistics.median(mib for _, mib in measured)
    return row


def course_commands(folder: Path, out: Path) -> dict[str, list[str]]:
    """The read floor, ``gradelib check`` and ``gradelib export`` on one course folder."""
    gradelib = gradelib_command()
    return {
        "floor": [sys.executable, str(HERE / "floor.py"), str(folder)],
        "check": [*gradelib, "check", str(folder)],
        "export": [*gradelib, "export", str(folder), "--out", str(out), "--overwrite"],
    }
