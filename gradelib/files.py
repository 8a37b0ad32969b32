"""Writing files safely: never over an existing file unless asked, never half-written.

Every file gradelib writes goes through :func:`write_atomically` (or, for a folder of
many files, :func:`atomic_files`): the content goes to a temporary file in the same
folder, which is flushed to disk and then renamed over the target in one step, so a
reader (or a crash) sees either the old file or the whole new one. Files meant for
people and spreadsheets hold student data, so they are readable by their owner only.

Before an output is written, :func:`refuse_output` (a file) or :func:`refuse_output_folder`
(a folder of files) stops, saying what to do instead, when the path is an input of the
course (:func:`course_inputs`) whatever the flags, is of the wrong kind (a folder where a
file goes, a file where a folder goes or inside a path), or exists and overwriting was
not asked for.
"""

from __future__ import annotations

import hashlib
import os
import tempfile
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from datetime import datetime
from functools import cache
from pathlib import Path

from gradelib.errors import ExportError

#: Permissions of the files gradelib writes (FERPA: student data, owner only).
PRIVATE = 0o600


def default_output(course_folder: Path, name: str, moment: datetime, suffix: str = "") -> Path:
    """Where a command or a notebook button writes unless told otherwise:
    ``<course folder>/out/<name>-<YYYYmmdd-HHMMSS><suffix>``."""
    return course_folder / "out" / f"{name}-{moment:%Y%m%d-%H%M%S}{suffix}"


#: The course folder's policy file (SPEC "policy.toml").
POLICY_FILE = "policy.toml"
#: The course folder's roster: a Canvas gradebook export (SPEC "roster.csv").
ROSTER_FILE = "roster.csv"
#: The course folder's rubric workbook, one sheet per rubric (SPEC "rubrics.xlsx").
RUBRICS_FILE = "rubrics.xlsx"
#: The tables a course folder may hold, each as ``<stem>.csv`` or ``<stem>.xlsx``.
TABLE_STEMS = ("groups", "schedule", "attendance", "questions", "piazza", "overrides")


def course_inputs(folder: Path) -> tuple[Path, ...]:
    """Every input path of a course folder, whether the file exists or not.

    ``policy.toml``, ``roster.csv``, ``rubrics.xlsx`` and each table as ``.csv`` and
    ``.xlsx``: a file written under any of these names would be read as course data (or
    make a table ambiguous), so no output may take one.
    """
    names = [POLICY_FILE, ROSTER_FILE, RUBRICS_FILE]
    names += [f"{stem}{suffix}" for stem in TABLE_STEMS for suffix in (".csv", ".xlsx")]
    return tuple(Path(folder) / name for name in names)


def _same_path(a: Path, b: Path) -> bool:
    """Whether two paths name the same file or folder (links and ``..`` resolved)."""
    if a.exists() and b.exists():
        return os.path.samefile(a, b)
    return a.resolve() == b.resolve()


def _one_of(paths: Iterable[Path]) -> Callable[[Path], bool]:
    """A test of whether a path names one of ``paths``, as :func:`_same_path` decides it
    pair by pair, with each of ``paths`` looked at once (a statements folder checks 2,000
    outputs against every input)."""
    identities, missing, resolved = set(), set(), set()
    for source in paths:
        resolved.add(where := Path(source).resolve())
        try:
            status = Path(source).stat()
        except OSError:
            missing.add(where)
            continue
        identities.add((status.st_dev, status.st_ino))

    folder = cache(Path.resolve)  # a missing output is its folder's, resolved once

    def matches(path: Path) -> bool:
        try:
            status = path.stat()
        except OSError:
            odd = path.name in ("", ".", "..")
            return (path.resolve() if odd else folder(path.parent) / path.name) in resolved
        return (status.st_dev, status.st_ino) in identities or path.resolve() in missing

    return matches


def refuse_wrong_kind(path: Path, *, folder: bool = False, example: str = "") -> None:
    """Raise :class:`~gradelib.errors.ExportError` where ``path`` cannot be written as a
    file (``folder`` False) or a folder: a folder or a file stands there, or a file stands
    where one of its parent folders must be. ``example`` is a file name to suggest."""
    if not folder and path.is_dir():
        inside = f", e.g. {path / example}" if example else ", inside it or elsewhere"
        raise ExportError(f"{path} is a folder; give the path of a file to write{inside}")
    if folder and path.exists() and not path.is_dir():
        raise ExportError(
            f"{path} is a file; give the path of a folder to write into (a new one is created)"
        )
    for parent in path.parents:
        if parent.exists():
            if not parent.is_dir():
                raise ExportError(
                    f"{parent} is a file, so nothing can be written at {path}; choose a path "
                    "in a folder"
                )
            break


