"""The ``gradelib`` command: each command parses its arguments, calls the one public function
of :mod:`gradelib` that the table in its docstring pairs it with, and prints what it returns.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Callable, Sequence
from datetime import date, datetime
from pathlib import Path
from typing import Any, TextIO

import pandas as pd

import gradelib
from gradelib.errors import CourseError, GradelibError, Problem, Severity
from gradelib.files import default_output, spreadsheet_safe
from gradelib.plan.options import PLAN_ARGUMENTS
from gradelib.sheets.rounding import score_texts
from gradelib.show.table import grades_text

EXIT_OK, EXIT_PROBLEMS, EXIT_INTERNAL = 0, 1, 2
# Python strings even with pyarrow installed: Arrow ones cost the loaders 24-32 % (issue 18).
pd.set_option("mode.string_storage", "python")
MIN_SAMPLE_STUDENTS = 4


def _print_problems(problems: Sequence[Problem], stream: TextIO | None = None) -> None:
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


def _load(args: argparse.Namespace) -> gradelib.Course:
    """The course of ``args.folder``, cut back to ``--as-of`` when given."""
    course = gradelib.load_course(args.folder)
    if getattr(args, "as_of", None) is None:
        return course
    return gradelib.course_as_of(course, args.as_of)


def cmd_check(args: argparse.Namespace) -> int:
    """Validate a course folder and list every problem."""
    course, problems = gradelib.check_course(args.folder)
    _print_problems(problems)
    if course is None:
        print("Fix the errors above and run 'gradelib check' again.")
        return EXIT_PROBLEMS
    print(f"{args.folder}: {len(course.roster)} students, ready to grade.")
    return EXIT_OK


def cmd_grade(args: argparse.Namespace) -> int:
    """Print the grades table."""
    course = _load(args)
    grades = gradelib.compute_grades(course)
    if args.csv:
        return _print_csv(grades)
    print(grades_text(grades, notes=args.notes))
    if args.as_of is not None:
        print(
            f"\nAs of {args.as_of:%Y-%m-%d}: only class days up to then count; 'current' "
            "leaves out what is not graded yet; the letter still comes from the final."
        )
    if course.warnings:
        print(
            f"\n{len(course.warnings)} warning(s): run 'gradelib check {args.folder}' to see them."
        )
    return EXIT_OK


def _print_csv(grades: pd.DataFrame) -> int:
    """The grades as CSV: numbers as shown everywhere, formulas defused."""
    numbers = grades.select_dtypes(include="number").columns
    shown = grades.assign(
        **{c: score_texts(grades[c], missing="") for c in numbers},
        **{c: grades[c].map(spreadsheet_safe) for c in grades.columns.difference(numbers)},
    )
    shown.to_csv(sys.stdout, index=False, lineterminator="\n")
    return EXIT_OK


def cmd_export(args: argparse.Namespace) -> int:
    """Write the Canvas import file, read it back and check it (exit 1 if not clean)."""
    result = gradelib.export_canvas(
        _load(args),
        args.out,
        canvas=args.canvas,
        overwrite=args.overwrite,
        allow_deletions=args.allow_deletions,
        without_final_overrides=args.without_final_overrides,
    )
    print("\n".join([*result.written_lines(), *result.messages()]))
    return EXIT_OK if result.ok else EXIT_PROBLEMS


def cmd_verify_canvas(args: argparse.Namespace) -> int:
    """After importing the file 'gradelib export' wrote, download the gradebook again
    (Grades › Export › Export Entire Gradebook) and compare: each component's points,
    Canvas's current score (and final override) and its letter, for every student.
    Exit 0 when all agree, 1 otherwise."""
    result = gradelib.verify_canvas(_load(args), Path(args.export))
    print("\n".join(result.lines()))
    return EXIT_OK if result.ok else EXIT_PROBLEMS


def cmd_statements(args: argparse.Namespace) -> int:
    """Write every student's grade statement."""
    course = _load(args)
    out = Path(args.out or default_output(course.folder, "statements", datetime.now()))
    report = gradelib.score_course(course)
    written = gradelib.write_statements(course, report, out, overwrite=args.overwrite)
    print(f"wrote {len(written.students)} statements to {written.folder}")
    print(f"wrote {written.combined} (all students, one per printed page)")
    return EXIT_OK


def cmd_rubric_template(args: argparse.Namespace) -> int:
    """Write a pre-filled rubrics.xlsx for a course folder."""
    out = Path(args.out) if args.out else None
    path = gradelib.write_rubric_template(Path(args.folder), out=out)
    print(
        f"wrote {path}: one sheet per rubric, a row per group and graded item; "
        "fill in the scores (each cell accepts 0 to the maximum in row 2)"
    )
    return EXIT_OK


def cmd_canvas_check(args: argparse.Namespace) -> int:
    """Check a Canvas import file."""
    problems = gradelib.check_import_file(args.file)
    _print_problems(problems)
    if any(p.severity is Severity.ERROR for p in problems):
        return EXIT_PROBLEMS
    print(f"{args.file}: Canvas will accept this file.")
    return EXIT_OK


