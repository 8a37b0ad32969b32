"""The columns of a Canvas gradebook CSV: identity, assignments, read-only totals.

Canvas's exporter writes the identity block (``Student``, ``ID``, ``SIS User ID``,
``SIS Login ID``, optionally ``Integration ID`` and ``Root Account``, then ``Section``),
custom columns such as ``Notes``, one column per assignment titled ``Title (12345)``
(the number is the assignment's Canvas id), and read-only totals. Canvas's importer
silently drops every column whose header contains one of :data:`RESERVED_WORDS`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

#: Identity columns, in the order Canvas writes them (the optional ones may be absent).
IDENTITY = (
    "Student",
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

#: The identity blocks Canvas's importer accepts (its header check); Section is required.
ACCEPTED_IDENTITY = (
    ("Student", "ID", "Section"),
    ("Student", "ID", "SIS Login ID", "Section"),
    ("Student", "ID", "SIS User ID", "SIS Login ID", "Section"),
    ("Student", "ID", "SIS User ID", "SIS Login ID", "Integration ID", "Section"),
    ("Student", "ID", "SIS User ID", "SIS Login ID", "Root Account", "Section"),
    ("Student", "ID", "SIS User ID", "SIS Login ID", "Integration ID", "Root Account", "Section"),
)

_ASSIGNMENT = re.compile(r"^(?P<title>.*\S)\s*\((?P<id>\d+)\)\s*$")


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


def ignored_by_canvas(header: str) -> str | None:
    """The reserved words in ``header`` that make Canvas drop the column, or ``None``."""
    found = [word for word in RESERVED_WORDS if word.lower() in header.lower()]
    return ", ".join(found) if found else None


def parse_assignment(header: str) -> Assignment | None:
    """``"Title (12345)"`` -> its :class:`Assignment`; ``None`` for any other header."""
    match = _ASSIGNMENT.match(header)
    if not match or ignored_by_canvas(header):
        return None
    return Assignment(header, match.group("title"), match.group("id"))


def identity_block(header: tuple[str, ...]) -> tuple[str, ...]:
    """The identity columns at the start of a header, up to and including ``Section``.

    Exports without a ``Section`` column end the block at the last identity column.
    """
    names = [h.strip().lower() for h in header]
    if "section" in names:
        return header[: names.index("section") + 1]
    known = {name.lower() for name in IDENTITY}
    end = 0
    while end < len(header) and names[end] in known:
        end += 1
    return header[:end]


def identity_problem(identity: tuple[str, ...]) -> str | None:
    """Why Canvas's importer would refuse this identity block (``None`` when it accepts it)."""
    if tuple(name.strip() for name in identity) in ACCEPTED_IDENTITY:
        return None
    shown = ", ".join(identity) or "nothing"
    return (
        f"the identity columns are {shown}; Canvas's importer needs Student, ID, "
        "optionally SIS User ID and SIS Login ID (and Integration ID, Root Account), "
        "then Section"
    )


def same_title(a: str, b: str) -> bool:
    """Whether two assignment titles are the same, ignoring case and repeated spaces."""
    return " ".join(a.split()).lower() == " ".join(b.split()).lower()