def refuse_output(
    *paths: Path,
    inputs: Iterable[Path] = (),
    overwrite: bool = False,
    remedy: str = "pass --overwrite to replace it",
    example: str = "",
) -> None:
    """Stop before writing files at ``paths``, saying what to do instead.

    Parameters
    ----------
    *paths : Path
        The files about to be written.
    inputs : iterable of Path
        Files never written over, not even with ``overwrite`` (:func:`course_inputs`, a
        Canvas export read).
    overwrite : bool
        Whether existing files (other than inputs) may be replaced.
    remedy : str
        How the user asks to replace an existing file, in the words of the interface.
    example : str
        A file name to suggest when a path is a folder.

    Raises
    ------
    gradelib.errors.ExportError
        When a path is an input, of the wrong kind, or exists and ``overwrite`` is off.
    """
    is_input = _one_of(inputs)
    for path in paths:
        if is_input(path):
            raise ExportError(
                f"{path} is an input file (the course's data or the Canvas export read); "
                "gradelib never writes over its inputs, not even with overwrite: choose "
                "another name (in the course's out/ folder, for instance)"
            )
        refuse_wrong_kind(path, example=example)
    refuse_overwrite(*paths, overwrite=overwrite, remedy=remedy)


def refuse_output_folder(folder: Path, *, course_folder: Path, default: str) -> None:
    """Stop before writing files into ``folder`` when it is the course folder, an input's
    name, a file, or inside a file; ``default`` is where the files go without ``--out``."""
    if _same_path(folder, course_folder):
        raise ExportError(
            f"{folder} is the course folder; the files go into a folder of their own: leave "
            f"out --out (they then go to {default}) or give a new folder"
        )
    if any(_same_path(folder, source) for source in course_inputs(course_folder)):
        raise ExportError(
            f"{folder} is the name of an input file of the course; choose another folder name"
        )
    refuse_wrong_kind(folder, folder=True)


def refuse_overwrite(
    *paths: Path, overwrite: bool = False, remedy: str = "pass --overwrite to replace it"
) -> None:
    """Raise :class:`~gradelib.errors.ExportError` if any path exists and ``overwrite`` is off."""
    if overwrite:
        return
    existing = [str(path) for path in paths if path.exists()]
    if len(existing) == 1:
        raise ExportError(f"{existing[0]} already exists; choose another name, or {remedy}")
    if existing:
        shown = ", ".join(existing[:3]) + (
            f" and {len(existing) - 3} more" if len(existing) > 3 else ""
        )
        remedy = remedy.replace("replace it", "replace them")
        raise ExportError(
            f"{len(existing)} files already exist ({shown}); choose another name, or {remedy}"
        )


def write_atomically(path: Path, data: bytes, *, mode: int = PRIVATE) -> Path:
    """Write ``data`` to ``path`` through a temporary file and a rename.

    Parameters
    ----------
    path : Path
        The target; its folder is created if missing.
    data : bytes
        The whole content.
    mode : int
        Permission bits of the new file (owner read/write by default).

    Returns
    -------
    Path
        ``path``.

    Raises
    ------
    gradelib.errors.ExportError
        When ``path`` is a folder or lies inside a file (:func:`refuse_wrong_kind`).
    """
    refuse_wrong_kind(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())
        os.chmod(temporary, mode)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    return path


@contextmanager
def atomic_files(*, mode: int = PRIVATE) -> Iterator[Callable[[Path, bytes], None]]:
    """Write many files as :func:`write_atomically` writes one, with one flush to disk.

    Yields a ``write(path, data)`` that puts ``data`` in a temporary file beside ``path``. When the
    block ends, every temporary file is flushed to disk at once (``os.sync``; one ``fsync`` per file
    where there is no ``sync``) and then renamed over its target; if the block raises, the temporary
    files are removed and no target is touched. 2,000 statements: one flush, not 2,000.

    Raises
    ------
    gradelib.errors.ExportError
        When a path is a folder or lies inside a file (:func:`refuse_wrong_kind`).
    """
    pending: list[tuple[str, Path]] = []  # (temporary, target)
    made: set[Path] = set()  # folders made already (2,000 statements share one)

    def write(path: Path, data: bytes) -> None:
        refuse_wrong_kind(path)
        if path.parent not in made:
            path.parent.mkdir(parents=True, exist_ok=True)
            made.add(path.parent)
        name = f".{path.name}."
        handle, temporary = tempfile.mkstemp(prefix=name, suffix=".tmp", dir=path.parent)
        pending.append((temporary, path))
        try:  # the descriptor itself, no file object per file (2,000 statements)
            view = memoryview(data)
            while view:
                view = view[os.write(handle, view) :]
            if not hasattr(os, "sync"):
                os.fsync(handle)
        finally:
            os.close(handle)
        os.chmod(temporary, mode)

    try:
        yield write
        if hasattr(os, "sync"):
            os.sync()
        for temporary, path in pending:
            os.replace(temporary, path)
    except BaseException:
        for temporary, _ in pending:
            Path(temporary).unlink(missing_ok=True)
        raise


#: First characters that make a spreadsheet program run a cell as a formula.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def spreadsheet_safe(value: object) -> object:
    """Text a spreadsheet would run as a formula, neutralized with a leading ``'``; any
    other value unchanged.

    Examples
    --------
    >>> spreadsheet_safe("=SUM(A1:A9)"), spreadsheet_safe("Lee, Sam"), spreadsheet_safe(7)
    ("'=SUM(A1:A9)", 'Lee, Sam', 7)
    """
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def sha256_of(path: Path) -> str:
    """The SHA-256 of a file's bytes, in hex."""
    digest = hashlib.sha256()
    with path.open("rb") as stream:
        for block in iter(lambda: stream.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()
