"""The likely causes of differences between Canvas and the workbook, in plain words.

A :class:`Cause` is one line: what differs, the students it explains, and what to do in
Canvas. :class:`Sides` holds both sides of the comparison. This module finds the causes
about who is listed, the component columns' points and the ``Override Score``;
:mod:`gradelib.export.verify_totals` those about totals, and
:mod:`gradelib.export.verify_letters` those about letters.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

import pandas as pd

from gradelib.export.override import ALLOW_OVERRIDE
from gradelib.export.verify_read import Gradebook
from gradelib.policy.model import Policy

#: Students named in a line before "and N more".
SHOWN_STUDENTS = 20
#: A plain number with at most four decimals (what import files and exports hold).
_NUMBER = re.compile(r"(-?)(\d+)(?:\.(\d{0,4}))?")
#: A cent in units of 10**-4.
CENT_UNITS = 100
REIMPORT = "run gradelib export and import the new file, then download the export again"


@dataclass(frozen=True)
class Cause:
    """One likely cause of a difference, and the students it explains.

    Attributes
    ----------
    kind : str
        A stable key: ``only_here``, ``only_in_canvas``, ``missing_column``, ``points``,
        ``posting``, ``other_assignments``, ``weighted_groups``, ``unexplained``,
        ``override_dropped``, ``override_blank``, ``override_other``, ``override_extra``,
        ``scheme``, ``final_zeros``.
    title : str
        What differs, in a few words (the panel's table).
    text : str
        The cause in plain words and what to do.
    students : tuple of str
        The uniqnames it explains (names where Canvas has no SIS Login ID).
    """

    kind: str
    title: str
    text: str
    students: tuple[str, ...]

    def line(self) -> str:
        """The one line printed for this cause."""
        return f"{self.title} ({who(self.students)}): {self.text}"


@dataclass(frozen=True)
class Sides:
    """Both sides of the comparison, for the students on both.

    Attributes
    ----------
    book : Gradebook
        Canvas's export.
    canvas : pandas.DataFrame
        The export's rows of the students compared (text), by uniqname.
    ours : pandas.DataFrame
        By uniqname: ``name``; ``score`` (Canvas's total from our file: our current as
        computed, text); ``override`` (the final override, text, ``""`` where none);
        ``current_letter`` (our letter of ``score``); ``final_letter`` (our letter of
        the final as computed, ``""`` while an item is not graded); ``letter``.
    cells : pandas.DataFrame
        Our import file's component cells (text), by uniqname, one column per key.
    columns : Mapping[str, str or None]
        Component key -> its column in the export (``None`` when absent).
    policy : Policy
        For the letters and the titles.
    """

    book: Gradebook
    canvas: pd.DataFrame
    ours: pd.DataFrame
    cells: pd.DataFrame
    columns: Mapping[str, str | None]
    policy: Policy

    def total(self, name: str) -> pd.Series:
        """A read-only total of the export (``Current Score`` ...) by uniqname, as text
        (``None`` for every student when the export has no such column)."""
        header = self.book.column(name)
        if header is None:
            return pd.Series(None, index=self.canvas.index, dtype=object)
        return self.canvas[header].fillna("").astype(str).str.strip()

    @property
    def ours_columns(self) -> list[str]:
        """The export's columns of our components (those it has)."""
        return [h for h in self.columns.values() if h is not None]

    @property
    def other_columns(self) -> list[str]:
        """The export's other assignment columns (points possible set)."""
        ours = set(self.ours_columns)
        return [a.header for a in self.book.assignments if a.header not in ours]


def who(students: Iterable[str]) -> str:
    """``alice, bob`` (at most :data:`SHOWN_STUDENTS`, then ``and N more``)."""
    names = list(students)
    shown = ", ".join(names[:SHOWN_STUDENTS])
    more = f" and {len(names) - SHOWN_STUDENTS} more" if len(names) > SHOWN_STUDENTS else ""
    return f"{len(names)} student{'s' if len(names) != 1 else ''}: {shown}{more}"


def same_cell(ours: str, canvas: str) -> bool:
    """Whether Canvas's cell shows what we wrote (Canvas shows two decimals; ``N/A``,
    an assignment the student is not assigned, counts as blank).

    >>> same_cell("13.50", "13.5"), same_cell("9.265", "9.27"), same_cell("9.26", "9.27")
    (True, True, False)
    """
    mine, theirs = ours.strip().upper(), canvas.strip().upper()
    theirs = "" if theirs == "N/A" else theirs
    if not mine or not theirs or "EX" in (mine, theirs):
        return mine == theirs
    ours_units, canvas_units = _units(mine), _units(theirs)
    if ours_units is None or canvas_units is None:
        return False
    if ours_units % CENT_UNITS == 0:
        return ours_units == canvas_units
    # A third or fourth decimal (written so that Canvas's total is ours): Canvas shows
    # the cell to two decimals.
    return abs(ours_units - canvas_units) < CENT_UNITS


def _units(text: str) -> int | None:
    """A plain number as a whole count of 10**-4 (exact), ``None`` for anything else."""
    match = _NUMBER.fullmatch(text)
    if match is None:
        return None
    sign, whole, fraction = match.groups()
    units = int(whole) * 10_000 + int((fraction or "").ljust(4, "0"))
    return -units if sign else units


def side_causes(graded: pd.Series, book: Gradebook) -> list[Cause]:
    """Students on one side only. ``graded``: our students' names by uniqname."""
    here = [u for u in graded.index if u not in book.students.index]
    there = [u for u in book.students.index if u not in graded.index]
    causes = []
    if here:
        causes.append(Cause(
            "only_here", "Not in the Canvas export",
            "graded here but not in Canvas: they dropped or moved in Canvas, or the export "
            "is of another section; download the whole gradebook (Grades › Export › Export "
            "Entire Gradebook) and check the enrollments",
            tuple(here),
        ))  # fmt: skip
    if there or book.unidentified:
        causes.append(Cause(
            "only_in_canvas", "Not graded here",
            "in the Canvas export but not on roster.csv (a late add?) or without a SIS "
            "Login ID: save a fresh export as the course's roster.csv, grade, and export "
            "again",
            (*there, *book.unidentified),
        ))  # fmt: skip
    return causes


def cell_causes(sides: Sides) -> tuple[list[Cause], set[str]]:
    """Component columns missing from Canvas, and cells Canvas has otherwise than we
    wrote; and the students with such a cell."""
    causes, differ = [], set()
    missing = [key for key, header in sides.columns.items() if header is None]
    written = sides.cells[missing].apply(lambda c: c.str.strip().ne("")).any(axis=1)
    if missing and written.any():
        titles = ", ".join(sides.policy.canvas_titles[key] for key in missing)
        causes.append(Cause(
            "missing_column", "Column missing in Canvas",
            f"the export has no column {titles}: the import did not reach Canvas (or the "
            f"assignment was renamed there); import the file (Grades › Import), then "
            "download the export again",
            tuple(written.index[written]),
        ))  # fmt: skip
        differ |= set(written.index[written])
    details = []
    for key, header in sides.columns.items():
        if header is None:
            continue
        canvas = sides.canvas[header].fillna("").astype(str)
        for uniqname, mine in sides.cells[key].items():
            if not same_cell(str(mine), canvas[uniqname]):
                details.append((uniqname, header, str(mine), canvas[uniqname].strip()))
    if details:
        shown = "; ".join(
            f"{u} {h}: Canvas {c or 'blank'}, we wrote {m or 'blank'}"
            for u, h, m, c in details[:SHOWN_STUDENTS]
        )
        more = (
            f"; and {len(details) - SHOWN_STUDENTS} more" if len(details) > SHOWN_STUDENTS else ""
        )
        students = tuple(dict.fromkeys(u for u, *_ in details))
        causes.append(Cause(
            "points", "Points differ from the import",
            f"{shown}{more}. Was this file imported, and was a score changed in Canvas "
            f"since? Canvas's totals follow its own cells: {REIMPORT}",
            students,
        ))  # fmt: skip
        differ |= set(students)
    return causes, differ


def override_causes(sides: Sides) -> list[Cause]:
    """Final overrides we set that Canvas does not show, and Canvas's own overrides."""
    ours = sides.ours["override"]
    canvas = sides.total("Override Score")
    set_here = ours.ne("")
    if sides.book.column("Override Score") is None:
        if not set_here.any():
            return []
        return [_override_cause(
            "override_dropped", "Final override not shown", sides, set_here,
            "the export has no Override Score column, so the Canvas course does not allow "
            f"final grade override and students see Canvas's own total instead: "
            f"{ALLOW_OVERRIDE}; then {REIMPORT}",
        )]  # fmt: skip
    canvas = canvas.fillna("")
    differs = ~pd.Series(map(same_cell, ours, canvas), index=ours.index, dtype=bool)
    found = [
        ("override_blank", "Final override not imported", set_here & canvas.eq(""),
         "Canvas's Override Score is blank: the file went in before final grade override "
         "was allowed, or was exported without its Override Score column (policy.toml "
         f"[canvas] override_score = false); {REIMPORT}"),
        ("override_other", "Another final override in Canvas",
         set_here & canvas.ne("") & differs,
         "Canvas's Override Score is not ours (changed by hand in Canvas?); students see "
         f"Canvas's; {REIMPORT}"),
        ("override_extra", "Final override only in Canvas", ~set_here & canvas.ne(""),
         "Canvas has a final grade override the workbook does not: students see it instead "
         "of our total; clear it in Canvas, or record it in overrides (component final, "
         "with its reason)"),
    ]  # fmt: skip
    return [_override_cause(kind, title, sides, mask, text) for kind, title, mask, text in found
            if mask.any()]  # fmt: skip


def _override_cause(kind: str, title: str, sides: Sides, mask: pd.Series, text: str) -> Cause:
    """An override cause for the students of ``mask``, with ours and what Canvas shows."""
    canvas = sides.total("Override Score").fillna("")
    totals = sides.total("Current Score").fillna("")
    shown = "; ".join(
        f"{u} ours {sides.ours.at[u, 'override'] or 'none'}, Canvas shows "
        f"{canvas[u] or totals[u] or 'no total'}"
        for u in mask.index[mask][:SHOWN_STUDENTS]
    )
    return Cause(kind, title, f"{text} ({shown})", tuple(mask.index[mask]))
