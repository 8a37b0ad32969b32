"""Canvas gradebook exports as Canvas writes them after importing our file, for the
``verify_canvas`` tests (this module holds no test).

:func:`canvas_export` writes the identity block, the assignment columns ``Title (id)``
(Canvas gives the assignments the import creates an id), assignment group totals where
asked, the read-only totals, ``Override Score`` / ``Override Grade`` where the course
allows final grade override, a ``Manual Posting`` row where an assignment posts
manually, the ``Points Possible`` row and the test student last. Our cells come from our
own import file (:func:`imported`); the totals and letters Canvas computes are given by
each test, worked out by hand there.

The tiny course (tests/builder.py), points mode, each component out of its weight:

======= ======= ======= ======= ======= ======= ===== ======
student present summary partic. report  talks   total letter
======= ======= ======= ======= ======= ======= ===== ======
alice   13.50   14.25   10.00   35.60   19.00   92.35 A-
dave    12.00   12.75   10.00   36.40   17.00   88.15 B+
frank   10.50   11.25   10.00   24.00   13.00   68.75 D+
======= ======= ======= ======= ======= ======= ===== ======

(bob and carol are alice's group, erin is dave's: the same numbers.)
"""

from __future__ import annotations

import csv
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

from builder import ROSTER

import gradelib
from gradelib.export.import_file import ImportFile, build_import
from gradelib.export.verify_canvas import Verification

ROOT = Path(__file__).resolve().parent
CASES = ROOT / "fixtures" / "cases"
#: The ids Canvas gives the assignments the import creates (Paper Presentation exists).
NEW_IDS = {
    "Paper Summary": "88241",
    "Participation": "88242",
    "Project Report": "88243",
    "Project Presentations": "88244",
}
TOTALS = (
    "Current Score", "Unposted Current Score", "Final Score", "Unposted Final Score",
    "Current Grade", "Unposted Current Grade", "Final Grade", "Unposted Final Grade",
)  # fmt: skip
OVERRIDE = ("Override Score", "Override Grade")
GROUP_TOTALS = ("Current Score", "Unposted Current Score", "Final Score", "Unposted Final Score")
ALICE_GROUP, DAVE_GROUP = ("alice", "bob", "carol"), ("dave", "erin")
#: The sample roster's other assignment: a 1-point survey, listed before our columns.
SURVEY_COLUMN = (("Course Survey (88231)", "1.00"),)


def totals(
    current: str,
    grade: str,
    *,
    unposted: str | None = None,
    unposted_grade: str | None = None,
    final: str | None = None,
    final_grade: str | None = None,
) -> dict[str, str]:
    """A student's read-only totals: everything graded, so the final ones are the
    current ones unless given (the unposted ones too)."""
    unposted, unposted_grade = unposted or current, unposted_grade or grade
    return dict(zip(TOTALS, (
        current, unposted, final or current, unposted,
        grade, unposted_grade, final_grade or grade, unposted_grade,
    ), strict=True))  # fmt: skip


def same(shown: dict[str, str], *groups: tuple[str, ...]) -> dict[str, dict[str, str]]:
    """``shown`` for every student of ``groups``."""
    return {u: dict(shown) for group in groups for u in group}


def imported(folder: Path) -> tuple[gradelib.Course, ImportFile]:
    """The course and the import file ``gradelib export`` writes for it."""
    course = gradelib.load_course(folder)
    report = gradelib.score_course(course)
    with_overrides = bool(report.final_override.notna().any())
    return course, build_import(report, course.canvas, course.policy, override_score=with_overrides)


def _canvas_header(header: str) -> str:
    """The column Canvas shows for an imported header: new assignments get an id."""
    return f"{header} ({NEW_IDS[header]})" if header in NEW_IDS else header


def _two_decimals(cell: str) -> str:
    """A cell as Canvas's export shows it (numbers to two decimals, half-up)."""
    try:
        return f"{Decimal(cell).quantize(Decimal('0.01'), ROUND_HALF_UP)}"
    except ArithmeticError:
        return cell


