"""Never leaked: only the synthetic sample course is ever committed (FERPA).

- Spreadsheet-like files tracked by git live only in ``data/sample/`` (made by the seeded
  generator; tests/test_sample.py checks it is exactly the generator's output) and
  ``tests/fixtures/`` (hand-made, made-up people).
- The committed notebooks show only sample students, and only the sample folder.
- Real course folders put where the README says (``courses/``, or anything else under
  ``data/``) are ignored by git.
"""

from __future__ import annotations

import csv
import json
import re
import shutil
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
DATA_SUFFIXES = {".csv", ".tsv", ".xlsx", ".xls", ".xlsm", ".ods"}
ALLOWED = ("data/sample/", "tests/fixtures/")

pytestmark = pytest.mark.skipif(
    shutil.which("git") is None or not (ROOT / ".git").exists(), reason="not a git checkout"
)


def git(*args: str) -> str:
    return subprocess.run(
        ["git", *args], cwd=ROOT, capture_output=True, text=True, check=False
    ).stdout


def sample_uniqnames() -> set[str]:
    with (ROOT / "data" / "sample" / "groups.csv").open(encoding="utf-8") as handle:
        return {row["uniqname"] for row in csv.DictReader(handle)}


def test_tracked_data_files_are_only_the_sample_and_fixtures() -> None:
    tracked = git("ls-files").splitlines()
    data = [p for p in tracked if Path(p).suffix.lower() in DATA_SUFFIXES]
    assert data, "git ls-files found no data files at all"
    assert [p for p in data if not p.startswith(ALLOWED)] == []


@pytest.mark.parametrize("name", ["grading.ipynb", "participation.ipynb"])
def test_notebook_outputs_show_only_sample_students(name: str) -> None:
    notebook = json.loads((ROOT / "notebooks" / name).read_text(encoding="utf-8"))
    texts = []
    for cell in notebook["cells"]:
        for output in cell.get("outputs", []):
            texts.append("".join(output.get("text", "")))
            for kind in ("text/html", "text/plain"):
                texts.append("".join(output.get("data", {}).get(kind, "")))
    shown = "\n".join(texts)
    assert "Course folder: ../data/sample" in shown
    known = sample_uniqnames()
    named = set(re.findall(r'data-uniqname="([^"]+)"', shown))
    assert named <= known, f"not sample students: {sorted(named - known)}"
    if name == "grading.ipynb":  # the grades table (its data in the page) lists them all
        listed = {u for u in known if re.search(rf'[">]{re.escape(u)}["<]', shown)}
        assert listed == known


@pytest.mark.parametrize(
    "path",
    [
        "courses/f24/roster.csv",
        "data/cse585-f24/roster.csv",
        "data/real.xlsx",
        # What the notebooks write while the sample course is open (exports, statements).
        "data/sample/out/canvas-import-20241218-150000.csv",
        "data/sample/out/statements-20241218-150000/alice.html",
    ],
)
def test_real_course_folders_are_ignored(path: str) -> None:
    assert git("check-ignore", "--no-index", path).strip() == path
