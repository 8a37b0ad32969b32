"""A tiny hand-made course folder for tests, small enough to work every number out by hand.

Six students in three groups (g3 is a group of one), four attendance dates of which
three are paper lectures, one grader per item unless a test adds one. Tests copy
``base_tables()``, change what they need and call ``write_course``.

Class days (America/Detroit, class 10:30–12:00):

====== ============= ========= ========== ========
date   kind          presenter summarizer reviewer
====== ============= ========= ========== ========
09-03  lecture       g1        g2         g3
09-05  lecture       g2        g3         g1
09-10  no-lecture
09-12  lecture       g3        g1         g2
10-22  presentations
====== ============= ========= ========== ========
"""

from __future__ import annotations

import copy
import csv
import datetime as dt
import hashlib
import subprocess
import sys
from pathlib import Path

import openpyxl

STUDENTS = ["alice", "bob", "carol", "dave", "erin", "frank"]

ROSTER = [
    ["Student", "ID", "SIS User ID", "SIS Login ID", "Section", "Paper Presentation (88240)"],
    ["    Points Possible", "", "", "", "", "15.00"],
    ["Adams, Alice", "1001", "00001001", "alice", "CSE 585 001 FA 2024", ""],
    ["Brown, Bob", "1002", "00001002", "bob", "CSE 585 001 FA 2024", ""],
    ["Clark, Carol", "1003", "00001003", "carol", "CSE 585 001 FA 2024", ""],
    ["Diaz, Dave", "1004", "00001004", "dave", "CSE 585 001 FA 2024", ""],
    ["Evans, Erin", "1005", "00001005", "erin", "CSE 585 001 FA 2024", ""],
    ["Fox, Frank", "1006", "00001006", "frank", "CSE 585 001 FA 2024", ""],
    ["Student, Test", "1099", "", "", "CSE 585 001 FA 2024", ""],
]

BASE_TABLES: dict[str, list[list[object]]] = {
    "groups": [
        ["group", "uniqname"],
        ["g1", "alice"], ["g1", "bob"], ["g1", "carol"],
        ["g2", "dave"], ["g2", "erin"],
        ["g3", "frank"],
    ],
    "schedule": [
        ["date", "kind", "topic", "presenter", "summarizer", "reviewer"],
        ["2024-09-03", "lecture", "GenAI Basics", "g1", "g2", "g3"],
        ["2024-09-05", "lecture", "GenAI Basics", "g2", "g3", "g1"],
        ["2024-09-10", "no-lecture", "Work on Projects", "", "", ""],
        ["2024-09-12", "lecture", "Pre-Training", "g3", "g1", "g2"],
        ["2024-10-22", "presentations", "Mid-Semester Presentations", "", "", ""],
    ],
    # Everyone present everywhere (sign-ins without status).
    "attendance": [["date", "uniqname", "status"]]
    + [[day, name, ""] for day in ("2024-09-03", "2024-09-05", "2024-09-12", "2024-10-22")
       for name in STUDENTS],
    # Every student asks an on-time question for every lecture they do not present.
    "questions": [["timestamp", "uniqname", "date"]]
    + [[f"{day} 09:00:00", name, day]
       for day, presenters in (("2024-09-03", "g1"), ("2024-09-05", "g2"), ("2024-09-12", "g3"))
       for name, group in (("alice", "g1"), ("bob", "g1"), ("carol", "g1"), ("dave", "g2"),
                           ("erin", "g2"), ("frank", "g3"))
       if group != presenters],
    "piazza": [["name", "email", "contributions"]]
    + [[name.title(), f"{name}@umich.edu", 5] for name in STUDENTS],
}  # fmt: skip

