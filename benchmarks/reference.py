"""Nothing may change a grade: each size's Canvas import file and grades CSV, compared
byte for byte with the files the package wrote before the performance work.

``reference.json`` keeps, per course size, the SHA-256 of the course's inputs and of the
two outputs as written by the package at the commit it names (before the change). Equal
digests mean equal bytes. ``python benchmarks/run.py --record-reference`` writes it anew
from whatever ``gradelib`` the interpreter imports (run it with ``PYTHONPATH`` pointing at
an older checkout to record that checkout's files).
"""

from __future__ import annotations

import hashlib
import json
import subprocess
from pathlib import Path
from typing import Any

from courses import input_digest
from processes import gradelib_command

REFERENCE = Path(__file__).resolve().parent / "reference.json"


def outputs(folder: Path, work: Path) -> dict[str, str]:
    """SHA-256 of ``gradelib export FOLDER`` and of ``gradelib grade --csv FOLDER``."""
    gradelib = gradelib_command()
    canvas = work / "canvas-import.csv"
    export = [*gradelib, "export", str(folder), "--out", str(canvas), "--overwrite"]
    subprocess.run(export, check=True, capture_output=True)
    grades = subprocess.run(
        [*gradelib, "grade", "--csv", str(folder)], check=True, capture_output=True
    ).stdout
    return {
        "canvas": hashlib.sha256(canvas.read_bytes()).hexdigest(),
        "grades": hashlib.sha256(grades).hexdigest(),
    }


def load() -> dict[str, Any]:
    """The recorded reference (empty when there is none)."""
    if not REFERENCE.is_file():
        return {"sizes": {}}
    return json.loads(REFERENCE.read_text(encoding="utf-8"))


def compare(students: int, folder: Path, work: Path) -> dict[str, str]:
    """``same``, ``DIFFERENT`` or why there is nothing to compare, for each output."""
    recorded = load()["sizes"].get(str(students))
    if recorded is None:
        return {"canvas": "no reference", "grades": "no reference"}
    if recorded["inputs"] != input_digest(folder):
        return {"canvas": "inputs changed", "grades": "inputs changed"}
    now = outputs(folder, work)
    return {key: "same" if now[key] == recorded[key] else "DIFFERENT" for key in now}


def record(students: int, folder: Path, work: Path, commit: str) -> None:
    """Record this size's inputs and outputs as the reference, written by ``commit``."""
    reference = load()
    reference["sizes"][str(students)] = {
        "inputs": input_digest(folder),
        **outputs(folder, work),
        "commit": commit,
    }
    REFERENCE.write_text(json.dumps(reference, indent=2, sort_keys=True) + "\n", encoding="utf-8")
