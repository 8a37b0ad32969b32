"""The columns of a Canvas gradebook CSV: identity, assignments, read-only totals.

Canvas's exporter writes the identity block (``Student``, or ``LastName`` and
``FirstName`` when the course shows names split; then ``ID``, ``SIS User ID``,
``SIS Login ID``, optionally ``Integration ID`` and ``Root Account``, then ``Section``),
custom columns such as ``Notes``, one column per assignment titled ``Title (12345)``
(the number is the assignment's Canvas id), and read-only totals.

How Canvas's importer (canvas-lms ``lib/gradebook_importer.rb``) reads a header is
:func:`canvas_layout`: the first column names the student, the next one holds Canvas's
own user ID, an optional run of SIS columns follows, and the block must end in a column
named ``Section``. It drops every column whose header contains one of
:data:`RESERVED_WORDS` (case as written), except the ``Override Score`` and
``Override Status`` columns it imports, and every column marked ``read only`` in the
``Points Possible`` row.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

#: Identity columns, in the order Canvas writes them (the optional ones may be absent).
IDENTITY = (
    "Student",
    "LastName",
    "FirstName",
    "ID",
    "SIS User ID",
    "SIS Login ID",
    "Integration ID",
    "Root Account",
    "Section",
)

#: Words that make Canvas's importer ignore a column (its totals and overrides).
RESERVED_WORDS = (
    "Current Score",
    "Current Points",
    "Current Grade",
    "Final Score",
    "Final Points",
    "Final Grade",
    "Override Score",
    "Override Grade",
    "Override Status",
)

#: The one reserved header Canvas does import (when final grade override is enabled).
OVERRIDE_SCORE = "Override Score"

#: The override columns Canvas's importer reads (optionally for a grading period).
_OVERRIDE_COLUMN = re.compile(r"^Override (Score|Status)(?:\s*\((.*)\))?$")
_DROPPED = re.compile("|".join(RESERVED_WORDS))
_READ_ONLY = re.compile(r"read\s+only")
_SIS_USER = re.compile(r"SIS\s+User\s+ID")
_SIS_LOGIN = re.compile(r"SIS\s+Login\s+ID")
_INTEGRATION = re.compile(r"Integration\s+ID")
_ROOT_ACCOUNT = re.compile(r"Root\s+Account")
_ASSIGNMENT = re.compile(r"^(?P<title>.*\S)\s*\((?P<id>\d+)\)\s*$")

_NEEDED = (
    "Canvas's importer needs Student (or LastName, FirstName), ID, optionally SIS User ID "
    "and SIS Login ID (and Integration ID, Root Account), then Section"
)


@dataclass(frozen=True)
class Assignment:
    """An assignment column of a Canvas export.

    Attributes
    ----------
    header : str
        The header exactly as exported, e.g. ``"Paper Presentation (88240)"``.
    title : str
        The title without the id, e.g. ``"Paper Presentation"``.
    canvas_id : str
        The assignment's Canvas id, e.g. ``"88240"``.
    """

    header: str
    title: str
    canvas_id: str


@dataclass(frozen=True)
class Layout:
    """How Canvas's importer reads the identity block of a header.

    Attributes
    ----------
    identity : tuple of str
        The identity columns as spelled (a best guess when Canvas refuses the header).
    split_names : bool
        Whether the names are in ``LastName`` and ``FirstName``.
    user_id : str
        The header of the column Canvas reads its own user ID from (``ID`` in its
        exports); blank when Canvas refuses the header.
    problem : str or None
        Why Canvas answers "Invalid header row"; ``None`` when it accepts the header.
    """

    identity: tuple[str, ...]
    split_names: bool
    user_id: str
    problem: str | None


def ignored_by_canvas(header: str) -> str | None:
    """The reserved words in ``header`` (any case) that mark a Canvas total, or ``None``."""
    found = [word for word in RESERVED_WORDS if word.lower() in header.lower()]
    return ", ".join(found) if found else None


def dropped_by_canvas(header: str) -> str | None:
    """The reserved word for which Canvas's importer skips a column, or ``None``.

    The importer's own test: the words as written (case matters), anywhere in the header,
    ``Override Score`` and ``Override Status`` (optionally ``(grading period)``) excepted.
    """
    if _OVERRIDE_COLUMN.match(header):
        return None
    match = _DROPPED.search(header)
    return match.group(0) if match else None


def read_only(points_cell: str) -> bool:
    """Whether a ``Points Possible`` cell marks its column read-only (Canvas skips it)."""
    return bool(_READ_ONLY.search(points_cell))


def parse_assignment(header: str) -> Assignment | None:
    """``"Title (12345)"`` -> its :class:`Assignment`; ``None`` for any other header."""
    match = _ASSIGNMENT.match(header)
    if not match or ignored_by_canvas(header):
        return None
    return Assignment(header, match.group("title"), match.group("id"))


def canvas_layout(header: tuple[str, ...] | list[str]) -> Layout:
    """Read a header's identity block the way Canvas's importer does.

    Parameters
    ----------
    header : sequence of str
        The header row, BOM removed.

    Returns
    -------
    Layout
        The identity block, and why Canvas refuses the header (``problem``) if it does.
    """
    h = [str(cell) for cell in header]

    def cell(position: int) -> str:
        return h[position] if position < len(h) else ""

    split = cell(0) == "LastName" and cell(1) == "FirstName"
    names = 2 if split else 1
    problem = _header_problem(h, split)
    if problem is not None:
        return Layout(_guess_block(tuple(header)), split, "", problem)
    count = names + 2  # the name(s), the user ID, Section
    if _SIS_LOGIN.search(cell(count - 1)):
        count += 1
    elif _SIS_USER.search(cell(count - 1)) and _SIS_LOGIN.search(cell(count)):
        integration = 1 if _INTEGRATION.search(cell(count + 1)) else 0
        root = 1 if _ROOT_ACCOUNT.search(cell(count + 1 + integration)) else 0
        count += 2 + integration + root
    block = tuple(header[:count])
    if "Section" not in cell(count - 1):
        shown = ", ".join(_guess_block(tuple(header))) or "nothing"
        return Layout(
            _guess_block(tuple(header)), split, "", f"the identity columns are {shown}; {_NEEDED}"
        )
    return Layout(block, split, h[names], None)


def _header_problem(h: list[str], split: bool) -> str | None:
    """Why Canvas's first look at a header fails ("Invalid header row"), or ``None``."""
    student = "Student" in (h[0] if h else "")
    split_like = len(h) > 2 and "LastName" in h[0] and "FirstName" in h[1]
    if not student and not split_like:
        return (
            "the first column must be 'Student' (or 'LastName' then 'FirstName'), as in "
            "Canvas's export"
        )
    if split_like and not student:
        if "ID" not in h[2]:
            return "the column after 'LastName' and 'FirstName' must be 'ID', as in Canvas's export"
        if len(h) <= 4:
            return "no column after LastName, FirstName, ID and Section: nothing to import"
        if not split:
            return "write the name columns exactly 'LastName' and 'FirstName'"
        return None
    if len(h) < 2 or "ID" not in h[1]:
        return "the column after 'Student' must be 'ID', as in Canvas's export"
    if len(h) <= 3:
        return "no column after Student, ID and Section: nothing to import"
    return None


