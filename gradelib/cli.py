"""The ``gradelib`` command: thin wrappers around the Python API.

``gradelib check DIR``      list every problem of a course folder (exit 1 on errors)
``gradelib grade DIR``      print the grades table (``--csv`` for machine use)
``gradelib export DIR``     write the Canvas import file and its manifest, then check it
``gradelib statements DIR``  write each student's grade statement (HTML)
``gradelib rubric-template DIR``  write a pre-filled rubrics.xlsx
``gradelib canvas-check FILE``  check a Canvas import file against Canvas's rules
``gradelib sample DIR``     write the synthetic sample course
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence
from datetime import date
from pathlib import Path

from gradelib.errors import CourseError, GradelibError, Problem, Severity
from gradelib.files import default_output

EXIT_OK, EXIT_PROBLEMS, EXIT_INTERNAL = 0, 1, 2
MIN_SAMPLE_STUDENTS = 4


def _print_problems(problems: Sequence[Problem], stream=None) -> None:
    stream = stream or sys.stdout
    errors = [p for p in problems if p.severity is Severity.ERROR]
    warnings = [p for p in problems if p.severity is Severity.WARNING]
    for problem in [*errors, *warnings]:
        print(problem, file=stream)
    print(f"{len(errors)} error(s), {len(warnings)} warning(s)", file=stream)


def _as_of(text: str) -> date:
    """An ``--as-of`` day: ``YYYY-MM-DD``."""
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a date like 2024-10-15") from None


def _load(args: argparse.Namespace):
    """The course of ``args.folder``, cut back to ``--as-of`` when given."""
    from gradelib.load.course import load_course

    course = load_course(args.folder)
    if getattr(args, "as_of", None) is None:
        return course
    from gradelib.score.progress import course_as_of

    return course_as_of(course, args.as_of)


def cmd_check(args: argparse.Namespace) -> int:
    """Validate a course folder and list every problem."""
    from gradelib.load.course import check_course

    course, problems = check_course(args.folder)
    _print_problems(problems)
    if course is None:
        print("Fix the errors above and run 'gradelib check' again.")
        return EXIT_PROBLEMS
    print(f"{args.folder}: {len(course.roster)} students, ready to grade.")
    return EXIT_OK


def cmd_grade(args: argparse.Namespace) -> int:
    """Print the grades table."""
    from gradelib.score.grades import score_course
    from gradelib.show.table import grades_text

    course = _load(args)
    report = score_course(course)
    grades = report.grades
    if args.csv:
        _grades_csv(grades)
    else:
        print(grades_text(grades, notes=args.notes))
        if args.as_of is not None:
            print(
                f"\nAs of {args.as_of:%Y-%m-%d}: only class days up to then count; 'current' "
                "leaves out what is not graded yet; the letter still comes from the final."
            )
        if course.warnings:
            print(
                f"\n{len(course.warnings)} warning(s): "
                f"run 'gradelib check {args.folder}' to see them."
            )
    return EXIT_OK


def _grades_csv(grades) -> None:
    """The grades as CSV on standard output: numbers as shown everywhere, formulas defused."""
    from gradelib.files import spreadsheet_safe
    from gradelib.sheets.rounding import score_texts

    numbers = grades.select_dtypes(include="number").columns
    texts = grades.columns.difference(numbers)
    shown = grades.assign(
        **{c: score_texts(grades[c], missing="") for c in numbers},
        **{c: grades[c].map(spreadsheet_safe) for c in texts},
    )
    shown.to_csv(sys.stdout, index=False, lineterminator="\n")


def cmd_export(args: argparse.Namespace) -> int:
    """Write the Canvas import file, read it back and check it (exit 1 if not clean)."""
    from datetime import datetime

    from gradelib.export.to_canvas import export_to_canvas, read_newer_export

    course = _load(args)
    newer = Path(args.canvas) if args.canvas else None
    out = Path(args.out or default_output(course.folder, "canvas-import", datetime.now(), ".csv"))
    result = export_to_canvas(
        course,
        out,
        export=read_newer_export(newer) if newer else None,
        overwrite=args.overwrite,
        allow_deletions=args.allow_deletions,
        without_final_overrides=args.without_final_overrides,
        protected=(newer,) if newer else (),
    )
    print("\n".join([*result.written_lines(), *result.messages()]))
    return EXIT_OK if result.ok else EXIT_PROBLEMS


def cmd_statements(args: argparse.Namespace) -> int:
    """Write every student's grade statement."""
    from datetime import datetime

    from gradelib.score.grades import score_course
    from gradelib.show.statements import write_statements

    course = _load(args)
    out = Path(args.out or default_output(course.folder, "statements", datetime.now()))
    written = write_statements(course, score_course(course), out, overwrite=args.overwrite)
    print(f"wrote {len(written.students)} statements to {written.folder}")
    print(f"wrote {written.combined} (all students, one per printed page)")
    return EXIT_OK


