"""Problems found in a course folder, and the package's own error types.

Every check in gradelib reports into a :class:`ProblemLog` instead of raising at the
first mistake, so that one run lists every problem of a course folder. A problem names
the file, sheet, row and column it was found in and says what was expected, in the
words a course GSI uses.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum


class Severity(StrEnum):
    """How bad a problem is: errors stop grading, warnings do not."""

    ERROR = "error"
    WARNING = "warning"


@dataclass(frozen=True)
class Problem:
    """One thing wrong (or worth a look) in a course folder.

    Attributes
    ----------
    severity : Severity
        ``ERROR`` stops grading; ``WARNING`` is shown but grading goes on.
    file : str
        File name relative to the course folder, e.g. ``"groups.csv"``.
    message : str
        What is wrong and what was expected.
    sheet : str or None
        Sheet name, for spreadsheets with several sheets.
    row : int or None
        Row number as the spreadsheet program shows it (the header is row 1); for a
        text file such as ``policy.toml``, the line number.
    column : str or None
        Column name as written in the header.
    """

    severity: Severity
    file: str
    message: str
    sheet: str | None = None
    row: int | None = None
    column: str | None = None

    @property
    def location(self) -> str:
        """Where the problem is, e.g. ``"rubrics.xlsx, sheet summary, row 7, column clarity"``."""
        parts = [self.file]
        if self.sheet is not None:
            parts.append(f"sheet {self.sheet}")
        if self.row is not None:
            parts.append(f"{'line' if self.file.endswith('.toml') else 'row'} {self.row}")
        if self.column is not None:
            parts.append(f"column {self.column}")
        return ", ".join(parts)

    def __str__(self) -> str:
        return f"{self.severity}: {self.location}: {self.message}"


@dataclass
class ProblemLog:
    """Collects problems while a course folder is read and checked.

    Examples
    --------
    >>> log = ProblemLog()
    >>> log.error("groups.csv", "uniqname 'zz' is not on the roster", row=4, column="uniqname")
    >>> log.has_errors
    True
    >>> print(log.problems[0])
    error: groups.csv, row 4, column uniqname: uniqname 'zz' is not on the roster
    """

    problems: list[Problem] = field(default_factory=list)

    def error(
        self,
        file: str,
        message: str,
        *,
        sheet: str | None = None,
        row: int | None = None,
        column: str | None = None,
    ) -> None:
        """Record an error: a problem that makes grading impossible or unsafe."""
        self.problems.append(Problem(Severity.ERROR, file, message, sheet, row, column))

    def warning(
        self,
        file: str,
        message: str,
        *,
        sheet: str | None = None,
        row: int | None = None,
        column: str | None = None,
    ) -> None:
        """Record a warning: worth a look, but grading can go on."""
        self.problems.append(Problem(Severity.WARNING, file, message, sheet, row, column))

    @property
    def errors(self) -> list[Problem]:
        """The problems that stop grading."""
        return [p for p in self.problems if p.severity is Severity.ERROR]

    @property
    def warnings(self) -> list[Problem]:
        """The problems that do not stop grading."""
        return [p for p in self.problems if p.severity is Severity.WARNING]

    @property
    def has_errors(self) -> bool:
        """Whether any error was recorded."""
        return any(p.severity is Severity.ERROR for p in self.problems)


class GradelibError(Exception):
    """Base class of every error gradelib raises on purpose."""


class CourseError(GradelibError):
    """A course folder has errors; ``problems`` lists every one of them (and the warnings).

    Parameters
    ----------
    problems : list of Problem
        Everything found in the folder, errors first in file order.
    """

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = list(problems)
        errors = [p for p in self.problems if p.severity is Severity.ERROR]
        lines = [f"the course folder has {len(errors)} error(s):"]
        lines += [f"  {p}" for p in errors]
        super().__init__("\n".join(lines))


class ExportError(GradelibError):
    """An export was refused (for example, it would overwrite an existing file)."""