def _guess_block(header: tuple[str, ...]) -> tuple[str, ...]:
    """The identity columns at the start of a header Canvas refuses: up to ``Section``, or
    the run of known identity names."""
    names = [h.strip().lower() for h in header]
    if "section" in names:
        return header[: names.index("section") + 1]
    known = {name.lower() for name in IDENTITY}
    end = 0
    while end < len(header) and names[end] in known:
        end += 1
    return header[:end]


def identity_block(header: tuple[str, ...]) -> tuple[str, ...]:
    """The identity columns at the start of a header, up to and including ``Section``.

    The block Canvas's importer reads (:func:`canvas_layout`); for a header it refuses,
    the columns up to ``Section`` (any case), or the run of identity names.
    """
    return canvas_layout(header).identity


def identity_problem(identity: tuple[str, ...]) -> str | None:
    """Why Canvas's importer would refuse this identity block (``None`` when it accepts it)."""
    layout = canvas_layout((*identity, "Score (1)"))
    if layout.problem is None and layout.identity == tuple(identity):
        return None
    shown = ", ".join(identity) or "nothing"
    return layout.problem or f"the identity columns are {shown}; {_NEEDED}"


def same_title(a: str, b: str) -> bool:
    """Whether two assignment titles are the same, ignoring case and repeated spaces."""
    return " ".join(a.split()).lower() == " ".join(b.split()).lower()