def cmd_rubric_template(args: argparse.Namespace) -> int:
    """Write a pre-filled rubrics.xlsx for a course folder."""
    from gradelib.show.rubric_template import write_rubric_template

    path = write_rubric_template(Path(args.folder), out=Path(args.out) if args.out else None)
    print(
        f"wrote {path}: one sheet per rubric, a row per group and graded item; "
        "fill in the scores (each cell accepts 0 to the maximum in row 2)"
    )
    return EXIT_OK


def cmd_canvas_check(args: argparse.Namespace) -> int:
    """Check a Canvas import file."""
    from gradelib.canvas.check import check_import_file

    problems = check_import_file(args.file)
    _print_problems(problems)
    if any(p.severity is Severity.ERROR for p in problems):
        return EXIT_PROBLEMS
    print(f"{args.file}: Canvas will accept this file.")
    return EXIT_OK


def cmd_sample(args: argparse.Namespace) -> int:
    """Write the synthetic sample course."""
    from gradelib.sample import write_sample_course

    folder = Path(args.folder)
    if folder.exists() and any(folder.iterdir()) and not args.force:
        raise GradelibError(
            f"{folder} is not empty; choose an empty folder or add --force to replace "
            "the sample files in it"
        )
    if args.students < MIN_SAMPLE_STUDENTS:
        raise GradelibError(f"--students must be at least {MIN_SAMPLE_STUDENTS} (groups of 2–3)")
    written = write_sample_course(folder, students=args.students, seed=args.seed)
    print(f"wrote {len(written)} files of a {args.students}-student course to {folder}")
    return EXIT_OK


def _flag(command: argparse.ArgumentParser, name: str, text: str) -> None:
    command.add_argument(name, action="store_true", help=text)


def cmd_verify_canvas(args: argparse.Namespace) -> int:
    """Compare a Canvas export downloaded after the import with the course's grades.

    Returns
    -------
    int
        0 when every student agrees, 1 otherwise.

    Raises
    ------
    gradelib.export.verify_read.VerifyError
        When the export cannot be read (``main`` prints it and exits 1).
    gradelib.errors.CourseError
        When the course folder has errors.
    """
    from gradelib.export.verify_canvas import verify_canvas

    result = verify_canvas(_load(args), Path(args.export))
    print("\n".join(result.lines()))
    return EXIT_OK if result.ok else EXIT_PROBLEMS


def add_verify_canvas(commands) -> None:
    """Add the ``verify-canvas`` command to the ``gradelib`` subcommands."""
    verify = commands.add_parser(
        "verify-canvas",
        help="check what Canvas shows after the import against the grades",
        description=(
            "After importing the file 'gradelib export' wrote, download the gradebook "
            "again (Grades › Export › Export Entire Gradebook) and compare: each "
            "component's points, Canvas's current score (and final override) and its "
            "letter, for every student. Exit 0 when all agree, 1 otherwise."
        ),
    )
    verify.add_argument("folder", help="the course folder")
    verify.add_argument("export", help="the Canvas gradebook export downloaded after the import")
    _add_as_of(verify)
    verify.set_defaults(run=cmd_verify_canvas)


def _add_as_of(command: argparse.ArgumentParser) -> None:
    command.add_argument(
        "--as-of",
        type=_as_of,
        metavar="YYYY-MM-DD",
        help="grade the term as it stood on that day (mid-term: later class days do not count)",
    )


