"""No output path may be an input of the course or of the wrong kind, whatever the flags.

Each refusal exits 1 (never "internal error"), says what to do instead, and leaves every
file of the course folder as it was. Paths are built from the builder's course folder.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from builder import fingerprint, run_cli, write_course

import gradelib
from gradelib.errors import ExportError
from gradelib.files import (
    course_inputs,
    refuse_output,
    refuse_output_folder,
    write_atomically,
)
from gradelib.score.grades import score_course
from gradelib.show.statements import write_statements


@pytest.fixture
def course_folder(tmp_path: Path) -> Path:
    return write_course(tmp_path / "course")


def refused(*argv: object) -> str:
    """Run the command line; assert it refused cleanly; return what it printed."""
    status, out, err = run_cli(*argv)
    assert status == 1, out + err
    assert "internal error" not in out + err and "Traceback" not in out + err
    return err.strip()


def test_export_into_an_existing_folder_with_overwrite(course_folder: Path) -> None:
    target = course_folder / "out"
    target.mkdir()
    before = fingerprint(course_folder)
    assert refused("export", course_folder, "--out", target, "--overwrite") == (
        f"gradelib: {target} is a folder; give the path of a file to write, inside it or elsewhere"
    )
    assert fingerprint(course_folder) == before


def test_export_over_the_roster_with_overwrite(course_folder: Path) -> None:
    roster = course_folder / "roster.csv"
    before = fingerprint(course_folder)
    message = refused("export", course_folder, "--out", roster, "--overwrite")
    assert message.startswith(f"gradelib: {roster} is an input file")
    assert "not even with overwrite: choose another name" in message
    assert fingerprint(course_folder) == before


def test_export_inside_a_file(course_folder: Path) -> None:
    roster = course_folder / "roster.csv"
    before = fingerprint(course_folder)
    assert refused("export", course_folder, "--out", roster / "import.csv", "--overwrite") == (
        f"gradelib: {roster} is a file, so nothing can be written at {roster / 'import.csv'}; "
        "choose a path in a folder"
    )
    assert fingerprint(course_folder) == before


@pytest.mark.parametrize("flags", [(), ("--overwrite",)], ids=["plain", "overwrite"])
def test_statements_into_an_existing_file(course_folder: Path, flags: tuple[str, ...]) -> None:
    target = course_folder.parent / "statements.html"
    target.write_text("an earlier page\n", encoding="utf-8")
    assert refused("statements", course_folder, "--out", target, *flags) == (
        f"gradelib: {target} is a file; give the path of a folder to write into (a new one "
        "is created)"
    )
    assert target.read_text(encoding="utf-8") == "an earlier page\n"


def test_statements_into_the_course_folder(course_folder: Path) -> None:
    before = fingerprint(course_folder)
    assert refused("statements", course_folder, "--out", course_folder, "--overwrite") == (
        f"gradelib: {course_folder} is the course folder; the files go into a folder of their "
        "own: leave out --out (they then go to "
        f"{course_folder / 'out' / 'statements-<date-time>'}) or give a new folder"
    )
    assert fingerprint(course_folder) == before


@pytest.mark.parametrize("name", ["roster.csv", "groups.xlsx"])
def test_statements_folder_named_as_an_input(course_folder: Path, name: str) -> None:
    """groups.xlsx does not exist (groups.csv does): a folder of that name is refused too."""
    before = fingerprint(course_folder)
    assert refused("statements", course_folder, "--out", course_folder / name) == (
        f"gradelib: {course_folder / name} is the name of an input file of the course; "
        "choose another folder name"
    )
    assert fingerprint(course_folder) == before


def test_a_statement_path_that_is_a_folder(course_folder: Path, tmp_path: Path) -> None:
    course = gradelib.load_course(course_folder)
    folder = tmp_path / "statements"
    (folder / "alice.html").mkdir(parents=True)
    with pytest.raises(ExportError) as caught:
        write_statements(course, score_course(course), folder, overwrite=True)
    assert str(caught.value) == (
        f"{folder / 'alice.html'} is a folder; give the path of a file to write, inside it or "
        "elsewhere"
    )
    assert sorted(p.name for p in folder.iterdir()) == ["alice.html"]


def test_statements_into_a_new_folder_still_work(course_folder: Path, tmp_path: Path) -> None:
    status, out, err = run_cli("statements", course_folder, "--out", tmp_path / "s")
    assert status == 0, out + err
    assert (tmp_path / "s" / "alice.html").is_file()


# ---------------------------------------------------------------- the rule itself


def test_course_inputs_are_every_name_the_course_reads(tmp_path: Path) -> None:
    names = [path.name for path in course_inputs(tmp_path)]
    assert names == [
        "policy.toml", "roster.csv", "rubrics.xlsx",
        "groups.csv", "groups.xlsx", "schedule.csv", "schedule.xlsx",
        "attendance.csv", "attendance.xlsx", "questions.csv", "questions.xlsx",
        "piazza.csv", "piazza.xlsx", "overrides.csv", "overrides.xlsx",
    ]  # fmt: skip
    assert {path.parent for path in course_inputs(tmp_path)} == {tmp_path}


def test_an_input_is_refused_whatever_overwrite(course_folder: Path) -> None:
    """groups.xlsx beside groups.csv would make the table ambiguous: refused though absent;
    a link to the roster is the roster."""
    link = course_folder / "out" / "link.csv"
    link.parent.mkdir()
    link.symlink_to(course_folder / "roster.csv")
    for path in (course_folder / "groups.xlsx", course_folder / "out" / ".." / "roster.csv", link):
        with pytest.raises(ExportError, match="is an input file"):
            refuse_output(path, inputs=course_inputs(course_folder), overwrite=True)


def test_existing_file_needs_overwrite(tmp_path: Path) -> None:
    path = tmp_path / "import.csv"
    path.write_text("x", encoding="utf-8")
    with pytest.raises(ExportError) as caught:
        refuse_output(path, remedy="tick 'replace' to replace it")
    assert str(caught.value) == (
        f"{path} already exists; choose another name, or tick 'replace' to replace it"
    )
    refuse_output(path, overwrite=True)


def test_folder_example_name_is_suggested(tmp_path: Path) -> None:
    with pytest.raises(ExportError) as caught:
        refuse_output(tmp_path, overwrite=True, example="canvas-import.csv")
    assert str(caught.value) == (
        f"{tmp_path} is a folder; give the path of a file to write, e.g. "
        f"{tmp_path / 'canvas-import.csv'}"
    )


def test_output_folder_rule(course_folder: Path, tmp_path: Path) -> None:
    refuse_output_folder(tmp_path / "new", course_folder=course_folder, default="d")
    refuse_output_folder(course_folder / "out" / "s", course_folder=course_folder, default="d")
    with pytest.raises(ExportError, match="is the course folder"):
        refuse_output_folder(course_folder / "out" / "..", course_folder=course_folder, default="d")


def test_write_atomically_refuses_a_folder(tmp_path: Path) -> None:
    with pytest.raises(ExportError, match="is a folder"):
        write_atomically(tmp_path, b"x")
