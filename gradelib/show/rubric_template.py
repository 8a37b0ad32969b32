"""A blank ``rubrics.xlsx`` for a course folder, pre-filled from its schedule and groups.

:func:`template_rows` works out the rows of each rubric sheet: one per lecture a group
presents (``presentation``) or summarizes (``summary``), one per group on the four project
sheets. :func:`write_rubric_template` reads the folder's ``policy.toml``, ``groups`` and
``schedule`` and writes the workbook the loader reads (:mod:`gradelib.load.rubrics`):
row 1 the header, row 2 ``max`` and each criterion's maximum points (the policy's
``[rubrics.<sheet>]`` sections), then the rows to grade, with ``grader``, ``submitted``
and the scores left blank. A score cell takes only a number from 0 to its maximum, and
the two top rows stay in view while scrolling. A row left blank is "not graded yet".
"""

from __future__ import annotations

import io
from collections.abc import Mapping
from pathlib import Path

import numpy as np
import pandas as pd
from openpyxl import Workbook
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation

from gradelib.errors import CourseError, ExportError, ProblemLog
from gradelib.files import RUBRICS_FILE, write_atomically
from gradelib.load import crosscheck, records
from gradelib.load.rubrics import DATED_SHEETS
from gradelib.policy.model import LECTURE_ROLES, RUBRIC_SHEETS, Policy
from gradelib.policy.read import load_policy

#: The schedule column naming the group of each dated sheet's rows.
DATE_FORMAT = "yyyy-mm-dd"
DATETIME_FORMAT = "yyyy-mm-dd hh:mm"
#: Rows below the pre-filled ones whose score cells are checked too: room for the rows a
#: second grader adds.
SPARE_ROWS = 100
#: Characters a column needs once filled in, beyond its header and pre-filled cells.
FILLED_WIDTH: Mapping[str, int] = {
    "date": len("2024-09-17"),
    "grader": len("a grader name"),
    "submitted": len("2024-09-18 09:00"),
}
#: Excel "repairs" a workbook whose validation error title is over 32 characters long or
#: whose message is over 255.
ERROR_TITLE, MESSAGE_LIMIT = "Score out of range", 255
_BOLD = Font(bold=True)


def template_rows(
    course_groups: pd.DataFrame, schedule: pd.DataFrame, policy: Policy
) -> dict[str, pd.DataFrame]:
    """The rows of each rubric sheet of a course, before any grading.

    Parameters
    ----------
    course_groups : pandas.DataFrame
        The ``groups`` table (``group``, ``uniqname``); groups keep the order in which
        they first appear.
    schedule : pandas.DataFrame
        The ``schedule`` table (``date``, ``presenter``, ``summarizer``, ...).
    policy : Policy
        Gives each sheet's criteria (``rubric_criteria``).

    Returns
    -------
    dict of str to pandas.DataFrame
        Sheet name (in ``RUBRIC_SHEETS`` order) -> its rows, whose columns are the sheet's
        header: ``group`` (string), ``date`` (datetime64, on ``presentation`` and
        ``summary`` only), ``grader`` (string), ``submitted`` (datetime64), then one
        float column per criterion. Only ``group`` and ``date`` are filled: one row per
        lecture with a presenter (``presentation``) or summarizer (``summary``), in date
        order; one row per group on the other sheets.

    Examples
    --------
    >>> from gradelib.policy.read import default_policy
    >>> groups = pd.DataFrame({"group": ["g1", "g1", "g2"], "uniqname": ["a", "b", "c"]})
    >>> schedule = pd.DataFrame({"date": pd.to_datetime(["2024-09-05", "2024-09-03"]),
    ...                          "presenter": ["g2", "g1"], "summarizer": ["g1", None]})
    >>> rows = template_rows(groups, schedule, default_policy())
    >>> rows["presentation"][["group", "date"]].to_numpy().tolist()
    [['g1', Timestamp('2024-09-03 00:00:00')], ['g2', Timestamp('2024-09-05 00:00:00')]]
    >>> rows["summary"]["group"].tolist(), rows["poster"]["group"].tolist()
    (['g1'], ['g1', 'g2'])
    >>> list(rows["poster"].columns)
    ['group', 'grader', 'submitted', 'content', 'design', 'qa']
    """
    groups = pd.unique(course_groups["group"].dropna().to_numpy())
    lectures = schedule.sort_values("date", kind="stable")
    frames: dict[str, pd.DataFrame] = {}
    for sheet in RUBRIC_SHEETS:
        if sheet in DATED_SHEETS:
            slots = lectures.loc[lectures[LECTURE_ROLES[sheet]].notna()]
            frame = pd.DataFrame(
                {
                    "group": pd.Series(slots[LECTURE_ROLES[sheet]].to_numpy(), dtype="string"),
                    "date": pd.Series(slots["date"].to_numpy(), dtype="datetime64[ns]"),
                }
            )
        else:
            frame = pd.DataFrame({"group": pd.Series(groups, dtype="string")})
        frame["grader"] = pd.Series(pd.NA, index=frame.index, dtype="string")
        frame["submitted"] = pd.Series(pd.NaT, index=frame.index, dtype="datetime64[ns]")
        for criterion in policy.rubric_criteria[sheet]:
            frame[criterion] = pd.Series(np.nan, index=frame.index, dtype="float64")
        frames[sheet] = frame
    return frames


