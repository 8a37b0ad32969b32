"""Who is enrolled: uniqnames the roster does not know, and the groups of those it does.

A student in groups, attendance or questions who is not on the roster dropped the course:
one warning per student and file names them and their rows, and :func:`enrolled_only` is
what grading keeps of such a table. A student on the roster in no group is an error, and
so is one in two groups; a group outside 2–3 enrolled members is a warning.
"""

from __future__ import annotations

import pandas as pd

from gradelib.errors import ProblemLog
from gradelib.load.records import ROW
from gradelib.sheets.tables import RawTable

MIN_GROUP, MAX_GROUP = 2, 3
#: How many row numbers a warning about a dropped student lists.
MAX_LISTED = 6


def check_known_students(
    frame: pd.DataFrame,
    table: RawTable,
    roster: pd.DataFrame,
    log: ProblemLog,
    *,
    unknown: str = "dropped",
    column: str = "uniqname",
) -> None:
    """Every ``uniqname`` of ``frame`` is on the roster.

    Parameters
    ----------
    frame : pandas.DataFrame
        A typed table with ``uniqname`` and ``row``.
    table : RawTable
        Where it was read from (for the messages).
    roster : pandas.DataFrame
        The enrolled students.
    log : ProblemLog
        Receives the problems.
    unknown : {"dropped", "ignored", "error"}
        What a uniqname not on the roster is: a student who dropped (one warning per
        student naming their rows, which grading leaves out: groups, attendance,
        questions), someone ignored (a warning per row: Piazza's staff), or an error
        (overrides).
    column : str
        The file's column the uniqname was read from (for the messages).
    """
    outside = ~frame["uniqname"].isin(roster["uniqname"])
    if unknown == "dropped":
        _report_dropped(frame.loc[outside], table, log, column)
        return
    report, tail = log.error, "; check the spelling or add the student to roster.csv"
    if unknown == "ignored":
        report, tail = log.warning, "; ignored"
    for row, name in frame.loc[outside, [ROW, "uniqname"]].itertuples(index=False):
        report(
            table.file,
            f"uniqname {name!r} is not on the roster{tail}",
            **table.where(row, column),
        )


def _report_dropped(rows: pd.DataFrame, table: RawTable, log: ProblemLog, column: str) -> None:
    """One warning per student not on the roster: their first row, and how many more."""
    by_student = rows.groupby("uniqname", sort=False)[ROW].agg(list)
    for name, numbers in by_student.items():
        if len(numbers) == 1:
            rest = "this row is left out of grading"
        else:
            listed = ", ".join(str(n) for n in numbers[1:MAX_LISTED])
            more = f" and {len(numbers) - MAX_LISTED} more" if len(numbers) > MAX_LISTED else ""
            rest = f"their {len(numbers)} rows here are left out of grading (also {listed}{more})"
        log.warning(
            table.file,
            f"uniqname {name!r} is not on the roster (a student who dropped?); {rest}",
            **table.where(numbers[0], column),
        )


def enrolled_only(frame: pd.DataFrame, roster: pd.DataFrame) -> pd.DataFrame:
    """The rows of ``frame`` whose ``uniqname`` is on the roster (what grading keeps of a
    table that names students who dropped)."""
    return frame.loc[frame["uniqname"].isin(roster["uniqname"])].reset_index(drop=True)


def check_groups(
    groups: pd.DataFrame, table: RawTable, roster: pd.DataFrame, log: ProblemLog
) -> None:
    """Each enrolled student in exactly one group; group sizes 2–3 (a warning otherwise).

    Members not on the roster dropped the course (a warning each): they are not counted.
    """
    check_known_students(groups, table, roster, log)
    enrolled = groups["uniqname"].isin(roster["uniqname"])
    repeated = groups.duplicated(["group", "uniqname"], keep="first") & enrolled
    for row, group, name in groups.loc[repeated, [ROW, "group", "uniqname"]].itertuples(
        index=False
    ):
        log.warning(table.file, f"{name} is listed twice in group {group}", **table.where(row))
    unique = groups.loc[enrolled & ~repeated]
    second = unique.duplicated("uniqname", keep="first")
    first_group = unique.drop_duplicates("uniqname").set_index("uniqname")["group"]
    for row, group, name in unique.loc[second, [ROW, "group", "uniqname"]].itertuples(index=False):
        log.error(
            table.file,
            f"{name} is in group {first_group[name]} and again in group {group}; "
            "every student is in exactly one group",
            **table.where(row, "uniqname"),
        )
    loners = roster.loc[~roster["uniqname"].isin(groups["uniqname"])]
    for row, name in loners[[ROW, "uniqname"]].itertuples(index=False):
        log.error(
            table.file,
            f"{name} (roster.csv row {row}) is in no group; add a row for them",
        )
    sizes = unique.groupby("group", sort=True)["uniqname"].nunique()
    sizes = sizes.reindex(sorted(set(groups["group"])), fill_value=0)
    for group, size in sizes.items():
        if size == 0:
            gone = ", ".join(sorted(set(groups.loc[groups["group"] == group, "uniqname"])))
            log.warning(
                table.file,
                f"group {group} has no member on the roster ({gone} dropped); its scores "
                "count for nobody",
            )
        elif not MIN_GROUP <= size <= MAX_GROUP:
            log.warning(
                table.file,
                f"group {group} has {size} member(s); the syllabus asks for groups of 2–3",
            )
