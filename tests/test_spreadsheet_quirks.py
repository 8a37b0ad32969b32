"""Course folders as Excel, Google Sheets and a European Excel really write them.

Every case is the tiny base course of tests/builder.py changed in ONE way, the way a
spreadsheet program changes a file: tables saved as ``.xlsx``, merged and hidden cells,
formulas, dates as serial numbers or text, times with offsets, padded and upper-case
uniqnames, Windows-1252 and semicolon-separated CSV, Excel's BOM and CRLF, blank lines and
trailing empty columns, and a million rows. Each case is one of two kinds:

- :class:`Read`: a person would call the folder valid. :func:`check_course` must read it
  without errors, its typed values are asserted by hand, and (unless the change alters
  the data) the grades equal the base course's.
- :class:`Reported`: ``gradelib check`` (run in this process through ``gradelib.cli.main``,
  what the console script calls; tests/test_bad_inputs.py runs the real process) must exit 1
  without a traceback, naming file, sheet, row and column as worked out by hand, and
  leave the folder byte-identical.

Decisions (what a person would call valid):

- A number in a date column of a workbook is Excel's date serial when it is a whole
  number from 36526 to 73050 (2000-01-01 to 2099-12-31); any other number there is
  reported. A CSV cell is text, so ``45538`` in a CSV file is never a date.
- Dates as text: ``2024-09-03``, ``9/3/2024``, ``9/3/24``, ``Sep 3, 2024``, ``3 Sep 2024``
  and ``03.09.2024``. Never day-first with slashes.
- A formula is read as the value the spreadsheet program saved with it, never evaluated.
  A formula saved without a value is reported ("formula with no saved value").
- A workbook's table is its first *visible* sheet: what a person sees on opening it.
- A table CSV (groups, schedule, attendance, questions, piazza, overrides) that is not
  UTF-8 is read as Windows-1252 (Excel's plain "CSV" on Windows) with a warning naming the
  first line that needed it. ``roster.csv`` is Canvas's own UTF-8 export and must stay
  so: a roster re-saved as Windows-1252 has lost every name outside Latin-1 to ``?``, so
  it is an error naming the line.
- A CSV file whose first line has semicolons and no comma is semicolon-separated. A
  decimal comma (``7,5``) is never read as a number: it is reported.

Cases marked ``bug`` are strict xfails: what the package should do but does not yet
(the workbook reader does not see formulas without values, nor hidden sheets).

Row numbers are the ones a spreadsheet program shows (see tests/test_bad_inputs.py for
the base rows): groups alice 2 … frank 7; schedule 09-03 row 2, 09-05 row 3, 09-10 row 4,
09-12 row 5, 10-22 row 6; attendance six students per date from row 2; questions 09-03
rows 2–4 (dave, erin, frank); piazza alice 2 … frank 7; rubric sheets g1, g2, g3 at rows
3, 4, 5; overrides start at row 2.
"""

from __future__ import annotations

import copy
import csv
import datetime as dt
import io
import itertools
import re
import tempfile
import time
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import openpyxl
import pandas as pd
import pytest
from builder import (
    ROSTER,
    STUDENTS,
    base_rubrics,
    base_tables,
    fingerprint,
    gradelib_check,
    make_workbook,
    write_course,
)

from gradelib.load.course import Course, check_course
from gradelib.score.grades import compute_grades

Rows = list[list[object]]
Edit = Callable[[Rows], None]
Build = Callable[[Path], None]
Dress = Callable[[openpyxl.Workbook], None]

BASE_GROUP = {"alice": "g1", "bob": "g1", "carol": "g1", "dave": "g2", "erin": "g2", "frank": "g3"}
CLASS_DAYS = ["2024-09-03", "2024-09-05", "2024-09-12", "2024-10-22"]  # attendance dates
SCHEDULE_DAYS = ["2024-09-03", "2024-09-05", "2024-09-10", "2024-09-12", "2024-10-22"]
#: Excel's serial numbers of the schedule's days, counted by hand from 2024-01-01 = 45292.
SERIAL = {"2024-09-03": 45538, "2024-09-05": 45540, "2024-09-10": 45545,
          "2024-09-12": 45547, "2024-10-22": 45587}  # fmt: skip
GRADE_COLUMNS = [
    *("uniqname", "group", "presentation", "summary", "participation", "project_report"),
    *("project_presentations", "final", "current", "letter"),
]
BASE_WARNING = "group g3 has 1 member(s)"


# --- edits of one table (a list of rows, the header first) ---------------------------------


def set_cell(row: int, column: str, value: object) -> Edit:
    """Put ``value`` in spreadsheet row ``row`` (header = 1) under header ``column``."""

    def edit(rows: Rows) -> None:
        rows[row - 1][rows[0].index(column)] = value

    return edit


def map_column(column: str, change: Callable[[object], object]) -> Edit:
    """Replace every data cell of ``column`` by ``change(cell)``."""

    def edit(rows: Rows) -> None:
        position = rows[0].index(column)
        for row in rows[1:]:
            row[position] = change(row[position])

    return edit


