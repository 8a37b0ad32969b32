"""``gradelib verify-canvas DIR EXPORT.csv``: the command line of :func:`verify_canvas`.

After importing the file ``gradelib export`` wrote, the GSI downloads the gradebook
export again and runs this command: it prints, for the students Canvas shows something
else, each likely cause on one line with the students it explains. Exit 0 when every
student agrees, 1 otherwise (and for a file that cannot be read: a message, never a
traceback, through :func:`gradelib.cli.main`).
"""

from __future__ import annotations

import argparse
from pathlib import Path


def cmd_verify_canvas(args: argparse.Namespace) -> int:
    """Compare a Canvas export downloaded after the import with the course's grades.

    Returns
    -------
    int
        0 when every student agrees, 1 otherwise.

    Raises
    ------
    gradelib.canvas.verify_read.VerifyError
        When the export cannot be read (``main`` prints it and exits 1).
    gradelib.errors.CourseError
        When the course folder has errors.
    """
    from gradelib.canvas.verify_canvas import verify_canvas
    from gradelib.cli import EXIT_OK, EXIT_PROBLEMS, _load

    result = verify_canvas(_load(args), Path(args.export))
    print("\n".join(result.lines()))
    return EXIT_OK if result.ok else EXIT_PROBLEMS


def add_verify_canvas(commands) -> None:
    """Add the ``verify-canvas`` command to the ``gradelib`` subcommands."""
    from gradelib.cli import _add_as_of

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
