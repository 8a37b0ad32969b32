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


def test_export_names_a_missing_canvas_export(tmp_path: Path) -> None:
    missing = tmp_path / "newer.csv"
    result = run(
        "export", str(SAMPLE), "--out", str(tmp_path / "import.csv"), "--canvas", str(missing)
    )
    assert result.returncode == 1, result.stderr
    assert (
        result.stderr
        == f"gradelib: {missing}: no such Canvas gradebook export; nothing was written\n"
    )
    assert list(tmp_path.iterdir()) == []


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


CASES = ROOT / "tests" / "fixtures" / "cases"


@pytest.mark.parametrize(
    "folder",
    [SAMPLE, CASES / "excused-cutoff", CASES / "ovr-final", CASES / "round-component"],
    ids=["sample", "excused-cutoff", "ovr-final", "round-component"],
)
def test_export_passes_canvas_check(tmp_path: Path, folder: Path) -> None:
    out = tmp_path / "import.csv"
    exported = run("export", str(folder), "--out", str(out))
    assert exported.returncode == 0, exported.stdout + exported.stderr
    assert "canvas-check: the file follows Canvas's import rules." in exported.stdout
    assert "is our current score for all" in exported.stdout
    checked = run("canvas-check", str(out))
    assert checked.returncode == 0, checked.stdout
    assert "0 error(s), 0 warning(s)" in checked.stdout
    assert "Canvas will accept this file" in checked.stdout


def test_export_prints_the_grading_scheme(tmp_path: Path) -> None:
    result = run("export", str(CASES / "round-component"), "--out", str(tmp_path / "i.csv"))
    lines = result.stdout.splitlines()
    start = next(i for i, line in enumerate(lines) if line.startswith("Grading scheme"))
    assert lines[start + 1 : start + 3] == ["  A   from 93.00 %", "  A-  from 90.00 %"]
    assert lines[start + 12] == "  E   from 0.00 %"
    warning = lines[start + 13]
    assert "Canvas's letters follow the Canvas course's grading scheme, not policy.toml" in warning


def test_export_with_override_score_off_needs_the_flag(tmp_path: Path) -> None:
    import shutil

    folder = tmp_path / "ovr-final"
    shutil.copytree(CASES / "ovr-final", folder)
    (folder / "policy.toml").write_text("[canvas]\noverride_score = false\n", encoding="utf-8")
    out = tmp_path / "import.csv"
    refused = run("export", str(folder), "--out", str(out))
    assert refused.returncode == 1
    assert "Adams, Alice (alice): Canvas would show 82.00, our final is 93.00" in refused.stderr
    assert "Brown, Bob (bob): Canvas would show 82.00, our final is 90.00" in refused.stderr
    assert "--without-final-overrides" in refused.stderr
    assert not out.exists()
    allowed = run("export", str(folder), "--out", str(out), "--without-final-overrides")
    assert allowed.returncode == 0, allowed.stdout + allowed.stderr
    assert "Override Score" not in out.read_text(encoding="utf-8")


def grade_csv(folder: Path) -> dict[str, dict[str, str]]:
    result = run("grade", str(folder), "--csv")
    assert result.returncode == 0, result.stderr
    return {row["uniqname"]: row for row in csv.DictReader(io.StringIO(result.stdout))}


def test_grade_csv_numbers_read_as_everywhere_else() -> None:
    # round-component: g1's project report 0.25 × 85 + 0.75 × 86.5 = 86.125 -> 86.13.
    rows = grade_csv(CASES / "round-component")
    assert rows["alice"]["project_report"] == "86.13"
    assert rows["alice"]["project_report_status"] == "graded"
    assert rows["alice"]["final"] == "81.45"
    assert rows["carol"]["final"] == "83.00"


def test_grade_csv_excused_is_blank_with_its_status_beside_it() -> None:
    # ovr-final: dave's summary excused (never 70.00); alice's final override 92.995.
    rows = grade_csv(CASES / "ovr-final")
    header = list(rows["dave"])
    assert header[header.index("summary") + 1] == "summary_status"
    assert rows["dave"]["summary"] == ""
    assert rows["dave"]["summary_status"] == "excused"
    assert (rows["alice"]["final"], rows["alice"]["letter"]) == ("93.00", "A")
    assert (rows["bob"]["final"], rows["bob"]["letter"]) == ("90.00", "A-")
    assert rows["carol"]["project_presentations"] == "100.00"