def add_row(*cells: object) -> Edit:
    return lambda rows: rows.append(list(cells))


def keep_header_only(rows: Rows) -> None:
    del rows[1:]


def keep_nothing(rows: Rows) -> None:
    del rows[:]


def written(form: Callable[[dt.date], object]) -> Callable[[object], object]:
    """Rewrite an ISO date cell (text or date) in another form; blank cells stay blank."""

    def change(cell: object) -> object:
        if cell is None or cell == "":
            return cell
        day = cell if isinstance(cell, dt.date) else dt.date.fromisoformat(str(cell)[:10])
        return form(day.date() if isinstance(day, dt.datetime) else day)

    return change


us_date = written(lambda d: f"{d.month}/{d.day}/{d.year}")  # 9/3/2024
mon_d_yyyy = written(lambda d: f"{d:%b} {d.day}, {d.year}")  # Sep 3, 2024
d_mon_yyyy = written(lambda d: f"{d.day} {d:%b} {d.year}")  # 3 Sep 2024
dotted = written(lambda d: f"{d:%d.%m.%Y}")  # 03.09.2024, a German Excel
serial = written(lambda d: SERIAL[f"{d:%Y-%m-%d}"])  # 45538
date_cell = written(lambda d: d)
midnight_cell = written(lambda d: dt.datetime(d.year, d.month, d.day))


def table(name: str, edit: Edit) -> Build:
    """The base course with table ``name`` edited (written as builder.py writes CSV)."""

    def build(folder: Path) -> None:
        tables = base_tables()
        edit(tables[name])
        write_course(folder, tables)

    return build


# --- files: CSV bytes as programs write them, and workbooks ---------------------------------


def csv_text(rows: Rows, *, delimiter: str = ",", crlf: bool = False) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=delimiter, lineterminator="\r\n" if crlf else "\n")
    writer.writerows([["" if cell is None else cell for cell in row] for row in rows])
    return buffer.getvalue()


def excel_csv(rows: Rows) -> bytes:
    """Excel's "CSV UTF-8": a BOM and CRLF line ends."""
    return b"\xef\xbb\xbf" + csv_text(rows, crlf=True).encode("utf-8")


def windows_csv(rows: Rows) -> bytes:
    """Excel's plain "CSV" on Windows: Windows-1252 and CRLF."""
    return csv_text(rows, crlf=True).encode("cp1252")


def european_csv(rows: Rows) -> bytes:
    """A European Excel's "CSV": semicolons, UTF-8 with a BOM, CRLF."""
    return b"\xef\xbb\xbf" + csv_text(rows, delimiter=";", crlf=True).encode("utf-8")


def utf16_text(rows: Rows) -> bytes:
    """Excel's "Unicode Text" (UTF-16, tab-separated), renamed to .csv."""
    return csv_text(rows, delimiter="\t", crlf=True).encode("utf-16")


def with_trailing_empty_columns(rows: Rows) -> bytes:
    """Every line ends ``,,`` (cells typed once and deleted, as Excel then saves them)."""
    return csv_text([[*row, "", ""] for row in rows]).encode("utf-8")


def with_blank_line_before(row: int) -> Callable[[Rows], bytes]:
    """A totally blank line before spreadsheet row ``row`` (that row becomes row + 1)."""

    def render(rows: Rows) -> bytes:
        lines = csv_text(rows).splitlines(keepends=True)
        return "".join([*lines[: row - 1], "\n", *lines[row - 1 :]]).encode("utf-8")

    return render


def table_file(name: str, render: Callable[[Rows], bytes], edit: Edit | None = None) -> Build:
    """The base course with ``name.csv`` (edited, then) written by ``render``."""

    def build(folder: Path) -> None:
        write_course(folder)
        rows = base_tables()[name]
        if edit:
            edit(rows)
        (folder / f"{name}.csv").write_bytes(render(rows))

    return build


def roster_file(render: Callable[[Rows], bytes], edit: Edit | None = None) -> Build:
    """The base course with ``roster.csv`` (edited, then) written by ``render``."""

    def build(folder: Path) -> None:
        write_course(folder)
        rows = copy.deepcopy(ROSTER)
        if edit:
            edit(rows)
        (folder / "roster.csv").write_bytes(render(rows))

    return build


def overrides_file(render: Callable[[Rows], bytes], *rows: list[object]) -> Build:
    """The base course with an ``overrides.csv`` of these rows written by ``render``."""

    def build(folder: Path) -> None:
        write_course(folder)
        header = ["uniqname", "component", "value", "reason"]
        (folder / "overrides.csv").write_bytes(render([header, *map(list, rows)]))

    return build


def overrides(*rows: list[object]) -> Build:
    return overrides_file(lambda table: csv_text(table).encode("utf-8"), *rows)


def policy_file(data: bytes) -> Build:
    def build(folder: Path) -> None:
        write_course(folder)
        (folder / "policy.toml").write_bytes(data)

    return build


