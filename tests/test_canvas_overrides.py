"""A final override reaches Canvas as the Override Score column, or the export stops.

Shared case ``ovr-final`` (tests/fixtures/cases/ovr-final): final overrides 92.995
(alice) and 89.995 (bob); carol's project presentations overridden to 100 %; dave's
summary excused. Without the overrides alice and bob score 82.00 (g1's final): 80 % of
15 = 12, 60 % of 15 = 9, 100 % of 10 = 10, 87.5 % of 40 = 35, 80 % of 20 = 16.
"""

from __future__ import annotations

import csv
import shutil
from datetime import UTC, datetime
from pathlib import Path

import pytest

import gradelib
from gradelib.errors import ExportError
from gradelib.export.to_canvas import export_to_canvas

CASE = Path(__file__).resolve().parent / "fixtures" / "cases" / "ovr-final"
NOW = datetime(2024, 12, 18, 15, 0, tzinfo=UTC)


def case_with_policy(tmp_path: Path, policy: str | None) -> Path:
    folder = tmp_path / "ovr-final"
    shutil.copytree(CASE, folder)
    if policy is not None:
        (folder / "policy.toml").write_text(policy, encoding="utf-8")
    return folder


def read_rows(path: Path) -> list[list[str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.reader(handle))


def test_override_score_column_of_the_ovr_final_case(tmp_path: Path) -> None:
    out = tmp_path / "import.csv"
    result = export_to_canvas(gradelib.load_course(CASE), out, now=NOW)
    assert result.ok, result.messages()
    rows = read_rows(out)
    assert rows[0][5:] == [
        "Paper Presentation (88240)",
        "Paper Summary",
        "Participation",
        "Project Report",
        "Project Presentations",
        "Override Score",
    ]
    assert rows[1][-1] == ""
    by_login = {row[3]: row for row in rows[2:]}
    assert by_login["alice"][5:] == ["12.00", "9.00", "10.00", "35.00", "16.00", "93.00"]
    assert by_login["bob"][5:] == ["12.00", "9.00", "10.00", "35.00", "16.00", "90.00"]
    # carol: 13.50 + 10.50 + 10.00 + 77.5 % of 40 (31.00) + 100 % of 20 (20.00) = 85.00.
    assert by_login["carol"][5:] == ["13.50", "10.50", "10.00", "31.00", "20.00", ""]
    assert by_login["dave"][5:] == ["13.50", "EX", "10.00", "31.00", "18.00", ""]


def test_override_score_comes_with_the_allow_override_notice(tmp_path: Path) -> None:
    result = export_to_canvas(gradelib.load_course(CASE), tmp_path / "import.csv", now=NOW)
    notice = next(line for line in result.notices if "Override Score" in line)
    assert "Adams, Alice (alice), Brown, Bob (bob)" in notice
    assert "must allow final grade override" in notice
    assert notice in result.messages()


def test_policy_false_stops_naming_the_students(tmp_path: Path) -> None:
    folder = case_with_policy(tmp_path, "[canvas]\noverride_score = false\n")
    out = tmp_path / "import.csv"
    with pytest.raises(ExportError) as stopped:
        export_to_canvas(gradelib.load_course(folder), out, now=NOW)
    message = str(stopped.value)
    assert "Adams, Alice (alice): Canvas would show 82.00, our final is 93.00" in message
    assert "Brown, Bob (bob): Canvas would show 82.00, our final is 90.00" in message
    assert "carol" not in message and "dave" not in message
    assert "--without-final-overrides" in message
    assert not out.exists()


def test_without_final_overrides_lets_it_through_on_purpose(tmp_path: Path) -> None:
    folder = case_with_policy(tmp_path, "[canvas]\noverride_score = false\n")
    out = tmp_path / "import.csv"
    result = export_to_canvas(
        gradelib.load_course(folder), out, without_final_overrides=True, now=NOW
    )
    rows = read_rows(out)
    assert "Override Score" not in rows[0]
    assert {row[3]: row for row in rows[2:]}["alice"][5:] == [
        "12.00", "9.00", "10.00", "35.00", "16.00",
    ]  # fmt: skip
    assert result.ok  # Canvas's own total (82.00) is what this file means
    assert any("on purpose" in line and "alice" in line for line in result.notices)


def test_flag_also_leaves_the_column_out_when_the_policy_is_true(tmp_path: Path) -> None:
    out = tmp_path / "import.csv"
    export_to_canvas(gradelib.load_course(CASE), out, without_final_overrides=True, now=NOW)
    assert "Override Score" not in read_rows(out)[0]


def test_policy_false_without_any_final_override_exports(tmp_path: Path) -> None:
    folder = case_with_policy(tmp_path, "[canvas]\noverride_score = false\n")
    lines = (folder / "overrides.csv").read_text(encoding="utf-8").splitlines()
    kept = [line for line in lines if ",final," not in line]
    (folder / "overrides.csv").write_text("\n".join(kept) + "\n", encoding="utf-8")
    out = tmp_path / "import.csv"
    assert export_to_canvas(gradelib.load_course(folder), out, now=NOW).ok
    assert "Override Score" not in read_rows(out)[0]
