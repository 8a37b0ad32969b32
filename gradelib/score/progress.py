"""Term progress: what the GSI still has to grade or collect as of a day, and what is closed.

As of a day (the course cut back by :func:`gradelib.score.as_of.course_as_of`), every gap
in the records is one of two things:

- **still to do** (:data:`KINDS`): something the GSI can still fill in and that changes a
  score when they do: a rubric row not filled or missing, a summary without its
  ``submitted`` time, a lecture whose questions are not in the log at all, a class day
  whose attendance is not taken;
- **closed** (:data:`CLOSED_KINDS`): a student with no question for a paper lecture
  already given. A question is on time only before that lecture's class start (SPEC
  "questions"), so once the class has started nothing can make it count: the lecture
  stays in the student's P and counts 0, in ``current`` and in the final alike (SPEC
  "participation"). It is listed apart, as counted 0, not as work to do.

:func:`term_progress` gives both, one row per thing; :func:`progress_summary` counts them
per kind.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

import numpy as np
import pandas as pd

from gradelib.load.course import Course
from gradelib.score.as_of import calendar_day, course_as_of
from gradelib.score.gaps import TermGaps, shaped, term_gaps, text_join
from gradelib.score.grades_as_of import Basis, questions_as_of
from gradelib.score.participation import question_record
from gradelib.score.wording import as_text, day_text

# course_as_of stays importable from here (gradelib.course_as_of).
__all__ = ["CLOSED_KINDS", "KINDS", "TermProgress", "course_as_of", "outstanding_work"]
__all__ += ["progress_summary", "term_progress"]

#: The kinds of work still to do, in the order they are listed and counted.
KINDS: tuple[str, ...] = (
    "rubric row not filled",
    "no rubric row",
    "summary not submitted",
    "questions not entered",
    "attendance not taken",
)
#: The kinds of gaps that are closed: each counts 0 and nothing can change it.
CLOSED_KINDS: tuple[str, ...] = ("no question",)


@dataclass(frozen=True)
class TermProgress:
    """The gaps of a course as of a day (:func:`term_progress`).

    Attributes
    ----------
    to_do : pandas.DataFrame
        Work still to do, kinds of :data:`KINDS`.
    closed : pandas.DataFrame
        Closed gaps, each counted 0, kinds of :data:`CLOSED_KINDS`.

    Both have the columns ``kind``, ``sheet``, ``group``, ``date``, ``uniqname`` and
    ``detail`` (see :func:`term_progress`).
    """

    to_do: pd.DataFrame
    closed: pd.DataFrame


def term_progress(
    course: Course,
    as_of: datetime.date,
    *,
    include_project: bool = False,
    basis: Basis | None = None,
    gaps: TermGaps | None = None,
) -> TermProgress:
    """What is still to do, and what is closed, at the end of ``as_of``; one row per thing.

    Still to do:

    - ``rubric row not filled``: a rubric row of a lecture up to ``as_of`` with no
      criterion filled in (one per row, so a second grader's blank row is listed too);
    - ``no rubric row``: a lecture up to ``as_of`` whose presenter (or summarizer) group
      has no row in the ``presentation`` (or ``summary``) sheet;
    - ``summary not submitted``: a summary graded for such a lecture but with no
      ``submitted`` time, so its lateness cannot be checked;
    - ``questions not entered``: a paper lecture up to ``as_of`` for which no student
      asked has any question in the log (on time or late): the submissions are most
      likely not entered yet, and until they are every student asked counts 0 for it;
    - ``attendance not taken``: a class day up to ``as_of`` with no row at all in the
      attendance log (until it is entered everyone counts absent).

    Closed:

    - ``no question``: a student with no question at all (on time or late) for a paper
      lecture up to ``as_of`` that is not their own group's and not excused, where
      other students' questions for it are in: it counts 0 (see the module docstring).

    Parameters
    ----------
    course : Course
        A course from :func:`gradelib.load_course`; it is not changed.
    as_of : datetime.date
        The last day that counts (see :func:`course_as_of`).
    include_project : bool
        Also list the project sheets (``proposal``, ``final_report``,
        ``midterm_presentation``, ``poster``): every group without a row, and every blank
        row. Off by default: project items carry no date, so whether they are due by
        ``as_of`` is the GSI's call.
    basis : Basis, optional
        :func:`gradelib.score.grades_as_of.scoring_basis` of ``course``: its question
        record, cut back to the day, is read instead of building one for the day.
    gaps : TermGaps, optional
        :func:`gradelib.score.gaps.term_gaps` of ``course``: the rubric, summary and
        attendance gaps of the term, of which those up to the day are kept, instead of
        listing them again.

    Returns
    -------
    TermProgress
        Two frames with ``kind``, ``sheet`` (rubric kinds), ``group``, ``date`` (the
        lecture or class day, NaT for project items), ``uniqname`` (``no question``
        only) and ``detail`` (plain words), each sorted by date, kind (in the order of
        :data:`KINDS`), group and uniqname.
    """
    gaps = gaps if gaps is not None else term_gaps(course)
    parts = gaps.as_of(calendar_day(as_of), include_project=include_project)
    if basis is None:
        asked = question_record(course_as_of(course, as_of))
    else:
        asked = questions_as_of(basis, as_of)
    not_entered, no_question = _questions_missing(course, asked)
    return TermProgress(
        to_do=_sorted([*parts, shaped(not_entered)], KINDS),
        closed=_sorted([shaped(no_question)], CLOSED_KINDS),
    )


def outstanding_work(
    course: Course, as_of: datetime.date, *, include_project: bool = False
) -> pd.DataFrame:
    """The work still to do at the end of ``as_of`` (:attr:`TermProgress.to_do` of
    :func:`term_progress`)."""
    return term_progress(course, as_of, include_project=include_project).to_do


def progress_summary(frame: pd.DataFrame, kinds: tuple[str, ...] = KINDS) -> pd.DataFrame:
    """Counts per kind of a :func:`term_progress` frame.

    Parameters
    ----------
    frame : pandas.DataFrame
        :attr:`TermProgress.to_do` (the default ``kinds``) or :attr:`TermProgress.closed`
        (``kinds=CLOSED_KINDS``).
    kinds : tuple of str
        The kinds counted, in order.

    Returns
    -------
    pandas.DataFrame
        ``kind`` (every one of ``kinds``, in that order) and ``count`` (int64, 0 where
        none).
    """
    counts = frame["kind"].value_counts().reindex(list(kinds), fill_value=0)
    return pd.DataFrame({"kind": list(kinds), "count": counts.to_numpy(dtype="int64")})


def _sorted(parts: list[pd.DataFrame], kinds: tuple[str, ...]) -> pd.DataFrame:
    """The parts (each :func:`gradelib.score.gaps.shaped`) as one frame, sorted by date,
    kind (in the order of ``kinds``), group and uniqname, missing values last; rows
    alike keep their order (``sort_values(..., kind="stable", na_position="last")``,
    on each column's sorted codes)."""
    frame = pd.concat(parts, ignore_index=True) if len(parts) > 1 else parts[0]
    rank = frame["kind"].map({kind: rank for rank, kind in enumerate(kinds)})
    keys = [frame["uniqname"], frame["group"], rank, frame["date"]]  # the last sorts first
    order = np.lexsort([_sort_codes(key) for key in keys])
    return frame.take(order).reset_index(drop=True)


def _sort_codes(column: pd.Series) -> np.ndarray:
    """Each value's place among the column's distinct values, missing ones last."""
    codes, uniques = pd.factorize(column, sort=True)
    return np.where(codes < 0, len(uniques), codes)


def _questions_missing(course: Course, asked: pd.DataFrame) -> tuple[pd.DataFrame, pd.DataFrame]:
    """From the question record ``asked``: lectures with no question from anyone asked
    (not entered yet), and students with none for the others (closed: each counts 0)."""
    none = ~asked["on_time"] & ~asked["late"]
    entered = (~none).groupby(asked["date"]).transform("any").astype(bool)
    presenters = course.schedule.loc[course.schedule["presenter"].notna(), ["date", "presenter"]]
    # Worded once per lecture, then matched to its students with their group.
    worded = text_join(
        "no question for the lecture of ", day_text(presenters["date"]),
        " (group ", as_text(presenters["presenter"]), " presents)",
    )  # fmt: skip
    missing = asked.loc[none & entered, ["uniqname", "date"]]
    closed = missing.merge(presenters.assign(detail=worded), on="date", how="left").merge(
        course.groups[["uniqname", "group"]], on="uniqname", how="left"
    )
    closed = closed.assign(kind="no question")
    students = asked.groupby("date").size()
    lectures = presenters.loc[presenters["date"].isin(asked.loc[~entered, "date"])]
    detail = text_join(
        "the questions log has no question for the lecture of ", day_text(lectures["date"]),
        " (group ", as_text(lectures["presenter"]), " presents) from any of the ",
        as_text(lectures["date"].map(students)), " students asked; until they are entered ",
        "each counts 0 for it",
    )  # fmt: skip
    not_entered = pd.DataFrame(
        {"kind": "questions not entered", "date": lectures["date"], "detail": detail}
    )
    return not_entered, closed