def workbook(sheets: dict[str, Rows], dress: Dress | None = None) -> openpyxl.Workbook:
    book = make_workbook(sheets)
    if dress:
        dress(book)
    return book


def save(book: openpyxl.Workbook, path: Path, saved: dict[tuple[str, str], object]) -> None:
    """Save ``book``; then give formula cells the value Excel would have saved with them.

    openpyxl writes a formula with an empty value (``<f>…</f><v/>``), as a program that
    never calculates does. ``saved`` maps (sheet, cell) to the value to put in ``<v>``.
    """
    book.save(path)
    if not saved:
        return
    with zipfile.ZipFile(path) as archive:
        parts = {info.filename: archive.read(info) for info in archive.infolist()}
    for (sheet, cell), value in saved.items():
        part = f"xl/worksheets/sheet{book.sheetnames.index(sheet) + 1}.xml"
        kind = ' t="str"' if isinstance(value, str) else ""
        pattern = re.compile(rf'<c r="{cell}"([^>]*)><f>(.*?)</f><v\s*/>'.encode())
        filled = rb'<c r="%s"\1%s><f>\2</f><v>%s</v>' % (
            cell.encode(),
            kind.encode(),
            str(value).encode(),
        )
        xml, found = pattern.subn(filled, parts[part])
        assert found == 1, f"no formula without a value in {sheet}!{cell}"
        parts[part] = xml
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in parts.items():
            archive.writestr(name, data)


def xlsx_table(
    name: str,
    edit: Edit | None = None,
    dress: Dress | None = None,
    saved: dict[str, object] | None = None,
) -> Build:
    """The base course with table ``name`` saved as ``name.xlsx`` (sheet ``name``) instead.

    ``edit`` changes the rows, ``dress`` the workbook (merges, hidden sheets) and ``saved``
    gives formula cells (by cell, e.g. ``"B2"``) their saved values.
    """

    def build(folder: Path) -> None:
        tables = base_tables()
        rows = tables.pop(name)
        if edit:
            edit(rows)
        write_course(folder, tables)
        book = workbook({name: rows}, dress)
        save(book, folder / f"{name}.xlsx", {(name, c): v for c, v in (saved or {}).items()})

    return build


def rubric_sheet(
    name: str,
    edit: Edit | None = None,
    dress: Dress | None = None,
    saved: dict[str, object] | None = None,
) -> Build:
    """The base course with rubric sheet ``name`` of rubrics.xlsx edited or dressed."""

    def build(folder: Path) -> None:
        rubrics = base_rubrics()
        if edit:
            edit(rubrics[name])
        write_course(folder, rubrics=rubrics)
        book = workbook(rubrics, dress)
        save(book, folder / "rubrics.xlsx", {(name, c): v for c, v in (saved or {}).items()})

    return build


def merge(sheet: str, cells: str) -> Dress:
    return lambda book: book[sheet].merge_cells(cells)


def hidden_first_sheet(name: str, rows: Rows) -> Dress:
    """Put a hidden sheet ``name`` holding ``rows`` before the table's sheet."""

    def dress(book: openpyxl.Workbook) -> None:
        sheet = book.create_sheet(name, 0)
        for row in rows:
            sheet.append(row)
        sheet.sheet_state = "hidden"
        book.active = 1

    return dress


# --- the cases -----------------------------------------------------------------------------


@dataclass(frozen=True)
class Read:
    """A folder a person would call valid: ``got(course)`` must equal ``want``."""

    id: str
    build: Build
    got: Callable[[Course], object]
    want: object
    warnings: tuple[str, ...] = ()  # expected besides the base course's one warning
    same_grades: bool = True  # the change keeps the data: grades equal the base course's
    bug: str | None = None  # a known package bug: the case is a strict xfail


@dataclass(frozen=True)
class Reported:
    """A folder ``gradelib check`` must refuse, and what it must print."""

    id: str
    build: Build
    expected: tuple[str, ...]
    bug: str | None = None


def day_list(frame: pd.DataFrame, column: str = "date") -> list[str]:
    return [f"{day:%Y-%m-%d}" for day in frame[column]]


def group_of(course: Course) -> dict[str, str]:
    return course.group_of.to_dict()


def schedule_dates(course: Course) -> tuple[str, list[str]]:
    return str(course.schedule["date"].dtype), day_list(course.schedule)


def attendance_summary(course: Course) -> tuple[object, ...]:
    frame = course.attendance
    per_day = frame.groupby("date")["uniqname"].apply(sorted).map(tuple)
    return (len(frame), sorted(set(day_list(frame))), set(per_day), set(frame["status"]))


def question_times(course: Course) -> tuple[str, list[str]]:
    """The time stamps' zone and each question's moment in UTC, in row order."""
    stamps = course.questions["timestamp"]
    assert isinstance(stamps.dtype, pd.DatetimeTZDtype), stamps.dtype
    return str(stamps.dtype.tz), [f"{moment:%Y-%m-%d %H:%M %Z}" for moment in stamps]


