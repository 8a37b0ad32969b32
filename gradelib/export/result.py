"""What one Canvas export wrote, and what reading the file back found.

:class:`ExportResult` holds the messages both interfaces show: ``gradelib export`` prints
:meth:`ExportResult.messages`, the notebook's export panel shows the same lines.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from gradelib.errors import Problem
from gradelib.export.compare import Differences
from gradelib.export.import_file import ImportFile


@dataclass(frozen=True)
class ExportResult:
    """What :func:`export_to_canvas` wrote, and what reading it back found.

    Attributes
    ----------
    path : Path
        The import file.
    manifest : Path
        The manifest beside it.
    file : ImportFile
        What was written.
    differences : Differences
        How it differs from the Canvas export (already accepted when written).
    notices : tuple of str
        What the GSI must know before uploading (the Override Score column, ...).
    scheme : tuple of str
        The grading scheme to enter in Canvas (:func:`grading_scheme_lines`).
    problems : tuple of Problem
        ``canvas-check`` on the written file.
    mismatches : tuple of str
        Students whose Canvas total, computed from the file as read back, is not our
        current score.
    percent_mode : bool
        Written in percent mode: Canvas's total depends on the course's assignment groups,
        so ``mismatches`` assume each component is a group weighted as policy.toml says.
    """

    path: Path
    manifest: Path
    file: ImportFile
    differences: Differences
    notices: tuple[str, ...] = ()
    scheme: tuple[str, ...] = ()
    problems: tuple[Problem, ...] = ()
    mismatches: tuple[str, ...] = ()
    percent_mode: bool = False

    @property
    def ok(self) -> bool:
        """Whether the file may be uploaded: canvas-check clean, every total ours."""
        return not self.problems and (self.percent_mode or not self.mismatches)

    def written_lines(self) -> list[str]:
        """What was written: the file (students, columns reused, mode) and the manifest."""
        reused = len(self.file.reused)
        mode = "percent" if self.percent_mode else "points"
        return [
            f"wrote {self.path} ({len(self.file.rows)} students; {reused} existing Canvas "
            f"column(s) reused, {len(self.file.columns) - reused} new; mode {mode})",
            f"wrote {self.manifest}",
        ]

    def column_lines(self) -> list[str]:
        """Where each component went: an existing Canvas column reused, or a new one.

        One line per component, in the file's order, e.g. ``"Paper Presentation
        (88240): existing Canvas column, reused"`` or ``"Paper Summary: new column
        (Canvas creates the assignment on import)"``.
        """
        reused = set(self.file.reused)
        return [
            f"{header}: existing Canvas column, reused"
            if key in reused
            else f"{header}: new column (Canvas creates the assignment on import)"
            for key, header in self.file.columns.items()
        ]

    def check_lines(self) -> list[str]:
        """The result of reading the written file back, one line each."""
        lines = [str(problem) for problem in self.problems]
        students = len(self.file.rows)
        if self.mismatches:
            kind = "warning" if self.percent_mode else "error"
            lines.append(
                f"{kind}: Canvas's total would not be our current score for "
                f"{len(self.mismatches)} of {students} student(s):"
            )
            lines += [f"  {line}" for line in self.mismatches]
        if not self.problems:
            lines.append("canvas-check: the file follows Canvas's import rules.")
        if not self.mismatches:
            basis = ""
            if self.percent_mode:
                basis = " (if each component is an assignment group weighted as in policy.toml)"
            lines.append(
                "Canvas's total, computed from the file, is our current score for all "
                f"{students} student(s){basis}."
            )
        if not self.ok:
            lines.append(f"Do not upload {self.path.name}: fix what is listed above first.")
        return lines

    def messages(self) -> list[str]:
        """Everything to tell the GSI after writing: warnings, notices, the grading
        scheme, and the check of the file as read back (the CLI prints these lines, the
        notebook panel shows them)."""
        warnings = [f"warning: {line}" for line in self.differences.messages()]
        return [*warnings, *self.notices, *self.scheme, *self.check_lines()]