def cmd_sample(args: argparse.Namespace) -> int:
    """Write the synthetic sample course."""
    folder = Path(args.folder)
    if folder.exists() and any(folder.iterdir()) and not args.force:
        raise GradelibError(f"{folder} is not empty; choose an empty folder, or add --force")
    if args.students < MIN_SAMPLE_STUDENTS:
        raise GradelibError(f"--students must be at least {MIN_SAMPLE_STUDENTS} (groups of 2–3)")
    written = gradelib.write_sample_course(folder, students=args.students, seed=args.seed)
    print(f"wrote {len(written)} files of a {args.students}-student course to {folder}")
    return EXIT_OK


def cmd_plan(a: argparse.Namespace) -> int:
    """Propose the groups and the lectures' roles from the preference form (issue 17)."""
    return gradelib.plan_term(a.folder, a.preferences, a.lectures, a.seed).propose(a.out, print)


Argument = tuple[str, dict[str, Any]]
Run = Callable[[argparse.Namespace], int]
#: A command: what it runs, its help line, its arguments in order, its description.
Command = tuple[Run, str, tuple[Argument, ...], str | None]


def _arg(name: str, text: str, **options: Any) -> Argument:
    """An argument of a command: its name (``--name`` for an option), help and options."""
    return name, {"help": text, **options}


def _flag(name: str, text: str) -> Argument:
    return _arg(name, text, action="store_true")


def _command(run: Run, text: str, *arguments: Argument, description: str | None = None) -> Command:
    return run, text, arguments, description


FOLDER = _arg("folder", "the course folder")
AS_OF = _arg(
    "--as-of",
    "grade the term as it stood on that day (mid-term: later class days do not count)",
    type=_as_of,
    metavar="YYYY-MM-DD",
)

#: Every command in the order ``gradelib --help`` lists them.
COMMANDS: dict[str, Command] = {
    "check": _command(cmd_check, "list every problem of a course folder", FOLDER),
    "grade": _command(
        cmd_grade,
        "print the grades table",
        FOLDER,
        _flag("--csv", "write CSV to standard output"),
        _flag("--notes", "show the notes behind each grade"),
        AS_OF,
    ),
    "export": _command(
        cmd_export,
        "write the Canvas import file",
        FOLDER,
        _arg("--out", "the CSV to write (default: DIR/out/canvas-import-<time>.csv)"),
        _arg("--canvas", "a newer Canvas export to write for (default: roster.csv)"),
        _flag("--overwrite", "replace an existing file"),
        _flag("--allow-deletions", "write even where a blank would delete a score Canvas has"),
        _flag("--without-final-overrides", "leave final overrides out on purpose (no column)"),
        AS_OF,
    ),
    "verify-canvas": _command(
        cmd_verify_canvas,
        "check what Canvas shows after the import against the grades",
        FOLDER,
        _arg("export", "the Canvas gradebook export downloaded after the import"),
        AS_OF,
        description=cmd_verify_canvas.__doc__,  # the same words
    ),
    "statements": _command(
        cmd_statements,
        "write each student's grade statement (HTML, one file each)",
        FOLDER,
        _arg("--out", "the folder to write into (default: DIR/out/statements-<date-time>)"),
        _flag("--overwrite", "replace statements of an earlier run"),
        AS_OF,
    ),
    "rubric-template": _command(
        cmd_rubric_template,
        "write rubrics.xlsx pre-filled from the schedule and groups",
        _arg("folder", "the course folder (policy.toml, groups, schedule)"),
        _arg("--out", "the workbook to write (default: DIR/rubrics.xlsx; never replaced)"),
    ),
    "canvas-check": _command(
        cmd_canvas_check,
        "check a Canvas import file against Canvas's rules",
        _arg("file", "the CSV to check"),
    ),
    "sample": _command(
        cmd_sample,
        "write the synthetic sample course",
        _arg("folder", "where to write it (must be empty unless --force)"),
        _arg("--students", "number of students (default 40)", type=int, default=40),
        _arg("--seed", "random seed (default 585)", type=int, default=585),
        _flag("--force", "write into a non-empty folder"),
    ),
    "plan": _command(cmd_plan, "propose groups and roles", FOLDER, *PLAN_ARGUMENTS),
}


def build_parser() -> argparse.ArgumentParser:
    """The argument parser of the ``gradelib`` command, built from :data:`COMMANDS`."""
    parser = argparse.ArgumentParser(
        prog="gradelib",
        description="The CSE 585 grading workbook: check, grade and export a course folder.",
    )
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    for name, (run, text, arguments, description) in COMMANDS.items():
        sub = commands.add_parser(name, help=text, description=description)
        for argument, options in arguments:
            sub.add_argument(argument, **options)
        sub.set_defaults(run=run)
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
