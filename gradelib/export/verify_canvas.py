"""Close the loop with Canvas: what students see after the import, against our grades.

Our import file can be right and students can still see something else, because Canvas
computes its own totals and letters. After importing, the GSI downloads the gradebook
export again; :func:`verify_canvas` reads it (:mod:`gradelib.export.verify_read`) and
compares, for every student, what Canvas shows with the graded result
(:func:`gradelib.score_course`, nothing recomputed):

- each component column's points: what the import file wrote against Canvas's cell;
- Canvas's ``Current Score`` against our current score (as Canvas adds it up from our
  file, before a final override), to the cent; the ``Override Score`` against the final
  override where we set one;
- Canvas's ``Current Grade`` (and ``Final Grade`` once every item is graded, ``Override
  Grade``) against policy.toml's letter.

Each difference gets its likely cause, worked out from the export, as one line listing
the students it explains (:class:`gradelib.export.verify_causes.Cause`).
``gradelib verify-canvas`` prints :meth:`Verification.lines`; the export panel shows
:meth:`Verification.table`.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from gradelib.canvas.columns import same_title
from gradelib.export.import_file import component_cells
from gradelib.export.scheme import grading_scheme_lines
from gradelib.export.verify_causes import (
    Cause,
    Sides,
    cell_causes,
    override_causes,
    side_causes,
    who,
)
from gradelib.export.verify_letters import letter_causes
from gradelib.export.verify_read import Gradebook, VerifyError, read_gradebook
from gradelib.export.verify_totals import total_causes
from gradelib.load.course import Course
from gradelib.policy.letters import letters_for
from gradelib.policy.model import COMPONENTS, Policy
from gradelib.score.grades import GradeReport, score_course
from gradelib.sheets.rounding import score_texts

__all__ = ["Cause", "Verification", "VerifyError", "verify_canvas"]

#: The statuses of a component with an item not graded yet.
NOT_SETTLED = ("partial", "ungraded")


@dataclass(frozen=True)
class Verification:
    """What Canvas shows after the import, compared with our grades.

    Attributes
    ----------
    export : Path
        The Canvas gradebook export read.
    students : pandas.DataFrame
        One row per student on both sides, by uniqname: ``name``, ``canvas`` and
        ``ours`` (the total students see, percent as text: the Override Score where set,
        else the Current Score), ``canvas_letter`` and ``our_letter``, ``agrees`` (bool).
    causes : tuple of Cause
        One per likely cause of a difference, with the students it explains.
    notes : tuple of str
        What could not be compared, and why.
    scheme : tuple of str
        The grading scheme to enter in Canvas, when its letters are not ours.
    """

    export: Path
    students: pd.DataFrame
    causes: tuple[Cause, ...]
    notes: tuple[str, ...] = ()
    scheme: tuple[str, ...] = ()

    @property
    def disagreeing(self) -> tuple[str, ...]:
        """Every student a cause names, in order of first mention."""
        return tuple(dict.fromkeys(u for cause in self.causes for u in cause.students))

    @property
    def ok(self) -> bool:
        """Whether Canvas shows every student what we have (no cause found)."""
        return not self.causes

    def lines(self) -> list[str]:
        """The result in plain words (what ``gradelib verify-canvas`` prints)."""
        compared = len(self.students)
        lines = [f"{self.export}: {compared} student(s) compared with the workbook's grades."]
        if self.ok:
            lines.append(
                f"Canvas agrees for all {compared} student(s): the component points, the "
                "current score (and final override) and the letter are ours."
            )
        else:
            lines.append(
                f"Canvas disagrees for {len(self.disagreeing)} student(s); likely causes, "
                "one line each:"
            )
            lines += [f"- {cause.line()}" for cause in self.causes]
        lines += [f"note: {note}" for note in self.notes]
        return lines + list(self.scheme)

    def table(self) -> pd.DataFrame:
        """One row per cause: ``What differs``, ``Students`` (how many, and who: the first
        :data:`~gradelib.export.verify_causes.SHOWN_STUDENTS`), ``Likely cause``."""
        return pd.DataFrame(
            {
                "What differs": [c.title for c in self.causes],
                "Students": [who(c.students) for c in self.causes],
                "Likely cause": [c.text for c in self.causes],
            }
        )


def matched_columns(book: Gradebook, policy: Policy) -> dict[str, str | None]:
    """Component key -> its column in the export: the assignment of its Canvas title
    (``Title (id)``, as Canvas names the column it created on import), else ``None``."""
    found = {}
    for key in COMPONENTS:
        title = policy.canvas_titles[key]
        match = next((a.header for a in book.assignments if same_title(a.title, title)), None)
        found[key] = match or next((h for h in book.header if same_title(h, title)), None)
    return found


def our_side(report: GradeReport, policy: Policy, students: pd.Index) -> pd.DataFrame:
    """What Canvas should show each student (:class:`Sides` ``ours``), as text."""
    grades = report.grades.set_index("uniqname").reindex(students)
    computed = report.computed.reindex(students)
    status = report.components.status.reindex(index=students)
    settled = ~status.isin(NOT_SETTLED).any(axis=1)
    override = report.final_override.reindex(students).astype(float)
    return pd.DataFrame(
        {
            "name": grades["name"].astype(str),
            "score": score_texts(computed["current"], missing="").astype(str),
            "override": score_texts(override, missing="").astype(str),
            "current_letter": letters_for(computed["current"], policy.letters).astype(str),
            "final_letter": letters_for(computed["final"], policy.letters)
            .astype(str)
            .where(settled, ""),
            "letter": grades["letter"].fillna("").astype(str),
        },
        index=students,
    )


def _students(sides: Sides, causes: list[Cause]) -> pd.DataFrame:
    """The per-student table of :class:`Verification`."""
    ours, book = sides.ours, sides.book
    canvas_override = sides.total("Override Score").fillna("")
    canvas_letter = sides.total("Current Grade").fillna("")
    if book.column("Override Grade") is not None:
        shown = sides.total("Override Grade").fillna("")
        canvas_letter = shown.where(canvas_override.ne(""), canvas_letter)
    named = {u for cause in causes for u in cause.students}
    return pd.DataFrame(
        {
            "name": ours["name"],
            "canvas": canvas_override.where(
                canvas_override.ne(""), sides.total("Current Score").fillna("")
            ),
            "ours": ours["override"].where(ours["override"].ne(""), ours["score"]),
            "canvas_letter": canvas_letter,
            "our_letter": ours["letter"].where(ours["override"].ne(""), ours["current_letter"]),
            "agrees": [u not in named for u in ours.index],
        },
        index=ours.index,
    )


def verify_canvas(
    course: Course, export_path: str | Path, *, report: GradeReport | None = None
) -> Verification:
    """Compare a Canvas gradebook export, downloaded after the import, with our grades
    (``gradelib verify-canvas DIR EXPORT``).

    Scores compare as text to the cent (:func:`gradelib.sheets.rounding.score_texts`);
    letters are ``policy.toml``'s for the score Canvas shows (README, *Verifying after
    the import*).

    Parameters
    ----------
    course : Course
        The course (:func:`gradelib.load_course`; :func:`gradelib.course_as_of` for
        ``--as-of``).
    export_path : str or Path
        The export (Grades › Export › Export Entire Gradebook) downloaded after
        importing the file ``gradelib export`` wrote.
    report : GradeReport, optional
        The graded result, when already computed (:func:`gradelib.score_course`).

    Returns
    -------
    Verification
        ``ok`` when every student agrees; otherwise ``causes`` names each likely cause.
        ``students`` has one row per student on both sides; ``lines()`` is what
        ``gradelib verify-canvas`` prints.

    Raises
    ------
    VerifyError
        When the export cannot be read (missing, not UTF-8 CSV, not a Canvas gradebook
        export, no ``Points Possible`` row).

    Examples
    --------
    Before the import, Canvas still shows the gradebook that became ``roster.csv``:

    >>> import gradelib
    >>> course = gradelib.load_course("data/sample")
    >>> result = verify_canvas(course, "data/sample/roster.csv")
    >>> result.ok, [cause.title for cause in result.causes]
    (False, ['Column missing in Canvas', 'Points differ from the import',
             'Other assignments count'])
    >>> result.students[["canvas", "ours", "canvas_letter", "our_letter"]].head(2)
              canvas   ours canvas_letter our_letter
    uniqname
    karanb    100.00  86.06             A          B
    nbianchi  100.00  85.15             A          B
    """
    book = read_gradebook(Path(export_path))
    report = report if report is not None else score_course(course)
    policy = course.policy
    graded = report.grades.set_index("uniqname")["name"]
    causes = side_causes(graded, book)
    both = pd.Index([u for u in graded.index if u in book.students.index], name="uniqname")
    cells = component_cells(report, both, policy)[0] if len(both) else pd.DataFrame()
    sides = Sides(
        book=book,
        canvas=book.students.loc[both],
        ours=our_side(report, policy, both),
        cells=cells.reindex(index=both, columns=list(COMPONENTS)).fillna("").astype(str),
        columns=matched_columns(book, policy),
        policy=policy,
    )
    found, cells_differ = cell_causes(sides)
    totals, notes = total_causes(sides, cells_differ)
    letters, letter_notes, show_scheme = letter_causes(sides, cells_differ)
    if not len(both) and len(graded) and len(book.students):
        notes.append("no student of the export is on roster.csv: is it this course's export?")
    all_causes = [*causes, *found, *totals, *override_causes(sides), *letters]
    scheme = grading_scheme_lines(policy)[:-1] if show_scheme else []
    return Verification(
        export=book.path,
        students=_students(sides, all_causes),
        causes=tuple(all_causes),
        notes=tuple([*notes, *letter_notes]),
        scheme=tuple(scheme),
    )