def contributions(course: Course) -> dict[str, int]:
    return course.piazza.set_index("uniqname")["contributions"].to_dict()


def grades(course: Course) -> pd.DataFrame:
    return compute_grades(course)[GRADE_COLUMNS]


def final_and_letter(course: Course) -> dict[str, tuple[float, str]]:
    frame = grades(course).set_index("uniqname")
    return {name: (row.final, row.letter) for name, row in frame.iterrows()}


def scores(sheet: str, column: str) -> Callable[[Course], list[object]]:
    def got(course: Course) -> list[object]:
        values = course.rubrics[sheet].scores[column]
        if column in ("date", "submitted"):
            return [f"{moment:%Y-%m-%d %H:%M}" for moment in values]
        return values.tolist()

    return got


ATTENDANCE = (24, CLASS_DAYS, {tuple(sorted(STUDENTS))}, {"present"})
#: 09:00 in Ann Arbor (EDT, UTC-4) is 13:00 UTC: 09-03 dave, erin, frank; 09-05 alice, bob,
#: carol, frank; 09-12 alice, bob, carol, dave, erin.
QUESTION_TIMES = (
    "UTC",
    ["2024-09-03 13:00 UTC"] * 3 + ["2024-09-05 13:00 UTC"] * 4 + ["2024-09-12 13:00 UTC"] * 5,
)
PIAZZA = dict.fromkeys(STUDENTS, 5)
OLD_GROUPS = [["group", "uniqname"], ["g1", "alice"], ["g1", "dave"], ["g2", "bob"],
              ["g2", "erin"], ["g3", "carol"], ["g3", "frank"]]  # fmt: skip
PADDED = {"alice": " ALICE ", "bob": "Bob ", "carol": "\tCarol", "dave": "DAVE"}
ZOE = "Zoë Adams–Smith"  # ë and the en dash are the Windows-1252 bytes 0xEB and 0x96


def renamed_alice(rows: Rows) -> None:
    rows[1][0] = ZOE


def with_offset(value: object) -> object:
    """A naive Ann Arbor (EDT) time cell -> the same moment as text with its offset."""
    return f"{value:%Y-%m-%dT%H:%M:%S}-04:00" if isinstance(value, dt.datetime) else value


def dates_in_every_form(rows: Rows) -> None:
    """Each date cell in turn as a date cell, a datetime at midnight, a serial and text."""
    forms = itertools.cycle([date_cell, midnight_cell, serial, us_date, mon_d_yyyy, d_mon_yyyy])
    for row, form in zip(rows[1:], forms, strict=False):
        row[0] = form(row[0])


def question_cells(rows: Rows) -> None:
    """Time stamps as datetime cells (no offset) and lecture dates as date cells."""
    for row in rows[1:]:
        row[0] = dt.datetime.fromisoformat(str(row[0]))
        row[2] = dt.date.fromisoformat(str(row[2]))


MIXED_OFFSETS = {
    "2024-09-03": "2024-09-03T09:00:00-04:00",
    "2024-09-05": "2024-09-05T13:00:00Z",
    "2024-09-12": "2024-09-12 09:00",
}

