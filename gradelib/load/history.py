"""The change history of a course folder: every edit the workbook makes, and its undo.

Each change the workbook makes to ``policy.toml`` or ``overrides.csv`` goes through
:func:`record_change`: the file as it was is kept byte for byte in
``<course>/history/`` (``0003-overrides.csv``), and a row is added to
``<course>/history/changes.csv`` (when, which file, what, the old and the new value, the
reason). :func:`undo_change` puts the kept bytes back, only while the file is still as
that change left it (a later change, or an edit in a spreadsheet program, comes first),
and records the undo as a change of its own, so the log is the audit trail of the term.
The folder holds grades: its files are readable by their owner only.
"""

from __future__ import annotations

import csv
import hashlib
import io
from collections.abc import Callable
from dataclasses import astuple, dataclass, fields
from datetime import datetime
from pathlib import Path

from gradelib.errors import GradelibError
from gradelib.files import PRIVATE, write_atomically

#: The folder of the history, inside the course folder.
HISTORY_FOLDER = "history"
#: The log of changes, inside :data:`HISTORY_FOLDER`.
LOG_FILE = "changes.csv"


@dataclass(frozen=True)
class Change:
    """One recorded change of a course file (one row of ``history/changes.csv``).

    Attributes
    ----------
    number : int
        1, 2, ... in the order the changes were made.
    recorded : str
        When, ISO 8601 to the second.
    file : str
        The changed file's name in the course folder (``overrides.csv``).
    what, old, new, reason : str
        What changed (``karanb presentation``), its value before and after (``none`` when
        there was none), and why.
    before : str
        The name of the kept copy of the file as it was, in :data:`HISTORY_FOLDER`; empty
        when the change created the file.
    after : str
        The SHA-256 of the file as the change left it (undo checks it).
    """

    number: int
    recorded: str
    file: str
    what: str
    old: str
    new: str
    reason: str
    before: str
    after: str


COLUMNS = [field.name for field in fields(Change)]


def read_changes(folder: Path) -> list[Change]:
    """The course's recorded changes, oldest first (none when there is no log)."""
    path = Path(folder) / HISTORY_FOLDER / LOG_FILE
    if not path.exists():
        return []
    with path.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    try:
        return [Change(**{**row, "number": int(row["number"])}) for row in rows]
    except (KeyError, TypeError, ValueError):
        raise GradelibError(f"{path}: not a change log of gradelib (columns {COLUMNS})") from None


def record_change(
    path: Path,
    write: Callable[[], object],
    *,
    what: str,
    old: str,
    new: str,
    reason: str,
    now: datetime,
) -> Change:
    """Make a change of one course file through ``write``, keeping the file as it was.

    Parameters
    ----------
    path : Path
        The course file ``write`` changes (``<course>/overrides.csv``); its folder is the
        course folder.
    write : callable
        Makes the change (writes ``path`` atomically), or raises and nothing is recorded.
    what, old, new, reason : str
        As in :class:`Change`.
    now : datetime
        When the change is recorded.

    Returns
    -------
    Change
        The new row of the log.
    """
    path = Path(path)
    before = path.read_bytes() if path.exists() else None
    write()
    changes = read_changes(path.parent)
    number = changes[-1].number + 1 if changes else 1
    kept = ""
    if before is not None:
        kept = f"{number:04d}-{path.name}"
        write_atomically(path.parent / HISTORY_FOLDER / kept, before, mode=PRIVATE)
    change = Change(
        number, now.isoformat(timespec="seconds"), path.name, what, old, new, reason,
        kept, _sha256(path),
    )  # fmt: skip
    _write_log(path.parent, [*changes, change])
    return change


def undoable(folder: Path, change: Change) -> bool:
    """Whether ``change`` can be undone: its file is still exactly as it left it."""
    return _sha256(Path(folder) / change.file) == change.after


def undo_change(folder: Path, number: int, *, reason: str, now: datetime) -> Change:
    """Put a course file back as it was before change ``number``, byte for byte.

    Returns the undo, recorded as a change of its own. Raises
    :class:`~gradelib.errors.GradelibError` when there is no such change, or when its file
    has changed since (a later change or an edit by hand: undo that first, newest first).
    """
    folder = Path(folder)
    change = next((c for c in read_changes(folder) if c.number == number), None)
    if change is None:
        raise GradelibError(f"there is no change {number} in {folder / HISTORY_FOLDER / LOG_FILE}")
    path = folder / change.file
    if not undoable(folder, change):
        raise GradelibError(
            f"{path} has changed since change {number} ({change.what}): undo the later "
            "change first, or edit the file by hand"
        )
    mode = path.stat().st_mode & 0o777

    def restore() -> None:
        if change.before:
            write_atomically(
                path, (folder / HISTORY_FOLDER / change.before).read_bytes(), mode=mode
            )
        else:
            path.unlink()

    what = f"undo of change {number}: {change.what}"
    return record_change(
        path, restore, what=what, old=change.new, new=change.old, reason=reason, now=now
    )


def _sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest() if path.exists() else ""


def _write_log(folder: Path, changes: list[Change]) -> None:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(COLUMNS)
    writer.writerows(astuple(change) for change in changes)
    write_atomically(folder / HISTORY_FOLDER / LOG_FILE, buffer.getvalue().encode(), mode=PRIVATE)
