"""The read floor: a process that only reads a course folder's input files into pandas
frames with the fastest readers installed, and does nothing else (issue 18's yardstick).

CSV files with ``pd.read_csv`` (the pyarrow engine when pyarrow is installed, else the C
engine; ``dtype=str``), ``rubrics.xlsx`` with ``pd.read_excel(engine="calamine",
sheet_name=None)``, ``policy.toml`` as text. ``make bench`` runs it as a whole process,
``python benchmarks/floor.py DIR``, next to ``gradelib check DIR`` and ``gradelib export``.
The table's heading names the engine: with pyarrow installed the floor reads faster, and
pandas 3 then stores text as Arrow strings in every process, so ratios are comparable only
between runs in the same environment.
"""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from typing import Any

import pandas as pd


def csv_engine() -> str:
    """The fastest CSV engine installed: pyarrow when present, else C."""
    return "pyarrow" if importlib.util.find_spec("pyarrow") is not None else "c"


def read_floor(folder: Path, engine: str | None = None) -> dict[str, Any]:
    """Read every input file of ``folder`` into pandas frames, nothing else."""
    engine = engine or csv_engine()
    frames: dict[str, Any] = {
        path.name: pd.read_csv(path, engine=engine, dtype=str)
        for path in sorted(folder.glob("*.csv"))
    }
    frames["rubrics.xlsx"] = pd.read_excel(
        folder / "rubrics.xlsx", engine="calamine", sheet_name=None
    )
    frames["policy.toml"] = (folder / "policy.toml").read_text(encoding="utf-8")
    return frames


if __name__ == "__main__":
    read_floor(Path(sys.argv[1]))