def write_rubric_template(folder: Path, *, out: Path | None = None) -> Path:
    """Write a ``rubrics.xlsx`` ready to grade in, pre-filled for a course folder
    (``gradelib rubric-template DIR``).

    Only ``policy.toml`` (optional), ``groups`` and ``schedule`` are read; the other
    tables of the folder need not exist yet.

    Parameters
    ----------
    folder : Path
        The course folder.
    out : Path, optional
        Where to write the workbook; ``folder / "rubrics.xlsx"`` by default.

    Returns
    -------
    Path
        The workbook written (readable by its owner only): one sheet per rubric, as
        :func:`template_rows` gives, with each criterion's maximum in row 2, each score
        cell limited to 0..maximum, the top two rows frozen, dates shown as
        ``yyyy-mm-dd`` and ``submitted`` as ``yyyy-mm-dd hh:mm``.

    Raises
    ------
    ExportError
        When the target file already exists (it is never replaced: it may hold grades).
    CourseError
        When ``policy.toml``, ``groups`` or ``schedule`` has errors; ``problems`` lists
        every one of them.

    Examples
    --------
    >>> import shutil, tempfile
    >>> from openpyxl import load_workbook
    >>> out = Path(tempfile.mkdtemp()) / "rubrics.xlsx"
    >>> book = load_workbook(write_rubric_template(Path("data/sample"), out=out))
    >>> book.sheetnames
    ['presentation', 'summary', 'proposal', 'final_report', 'midterm_presentation', 'poster']
    >>> [[cell.value for cell in row] for row in book["poster"].iter_rows(max_row=2)]
    [['group', 'grader', 'submitted', 'content', 'design', 'qa'], ['max', None, None, 10, 5, 5]]
    >>> write_rubric_template(Path("data/sample"))
    Traceback (most recent call last):
    gradelib.errors.ExportError: data/sample/rubrics.xlsx already exists and may hold
    grades, so it is not replaced; move it away, or write the template under another name
    >>> shutil.rmtree(out.parent)
    """
    folder = Path(folder)
    target = Path(out) if out is not None else folder / RUBRICS_FILE
    if target.exists():
        raise ExportError(
            f"{target} already exists and may hold grades, so it is not replaced; "
            "move it away, or write the template under another name"
        )
    log = ProblemLog()
    if not folder.is_dir():
        log.error(str(folder), "no such course folder")
        raise CourseError(log.problems)
    policy = load_policy(folder, log)
    groups = records.load_groups(folder, log)
    schedule = records.load_schedule(folder, log)
    if schedule:
        crosscheck.check_schedule(schedule[1], schedule[0], groups[1] if groups else None, log)
    if log.has_errors or policy is None or groups is None or schedule is None:
        raise CourseError(log.problems)
    book = Workbook()
    book.remove(book.active)
    for sheet, frame in template_rows(groups[1], schedule[1], policy).items():
        _write_sheet(book, sheet, frame, policy.rubric_criteria[sheet])
    book.properties.creator = "gradelib"
    buffer = io.BytesIO()
    book.save(buffer)
    return write_atomically(target, buffer.getvalue())


def _write_sheet(
    book: Workbook, name: str, frame: pd.DataFrame, maxima: Mapping[str, float]
) -> None:
    """Add one rubric sheet: header, ``max`` row, rows, checks, formats and widths."""
    sheet = book.create_sheet(name)
    header = [str(column) for column in frame.columns]
    leading = len(header) - len(maxima)
    sheet.append(header)
    sheet.append(["max", *[None] * (leading - 1), *(_points(top) for top in maxima.values())])
    for values in frame.itertuples(index=False):
        sheet.append([_cell(value, column) for value, column in zip(values, header, strict=True)])
    for cell in (*sheet[1], sheet.cell(2, 1)):
        cell.font = _BOLD
    last = 2 + len(frame)
    for position, column in enumerate(header, start=1):
        letter = get_column_letter(position)
        if column in ("date", "submitted"):
            pattern = DATE_FORMAT if column == "date" else DATETIME_FORMAT
            for row in range(3, last + 1):
                sheet.cell(row, position).number_format = pattern
        if column in maxima:
            sheet.add_data_validation(
                _score_check(column, maxima[column], f"{letter}3:{letter}{last + SPARE_ROWS}")
            )
        shown = [column, *(_shown(sheet.cell(row, position).value) for row in range(2, last + 1))]
        width = max(FILLED_WIDTH.get(column, 0), *(len(text) for text in shown))
        sheet.column_dimensions[letter].width = width + 2
    sheet.freeze_panes = "A3"


def _score_check(criterion: str, maximum: float, cells: str) -> DataValidation:
    """A check that lets a score cell take only a number from 0 to ``maximum`` (or blank)."""
    top = str(_points(maximum))
    check = DataValidation(
        type="decimal",
        operator="between",
        formula1="0",
        formula2=top,
        allow_blank=True,
        showErrorMessage=True,
        errorStyle="stop",
        errorTitle=ERROR_TITLE,
        error=(
            f"Enter a number of points from 0 to {top} for {criterion}, or leave the cell "
            "blank while it is not graded yet."
        )[:MESSAGE_LIMIT],
    )
    check.add(cells)
    return check


def _points(value: float) -> int | float:
    """A number of points as a cell shows it: whole numbers without ``.0``."""
    return int(value) if float(value).is_integer() else float(value)


def _cell(value: object, column: str) -> object:
    """A frame value as openpyxl writes it: blank as ``None``, dates without a time."""
    if value is None or pd.isna(value):  # type: ignore[arg-type]
        return None
    if isinstance(value, pd.Timestamp):
        return value.date() if column == "date" else value.tz_localize(None).to_pydatetime()
    if isinstance(value, np.generic):
        return value.item()
    return value


def _shown(value: object) -> str:
    """How a cell reads in the formats above, to size its column."""
    if value is None:
        return ""
    if hasattr(value, "hour"):
        return f"{value:%Y-%m-%d %H:%M}"
    if hasattr(value, "year"):
        return f"{value:%Y-%m-%d}"
    return str(value)
