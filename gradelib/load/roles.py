"""The syllabus's role rules on a schedule: who presents, summarizes and reviews (issue 17).

:func:`check_roles` looks at the typed ``schedule`` frame (and the ``groups`` frame) and
reports into the log; it never changes a frame. It is called by
:func:`gradelib.load.crosscheck.check_schedule`, which keeps the rules about the table
itself (dates unique, roles only on lectures, role groups known).

Errors (grading stops) are the rules one schedule row breaks: the conflict means a
group id is in the wrong cell, and the ``presenter`` and ``summarizer`` cells decide
which group's scores are whose, so grading on them would be unsafe.

- The summarizer of a lecture is its presenter (syllabus, Lecture Summaries: "The
  summary assigned to a group will not be the reading they gave the lecture on").
- The reviewer of a lecture is its presenter or its summarizer (syllabus,
  Post-Presentation Panel Discussion: the authors, i.e. the presenting and the
  summarizing groups, and the reviewers are "different student groups"). The reviewer
  is not graded, but the clash cannot tell which of the two cells is the wrong one.
- Two groups present on one day (syllabus, Student Lectures: "Only one group will
  present in each class"): two paper-lecture rows with the same date and different
  presenters. This replaces the table's "date appears twice" error for that row.

Warnings (grading goes on) are the coverage rules, about the whole term: a course may
have more groups than paper lectures, and the SPEC makes a group's missing lecture a
missing component with a warning, never an error.

- A group never presents (syllabus, Student Lectures: "at least one lecture").
- A group never summarizes (syllabus, Lecture Summaries: "at least one").
- A group never reviews (syllabus, Post-Presentation Panel Discussion: "Each group will
  be assigned to one slot to play the role of reviewers"); nothing is graded from it.
  Only when the schedule names a reviewer at all: a blank ``reviewer`` column is a
  course that does not record the panel (with two groups there can be none; the
  sample generator leaves it blank then). A group reviewing more than once is not
  reported: with more paper lectures than groups, some group must.
"""

from __future__ import annotations

import pandas as pd

from gradelib.errors import ProblemLog
from gradelib.load.records import ROW
from gradelib.load.selection import selected
from gradelib.policy.model import SCHEDULE_ROLES
from gradelib.sheets.tables import RawTable

__all__ = ["check_roles", "second_presenters"]

#: What the group in each role does, as a sentence's verb.
VERBS = {role: verb for role, (verb, _section) in SCHEDULE_ROLES.items()}
#: Up to this many groups without a role get a warning each; more get one warning that
#: names the first few and counts the rest (2,000 students make 667 groups).
EACH_NAMED = 3

#: Why each group needs each role, and what a missing one means for its grade.
COVERAGE = {
    "presenter": (
        "the syllabus gives each group at least one lecture (Student Lectures)",
        "its Paper Presentation score will be missing",
    ),
    "summarizer": (
        "the syllabus gives each group at least one summary (Lecture Summaries)",
        "its Paper Summary score will be missing",
    ),
    "reviewer": (
        "the syllabus gives each group one reviewer slot (Post-Presentation Panel Discussion)",
        "no score depends on it",
    ),
}

PANEL = (
    "the authors and the reviewers are different groups "
    "(syllabus, Post-Presentation Panel Discussion)"
)


def _day(value: pd.Timestamp) -> str:
    return f"{value:%Y-%m-%d}"


def check_roles(
    schedule: pd.DataFrame, table: RawTable, groups: pd.DataFrame | None, log: ProblemLog
) -> None:
    """Report every break of the syllabus's role rules, in one pass.

    Parameters
    ----------
    schedule : pandas.DataFrame
        The typed schedule (``date``, ``presenter``, ``summarizer``, ``reviewer``, ``row``).
    table : RawTable
        Where it was read from (for the messages).
    groups : pandas.DataFrame or None
        The typed groups (``group``); ``None`` when unreadable (coverage is then skipped).
    log : ProblemLog
        Receives the problems: errors for a row's own clash and for two presenters on
        one day, warnings for a group without a role (see the module's docstring).
    """
    _check_summarizers(schedule, table, log)
    _check_reviewers(schedule, table, log)
    _check_one_presenter_a_day(schedule, table, log)
    if groups is not None:
        _check_coverage(schedule, table, groups, log)


def _same(schedule: pd.DataFrame, one: str, other: str) -> pd.Series:
    """Rows where roles ``one`` and ``other`` name the same group (never NA)."""
    both = schedule[one].notna() & schedule[other].notna()
    return (both & (schedule[one] == schedule[other])).fillna(False).astype(bool)


