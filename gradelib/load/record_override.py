"""Recording a grade change in the course's ``overrides.csv`` before it takes effect.

A change made in a notebook is written to the file first (atomically, with its reason and
the time it was recorded), and only then read back like any other override, so a kernel
restart loses nothing. A second change of the same student and component replaces the
first row (the file holds one override per target, as the loader requires).
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import TypeVar

from gradelib.errors import GradelibError
from gradelib.files import write_atomically
from gradelib.load.records import override_target, override_value
from gradelib.sheets.fields import uniqname as parse_uniqname

T = TypeVar("T")
OVERRIDES_FILE = "overrides.csv"
COLUMNS = ["uniqname", "component", "value", "reason", "recorded"]


def record_override(
    folder: Path,
    student: str,
    component: str,
    value: str,
    reason: str,
    *,
    now: datetime,
) -> Path:
    """Add (or replace) one override row in ``folder/overrides.csv``.

    Parameters
    ----------
    folder : Path
        The course folder.
    student, component, value, reason : str
        As in the overrides file: a uniqname; a component key, ``final`` or
        ``attendance:YYYY-MM-DD``; a percentage or ``excused``; why (required).
    now : datetime
        When the change was recorded (written to the ``recorded`` column).

    Returns
    -------
    Path
        The overrides file.

    Raises
    ------
    GradelibError
        When a value is not valid, or the course keeps its overrides in an ``.xlsx``.
    """
    folder = Path(folder)
    if (folder / "overrides.xlsx").exists():
        raise GradelibError("this course keeps its overrides in overrides.xlsx; add the row there")
    if not reason.strip():
        raise GradelibError("give a reason: it is shown to the student with the change")
    name = _checked(parse_uniqname, student, "a uniqname")
    target = _checked(
        override_target, component, "a component key, final, or attendance:YYYY-MM-DD"
    )
    amount = _checked(override_value, value, "a percentage from 0 to 100, or excused")
    shown = amount if isinstance(amount, str) else f"{amount:g}"
    header, records = _read_records(folder / OVERRIDES_FILE)
    kept = [r for r in records if _key(r["uniqname"], r["component"]) != (name, target)]
    new = {
        "uniqname": name,
        "component": target,
        "value": shown,
        "reason": reason.strip(),
        "recorded": now.isoformat(timespec="seconds"),
    }
    return _write_records(folder / OVERRIDES_FILE, header, [*kept, new])


def existing_override(folder: Path, student: str, component: str) -> dict[str, str] | None:
    """The row of ``overrides.csv`` for one student and target, or ``None``.

    ``student`` and ``component`` are matched as the loader matches them (uniqname lower
    case; target lower case without spaces). The row maps the file's columns to its cells.
    """
    if (Path(folder) / "overrides.xlsx").exists():
        return None
    _header, records = _read_records(Path(folder) / OVERRIDES_FILE)
    key = _key(student, component)
    return next((r for r in records if _key(r["uniqname"], r["component"]) == key), None)


def remove_override(folder: Path, student: str, component: str) -> Path:
    """Remove the override of one student and target from ``overrides.csv``.

    Returns the file. Raises :class:`~gradelib.errors.GradelibError` when there is no
    such override (or the course keeps its overrides in ``overrides.xlsx``).
    """
    path, key = Path(folder) / OVERRIDES_FILE, _key(student, component)
    header, records = _read_records(path)
    kept = [r for r in records if _key(r["uniqname"], r["component"]) != key]
    if (Path(folder) / "overrides.xlsx").exists() or len(kept) == len(records):
        raise GradelibError(f"{student} has no override of {component} to remove")
    return _write_records(path, header, kept)


def _key(student: str, component: str) -> tuple[str, str]:
    """An override's target as the loader matches it: uniqname lower case, the component
    lower case without spaces."""
    return student.strip().lower(), component.strip().lower().replace(" ", "")


def _read_records(path: Path) -> tuple[list[str], list[dict[str, str]]]:
    rows = _read_rows(path)
    header = rows[0] if rows else list(COLUMNS)
    for column in COLUMNS:
        if column not in header:
            header = [*header, column]
    records = [
        {"uniqname": "", "component": "", **dict(zip(rows[0], row, strict=False))}
        for row in rows[1:]
    ]
    return header, records


def _write_records(path: Path, header: list[str], records: list[dict[str, str]]) -> Path:
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=header, lineterminator="\n", restval="")
    writer.writeheader()
    writer.writerows(records)
    return write_atomically(path, buffer.getvalue().encode("utf-8"), mode=0o600)


def _checked(parse: Callable[[str], T], raw: str, expected: str) -> T:
    try:
        return parse(raw)
    except ValueError:
        raise GradelibError(f"{raw!r} is not {expected}") from None


def _read_rows(path: Path) -> list[list[str]]:
    if not path.exists():
        return []
    with path.open(encoding="utf-8-sig", newline="") as handle:
        return [row for row in csv.reader(handle) if any(cell.strip() for cell in row)]
