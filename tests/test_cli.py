"""The gradelib command on the sample course and on folders it must refuse."""

from __future__ import annotations

import csv
import io
import subprocess
import sys
from pathlib import Path

import pytest
from builder import write_course

from gradelib.cli import main

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "data" / "sample"


def run(*args: str) -> subprocess.CompletedProcess[str]:
    """Run ``python -m gradelib ARGS`` as a user would."""
    return subprocess.run(
        [sys.executable, "-m", "gradelib", *args], capture_output=True, text=True, check=False
    )


def sample_uniqnames() -> list[str]:
    with (SAMPLE / "groups.csv").open(encoding="utf-8") as handle:
        return [row["uniqname"] for row in csv.DictReader(handle)]


def test_check_sample_exits_0() -> None:
    result = run("check", str(SAMPLE))
    assert result.returncode == 0, result.stdout + result.stderr
    assert "0 error(s)" in result.stdout
    assert "40 students, ready to grade" in result.stdout


def test_grade_sample_prints_every_student() -> None:
    result = run("grade", str(SAMPLE))
    assert result.returncode == 0, result.stderr
    names = sample_uniqnames()
    assert len(names) == 40
    for name in names:
        assert f" {name} " in f" {result.stdout} ".replace("\n", " \n "), name
    assert "Student, Test" not in result.stdout


def test_grade_csv_is_one_row_per_student() -> None:
    result = run("grade", str(SAMPLE), "--csv")
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert sorted(r["uniqname"] for r in rows) == sorted(sample_uniqnames())
    assert {"final", "current", "letter", "notes"} <= set(rows[0])
    finals = [float(r["final"]) for r in rows]
    assert all(0 <= f <= 100 for f in finals)


def test_grade_refuses_a_folder_with_errors(tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    folder = write_course(tmp_path / "course")
    (folder / "groups.csv").write_text("group,uniqname\ng1,alice\n", encoding="utf-8")
    assert main(["grade", str(folder)]) == 1
    err = capsys.readouterr().err
    assert "nothing was done" in err
    assert "bob (roster.csv row 4) is in no group" in err


def test_missing_folder_is_a_clear_error() -> None:
    result = run("check", "/nonexistent/course")
    assert result.returncode == 1
    assert "no such course folder" in result.stdout
    assert "Traceback" not in result.stdout + result.stderr


def test_sample_refuses_a_folder_that_is_not_empty(tmp_path: Path) -> None:
    (tmp_path / "keep.txt").write_text("mine", encoding="utf-8")
    result = run("sample", str(tmp_path))
    assert result.returncode == 1
    assert "not empty" in result.stderr
    assert [p.name for p in tmp_path.iterdir()] == ["keep.txt"]


def test_sample_too_few_students(tmp_path: Path) -> None:
    result = run("sample", str(tmp_path / "x"), "--students", "3")
    assert result.returncode == 1
    assert "at least 4" in result.stderr
    assert "Traceback" not in result.stderr


def test_sample_writes_a_course_that_checks_clean(tmp_path: Path) -> None:
    assert run("sample", str(tmp_path / "c"), "--students", "12", "--seed", "7").returncode == 0
    result = run("check", str(tmp_path / "c"))
    assert result.returncode == 0, result.stdout
    assert "12 students" in result.stdout


def test_grade_shows_an_excused_component_as_EX() -> None:
    # data/sample/overrides.csv excuses facheng's summary.
    result = run("grade", str(SAMPLE))
    line = next(row for row in result.stdout.splitlines() if row.split()[0] == "facheng")
    assert line.split()[5] == "EX"  # uniqname, "Cheng,", "Farah", group, presentation, summary


def test_grade_csv_neutralizes_formula_names(tmp_path: Path) -> None:
    from builder import ROSTER

    roster = [row[:] for row in ROSTER]
    roster[2][0] = '="=HYPERLINK(""http://x"")"'  # Canvas's own wrapping of a name with =
    roster[3][0] = "+Brown, Bob"
    folder = write_course(tmp_path / "course", roster=roster)
    result = run("grade", str(folder), "--csv")
    rows = {r["uniqname"]: r for r in csv.DictReader(io.StringIO(result.stdout))}
    assert rows["alice"]["name"] == '\'=HYPERLINK("http://x")'
    assert rows["bob"]["name"] == "'+Brown, Bob"
    assert rows["carol"]["name"] == "Clark, Carol"