def _check_summarizers(schedule: pd.DataFrame, table: RawTable, log: ProblemLog) -> None:
    """The summarizer is not the presenter (syllabus, Lecture Summaries)."""
    same = _same(schedule, "summarizer", "presenter")
    for row, group in selected(schedule, same, [ROW, "summarizer"]):
        log.error(
            table.file,
            f"group {group} both presents and summarizes this lecture; the syllabus gives "
            "the summary to another group (Lecture Summaries: never the reading a group "
            "gave the lecture on); name another group as summarizer",
            **table.where(row, "summarizer"),
        )


def _check_reviewers(schedule: pd.DataFrame, table: RawTable, log: ProblemLog) -> None:
    """The reviewer is neither the presenter nor the summarizer (one error per row)."""
    as_presenter = _same(schedule, "reviewer", "presenter")
    as_summarizer = _same(schedule, "reviewer", "summarizer")
    if not (as_presenter | as_summarizer).any():
        return
    clash = schedule.loc[as_presenter | as_summarizer, [ROW, "reviewer"]]
    for (row, group), presents, summarizes in zip(
        clash.itertuples(index=False),
        as_presenter[clash.index],
        as_summarizer[clash.index],
        strict=True,
    ):
        what = " and ".join(
            verb for verb, yes in (("presents", presents), ("summarizes", summarizes)) if yes
        )
        log.error(
            table.file,
            f"group {group} both {what} and reviews this lecture; {PANEL}; "
            "name another group as reviewer",
            **table.where(row, "reviewer"),
        )


def second_presenters(schedule: pd.DataFrame) -> pd.Series:
    """Paper-lecture rows whose date already has a paper lecture of another group.

    Parameters
    ----------
    schedule : pandas.DataFrame
        The typed schedule.

    Returns
    -------
    pandas.Series of bool
        On ``schedule``'s index: ``True`` for each row after the first paper lecture of
        its date whose presenter differs from that first one's (syllabus, Student
        Lectures: one group presents in each class). A row repeating the same presenter
        is a row entered twice, left to the "date appears twice" error.
    """
    papers = schedule.loc[schedule["presenter"].notna() & schedule["date"].notna()]
    first = papers.groupby("date")["presenter"].transform("first")
    clash = (papers["presenter"] != first).fillna(False).astype(bool)
    return clash.reindex(schedule.index, fill_value=False).astype(bool)


def _check_one_presenter_a_day(schedule: pd.DataFrame, table: RawTable, log: ProblemLog) -> None:
    """Only one group presents in each class (syllabus, Student Lectures)."""
    papers = schedule.loc[schedule["presenter"].notna() & schedule["date"].notna()]
    second = second_presenters(schedule)[papers.index]
    if not second.any():
        return
    first = papers.groupby("date")[[ROW, "presenter"]].transform("first")
    for row, day, group, first_row, first_group in zip(
        papers.loc[second, ROW],
        papers.loc[second, "date"],
        papers.loc[second, "presenter"],
        first.loc[second, ROW],
        first.loc[second, "presenter"],
        strict=True,
    ):
        log.error(
            table.file,
            f"group {group} presents on {_day(day)}, and so does group {first_group} "
            f"(row {first_row}); only one group presents in each class (syllabus, Student "
            "Lectures); move one of these lectures to another date",
            **table.where(row, "date"),
        )


def _check_coverage(
    schedule: pd.DataFrame, table: RawTable, groups: pd.DataFrame, log: ProblemLog
) -> None:
    """Each group presents, summarizes and reviews at least once (warnings)."""
    all_groups = sorted(set(groups["group"].dropna().to_numpy(dtype=object)))
    for role, verb in VERBS.items():
        scheduled = set(schedule[role].dropna())
        if role == "reviewer" and not scheduled:
            continue  # the course does not record reviewers
        why, grade = COVERAGE[role]
        where = table.where(None, role)
        missing = [group for group in all_groups if group not in scheduled]
        if len(missing) > EACH_NAMED:
            named = ", ".join(missing[:EACH_NAMED])
            log.warning(
                table.file,
                f"{len(missing)} groups never {verb[:-1]} a lecture ({named} and "
                f"{len(missing) - EACH_NAMED} more); {why}; name each as the {role} of a "
                f"lecture, or leave it so if there are more groups than lectures ({grade})",
                **where,
            )
            continue
        for group in missing:
            log.warning(
                table.file,
                f"group {group} never {verb} a lecture; {why}; name it as the {role} of "
                f"a lecture, or leave it so if there are more groups than lectures ({grade})",
                **where,
            )