READ = [
    # groups
    Read(
        "groups-xlsx-padded-mixed-case-uniqnames",
        xlsx_table("groups", map_column("uniqname", lambda name: PADDED.get(name, name))),
        group_of,
        BASE_GROUP,
    ),
    Read(
        "groups-csv-saved-by-excel-bom-crlf",
        table_file("groups", excel_csv),
        group_of,
        BASE_GROUP,
    ),
    Read(
        # Rows after the blank line keep the number a spreadsheet shows them on.
        "groups-csv-blank-line-in-the-middle",
        table_file("groups", with_blank_line_before(5)),
        lambda course: (group_of(course), course.groups["row"].tolist()),
        (BASE_GROUP, [2, 3, 4, 6, 7, 8]),
    ),
    Read(
        "groups-xlsx-formula-with-saved-value",
        xlsx_table("groups", set_cell(2, "uniqname", '=LOWER("ALICE")'), saved={"B2": "alice"}),
        group_of,
        BASE_GROUP,
    ),
    Read(
        # Decision: the first visible sheet is the table, as a person sees on opening the
        # file; a hidden sheet before it (an old copy, other groups) is ignored with a
        # warning naming it.
        "groups-xlsx-hidden-first-sheet",
        xlsx_table("groups", dress=hidden_first_sheet("old groups", OLD_GROUPS)),
        group_of,
        BASE_GROUP,
        warnings=("groups.xlsx: sheet 'old groups' is hidden",),
    ),
    Read(
        "groups-xlsx-student-listed-twice-in-one-group",
        xlsx_table("groups", add_row("g1", "Alice ")),
        lambda course: (group_of(course), len(course.groups)),
        (BASE_GROUP, 6),
        warnings=("groups.xlsx, sheet groups, row 8: alice is listed twice in group g1",),
    ),
    # schedule
    Read(
        "schedule-xlsx-dates-as-excel-serials",
        xlsx_table("schedule", map_column("date", serial)),
        schedule_dates,
        ("datetime64[ns]", SCHEDULE_DAYS),
    ),
    Read(
        "schedule-xlsx-dates-as-date-cells",
        xlsx_table("schedule", map_column("date", date_cell)),
        schedule_dates,
        ("datetime64[ns]", SCHEDULE_DAYS),
    ),
    Read(
        "schedule-csv-dates-m-d-yyyy",
        table_file("schedule", excel_csv, map_column("date", us_date)),
        schedule_dates,
        ("datetime64[ns]", SCHEDULE_DAYS),
    ),
    Read(
        "schedule-csv-dates-mon-d-yyyy",
        table_file("schedule", excel_csv, map_column("date", mon_d_yyyy)),
        schedule_dates,
        ("datetime64[ns]", SCHEDULE_DAYS),
    ),
    Read(
        "schedule-csv-trailing-empty-columns",
        table_file("schedule", with_trailing_empty_columns),
        lambda course: (schedule_dates(course), course.schedule["presenter"].tolist()),
        (("datetime64[ns]", SCHEDULE_DAYS), ["g1", "g2", pd.NA, "g3", pd.NA]),
    ),
    # attendance
    Read(
        "attendance-csv-european-excel-semicolons-dotted-dates",
        table_file("attendance", european_csv, map_column("date", dotted)),
        attendance_summary,
        ATTENDANCE,
    ),
    Read(
        "attendance-csv-dates-d-mon-yyyy",
        table_file("attendance", excel_csv, map_column("date", d_mon_yyyy)),
        attendance_summary,
        ATTENDANCE,
    ),
    Read(
        "attendance-xlsx-dates-in-every-form",
        xlsx_table("attendance", dates_in_every_form),
        attendance_summary,
        ATTENDANCE,
    ),
    Read(
        "attendance-csv-repeated-sign-in-upper-case-padded",
        table("attendance", add_row("2024-09-03", " DAVE ", "")),
        attendance_summary,
        ATTENDANCE,
    ),
    # questions
    Read(
        # The same moment (09:00 EDT = 13:00 UTC) with an offset, in UTC (Z) and without
        # an offset (the course's time zone), in one column.
        "questions-csv-times-with-and-without-offsets",
        table("questions", map_column("timestamp", lambda t: MIXED_OFFSETS[str(t)[:10]])),
        question_times,
        QUESTION_TIMES,
    ),
    Read(
        "questions-csv-google-forms-us-times",
        table("questions", map_column("timestamp", lambda t: f"{us_date(t)} 9:00:00")),
        question_times,
        QUESTION_TIMES,
    ),
    Read(
        "questions-xlsx-datetime-and-date-cells",
        xlsx_table("questions", question_cells),
        question_times,
        QUESTION_TIMES,
    ),
    Read(
        # Late only because of its offset: 14:45 UTC is 10:45 in Ann Arbor, after class
        # starts at 10:30. Dave's questions: 1 of 2 lectures on time -> 50; participation
        # 50 + 25 × 0.5 + 25 = 87.5; final 88.15 - 0.10 × 12.5 = 86.90, a B.
        "questions-csv-offset-makes-a-question-late",
        table("questions", set_cell(2, "timestamp", "2024-09-03T14:45:00+00:00")),
        lambda course: final_and_letter(course)["dave"],
        (86.9, "B"),
        same_grades=False,
    ),
    Read(
        "questions-xlsx-header-only",
        xlsx_table("questions", keep_header_only),
        question_times,
        ("UTC", []),
        same_grades=False,
    ),
    # piazza
    Read(
        "piazza-csv-windows-1252-names",
        table_file("piazza", windows_csv, renamed_alice),
        lambda course: (contributions(course), course.piazza["row"].tolist()),
        (PIAZZA, [2, 3, 4, 5, 6, 7]),
        warnings=(f"piazza.csv: read as Windows-1252, not UTF-8: line 2 reads '{ZOE},",),
    ),
    Read(
        # Unquoted commas inside names are fine once the separator is a semicolon.
        "piazza-csv-european-excel-semicolons",
        table_file("piazza", european_csv, map_column("name", lambda n: f"{n}, Jr.")),
        contributions,
        PIAZZA,
    ),
    Read(
        "piazza-csv-mixed-case-padded-emails",
        table("piazza", map_column("email", lambda e: f"  {str(e).title()} ")),
        contributions,
        PIAZZA,
    ),
    Read(
        "piazza-xlsx-contributions-formula-with-saved-value",
        xlsx_table("piazza", set_cell(2, "contributions", "=2+3"), saved={"C2": 5}),
        contributions,
        PIAZZA,
    ),
    # rubrics.xlsx
    Read(
        "rubric-presentation-dates-as-excel-serials",
        rubric_sheet("presentation", map_column("date", serial)),
        scores("presentation", "date"),
        ["2024-09-03 00:00", "2024-09-05 00:00", "2024-09-12 00:00"],
    ),
    Read(
        "rubric-summary-dates-as-text",
        rubric_sheet("summary", map_column("date", mon_d_yyyy)),
        scores("summary", "date"),
        ["2024-09-03 00:00", "2024-09-05 00:00", "2024-09-12 00:00"],
    ),
    Read(
        # 20:00 EDT is midnight UTC.
        "rubric-submitted-as-text-with-offset",
        rubric_sheet("summary", map_column("submitted", with_offset)),
        scores("summary", "submitted"),
        ["2024-09-04 00:00", "2024-09-06 00:00", "2024-09-13 00:00"],
    ),
    Read(
        "rubric-score-formula-with-saved-value",
        rubric_sheet("proposal", set_cell(3, "score", "=4*2"), saved={"C3": 8}),
        scores("proposal", "score"),
        [80.0, 100.0, 60.0],
    ),
    # roster.csv
    Read(
        "roster-csv-european-excel-semicolons",
        roster_file(european_csv),
        lambda course: course.roster[["uniqname", "name"]].values.tolist()[:2],
        [["alice", "Adams, Alice"], ["bob", "Brown, Bob"]],
    ),
    Read(
        "roster-padded-upper-case-sis-login-id",
        roster_file(excel_csv, set_cell(3, "SIS Login ID", " ALICE ")),
        lambda course: course.roster["uniqname"].tolist(),
        STUDENTS,
    ),
    # overrides.csv
    Read(
        "overrides-csv-windows-1252-reason",
        overrides_file(windows_csv, ["alice", "final", "90", f"regrade – {ZOE}"]),
        lambda course: (
            course.overrides[["uniqname", "value", "reason"]].values.tolist(),
            final_and_letter(course)["alice"],
        ),
        ([["alice", 90.0, f"regrade – {ZOE}"]], (90.0, "A-")),
        warnings=("overrides.csv: read as Windows-1252, not UTF-8: line 2 reads 'alice,",),
        same_grades=False,
    ),
    Read(
        "overrides-csv-excel-bom-crlf-padded-upper-case",
        overrides_file(excel_csv, [" ALICE ", "Final", "90", "regrade"]),
        lambda course: (
            course.overrides[["uniqname", "component", "value"]].values.tolist(),
            final_and_letter(course)["alice"],
        ),
        ([["alice", "final", 90.0]], (90.0, "A-")),
        same_grades=False,
    ),
    # policy.toml
    Read(
        # Presentation 20 and summary 10 instead of 15 and 15. g1: 0.20 × 90 + 0.10 × 95 +
        # 10 + 0.40 × 89 + 0.20 × 95 = 92.10; g2: 16 + 8.5 + 10 + 36.4 + 17 = 87.90;
        # g3: 14 + 7.5 + 10 + 24 + 13 = 68.50.
        "policy-notepad-bom-crlf",
        policy_file(b"\xef\xbb\xbf[weights]\r\npresentation = 20\r\nsummary = 10\r\n"),
        final_and_letter,
        {
            "alice": (92.1, "A-"),
            "bob": (92.1, "A-"),
            "carol": (92.1, "A-"),
            "dave": (87.9, "B+"),
            "erin": (87.9, "B+"),
            "frank": (68.5, "D+"),
        },
        same_grades=False,
    ),
]