def _add_export(commands) -> None:
    """The ``export`` command and its flags."""
    export = commands.add_parser("export", help="write the Canvas import file")
    export.add_argument("folder", help="the course folder")
    export.add_argument(
        "--out", help="the CSV to write (default: DIR/out/canvas-import-<time>.csv)"
    )
    export.add_argument("--canvas", help="a newer Canvas export to write for (default: roster.csv)")
    _flag(export, "--overwrite", "replace an existing file")
    _flag(export, "--allow-deletions", "write even where a blank would delete a score Canvas has")
    _flag(export, "--without-final-overrides", "leave final overrides out on purpose (no column)")
    _add_as_of(export)
    export.set_defaults(run=cmd_export)


def build_parser() -> argparse.ArgumentParser:
    """The argument parser of the ``gradelib`` command."""
    parser = argparse.ArgumentParser(
        prog="gradelib",
        description="The CSE 585 grading workbook: check, grade and export a course folder.",
    )
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    check = commands.add_parser("check", help="list every problem of a course folder")
    check.add_argument("folder", help="the course folder")
    check.set_defaults(run=cmd_check)

    grade = commands.add_parser("grade", help="print the grades table")
    grade.add_argument("folder", help="the course folder")
    grade.add_argument("--csv", action="store_true", help="write CSV to standard output")
    grade.add_argument("--notes", action="store_true", help="show the notes behind each grade")
    _add_as_of(grade)
    grade.set_defaults(run=cmd_grade)

    _add_export(commands)
    add_verify_canvas(commands)
    statements = commands.add_parser(
        "statements", help="write each student's grade statement (HTML, one file each)"
    )
    statements.add_argument("folder", help="the course folder")
    statements.add_argument(
        "--out", help="the folder to write into (default: DIR/out/statements-<date-time>)"
    )
    _flag(statements, "--overwrite", "replace statements of an earlier run")
    _add_as_of(statements)
    statements.set_defaults(run=cmd_statements)

    template = commands.add_parser(
        "rubric-template", help="write rubrics.xlsx pre-filled from the schedule and groups"
    )
    template.add_argument("folder", help="the course folder (policy.toml, groups, schedule)")
    template.add_argument(
        "--out", help="the workbook to write (default: DIR/rubrics.xlsx; never replaced)"
    )
    template.set_defaults(run=cmd_rubric_template)

    canvas_check = commands.add_parser(
        "canvas-check", help="check a Canvas import file against Canvas's rules"
    )
    canvas_check.add_argument("file", help="the CSV to check")
    canvas_check.set_defaults(run=cmd_canvas_check)

    sample = commands.add_parser("sample", help="write the synthetic sample course")
    sample.add_argument("folder", help="where to write it (must be empty unless --force)")
    sample.add_argument("--students", type=int, default=40, help="number of students (default 40)")
    sample.add_argument("--seed", type=int, default=585, help="random seed (default 585)")
    sample.add_argument("--force", action="store_true", help="write into a non-empty folder")
    sample.set_defaults(run=cmd_sample)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit status (0 ok, 1 problems, 2 internal error)."""
    args = build_parser().parse_args(argv)
    try:
        return args.run(args)
    except CourseError as exc:
        where = getattr(args, "folder", None) or getattr(args, "canvas", "")
        print(f"{where}: the course folder has errors; nothing was done.", file=sys.stderr)
        _print_problems(exc.problems, sys.stderr)
        return EXIT_PROBLEMS
    except GradelibError as exc:
        print(f"gradelib: {exc}", file=sys.stderr)
        return EXIT_PROBLEMS
    except BrokenPipeError:
        return EXIT_OK
    except Exception as exc:  # a bug: say so plainly, traceback only on request
        if os.environ.get("GRADELIB_DEBUG"):
            raise
        print(
            f"gradelib: internal error ({type(exc).__name__}: {exc}). This is a bug in gradelib, "
            "not in your files; please report it (set GRADELIB_DEBUG=1 to see details).",
            file=sys.stderr,
        )
        return EXIT_INTERNAL


if __name__ == "__main__":
    sys.exit(main())
