"""Saving a what-if into policy.toml: never a traceback, never a half-written file."""

from __future__ import annotations

from pathlib import Path

import pytest

from gradelib.errors import CourseError
from gradelib.policy.save import save_policy


def test_a_policy_file_that_is_not_toml_is_reported_not_raised_as_a_traceback(
    tmp_path: Path,
) -> None:
    broken = "[weights\npresentation = 20\n"
    (tmp_path / "policy.toml").write_text(broken, encoding="utf-8")
    with pytest.raises(CourseError) as raised:
        save_policy(tmp_path, absence_allowance=3)
    (problem,) = raised.value.problems
    assert problem.file == "policy.toml"
    assert "line 1: not valid TOML" in str(problem)
    assert (tmp_path / "policy.toml").read_text(encoding="utf-8") == broken


def test_a_save_writes_the_value_and_keeps_the_rest(tmp_path: Path) -> None:
    (tmp_path / "policy.toml").write_text(
        "# ours\n[participation]\nabsence_allowance = 2  # syllabus\n", encoding="utf-8"
    )
    policy = save_policy(tmp_path, absence_allowance=4)
    assert policy.absence_allowance == 4
    text = (tmp_path / "policy.toml").read_text(encoding="utf-8")
    assert text == "# ours\n[participation]\nabsence_allowance = 4  # syllabus\n"