FORMULA = "formula with no saved value: open and save the file in Excel"
NO_VALUES = "the workbook reader does not see formulas without saved values (read as blank)"

REPORTED = [
    # groups
    Reported(
        "groups-xlsx-merged-header-cells",
        xlsx_table("groups", dress=merge("groups", "A1:B1")),
        (
            "groups.xlsx, sheet groups, row 1, column B: this column has data but no header "
            "name; name it in row 1 (if header cells are merged, unmerge them)",
        ),
    ),
    Reported(
        "groups-xlsx-empty-sheet",
        xlsx_table("groups", keep_nothing),
        ("groups.xlsx, sheet groups: the table is empty",),
    ),
    Reported(
        "groups-xlsx-formula-without-saved-value",
        xlsx_table("groups", set_cell(2, "uniqname", '=LOWER("ALICE")')),
        (f"groups.xlsx, sheet groups, row 2, column uniqname: {FORMULA}",),
    ),
    Reported(
        "groups-csv-is-utf16-unicode-text",
        table_file("groups", utf16_text),
        ("groups.csv: the file is not UTF-8 text; save it as 'CSV UTF-8' (line 1 ",),
    ),
    # schedule
    Reported(
        # Merged cells keep their value in the first cell only.
        "schedule-xlsx-merged-kind-cells",
        xlsx_table("schedule", dress=merge("schedule", "B2:B3")),
        ("schedule.xlsx, sheet schedule, row 3, column kind: blank; expected one of lecture",),
    ),
    Reported(
        # A blank presenter is allowed, so this formula is lost in silence today.
        "schedule-xlsx-presenter-formula-without-saved-value",
        xlsx_table("schedule", set_cell(2, "presenter", '=LOWER("G1")')),
        (f"schedule.xlsx, sheet schedule, row 2, column presenter: {FORMULA}",),
    ),
    Reported(
        "schedule-csv-serial-number-is-not-a-date",
        table("schedule", set_cell(2, "date", "45538")),
        ("schedule.csv, row 2, column date: '45538' is not a date like 2024-09-17",),
    ),
    Reported(
        # 12 September typed day-first is read the US way, as 9 December: no cell is
        # wrong, but the lecture's attendance and rubric rows no longer match a lecture.
        "schedule-csv-day-first-date",
        table("schedule", set_cell(5, "date", "12/09/2024")),
        (
            "attendance.csv, row 14, column date: 2024-09-12 is not a class date",
            "rubrics.xlsx, sheet presentation, row 5, column date: group g3 is not the "
            "scheduled presenter on 2024-09-12",
        ),
    ),
    # attendance
    Reported(
        "attendance-xlsx-number-outside-serial-range",
        xlsx_table("attendance", set_cell(2, "date", 2024)),
        ("attendance.xlsx, sheet attendance, row 2, column date: 2024 is not a date like",),
    ),
    Reported(
        "attendance-xlsx-serial-with-a-time",
        xlsx_table("attendance", set_cell(3, "date", 45538.5)),
        ("attendance.xlsx, sheet attendance, row 3, column date: 45538.5 is not a date like",),
    ),
    Reported(
        # The blank line is row 5, so base row 5 (dave on 09-03) is shown as row 6.
        "attendance-csv-blank-line-then-a-bad-status",
        table_file("attendance", with_blank_line_before(5), set_cell(5, "status", "late")),
        ("attendance.csv, row 6, column status: 'late' is not one of present, absent",),
    ),
    # questions
    Reported(
        "questions-csv-impossible-offset",
        table("questions", set_cell(2, "timestamp", "2024-09-03T09:00:00+25:00")),
        ("questions.csv, row 2, column timestamp: '2024-09-03T09:00:00+25:00' is not a date",),
    ),
    Reported(
        "questions-xlsx-empty-sheet",
        xlsx_table("questions", keep_nothing),
        ("questions.xlsx, sheet questions: the table is empty",),
    ),
    # piazza
    Reported(
        "piazza-csv-european-decimal-comma",
        table_file("piazza", european_csv, set_cell(2, "contributions", "7,5")),
        ("piazza.csv, row 2, column contributions: '7,5' is not a whole number",),
    ),
    Reported(
        "piazza-csv-same-student-twice-in-other-case",
        table("piazza", add_row("Alice", "ALICE@umich.edu ", 3)),
        ("piazza.csv, row 8, column email: alice appears twice",),
    ),
    # rubrics.xlsx
    Reported(
        "rubric-merged-header-cells",
        rubric_sheet("presentation", dress=merge("presentation", "E1:F1")),
        (
            "rubrics.xlsx, sheet presentation, row 1, column F: this column has data but no "
            "header name",
        ),
    ),
    Reported(
        "rubric-empty-sheet",
        rubric_sheet("poster", keep_nothing),
        ("rubrics.xlsx, sheet poster: the table is empty",),
    ),
    Reported(
        # The score is the row's only criterion: today the row passes as "not graded yet".
        "rubric-score-formula-without-saved-value",
        rubric_sheet("proposal", set_cell(3, "score", "=4*2")),
        (f"rubrics.xlsx, sheet proposal, row 3, column score: {FORMULA}",),
    ),
    Reported(
        "rubric-decimal-comma-typed-as-text",
        rubric_sheet("poster", set_cell(3, "score", "7,5")),
        ("rubrics.xlsx, sheet poster, row 3, column score: '7,5' is not a score from 0 to 20",),
    ),
    # overrides.csv
    Reported(
        "overrides-csv-european-decimal-comma",
        overrides_file(european_csv, ["alice", "final", "92,5", "regrade"]),
        ("overrides.csv, row 2, column value: '92,5' is not a percentage from 0 to 100",),
    ),
    Reported(
        "overrides-same-student-twice-in-other-case",
        overrides(["alice", "final", "90", "regrade"], [" ALICE ", "final", "80", "again"]),
        ("overrides.csv, row 3, column component: a second override of final for alice",),
    ),
    # roster.csv: Canvas's export must stay UTF-8 (see the module docstring)
    Reported(
        "roster-windows-1252-names-the-line",
        roster_file(windows_csv, set_cell(7, "Student", "Évans, Erin")),
        (
            "roster.csv: the file is not UTF-8 text; save it as 'CSV UTF-8' "
            '(line 7 is the first that is not: \'"\ufffdvans, Erin",1005,',
        ),
    ),
    # policy.toml
    Reported(
        "policy-windows-1252-comment",
        policy_file("# Zoë's section\n[weights]\npresentation = 15\n".encode("cp1252")),
        ("policy.toml: the file is not UTF-8 text; save it as UTF-8",),
    ),
]


