"""Who is enrolled: uniqnames the roster does not know, and the groups of those it does.

A student in groups, attendance or questions who is not on the roster dropped the course:
one warning per student and file names them and their rows, and :func:`enrolled_only` is
what grading keeps of such a table. A student on the roster in no group is an error, and
so is one in two groups; a group outside 2–3 enrolled members is a warning.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from gradelib.errors import ProblemLog
from gradelib.load.records import ROW
from gradelib.load.selection import selected
from gradelib.sheets.tables import RawTable

MIN_GROUP, MAX_GROUP = 2, 3
#: How many row numbers a warning about a dropped student lists.
MAX_LISTED = 6


def row_keys(*columns: pd.Series | np.ndarray) -> np.ndarray:
    """One integer per row, equal for two rows exactly when they are equal in every column
    (a missing value equals a missing value, as in :meth:`pandas.DataFrame.duplicated`).

    A long table's columns are hashed once here, and the duplicate checks then compare
    integers.

    Parameters
    ----------
    *columns : pandas.Series or numpy.ndarray
        Columns of the same length.

    Returns
    -------
    numpy.ndarray of int64
        The rows' keys.

    Examples
    --------
    >>> row_keys(pd.Series(["a", "b", "a"]), np.array([1, 1, 1])).tolist()
    [0, 1, 0]
    """
    key, size = np.zeros(len(columns[0]), dtype="int64"), 1
    for column in columns:
        codes, uniques = pd.factorize(column, use_na_sentinel=False)
        if size * len(uniques) >= 2**62:
            key, distinct = pd.factorize(key)
            size = len(distinct)
        key, size = key * len(uniques) + codes, size * len(uniques)
    return key


def student_codes(names: pd.Series, roster: pd.DataFrame | None) -> np.ndarray:
    """A code per row for the student it names, matched against the roster once.

    Parameters
    ----------
    names : pandas.Series
        A typed table's ``uniqname`` column.
    roster : pandas.DataFrame or None
        The enrolled students (``None`` when ``roster.csv`` could not be read).

    Returns
    -------
    numpy.ndarray of int64
        The student's position among the roster's distinct uniqnames when enrolled, and
        a negative code for each other name (equal names, equal codes): a row is on the
        roster exactly when its code is not negative.
    """
    enrolled = pd.Index(roster["uniqname"].unique() if roster is not None else [], dtype=object)
    # Each distinct name is looked up once: a long table repeats a class list of names.
    rows, distinct = pd.factorize(names, use_na_sentinel=False)
    codes = enrolled.get_indexer(np.asarray(distinct, dtype=object)).astype("int64")
    outside = codes < 0
    codes[outside] = -1 - np.arange(np.count_nonzero(outside))
    return codes[rows]


def check_known_students(
    frame: pd.DataFrame,
    table: RawTable,
    roster: pd.DataFrame,
    log: ProblemLog,
    *,
    unknown: str = "dropped",
    column: str = "uniqname",
    codes: np.ndarray | None = None,
) -> np.ndarray:
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
    codes : numpy.ndarray or None
        The rows' :func:`student_codes`, when already known.

    Returns
    -------
    numpy.ndarray of bool
        The rows whose student is on the roster.
    """
    if codes is None:
        codes = student_codes(frame["uniqname"], roster)
    enrolled = codes >= 0
    outside = ~enrolled
    if unknown == "dropped":
        if outside.any():
            _report_dropped(frame.loc[outside], table, log, column)
        return enrolled
    report, tail = log.error, "; check the spelling or add the student to roster.csv"
    if unknown == "ignored":
        report, tail = log.warning, "; ignored"
    for row, name in selected(frame, outside, [ROW, "uniqname"]):
        report(
            table.file,
            f"uniqname {name!r} is not on the roster{tail}",
            **table.where(row, column),
        )
    return enrolled


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
) -> np.ndarray:
    """Each enrolled student in exactly one group; group sizes 2–3 (a warning otherwise).

    Members not on the roster dropped the course (a warning each): they are not counted.
    Returns the rows grading keeps (bool): enrolled, and not a repeat of an earlier row.
    """
    enrolled = check_known_students(groups, table, roster, log)
    repeated = groups.duplicated(["group", "uniqname"], keep="first").to_numpy() & enrolled
    for row, group, name in selected(groups, repeated, [ROW, "group", "uniqname"]):
        log.warning(table.file, f"{name} is listed twice in group {group}", **table.where(row))
    kept = enrolled & ~repeated
    unique = groups.loc[kept]
    second = unique.duplicated("uniqname", keep="first")
    first_group = unique.drop_duplicates("uniqname").set_index("uniqname")["group"]
    for row, group, name in selected(unique, second, [ROW, "group", "uniqname"]):
        log.error(
            table.file,
            f"{name} is in group {first_group[name]} and again in group {group}; "
            "every student is in exactly one group",
            **table.where(row, "uniqname"),
        )
    loners = ~roster["uniqname"].isin(groups["uniqname"])
    for row, name in selected(roster, loners, [ROW, "uniqname"]):
        log.error(
            table.file,
            f"{name} (roster.csv row {row}) is in no group; add a row for them",
        )
    sizes = unique.groupby("group", sort=True)["uniqname"].nunique()
    sizes = sizes.reindex(sorted(set(groups["group"].to_numpy(dtype=object))), fill_value=0)
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
    return kept
