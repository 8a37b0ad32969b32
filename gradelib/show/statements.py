"""Grade statements: each student's grade explained on one page they can be given.

A statement is the student's breakdown (:func:`gradelib.show.explain.student_breakdown`:
every component with the items behind it, graders' scores, late rulings, participation,
overrides with their reasons, the final, current score, letter and cut-offs) followed by
their class days (:func:`gradelib.show.explain.student_days`: attendance and questions, day by
day). The notebook's student lookup shows the same statement.

:func:`write_statements` writes one self-contained HTML file per student (no scripts, no
links to other files) and one combined file that prints one student per page. Each file
holds one student's grades, so each is readable by its owner only, and none is written
over an existing file unless asked.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from markupsafe import Markup

from gradelib.files import atomic_files, course_inputs, refuse_output, refuse_output_folder
from gradelib.load.course import Course
from gradelib.score.grades import GradeReport
from gradelib.show.explain._html import _student_key
from gradelib.show.explain._records import ClassRecords, class_records
from gradelib.show.explain.breakdown import _breakdown
from gradelib.show.explain.tables import _days
from gradelib.show.html import escaped, fragment, render, stylesheet

#: The combined, printable file of a statements folder.
COMBINED_FILE = "all-students.html"

#: The page's own ``<style>`` block (``statement.css``), after the explanations' one.
PAGE_STYLE = "<style>\n" + stylesheet("statement.css") + "</style>"


#: Shows progress through the per-student loop: ``progress(items, total)`` yields the
#: items (e.g. ``lambda items, total: tqdm(items, total=total)``); ``None`` is quiet.
Progress = Callable[[Iterable[Any], int], Iterable[Any]]


@dataclass(frozen=True)
class StatementsWritten:
    """What :func:`write_statements` wrote.

    Attributes
    ----------
    folder : Path
        The statements folder.
    students : tuple of Path
        One file per student, ``<uniqname>.html``, in roster order.
    combined : Path
        All statements in one file, one student per printed page.
    """

    folder: Path
    students: tuple[Path, ...]
    combined: Path


def statement_fragment(course: Course, report: GradeReport, uniqname: str) -> str:
    """One student's statement as an HTML fragment (what the notebook's lookup shows).

    Parameters
    ----------
    course : Course
        The course.
    report : GradeReport
        :func:`gradelib.score_course` of that course.
    uniqname : str
        The student (case and surrounding spaces ignored).

    Returns
    -------
    str
        The breakdown followed by a "Class days" section; an unknown uniqname gives the
        breakdown's short message with close matches.
    """
    return _body(class_records(course, report), uniqname)


def _body(records: ClassRecords, uniqname: str, paper: bool = False) -> str:
    """:func:`statement_fragment`; on ``paper`` without style blocks, notes unfolded."""
    breakdown = _breakdown(records, uniqname, paper)
    if not records.known(_student_key(uniqname)):
        return breakdown  # the breakdown's "no such student" message, with close matches
    days = _days(records, uniqname, paper)
    return render("statement_body.html", breakdown=Markup(breakdown), days=Markup(days))


def statement_document(course: Course, report: GradeReport, uniqname: str) -> str:
    """One student's statement as a whole, self-contained HTML page."""
    records = class_records(course, report)
    key = uniqname.strip().lower()
    if not records.known(key):
        raise KeyError(f"no student {uniqname!r} in the grades")
    row = records.row(key)
    uniqname, name = str(row["uniqname"]), str(row["name"])
    return _own_document(_section(records, uniqname), name, uniqname)


def combined_document(course: Course, report: GradeReport, uniqnames: Iterable[str]) -> str:
    """Several students' statements in one HTML page, one student per printed page."""
    records = class_records(course, report)
    return _document([_section(records, uniqname) for uniqname in uniqnames])


def statement_paths(folder: Path, uniqnames: Iterable[str]) -> tuple[list[Path], Path]:
    """Where :func:`write_statements` writes: one file per student and the combined one."""
    return [folder / f"{uniqname}.html" for uniqname in uniqnames], folder / COMBINED_FILE


