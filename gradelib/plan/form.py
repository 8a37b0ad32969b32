"""Reading the groups' preference form: a Google Form's responses, as CSV (issue 17).

Both exports of a Google Form are read as they come: the form's *Download responses
(.csv)* (``Timestamp`` like ``2024/09/03 10:15:32 AM EST``) and the linked Google Sheet
downloaded as CSV (``9/3/2024 10:15:32``, course time); with or without a BOM (see
:mod:`gradelib.sheets.moments` and :mod:`gradelib.sheets.csv_cells`). An ``.xlsx`` works too.

Headers are matched loosely, ignoring case and spaces (:data:`HEADER_PATTERNS`, the one
place they are defined):

========== ==================================================================================
column     a header that ...
========== ==================================================================================
timestamp  is ``Timestamp`` (or ``Time stamp``); optional: without it, rows count in order
email      is ``Email``, ``Email Address``, ``E-mail``... (optional: names the respondent)
member n   has a number ``n`` and one of *member, uniqname, student, partner, teammate*,
           none of the paper words: ``Member 1 uniqname``, ``Uniqname of member 2``
paper n    has a number ``n`` (``1``, ``1st``, ``#1``) and one of *paper, choice,
           preference, rank, pick*: ``Paper choice 1``, ``Paper preferences [2nd choice]``
========== ==================================================================================

Other columns are ignored. A member cell is a uniqname or ``uniqname@<course domain>``;
a paper cell is a title of ``lectures.csv`` (matched ignoring case and spaces).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from gradelib.errors import ProblemLog
from gradelib.plan.inputs import Setting, paper_key, read_file_table
from gradelib.sheets.fields import describe, timestamp_in
from gradelib.sheets.identity import EMAIL_COLUMNS, student_in
from gradelib.sheets.tables import CELL_ROW, RawTable

_NUMBER = r"(?:#\s*)?(\d+)(?:st|nd|rd|th)?\b"
#: Column kind -> the pattern its (normalized, lower-case) header matches; a member or
#: paper pattern's group 1 is the number. Members are tried before papers.
HEADER_PATTERNS: dict[str, re.Pattern[str]] = {
    "timestamp": re.compile(r"time ?stamp"),
    "email": re.compile("|".join(re.escape(name) for name in (*EMAIL_COLUMNS, "email address"))),
    "member": re.compile(
        r"(?!.*\b(?:paper|choice|preference|rank|pick)s?\b)"
        rf"(?=.*\b(?:member|uniqname|student|partner|teammate)s?\b).*?\b{_NUMBER}"
    ),
    "paper": re.compile(rf"(?=.*\b(?:paper|choice|preference|rank|pick)s?\b).*?\b{_NUMBER}"),
}
#: Groups have 2–3 students (syllabus, *Groups*).
MAX_GROUP = 3


@dataclass(frozen=True)
class Response:
    """One row of the form: a group's members and its papers in order of preference.

    Attributes
    ----------
    row : int
        The row as a spreadsheet shows it (the header is row 1).
    moment : pandas.Timestamp or None
        When it was sent (UTC); ``None`` without a timestamp column.
    email : str
        The respondent's address, lower-cased (``""`` when none).
    members : tuple of str
        Uniqnames, in column order, each once.
    papers : tuple of str
        Paper keys (:func:`~gradelib.plan.inputs.paper_key`), 1st choice first, each once.
    """

    row: int
    moment: pd.Timestamp | None
    email: str
    members: tuple[str, ...]
    papers: tuple[str, ...]


def _blank(value: object) -> bool:
    """Whether a raw cell is blank (``None`` or NaN, as pandas may hand it back)."""
    return value is None or (isinstance(value, float) and pd.isna(value))


def classify_headers(headers: dict[str, str]) -> dict[str, object]:
    """Normalized header -> ``"timestamp"``, ``"email"``, ``("member", n)`` or
    ``("paper", n)`` for each header :data:`HEADER_PATTERNS` recognizes (the first
    timestamp and email headers only)."""
    kinds: dict[str, object] = {}
    for name in headers:
        for kind in ("timestamp", "email"):
            if HEADER_PATTERNS[kind].fullmatch(name) and kind not in kinds.values():
                kinds[name] = kind
        if name in kinds:
            continue
        for kind in ("member", "paper"):
            if match := HEADER_PATTERNS[kind].match(name):
                kinds[name] = (kind, int(match[1]))
                break
    return kinds


def read_form(
    path: Path, papers: dict[str, str] | None, setting: Setting, log: ProblemLog
) -> list[Response]:
    """Every usable response of the preference form, in the order of the file's rows.

    Parameters
    ----------
    path : Path
        The form's CSV (or ``.xlsx``).
    papers : dict of str to str, or None
        The schedule's papers: key -> title as written in ``lectures.csv`` (``None``
        when the schedule could not be read: no paper is checked).
    setting : Setting
        Time zone (time stamps without a zone), email domain and roster.
    log : ProblemLog
        Receives, with row and column: a missing member or paper column, a bad time stamp
        or uniqname, a uniqname not on the roster, a paper not on the schedule (errors), a
        group of more than 3 (error), a row without members (error); a name or a paper
        given twice in one row, a group of one (warnings).

    Returns
    -------
    list of Response
        Rows with an error are included (so that later checks still see them); the errors
        stop the plan.
    """
    table = read_file_table(path, log)
    if table is None:
        return []
    kinds = classify_headers(table.headers)
    columns = {
        kind: sorted((k[1], h) for h, k in kinds.items() if isinstance(k, tuple) and k[0] == kind)
        for kind in ("member", "paper")
    }
    missing = [kind for kind, found in columns.items() if not found]
    for kind in missing:
        log.error(
            table.file,
            f"no {kind} column: expected headers like '{kind.title()} 1"
            f"{' uniqname' if kind == 'member' else ' choice'}' (the header has: "
            f"{', '.join(table.headers.values())})",
            row=1,
        )
    if missing:
        return []
    return [
        _response(table, cells, kinds, columns, papers, setting, log)
        for cells in table.cells.to_dict("records")
    ]


def _response(table: RawTable, cells: dict, kinds: dict, columns: dict, papers: dict | None,
              setting: Setting, log: ProblemLog) -> Response:  # fmt: skip
    """One form row as a :class:`Response`, its problems logged."""
    row = int(cells[CELL_ROW])
    stamp = next((h for h, k in kinds.items() if k == "timestamp"), None)
    email = next((h for h, k in kinds.items() if k == "email"), None)
    moment = None
    if stamp is not None and not _blank(cells[stamp]):
        try:
            moment = timestamp_in(setting.zone)(cells[stamp])
        except ValueError:
            where = table.where(row, stamp)
            log.error(table.file, f"{describe(cells[stamp])} is not a date and time", **where)
    members = _members(table, row, cells, columns["member"], setting, log)
    chosen = _papers(table, row, cells, columns["paper"], papers, log)
    address = str(cells[email]).strip().lower() if email and not _blank(cells[email]) else ""
    return Response(row, moment, address, members, chosen)


def _members(table: RawTable, row: int, cells: dict, columns: list, setting: Setting,
             log: ProblemLog) -> tuple[str, ...]:  # fmt: skip
    parse = student_in(setting.domain)
    members: list[str] = []
    for _, header in columns:
        if _blank(cells[header]):
            continue
        where = table.where(row, header)
        try:
            name = parse(cells[header])
        except ValueError:
            log.error(table.file, f"{describe(cells[header])} is not a uniqname", **where)
            continue
        if name in members:
            log.warning(table.file, f"{name} is named twice in this row; counted once", **where)
            continue
        if setting.roster and name not in setting.roster:
            log.error(table.file, f"{name} is not on the roster (roster.csv)", **where)
        members.append(name)
    where = table.where(row)
    if not members:
        log.error(table.file, "no member uniqname in this response", **where)
    elif len(members) > MAX_GROUP:
        log.error(
            table.file, f"a group of {len(members)} ({', '.join(members)}); groups have 2–3 "
            "students (syllabus, Groups): split it into two responses", **where,
        )  # fmt: skip
    elif len(members) == 1:
        log.warning(table.file, f"a group of one ({members[0]}); kept as declared", **where)
    return tuple(members)


def _papers(table: RawTable, row: int, cells: dict, columns: list, papers: dict | None,
            log: ProblemLog) -> tuple[str, ...]:  # fmt: skip
    chosen: list[str] = []
    for _, header in columns:
        if _blank(cells[header]):
            continue
        key, where = paper_key(cells[header]), table.where(row, header)
        if papers is not None and key not in papers:
            log.error(
                table.file, f"{describe(cells[header])} is not a paper of the schedule "
                "(lectures.csv's paper column)", **where,
            )  # fmt: skip
        elif key in chosen:
            shown = describe(cells[header])
            log.warning(table.file, f"{shown} is chosen twice; the first counts", **where)
        else:
            chosen.append(key)
    return tuple(chosen)
