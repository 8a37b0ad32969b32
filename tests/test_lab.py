"""``make lab`` on a real course keeps student data out of git (issue 16).

- With ``GRADELIB_COURSE`` set, the notebooks opened are copies in
  ``<course folder>/notebooks/`` (:mod:`gradelib.notebook.copies`), made started fresh on
  first use and left alone after that; the tracked notebooks are never touched.
- A missing course folder, and copies that git would not ignore, are refused with one line.
- A relative course path is taken from where the command was typed; ``~`` expands.
- End to end (slow): a course under ``courses/`` with a marked student, its notebooks run
  and saved and its exports written as a GSI would, leaves ``git status`` as it was and puts
  the marker in no file git sees.
"""

from __future__ import annotations

import csv
import importlib.util
import os
import shutil
import stat
import subprocess
import sys
import uuid
from pathlib import Path

import nbformat
import pytest

from gradelib.notebook.copies import (
    ENVIRONMENT_VARIABLE,
    NOTEBOOKS,
    LabError,
    main,
    prepare,
)

ROOT = Path(__file__).resolve().parents[1]
TRACKED = ROOT / "notebooks"
GIT_CHECKOUT = shutil.which("git") is not None and (ROOT / ".git").exists()
needs_git = pytest.mark.skipif(not GIT_CHECKOUT, reason="not a git checkout")


def git(*args: str, cwd: Path = ROOT) -> subprocess.CompletedProcess[str]:
    return subprocess.run(["git", *args], cwd=cwd, capture_output=True, text=True, check=False)


@pytest.fixture
def tmp(tmp_path: Path) -> Path:
    """``tmp_path`` with its links resolved (the module resolves the paths it is given)."""
    return tmp_path.resolve()


def outputs_and_counts(path: Path) -> tuple[int, list[int | None]]:
    """How many outputs a notebook holds, and its execution counts."""
    notebook = nbformat.read(path, as_version=4)
    code = [cell for cell in notebook.cells if cell.cell_type == "code"]
    return sum(len(cell.outputs) for cell in code), [cell.execution_count for cell in code]


def test_copies_start_fresh_with_the_tracked_cells(tmp: Path) -> None:
    course = tmp / "f24"
    course.mkdir()
    lab = prepare(str(course), tmp, ROOT)
    assert lab.root == course / "notebooks"
    assert lab.course == course
    assert lab.messages[:2] == (f"Course: {course}", f"Notebooks: {course / 'notebooks'}")
    for name in NOTEBOOKS:
        copy = lab.root / name
        assert outputs_and_counts(TRACKED / name)[0] > 0  # the tracked ones have outputs
        outputs, counts = outputs_and_counts(copy)
        assert (outputs, set(counts)) == (0, {None})
        sources = [c.source for c in nbformat.read(TRACKED / name, as_version=4).cells]
        assert [c.source for c in nbformat.read(copy, as_version=4).cells] == sources
        assert stat.S_IMODE(copy.stat().st_mode) == 0o600
        assert any(f"{name}: made from" in line for line in lab.messages)


def test_existing_copies_are_left_alone(tmp: Path) -> None:
    course = tmp / "f24"
    course.mkdir()
    prepare(str(course), tmp, ROOT)
    mine = course / "notebooks" / NOTEBOOKS[0]
    mine.write_bytes(b"the GSI's own work")
    lab = prepare(str(course), tmp, ROOT)
    assert mine.read_bytes() == b"the GSI's own work"
    assert any(f"{NOTEBOOKS[0]}: kept as it is" in line for line in lab.messages)