def write_statements(
    course: Course,
    report: GradeReport,
    folder: Path,
    *,
    overwrite: bool = False,
    progress: Progress | None = None,
) -> StatementsWritten:
    """Write every student's statement, and the combined printable file, into ``folder``.

    Parameters
    ----------
    course : Course
        The course.
    report : GradeReport
        :func:`gradelib.score_course` of that course.
    folder : Path
        The statements folder (created, readable by its owner only, if missing).
    overwrite : bool
        Replace files of an earlier run; without it, any existing file is an error and
        nothing is written.
    progress : callable, optional
        Wraps the loop over the students (:data:`Progress`), e.g. a tqdm bar in the
        notebook (a class of 2,000 takes minutes); the command line passes none.

    Returns
    -------
    StatementsWritten
        The files written.

    Raises
    ------
    gradelib.errors.ExportError
        When a file exists and ``overwrite`` is off; whatever ``overwrite``, when
        ``folder`` is the course folder, a file, or inside a file, or a statement's path
        is a folder (nothing is written then).

    Examples
    --------
    The statements of a sample course of six students, written into a new folder:

    >>> import shutil, tempfile
    >>> from pathlib import Path
    >>> import gradelib
    >>> from gradelib.sample import write_sample_course
    >>> folder = Path(tempfile.mkdtemp())
    >>> _ = write_sample_course(folder / "course", students=6, seed=1)
    >>> course = gradelib.load_course(folder / "course")
    >>> report = gradelib.score_course(course)
    >>> written = write_statements(course, report, folder / "statements")
    >>> len(written.students), written.combined.name
    (6, 'all-students.html')
    >>> written.students[0].read_text("utf-8").startswith("<!DOCTYPE html>")
    True
    >>> shutil.rmtree(folder)
    """
    folder = Path(folder)
    uniqnames = [str(u) for u in report.grades["uniqname"]]
    students, combined = statement_paths(folder, uniqnames)
    default = course.folder / "out" / "statements-<date-time>"
    refuse_output_folder(folder, course_folder=course.folder, default=str(default))
    refuse_output(*students, combined, inputs=course_inputs(course.folder), overwrite=overwrite)
    folder.mkdir(mode=0o700, parents=True, exist_ok=True)
    records = ClassRecords(course, report)
    sections = []
    each: Iterable[Any] = zip(uniqnames, students, strict=True)
    with atomic_files() as write:
        for uniqname, path in progress(each, len(students)) if progress else each:
            section = _section(records, uniqname)
            sections.append(section)
            name = str(records.row(uniqname)["name"])
            write(path, _own_document(section, name, uniqname).encode("utf-8"))
        write(combined, _document(sections).encode("utf-8"))
    return StatementsWritten(folder, tuple(students), combined)


def _section(records: ClassRecords, uniqname: str) -> Markup:
    """One student's statement on a page (:func:`_body` on paper in its section): the
    style is the page's, folded parts open (on paper nothing can be unfolded)."""
    breakdown = Markup(_breakdown(records, uniqname, paper=True))
    known = records.known(_student_key(uniqname))
    days = Markup(_days(records, uniqname, paper=True)) if known else None
    return fragment("statement_section.html", uniqname=uniqname, breakdown=breakdown, days=days)


def _document(sections: list[Markup], student: tuple[str, str] | None = None) -> str:
    """A whole page of statements; titled by the ``student`` (name, uniqname) when it is
    one student's own."""
    return render(
        "statement_page.html",
        sections=sections,
        student=student,
        page_style=Markup(PAGE_STYLE),
    )


#: Where a student's own page takes its name, uniqname and section (:func:`_page_parts`).
_MARKS = ("\x00name\x00", "\x00uniqname\x00", "\x00section\x00")


def _own_document(section: Markup, name: str, uniqname: str) -> str:
    """:func:`_document` of one student's own page, without a render: the page's parts
    around the name, uniqname and section (made once), joined with them, each value
    escaped as the template escapes it (:func:`gradelib.show.html.escaped`)."""
    before, between, title_end, end = _page_parts()
    return "".join((before, escaped(name), between, escaped(uniqname), title_end, section, end))


@cache
def _page_parts() -> tuple[str, ...]:
    """A student's own page (``statement_page.html``) cut at :data:`_MARKS`."""
    page = _document([Markup(_MARKS[2])], student=(_MARKS[0], _MARKS[1]))
    parts: list[str] = []
    for mark in _MARKS:
        part, page = page.split(mark)
        parts.append(part)
    return (*parts, page)