def canvas_export(
    path: Path,
    file: ImportFile,
    shown: dict[str, dict[str, str]],
    *,
    before: tuple[tuple[str, str], ...] = (),
    groups: tuple[str, ...] = (),
    override: bool = False,
    hidden: tuple[str, ...] = (),
    edits: dict[tuple[str, str], str] | None = None,
    drop: tuple[str, ...] = (),
    late: tuple[tuple[str, ...], ...] = (),
) -> Path:
    """Write the gradebook export Canvas gives once ``file`` is imported.

    ``shown``: per uniqname, the cells Canvas computes (totals, letters, group totals,
    other assignments' scores). ``before``: other assignment columns (header, points
    possible) Canvas lists before ours. ``groups``: assignment group names, whose four
    totals come before the course's. ``override``: the course allows final grade override
    (Override Score and Override Grade columns). ``hidden``: headers with manual posting.
    ``edits``: (uniqname, header) -> a cell changed in Canvas after the import. ``drop``:
    students no longer in Canvas; ``late``: identity cells of students only in Canvas.
    """
    ours = [_canvas_header(h) for h in file.header[5:] if h != "Override Score"]
    assignments = [*(h for h, _ in before), *ours]
    group_totals = [f"{g} {t}" for g in groups for t in GROUP_TOTALS]
    header = [
        *file.header[:5],
        *assignments,
        *group_totals,
        *TOTALS,
        *(OVERRIDE if override else ()),
    ]
    possible = {**dict(before), **dict(zip(ours, file.points[5:], strict=False))}
    rows = []
    if hidden:
        rows.append(["Manual Posting" if h in hidden else "" for h in header])
    rows.append(
        ["    Points Possible"] + [possible.get(h, "(read only)") if i >= 5 else "" for i, h in
                                   enumerate(header[1:], 1)]
    )  # fmt: skip
    for uniqname, cells in zip(file.uniqnames, file.rows, strict=True):
        if uniqname in drop:
            continue
        record = dict(zip(file.header, cells, strict=True))
        values = {_canvas_header(h): _two_decimals(c) for h, c in record.items()}
        values.update({h: c for (u, h), c in (edits or {}).items() if u == uniqname})
        values.update(shown.get(uniqname, {}))
        rows.append([values.get(h, "") for h in header])
    for identity in late:
        rows.append([*identity, *[""] * (len(header) - len(identity))])
    rows.append(["Student, Test", "1099", "", "", "CSE 585 001 FA 2024"] + [""] * (len(header) - 5))
    with path.open("w", encoding="utf-8-sig", newline="") as handle:
        csv.writer(handle, lineterminator="\r\n").writerows([header, *rows])
    return path


def kinds(result: Verification) -> dict[str, tuple[str, ...]]:
    """Each cause's kind -> the students it explains (one cause of each kind at most)."""
    found = {cause.kind: cause.students for cause in result.causes}
    assert len(found) == len(result.causes), result.lines()
    return found


def shown_to(result: Verification, uniqname: str) -> list[str]:
    """Canvas's total and ours, Canvas's letter and ours, for one student."""
    return result.students.loc[uniqname, ["canvas", "ours", "canvas_letter", "our_letter"]].tolist()


def cause(result: Verification, kind: str) -> str:
    """The one line of the cause of ``kind``."""
    (line,) = [c.line() for c in result.causes if c.kind == kind]
    return line


# Canvas shows exactly our numbers: points, totals and our letters.
AGREE = {
    **same(totals("92.35", "A-"), ALICE_GROUP),
    **same(totals("88.15", "B+"), DAVE_GROUP),
    "frank": totals("68.75", "D+"),
}


def with_survey() -> list[list[str]]:
    """The builder's roster with the sample's Course Survey (88231) column before ours."""
    return [[*row[:5], cell, *row[5:]] for row, cell in zip(
        ROSTER, ["Course Survey (88231)", "1.00", *[""] * (len(ROSTER) - 2)], strict=True
    )]  # fmt: skip