# --- running the checks --------------------------------------------------------------------


#: The cases ``make quick`` keeps (a workbook and a CSV reported); ``make test`` runs them all.
QUICK = {"schedule-xlsx-merged-kind-cells", "piazza-csv-european-decimal-comma"}


def params(cases: list[Read] | list[Reported]) -> list:
    return [
        pytest.param(
            case,
            id=case.id,
            marks=[
                *([pytest.mark.xfail(strict=True, reason=case.bug)] if case.bug else []),
                *([] if case.id in QUICK else [pytest.mark.slow]),
            ],
        )
        for case in cases
    ]


@cache
def base_grades() -> pd.DataFrame:
    with tempfile.TemporaryDirectory() as scratch:
        course, problems = check_course(write_course(Path(scratch) / "course"))
        assert course is not None, problems
        return grades(course)


# --- the tests -------------------------------------------------------------------------


@pytest.mark.slow
def test_base_grades_are_the_hand_worked_ones() -> None:
    finals = base_grades().set_index("uniqname")["final"].to_dict()
    assert finals == {"alice": 92.35, "bob": 92.35, "carol": 92.35,
                      "dave": 88.15, "erin": 88.15, "frank": 68.75}  # fmt: skip


@pytest.mark.parametrize("case", params(READ))
def test_quirk_is_read_as_a_person_reads_it(case: Read, tmp_path: Path) -> None:
    folder = tmp_path / "course"
    case.build(folder)
    before = fingerprint(folder)
    course, problems = check_course(folder)
    assert fingerprint(folder) == before, "check_course changed the course folder"
    assert course is not None, "\n".join(map(str, problems))
    warnings = [str(p) for p in problems if BASE_WARNING not in str(p)]
    for text in case.warnings:
        assert any(text in warning for warning in warnings), f"{text!r} not in {warnings}"
    assert len(warnings) == len(case.warnings), warnings
    assert case.got(course) == case.want
    if case.same_grades:
        pd.testing.assert_frame_equal(grades(course), base_grades())