# Each rubric: header, max row, score rows. Scores chosen so item scores are round.
BASE_RUBRICS: dict[str, list[list[object]]] = {
    "presentation": [
        ["group", "date", "grader", "submitted", "content", "delivery"],
        ["max", None, None, None, 10, 10],
        ["g1", dt.date(2024, 9, 3), "insujang", dt.datetime(2024, 9, 1, 9, 0), 9, 9],   # 90
        ["g2", dt.date(2024, 9, 5), "insujang", dt.datetime(2024, 9, 3, 9, 0), 8, 8],   # 80
        ["g3", dt.date(2024, 9, 12), "insujang", dt.datetime(2024, 9, 10, 9, 0), 7, 7],  # 70
    ],
    "summary": [
        ["group", "date", "grader", "submitted", "quality"],
        ["max", None, None, None, 20],
        ["g2", dt.date(2024, 9, 3), "insujang", dt.datetime(2024, 9, 3, 20, 0), 17],  # 85
        ["g3", dt.date(2024, 9, 5), "insujang", dt.datetime(2024, 9, 5, 20, 0), 15],  # 75
        ["g1", dt.date(2024, 9, 12), "insujang", dt.datetime(2024, 9, 12, 20, 0), 19],  # 95
    ],
    "proposal": [
        ["group", "grader", "score"],
        ["max", None, 10],
        ["g1", "insujang", 8], ["g2", "insujang", 10], ["g3", "insujang", 6],  # 80 100 60
    ],
    "final_report": [
        ["group", "grader", "score"],
        ["max", None, 100],
        ["g1", "insujang", 92], ["g2", "insujang", 88], ["g3", "insujang", 60],
    ],
    "midterm_presentation": [
        ["group", "grader", "score"],
        ["max", None, 20],
        ["g1", "insujang", 18], ["g2", "insujang", 16], ["g3", "insujang", 12],  # 90 80 60
    ],
    "poster": [
        ["group", "grader", "score"],
        ["max", None, 20],
        ["g1", "insujang", 20], ["g2", "insujang", 18], ["g3", "insujang", 14],  # 100 90 70
    ],
}  # fmt: skip


def base_tables() -> dict[str, list[list[object]]]:
    """A fresh copy of the base course's plain tables."""
    return copy.deepcopy(BASE_TABLES)


def base_rubrics() -> dict[str, list[list[object]]]:
    """A fresh copy of the base course's rubric sheets."""
    return copy.deepcopy(BASE_RUBRICS)


def write_csv(
    path: Path, rows: list[list[object]], *, bom: bool = False, crlf: bool = False
) -> None:
    """Write rows as CSV (``None`` as a blank cell)."""
    with path.open("w", newline="", encoding="utf-8-sig" if bom else "utf-8") as handle:
        writer = csv.writer(handle, lineterminator="\r\n" if crlf else "\n")
        writer.writerows([["" if cell is None else cell for cell in row] for row in rows])


def make_workbook(sheets: dict[str, list[list[object]]]) -> openpyxl.Workbook:
    """A workbook with one sheet per entry (``None`` as an empty cell), not yet saved."""
    book = openpyxl.Workbook()
    book.remove(book.active)
    for name, rows in sheets.items():
        sheet = book.create_sheet(name)
        for row in rows:
            sheet.append(row)
    return book


def write_xlsx(path: Path, sheets: dict[str, list[list[object]]]) -> None:
    """Write sheets of rows to a workbook (``None`` as an empty cell)."""
    make_workbook(sheets).save(path)


def write_course(
    folder: Path,
    tables: dict[str, list[list[object]]] | None = None,
    rubrics: dict[str, list[list[object]]] | None = None,
    *,
    policy: str | None = None,
    overrides: list[list[object]] | None = None,
    roster: list[list[object]] | None = None,
) -> Path:
    """Write a course folder (the base course unless parts are given) and return it."""
    folder.mkdir(parents=True, exist_ok=True)
    write_csv(folder / "roster.csv", roster if roster is not None else ROSTER, bom=True, crlf=True)
    for name, rows in (tables if tables is not None else base_tables()).items():
        write_csv(folder / f"{name}.csv", rows)
    write_xlsx(folder / "rubrics.xlsx", rubrics if rubrics is not None else base_rubrics())
    if policy is not None:
        (folder / "policy.toml").write_text(policy, encoding="utf-8")
    if overrides is not None:
        write_csv(
            folder / "overrides.csv", [["uniqname", "component", "value", "reason"], *overrides]
        )
    return folder


