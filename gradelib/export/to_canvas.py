"""The one Canvas export: the file written, read back and checked (``gradelib export``
calls :func:`export_canvas`, the notebook's export button :func:`export_to_canvas` under it).

The file is built (:mod:`gradelib.export.import_file`), compared with the export it goes
over (:mod:`gradelib.export.compare`), and written atomically, never over an existing
file unless asked and never over an input file of the course. Beside it goes
``<file>.manifest.json``: when it was written, the policy, and the SHA-256 of every input
file, so a GSI can later prove which data produced which upload. The written file is then
read back once (:func:`gradelib.export.read_back.check_written`): ``canvas-check``'s rules
(:func:`gradelib.canvas.check.check_import_file`), and the total Canvas will compute for
each student (:mod:`gradelib.export.verify`), which must be our current score (the
Override Score where the file sets one).
"""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

from gradelib.canvas.columns import OVERRIDE_SCORE, identity_problem
from gradelib.canvas.gradebook import CanvasExport, read_canvas_export
from gradelib.errors import CourseError, ExportError, ProblemLog
from gradelib.export.compare import Differences, compare_with_export, other_assignments
from gradelib.export.import_file import ImportFile, build_import
from gradelib.export.manifest import manifest_path, manifest_record
from gradelib.export.override import override_column
from gradelib.export.read_back import check_written
from gradelib.export.remedies import COMMAND_LINE, Remedies
from gradelib.export.result import ExportResult
from gradelib.export.scheme import grading_scheme_lines
from gradelib.export.unchanged import EXPORT_STEM, refuse_unchanged
from gradelib.files import course_inputs, default_output, refuse_output, write_atomically
from gradelib.load.course import Course, input_files
from gradelib.score.grades import GradeReport, score_course
from gradelib.timing import stage as timing_stage
from gradelib.timing import staged

__all__ = ["COMMAND_LINE", "ExportResult", "Remedies", "export_canvas", "export_to_canvas"]
__all__ += ["manifest_path"]


#: The stages of an export, in order (:func:`export_to_canvas`'s ``stage``).
STAGES = ("scoring", "building the import file", "writing", "reading back and checking")


def read_newer_export(path: Path) -> CanvasExport:
    """A newer Canvas gradebook export to write against (``gradelib export --canvas``).

    Raises
    ------
    ExportError
        When there is no such file.
    CourseError
        With every problem of the file, when it has errors.
    """
    if not Path(path).is_file():
        raise ExportError(f"{path}: no such Canvas gradebook export; nothing was written")
    log = ProblemLog()
    export = read_canvas_export(Path(path), log)
    if export is None or log.has_errors:
        raise CourseError(log.problems)
    return export


def refuse_target(
    course: Course,
    *paths: Path,
    overwrite: bool,
    remedies: Remedies,
    protected: tuple[Path, ...] = (),
) -> None:
    """Stop before writing over an input of the course (existing or not, or a
    ``protected`` file), where a folder stands, or over any existing file unless
    ``overwrite`` (the rules of :func:`gradelib.files.refuse_output`)."""
    refuse_output(
        *paths,
        inputs=(*course_inputs(course.folder), *input_files(course.folder), *protected),
        overwrite=overwrite,
        remedy=remedies.overwrite,
    )


@staged("export, rest")
def export_to_canvas(
    course: Course,
    out: Path,
    *,
    export: CanvasExport | None = None,
    overwrite: bool = False,
    allow_deletions: bool = False,
    without_final_overrides: bool = False,
    now: datetime | None = None,
    remedies: Remedies = COMMAND_LINE,
    protected: tuple[Path, ...] = (),
    report: GradeReport | None = None,
    previous: Path | None = None,
    stage: Callable[[str], object] | None = None,
) -> ExportResult:
    """Write the Canvas import file of a course, read it back and check it.

    Parameters
    ----------
    course : Course
        The course (:func:`gradelib.load_course`).
    out : Path
        The CSV to write.
    export : CanvasExport, optional
        A newer Canvas gradebook export to write against; the course's ``roster.csv`` by
        default.
    overwrite : bool
        Replace ``out`` (and its manifest) when they exist (never an input file).
    allow_deletions : bool
        Write even where a blank would delete a score Canvas has.
    without_final_overrides : bool
        Write without the ``Override Score`` column on purpose, even where a final
        override exists and policy.toml's ``[canvas] override_score`` is false.
    now : datetime, optional
        The time recorded in the manifest (the current time by default).
    remedies : Remedies
        How error messages tell the GSI to ask for the above (:data:`COMMAND_LINE`, or
        the notebook panel's checkboxes).
    protected : tuple of Path
        Further input files never to write over (the newer Canvas export read).
    report : GradeReport, optional
        ``score_course(course)`` when the caller has it already (the notebook session);
        scored here otherwise.
    previous : Path, optional
        An earlier export (:func:`gradelib.export.unchanged.latest_export`): when the new
        file would hold exactly its bytes, nothing is written
        (:class:`~gradelib.export.unchanged.Unchanged`).
    stage : callable, optional
        Called with the name of each of the :data:`STAGES` as it starts (a progress bar
        in the notebook; 100,000 students take seconds).

    Returns
    -------
    ExportResult
        Check ``ok`` before uploading: ``messages()`` says what was found.

    Raises
    ------
    ExportError
        When ``out`` is an input file or exists (and ``overwrite`` is off), when the
        import would delete scores in Canvas (and ``allow_deletions`` is off), or when a
        final override would not reach Canvas (:class:`Unchanged`, a kind of it, when
        ``previous`` holds the same bytes). Nothing is written then.
    """
    out = Path(out)
    manifest = manifest_path(out)
    refuse_target(
        course, out, manifest, overwrite=overwrite, remedies=remedies, protected=protected
    )
    step = stage or (lambda _name: None)
    canvas = export if export is not None else course.canvas
    step(STAGES[0])
    report = report if report is not None else score_course(course)
    step(STAGES[1])
    import_file, differences, notices = prepare_import(
        course, report, canvas, allow_deletions, without_final_overrides, remedies
    )
    data = import_file.to_csv()
    refuse_unchanged(data, previous, course.folder)
    step(STAGES[2])
    with timing_stage("write"):
        write_atomically(out, data)
        record = manifest_record(course, out, data, now or datetime.now(UTC))
        write_atomically(manifest, (json.dumps(record, indent=2) + "\n").encode("utf-8"))
    step(STAGES[3])
    with_overrides = OVERRIDE_SCORE in import_file.header
    problems, mismatches = check_written(out, import_file, report, course.policy, with_overrides)
    return ExportResult(
        out,
        manifest,
        import_file,
        differences,
        notices=tuple(notices),
        scheme=tuple(grading_scheme_lines(course.policy)),
        problems=tuple(problems),
        mismatches=tuple(mismatches),
        percent_mode=course.policy.canvas_mode == "percent",
    )


