"""The GSI's own copies of the workbook notebooks, kept with the course (``make lab``).

A real course's notebooks hold student data once they have run (JupyterLab autosaves
them), so ``make lab`` with ``GRADELIB_COURSE`` set never opens the tracked notebooks of
this repository: it opens copies in ``<course folder>/notebooks/``, made on first use from
the tracked ones *started fresh* (no outputs, no execution counts) and left alone after
that (they are the GSI's working copies; delete one to start it fresh again). The copies
must not land where git could pick them up: a place inside a git work tree that git does
not ignore is refused. Without ``GRADELIB_COURSE`` (or with it naming the sample course
of this repository), JupyterLab opens the tracked notebooks on the sample course.

``python -m gradelib.notebook.copies [--from DIR] [-- COMMAND ...]`` prepares the
notebooks, prints the course and the notebook folder in full, then runs ``COMMAND`` (the
Makefile's ``jupyter lab ...``) in the notebook folder with ``GRADELIB_COURSE`` set to the
absolute course folder (unset for the sample). A relative ``GRADELIB_COURSE`` is taken
relative to ``--from``, the folder the command was typed in; ``~`` expands. A refusal is
one line on standard error and exit status 1.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import nbformat

from gradelib.errors import GradelibError
from gradelib.files import write_atomically
from gradelib.notebook.common import ENVIRONMENT_VARIABLE

#: The workbook's notebooks, tracked in ``<repository>/notebooks/``.
NOTEBOOKS = ("grading.ipynb", "participation.ipynb", "setup.ipynb")
#: Where the copies go, inside the course folder.
COPIES_FOLDER = "notebooks"
#: The synthetic sample course, inside the repository.
SAMPLE = Path("data") / "sample"
#: Environment variables that would point git at another repository than the path's own.
GIT_VARIABLES = ("GIT_DIR", "GIT_WORK_TREE", "GIT_INDEX_FILE", "GIT_CEILING_DIRECTORIES")


class LabError(GradelibError):
    """``make lab`` was refused: the course folder is missing, or the copies would be
    somewhere git could commit them."""


@dataclass(frozen=True)
class Lab:
    """Where JupyterLab runs, on which course, and what was done to get there.

    Attributes
    ----------
    root : Path
        JupyterLab's root folder (absolute): the copies' folder, or the repository's
        ``notebooks/`` for the sample course.
    course : Path or None
        The absolute course folder to put in ``GRADELIB_COURSE``; ``None`` for the sample
        course (the notebooks find it themselves, and show it as ``../data/sample``).
    messages : tuple of str
        What to tell the GSI: the course, the notebook folder, each copy made or kept.
    """

    root: Path
    course: Path | None
    messages: tuple[str, ...]


def resolve_course(chosen: str, invoked_from: Path) -> Path:
    """The absolute course folder named by ``chosen``, as typed in ``invoked_from``.

    Parameters
    ----------
    chosen : str
        The value of ``GRADELIB_COURSE``: absolute, relative, or starting with ``~``.
    invoked_from : Path
        The folder the command was typed in (``make``'s ``$(CURDIR)``).

    Returns
    -------
    Path
        ``~`` expanded, relative paths joined to ``invoked_from``, links and ``..``
        resolved (so that git sees where the folder really is).
    """
    return (Path(invoked_from) / Path(chosen).expanduser()).resolve()


def git_ignores(path: Path) -> bool | None:
    """Whether git ignores ``path`` (which need not exist yet).

    Returns
    -------
    bool or None
        ``True`` when ignored; ``False`` when tracked or not ignored; ``None`` when the
        path is in no git work tree (or git is missing or cannot tell).
    """
    folder = path.parent
    while not folder.is_dir() and folder != folder.parent:
        folder = folder.parent
    environment = {k: v for k, v in os.environ.items() if k not in GIT_VARIABLES}
    try:
        run = subprocess.run(
            ["git", "-C", str(folder), "check-ignore", "-q", "--", str(path)],
            capture_output=True,
            env=environment,
            check=False,
        )
    except OSError:
        return None
    return {0: True, 1: False}.get(run.returncode)


def refuse_trackable(copy: Path, repository: Path) -> None:
    """Raise :class:`LabError` when git could pick up ``copy``: it lies in a git work tree
    and is tracked or not ignored, or it lies in ``repository`` (a git checkout) and git
    cannot tell."""
    repository = repository.resolve()
    ignored = git_ignores(copy)
    inside = copy.is_relative_to(repository)
    if ignored is False or (ignored is None and inside and (repository / ".git").exists()):
        instead = (
            f"put the course folder outside the repository or under {repository / 'courses'}"
            if inside
            else "make its repository ignore it, or move the course folder"
        )
        raise LabError(f"the notebook copy {copy} would not be ignored by git; {instead}")


def start_fresh(source: Path, target: Path) -> Path:
    """Copy the notebook ``source`` to ``target`` with every output and execution count
    cleared (and the run's timing and widget state), readable by its owner only.

    Returns
    -------
    Path
        ``target``.
    """
    notebook = nbformat.read(source, as_version=4)
    for cell in notebook.cells:
        if cell.cell_type == "code":
            cell.outputs = []
            cell.execution_count = None
        cell.metadata.pop("execution", None)
    notebook.metadata.pop("widgets", None)
    nbformat.validate(notebook)
    return write_atomically(target, (nbformat.writes(notebook) + "\n").encode("utf-8"))


def make_copies(tracked: Path, copies: Path) -> list[str]:
    """Make each missing copy of the notebooks of ``tracked`` in ``copies``, started fresh;
    leave existing ones alone. Returns one line per notebook saying which."""
    if not copies.exists():
        copies.mkdir(mode=0o700, parents=True)
    lines = []
    for name in NOTEBOOKS:
        copy = copies / name
        if copy.exists():
            lines.append(
                f"  {name}: kept as it is (your working copy; delete it to start it fresh "
                "from the repository's notebook)"
            )
        else:
            start_fresh(tracked / name, copy)
            lines.append(f"  {name}: made from {tracked / name}, started fresh (no outputs)")
    return lines


def prepare(chosen: str | None, invoked_from: Path, repository: Path) -> Lab:
    """Prepare the notebooks ``make lab`` opens for the course ``chosen``.

    Parameters
    ----------
    chosen : str or None
        ``GRADELIB_COURSE`` as given (``None`` or empty: the sample course).
    invoked_from : Path
        The folder the command was typed in; a relative ``chosen`` is taken from there.
    repository : Path
        This repository's root (the tracked notebooks are in its ``notebooks/``).

    Returns
    -------
    Lab
        The folder to run JupyterLab in and the course to give it.

    Raises
    ------
    LabError
        When the course folder does not exist or is not a folder, or when the copies
        would lie where git does not ignore them.
    """
    repository = Path(repository).resolve()
    tracked = repository / "notebooks"
    sample = repository / SAMPLE
    if chosen:
        course = resolve_course(chosen, invoked_from)
        if not course.is_dir():
            what = "is not a folder" if course.exists() else "does not exist"
            raise LabError(f"the course folder {course} {what} ({ENVIRONMENT_VARIABLE}={chosen})")
        if course != sample.resolve():
            copies = course / COPIES_FOLDER
            for name in NOTEBOOKS:
                refuse_trackable(copies / name, repository)
            lines = make_copies(tracked, copies)
            messages = (f"Course: {course}", f"Notebooks: {copies}", *lines)
            return Lab(copies, course, messages)
    messages = (
        f"Course: {sample} (the sample course; {ENVIRONMENT_VARIABLE}=<course folder> "
        "make lab opens yours)",
        f"Notebooks: {tracked} (the repository's own)",
    )
    return Lab(tracked, None, messages)


def parse_arguments(argv: Sequence[str]) -> argparse.Namespace:
    """The options of :func:`main`: ``--from DIR``, ``--repository DIR``, then ``--`` and
    the command to run."""
    parser = argparse.ArgumentParser(
        prog="python -m gradelib.notebook.copies",
        description="Prepare the workbook notebooks for a course, then run COMMAND there.",
    )
    parser.add_argument(
        "--from",
        dest="invoked_from",
        type=Path,
        default=Path.cwd(),
        help=f"the folder a relative {ENVIRONMENT_VARIABLE} is taken from (default: here)",
    )
    parser.add_argument(
        "--repository",
        type=Path,
        default=Path.cwd(),
        help="the repository with the tracked notebooks (default: here)",
    )
    parser.add_argument("command", nargs=argparse.REMAINDER, help="-- COMMAND [ARGUMENTS]")
    arguments = parser.parse_args(argv)
    if arguments.command[:1] == ["--"]:
        arguments.command = arguments.command[1:]
    return arguments


def main(argv: Sequence[str] | None = None) -> int:
    """Prepare the notebooks for ``$GRADELIB_COURSE``, print where they are, and replace
    this process by the command after ``--`` (if any) run in the notebooks' folder.

    Returns
    -------
    int
        0 when prepared and no command was given; 1 when refused (one line on standard
        error). With a command, it does not return.
    """
    arguments = parse_arguments(sys.argv[1:] if argv is None else argv)
    chosen = os.environ.get(ENVIRONMENT_VARIABLE)
    try:
        lab = prepare(chosen, arguments.invoked_from, arguments.repository)
    except GradelibError as error:
        print(f"make lab: refused: {error}", file=sys.stderr)
        return 1
    print("\n".join(lab.messages), flush=True)
    if not arguments.command:
        return 0
    environment = dict(os.environ)
    environment.pop(ENVIRONMENT_VARIABLE, None)
    if lab.course is not None:
        environment[ENVIRONMENT_VARIABLE] = str(lab.course)
    os.chdir(lab.root)
    os.execvpe(arguments.command[0], arguments.command, environment)
    return 0  # not reached: execvpe replaces this process


if __name__ == "__main__":
    sys.exit(main())