def examples(count: int) -> int:
    """How many examples a property test runs: ``count`` (``make test``), or a twentieth of
    it, at least 1, under the ``quick`` hypothesis profile (``make quick``; tests/conftest.py):
    the same properties, fewer inputs; ``make test`` runs the full count.

    Read when a test module is imported, after pytest has loaded the profile.
    """
    from hypothesis import settings

    if settings.get_current_profile_name() == "quick":
        return max(1, count // 20)
    return count


def fingerprint(folder: Path) -> dict[str, str]:
    """SHA-256 of every file under ``folder``, by relative path (to prove nothing changed)."""
    return {
        str(path.relative_to(folder)): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(folder.rglob("*"))
        if path.is_file()
    }


def gradelib_check(folder: Path) -> tuple[int, str]:
    """``gradelib check FOLDER`` run in this process (``gradelib.cli.main``, as the console
    script calls it): exit status and stdout + stderr.

    Asserts that no traceback and no "internal error" is printed and that no file of the
    folder was changed, added or removed. A few tests run the real entry point instead
    (:func:`gradelib_process`); in-process saves the ~1–2 s start of a Python with pandas.
    """
    before = fingerprint(folder)
    status, out, err = run_cli("check", folder)
    output = out + err
    assert "Traceback" not in output, output
    assert "internal error" not in output, output
    assert fingerprint(folder) == before, "gradelib check changed the course folder"
    return status, output


def gradelib_process(
    *argv: object, script: bool = False, timeout: float = 120
) -> subprocess.CompletedProcess[str]:
    """``gradelib ARGV`` as a real process: ``python -m gradelib`` or, with ``script``, the
    ``gradelib`` console script installed beside this Python (stdout and stderr as text)."""
    command = (
        [str(Path(sys.executable).with_name("gradelib"))]
        if script
        else [sys.executable, "-m", "gradelib"]
    )
    return subprocess.run(
        [*command, *map(str, argv)],
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=timeout,
        check=False,
    )


# --- reading back what each output shows (tests of "one truth": test_one_truth.py,
# test_midterm.py, test_truth_properties.py). Each reader returns, per uniqname, the text
# shown for each component key, "final", "current" and "letter", normalized by
# ``shown_as``: a number as its digits ("86.13"), "excused", or "–" (missing).

import contextlib  # noqa: E402
import io  # noqa: E402
import re  # noqa: E402
from decimal import ROUND_HALF_UP, Decimal  # noqa: E402
from html.parser import HTMLParser  # noqa: E402

COMPONENT_KEYS = (
    "presentation", "summary", "participation", "project_report", "project_presentations",
)  # fmt: skip
COMPONENT_NAMES = {
    "presentation": "Paper Presentation",
    "summary": "Paper Summary",
    "participation": "Participation",
    "project_report": "Project Report",
    "project_presentations": "Project Presentations",
}
SHOWN = (*COMPONENT_KEYS, "final", "current", "letter")
MISSING = "–"
_NUMBER = re.compile(r"-?\d+\.\d+|-?\d+")


def run_cli(*argv: object) -> tuple[int, str, str]:
    """``gradelib ARGV`` in this process: (exit status, stdout, stderr)."""
    from gradelib.cli import main

    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        status = main([str(a) for a in argv])
    return status, out.getvalue(), err.getvalue()


def gradelib_in_process(*argv: object) -> subprocess.CompletedProcess[str]:
    """:func:`run_cli` shaped like :func:`gradelib_process`'s answer (``returncode``,
    ``stdout``, ``stderr``), for tests written against a process."""
    args = ["gradelib", *map(str, argv)]
    status, out, err = run_cli(*argv)
    return subprocess.CompletedProcess(args, status, out, err)


def shown_as(text: object, *, letter: bool = False) -> str:
    """What a cell shows: its first number, ``excused``, or ``–`` (nothing / not graded)."""
    text = "" if text is None else str(text).strip()
    if letter:
        return text if text and text not in ("-", MISSING) else MISSING
    number = _NUMBER.search(text)
    if number:
        return number.group()
    if text.upper() == "EX" or "excused" in text.lower():
        return "excused"
    return MISSING


#: The terminal table's short column titles (gradelib.show.table.SHORT_TITLES wins if it differs).
TERMINAL_TITLES = {
    "present.": "presentation",
    "partic.": "participation",
    "report": "project_report",
    "proj.talks": "project_presentations",
}


def terminal_values(text: str, uniqnames: list[str]) -> dict[str, dict[str, str]]:
    """``gradelib grade`` (with or without ``--notes``): the row of each student.

    Columns right of ``name`` are matched to the header from the right (a name holds
    spaces, the other cells do not).
    """
    from gradelib.show import table as report

    titles = {k: k for k in SHOWN}
    titles.update(TERMINAL_TITLES)
    titles.update({v: k for k, v in getattr(report, "SHORT_TITLES", {}).items()})
    lines = text.splitlines()
    head = next(line.split() for line in lines if "uniqname" in line.split())
    after = head[head.index("name") + 1 :] if "name" in head else head[1:]
    values = {}
    for line in lines:
        tokens = line.split()
        if not tokens or tokens[0] not in uniqnames or tokens[0] in values:
            continue
        cells = dict(zip(after, tokens[len(tokens) - len(after) :], strict=True))
        values[tokens[0]] = {
            titles[t]: shown_as(cell, letter=titles.get(t) == "letter")
            for t, cell in cells.items()
            if titles.get(t) in SHOWN
        }
    return values


def csv_values(text: str) -> dict[str, dict[str, str]]:
    """``gradelib grade --csv``: per student; a blank cell whose status says so is excused."""
    rows = csv.DictReader(io.StringIO(text))
    values = {}
    for row in rows:
        shown = {}
        for key in SHOWN:
            cell = row.get(key, "")
            if key == "letter":
                shown[key] = shown_as(cell, letter=True)
            elif cell.strip() == "" and row.get(f"{key}_status", "") == "excused":
                shown[key] = "excused"
            else:
                shown[key] = shown_as(cell)
        values[row["uniqname"]] = shown
    return values


class _Node:
    def __init__(self, tag: str, attrs: dict[str, str]) -> None:
        self.tag, self.attrs, self.children = tag, attrs, []

    def text(self) -> str:
        return " ".join(
            " ".join((c if isinstance(c, str) else c.text()).split()) for c in self.children
        ).strip()

    def find(self, tag: str, **attrs: str) -> list[_Node]:
        found = []
        for child in self.children:
            if isinstance(child, _Node):
                if child.tag == tag and all(
                    value in child.attrs.get(name.rstrip("_"), "").split()
                    if name.endswith("_")
                    else child.attrs.get(name) == value
                    for name, value in attrs.items()
                ):
                    found.append(child)
                found += child.find(tag, **attrs)
        return found


class _Tree(HTMLParser):
    VOID = frozenset({"br", "hr", "img", "meta", "link", "input", "col", "wbr"})

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.root = _Node("root", {})
        self.stack = [self.root]

    def handle_starttag(self, tag, attrs):
        node = _Node(tag, {k: v or "" for k, v in attrs})
        self.stack[-1].children.append(node)
        if tag not in self.VOID:
            self.stack.append(node)

    def handle_endtag(self, tag):
        for depth in range(len(self.stack) - 1, 0, -1):
            if self.stack[depth].tag == tag:
                del self.stack[depth:]
                break

    def handle_data(self, data):
        if self.stack[-1].tag not in ("style", "script"):
            self.stack[-1].children.append(data)


def parse_html(text: str) -> _Node:
    """An HTML document or fragment as a small tree (``find``, ``text``)."""
    tree = _Tree()
    tree.feed(text)
    tree.close()
    return tree.root


def table_rows(table: _Node) -> tuple[list[str], list[tuple[_Node, list[str]]]]:
    """A table's header texts and its body rows (row node, cell texts)."""
    head = [cell.text() for cell in table.find("th")]
    rows = []
    for row in table.find("tr"):
        cells = [c for c in row.children if isinstance(c, _Node) and c.tag == "td"]
        if cells:
            rows.append((row, [c.text() for c in cells]))
    return head, rows


def grades_table_values(html_text: str) -> dict[str, dict[str, str]]:
    """The notebook's grades table (:func:`gradelib.show.explain.grades_table`), per student."""
    (table,) = parse_html(html_text).find("table", id="gl-grades")
    head, rows = table_rows(table)
    by_title = {
        **{name: key for key, name in COMPONENT_NAMES.items()},
        "Final": "final",
        "Current": "current",
        "Letter": "letter",
        "Uniqname": "uniqname",
    }
    keys = [by_title.get(title) for title in head]
    values = {}
    for _, cells in rows:
        row = {k: cell for k, cell in zip(keys, cells, strict=True) if k}
        values[row["uniqname"]] = {
            key: shown_as(row.get(key), letter=key == "letter") for key in SHOWN
        }
    return values


def statement_values(html_text: str) -> dict[str, str]:
    """One student's statement: Final, Current, Letter of its summary line, and each
    component's value in the components table (the ``Current`` column, or ``Score``)."""
    root = parse_html(html_text)
    values = {}
    summary = " ".join(node.text() for node in root.find("div", class_="gl-summary"))
    for key, word in (("final", "Final"), ("current", "Current"), ("letter", "Letter")):
        found = re.search(rf"\b{word}\s+(\S+)", summary)
        values[key] = shown_as(found.group(1) if found else "", letter=key == "letter")
    names = {name: key for key, name in COMPONENT_NAMES.items()}
    for table in root.find("table"):
        head, rows = table_rows(table)
        if not head or head[0] != "Component":
            continue
        column = next((head.index(t) for t in ("Current", "Score") if t in head), None)
        for _, cells in rows:
            if cells and cells[0] in names and column is not None:
                values[names[cells[0]]] = shown_as(cells[column])
        break
    return values


def statement_component_row(html_text: str, key: str) -> list[str]:
    """The cells of one component's row in a statement's components table."""
    for table in parse_html(html_text).find("table"):
        head, rows = table_rows(table)
        if head and head[0] == "Component":
            for _, cells in rows:
                if cells and cells[0] == COMPONENT_NAMES[key]:
                    return cells
    raise AssertionError(f"no components table row for {key}")


OVERRIDE_SCORE = "Override Score"


def canvas_file(path: Path) -> tuple[list[str], dict[str, str], dict[str, dict[str, str]]]:
    """A Canvas import file: header, the ``Points Possible`` row and the student rows (by
    uniqname = SIS Login ID, lower-cased), each a dict header -> cell."""
    with path.open(newline="", encoding="utf-8-sig") as handle:
        header, *rows = list(csv.reader(handle))
    possible, students = {}, {}
    for row in rows:
        cells = dict(zip(header, row, strict=True))
        if cells["Student"].strip() == "Points Possible":
            possible = cells
        else:
            students[cells["SIS Login ID"].strip().lower()] = cells
    return header, possible, students


def canvas_column(header: list[str], key: str) -> str:
    """The header of a component's column: its title, or an existing ``Title (id)``."""
    name = COMPONENT_NAMES[key]
    (column,) = [h for h in header if re.fullmatch(rf"{re.escape(name)}( \(\d+\))?", h)]
    return column


def canvas_total(header: list[str], possible: dict[str, str], row: dict[str, str]) -> str:
    """The total Canvas computes: points over the possible points of the non-blank,
    non-``EX`` component cells, x 100, rounded half-up to two decimals (``–`` if none)."""
    earned = out_of = Decimal(0)
    for key in COMPONENT_KEYS:
        column = canvas_column(header, key)
        cell = row[column].strip()
        if cell and cell.upper() != "EX":
            earned += Decimal(cell)
            out_of += Decimal(possible[column])
    if out_of == 0:
        return MISSING
    return str((earned * 100 / out_of).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP))


def canvas_shown(header: list[str], possible: dict[str, str], row: dict[str, str]) -> str:
    """What Canvas shows as the student's total: the Override Score when set, else its own."""
    override = row.get(OVERRIDE_SCORE, "").strip()
    return override if override else canvas_total(header, possible, row)


def reachable_totals(out_of: Decimal) -> str:
    """Why a total may be unreachable: with points in cents over ``out_of`` possible points,
    Canvas's totals step by 100 / out_of cents, so some cents cannot come out."""
    return (
        f"(points in whole cents over {out_of} possible step Canvas's total by "
        f"{Decimal(100) / out_of:.4f} cents: some totals are unreachable unless the cell has "
        "more decimals or an Override Score is written)"
    )


def terminal_notes(text: str, uniqnames: list[str]) -> dict[str, list[str]]:
    """``gradelib grade --notes``: the note lines (``- ...``) printed under each student's row."""
    notes: dict[str, list[str]] = {name: [] for name in uniqnames}
    current = None
    for line in text.splitlines():
        tokens = line.split()
        if tokens and tokens[0] in notes:
            current = tokens[0]
        elif current is not None and line.strip().startswith("- "):
            notes[current].append(line.strip()[2:])
        else:
            current = None
    return notes