def export_canvas(
    course: Course,
    out: str | Path | None = None,
    *,
    canvas: str | Path | None = None,
    overwrite: bool = False,
    allow_deletions: bool = False,
    without_final_overrides: bool = False,
) -> ExportResult:
    """Write the Canvas import file and its manifest, read it back and check it
    (``gradelib export DIR``).

    Parameters
    ----------
    course : Course
        The course (:func:`gradelib.load_course`; :func:`gradelib.course_as_of` for
        ``--as-of``).
    out : str or Path, optional
        The CSV to write (``--out``); ``<course folder>/out/canvas-import-<time>.csv``
        by default (:func:`gradelib.files.default_output`, the local time to the second).
    canvas : str or Path, optional
        A Canvas gradebook export newer than ``roster.csv`` to write against
        (``--canvas``); it is read, checked and never written over.
    overwrite, allow_deletions, without_final_overrides : bool
        ``--overwrite``, ``--allow-deletions``, ``--without-final-overrides``: as in
        :func:`export_to_canvas`, whose error messages name these flags.

    Returns
    -------
    ExportResult
        ``ok`` when the file may be uploaded; ``written_lines()`` and ``messages()`` are
        what ``gradelib export`` prints. A cell is a component's current value in points
        (or percent, ``[canvas] mode``), apportioned so that Canvas's total is our
        current score to the cent (README, *Uploading to Canvas*).

    Raises
    ------
    CourseError
        When ``canvas`` has errors (nothing is written).
    ExportError
        When ``canvas`` is missing; as :func:`export_to_canvas`: ``out`` is an input file
        or exists, a blank would delete a score Canvas has, a final override would not
        reach Canvas.

    Examples
    --------
    >>> import shutil, tempfile
    >>> import gradelib
    >>> out = Path(tempfile.mkdtemp()) / "import.csv"
    >>> result = export_canvas(gradelib.load_course("data/sample"), out)
    >>> result.ok, len(result.file.rows), result.manifest.name
    (True, 40, 'import.csv.manifest.json')
    >>> result.messages()[-1]
    "Canvas's total, computed from the file, is our current score for all 40 student(s)."
    >>> shutil.rmtree(out.parent)
    """
    newer = Path(canvas) if canvas else None
    target = Path(out or default_output(course.folder, EXPORT_STEM, datetime.now(), ".csv"))
    return export_to_canvas(
        course,
        target,
        export=read_newer_export(newer) if newer else None,
        overwrite=overwrite,
        allow_deletions=allow_deletions,
        without_final_overrides=without_final_overrides,
        protected=(newer,) if newer else (),
    )


@staged("import file")
def prepare_import(
    course: Course,
    report: GradeReport,
    canvas: CanvasExport,
    allow_deletions: bool,
    without_final_overrides: bool,
    remedies: Remedies,
) -> tuple[ImportFile, Differences, list[str]]:
    """The import file to write, how it differs from Canvas, and the notices; or a stop
    (:class:`ExportError`) before anything is written."""
    if problem := identity_problem(canvas.identity):
        raise ExportError(f"cannot write an import file from this Canvas export: {problem}")
    with_overrides, notices = override_column(
        report,
        course.policy,
        without_final_overrides=without_final_overrides,
        remedy=remedies.without_final_overrides,
    )
    import_file = build_import(report, canvas, course.policy, override_score=with_overrides)
    differences = compare_with_export(import_file, canvas, report.grades)
    if len(differences.deleted_scores) and not allow_deletions:
        listing = "\n  ".join(differences.messages())
        raise ExportError(
            f"the import would delete {len(differences.deleted_scores)} score(s) in Canvas:"
            f"\n  {listing}\nGrade those items first, or {remedies.allow_deletions}. "
            "Nothing was written."
        )
    return import_file, differences, [*notices, *other_assignments(import_file, canvas)]