@pytest.mark.parametrize("case", params(REPORTED))
def test_quirk_is_reported_with_its_location(case: Reported, tmp_path: Path) -> None:
    folder = tmp_path / "course"
    case.build(folder)
    status, output = gradelib_check(folder)
    for text in case.expected:
        assert text in output, f"expected {text!r} in:\n{output}"
    assert status == 1, output


def test_cases_have_unique_ids() -> None:
    ids = [case.id for case in [*READ, *REPORTED]]
    assert len(ids) == len(set(ids))
    assert set(ids) >= QUICK


# --- a sheet of 1,000,000 rows ---------------------------------------------------------------

MILLION = 1_000_000
#: Seconds allowed to check a course whose attendance.csv has a million rows. Measured:
#: about 5 s for ``gradelib check`` on a 2-core container; the bound leaves room for a
#: slow CI machine.
MILLION_BOUND = 30.0


def million_sign_ins(folder: Path, bad: tuple[int, str] | None = None) -> Path:
    """The base course with an attendance.csv of 1,000,000 sign-ins (17 MB).

    The six students sign in on the four class dates over and over: valid, only long.
    ``bad`` = (row, date) puts that date text in spreadsheet row ``row``.
    """
    tables = base_tables()
    del tables["attendance"]
    write_course(folder, tables)
    pairs = itertools.cycle([f"{day},{name},\n" for day in CLASS_DAYS for name in STUDENTS])
    lines = list(itertools.islice(pairs, MILLION))
    if bad:
        row, text = bad
        lines[row - 2] = f"{text},alice,\n"
    (folder / "attendance.csv").write_text("date,uniqname,status\n" + "".join(lines))
    return folder


@pytest.mark.slow
def test_a_million_attendance_rows_are_read_in_time(tmp_path: Path) -> None:
    folder = million_sign_ins(tmp_path / "course")
    start = time.perf_counter()
    course, problems = check_course(folder)
    elapsed = time.perf_counter() - start
    assert course is not None, problems[:5]
    assert attendance_summary(course) == ATTENDANCE
    assert course.attendance["row"].max() <= 25  # the first sign-in of each kept
    pd.testing.assert_frame_equal(grades(course), base_grades())
    assert elapsed < MILLION_BOUND, f"{elapsed:.1f} s"


@pytest.mark.slow
def test_a_bad_cell_in_row_999999_is_reported_in_time(tmp_path: Path) -> None:
    folder = million_sign_ins(tmp_path / "course", bad=(999_999, "2024-09-31"))
    start = time.perf_counter()
    status, output = gradelib_check(folder)
    elapsed = time.perf_counter() - start
    assert (
        "attendance.csv, row 999999, column date: '2024-09-31' is not a date like 2024-09-17"
        in output
    ), output
    assert "1 error(s)" in output, output
    assert status == 1
    assert elapsed < MILLION_BOUND, f"{elapsed:.1f} s"