def test_a_missing_course_folder_is_refused_in_one_line(
    tmp: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    with pytest.raises(LabError, match=f"the course folder {tmp / 'nowhere'} does not"):
        prepare("nowhere", tmp, ROOT)
    (tmp / "a-file").write_text("not a folder")
    with pytest.raises(LabError, match="is not a folder"):
        prepare("a-file", tmp, ROOT)
    monkeypatch.setenv(ENVIRONMENT_VARIABLE, "nowhere")
    assert main(["--from", str(tmp), "--", "false"]) == 1
    out, err = capsys.readouterr()
    assert out == ""
    assert err.count("\n") == 1
    assert err.startswith("make lab: refused: the course folder")
    assert not (tmp / "nowhere").exists()


@needs_git
def test_copies_git_would_not_ignore_are_refused(tmp: Path) -> None:
    with pytest.raises(LabError, match=r"tests/notebooks/grading\.ipynb would not be ignored"):
        prepare("tests", ROOT, ROOT)
    assert not (ROOT / "tests" / "notebooks").exists()
    with pytest.raises(LabError, match="would not be ignored"):
        prepare(".", ROOT, ROOT)  # the tracked notebooks themselves
    other = tmp / "private-repository"
    (other / "f24").mkdir(parents=True)
    assert git("init", "-q", str(other)).returncode == 0
    with pytest.raises(LabError, match="make its repository ignore it"):
        prepare("f24", other, ROOT)
    (other / ".gitignore").write_text("notebooks/\n")
    assert prepare("f24", other, ROOT).root == other / "f24" / "notebooks"


def test_the_sample_course_opens_the_tracked_notebooks() -> None:
    for chosen in (None, "", "data/sample", str(ROOT / "data" / "sample")):
        lab = prepare(chosen, ROOT, ROOT)
        assert (lab.root, lab.course) == (TRACKED, None)
    assert not (ROOT / "data" / "sample" / "notebooks").exists()


def test_a_relative_path_is_taken_from_where_the_command_was_typed(
    tmp: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    typed_in = tmp / "checkout"
    (typed_in / "courses" / "f24").mkdir(parents=True)
    lab = prepare("courses/f24", typed_in, ROOT)
    assert lab.course == typed_in / "courses" / "f24"
    assert lab.messages[0] == f"Course: {typed_in / 'courses' / 'f24'}"
    monkeypatch.setenv("HOME", str(tmp))
    assert prepare("~/checkout/courses/f24", ROOT, ROOT).course == lab.course


@pytest.mark.slow
def test_main_runs_the_command_in_the_copies_folder_with_the_absolute_course(
    tmp: Path,
) -> None:
    (tmp / "f24").mkdir()
    show = "import os; print(os.getcwd()); print(os.environ.get('GRADELIB_COURSE'))"
    command = [sys.executable, "-m", "gradelib.notebook.copies", "--from", str(tmp)]
    command += ["--", sys.executable, "-c", show]

    def run(chosen: str) -> list[str]:
        environment = {**os.environ, ENVIRONMENT_VARIABLE: chosen}
        done = subprocess.run(
            command, cwd=ROOT, env=environment, capture_output=True, text=True, check=True
        )
        return done.stdout.splitlines()

    lines = run("f24")
    assert lines[:2] == [f"Course: {tmp / 'f24'}", f"Notebooks: {tmp / 'f24/notebooks'}"]
    assert lines[-2:] == [str(tmp / "f24" / "notebooks"), str(tmp / "f24")]
    assert run(str(ROOT / "data" / "sample"))[-2:] == [str(TRACKED), "None"]


def mark_a_student(roster: Path, name: str) -> str:
    """Rename the first student of a Canvas roster (``Last, First``); returns the old name."""
    text = roster.read_text(encoding="utf-8")
    rows = list(csv.reader(text.lstrip("\ufeff").splitlines()))
    first = next(row[0] for row in rows[1:] if row[0].strip() != "Points Possible")
    roster.write_text(text.replace(f'"{first}"', f'"{name}"', 1), encoding="utf-8")
    assert name in roster.read_text(encoding="utf-8")
    return first


def execute_and_save(path: Path) -> None:
    """Run a notebook in its folder and save it, with ``notebooks/execute.py`` itself."""
    spec = importlib.util.spec_from_file_location("execute", ROOT / "notebooks" / "execute.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    module.execute(path)


def git_status() -> set[str]:
    return set(git("status", "--porcelain", "--untracked-files=all").stdout.splitlines())


@needs_git
@pytest.mark.slow
def test_a_real_course_never_reaches_git(monkeypatch: pytest.MonkeyPatch) -> None:
    before = git_status()
    tracked = {name: (TRACKED / name).read_bytes() for name in NOTEBOOKS}
    marker = f"Zzmarker{uuid.uuid4().hex[:12]}"  # made here: no file holds it
    courses = ROOT / "courses"
    made_courses = not courses.exists()
    folder = courses / f"test-lab-{uuid.uuid4().hex[:12]}"
    try:
        shutil.copytree(ROOT / "data" / "sample", folder, ignore=shutil.ignore_patterns("out"))
        mark_a_student(folder / "roster.csv", f"{marker}, Qqprivate")
        lab = prepare(str(folder.relative_to(ROOT)), ROOT, ROOT)  # as `make lab` does
        assert (lab.root, lab.course) == (folder / "notebooks", folder)
        monkeypatch.setenv(ENVIRONMENT_VARIABLE, str(lab.course))
        for name in NOTEBOOKS:
            execute_and_save(lab.root / name)
        gradelib = Path(sys.executable).with_name("gradelib")
        for command in ("export", "statements"):
            done = subprocess.run(
                [str(gradelib), command, str(folder)], cwd=ROOT, capture_output=True, text=True
            )
            assert done.returncode == 0, done.stdout + done.stderr
        assert marker in (lab.root / "grading.ipynb").read_text(encoding="utf-8")
        for name in NOTEBOOKS:
            copy = lab.root / name
            assert f"Course folder: {folder}" in copy.read_text(encoding="utf-8")
            assert git("ls-files", "--error-unmatch", str(copy)).returncode != 0
            assert git("check-ignore", "-q", str(copy)).returncode == 0
        exported = [p for p in (folder / "out").rglob("*") if p.is_file()]
        assert any(marker in p.read_text(encoding="utf-8", errors="replace") for p in exported)

        assert git_status() - before == set()
        assert {name: (TRACKED / name).read_bytes() for name in NOTEBOOKS} == tracked
        for token in (marker, folder.name):
            found = git("grep", "-l", "--untracked", token)
            assert (found.returncode, found.stdout) == (1, "")  # 1: found nowhere
    finally:
        shutil.rmtree(folder, ignore_errors=True)
        if made_courses and courses.exists() and not any(courses.iterdir()):
            courses.rmdir()
