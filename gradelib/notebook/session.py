"""The workbook session: the one course and graded result every panel of a notebook reads.

A notebook opens one :class:`Session` (``session = nb.open_session(folder)``) and hands it
to every panel and live view. Every change the workbook makes (an override, the policy,
the cut-offs) goes through :meth:`Session.change`: the file is written first and recorded
in the course's change history (:mod:`gradelib.load.history`), then the course is read
again and re-scored, and every view and panel on the page is redrawn from the new result
(or says it is out of date, with why, when the files now have errors). Buttons that write
files call :meth:`Session.ensure_current` first: a course file changed behind the
notebook's back (edited in a spreadsheet program) is noticed, the page is brought up to
date, and nothing is written until the GSI has looked at the new result.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from gradelib.errors import GradelibError, Problem, Severity
from gradelib.load.history import Change, record_change, undo_change
from gradelib.notebook.fingerprint import Fingerprint, fingerprints

if TYPE_CHECKING:
    import pandas as pd

    from gradelib.load.course import Course
    from gradelib.score.grades import GradeReport

Listener = Callable[["Session"], None]
T = TypeVar("T")


class Session:
    """One course folder as read and graded now, and the panels that show it.

    Parameters
    ----------
    folder : Path
        The course folder.
    clock : callable
        Returns now: the time recorded with each change (for tests).

    Attributes
    ----------
    course : Course or None
        The course as last read; ``None`` when the files have errors.
    report : GradeReport or None
        Its graded result (``None`` with the course).
    problems : list of Problem
        What the last reading found (errors and warnings).
    version : int
        1 after opening, one more after every reading.
    derived : dict
        What the panels derived from this reading (:meth:`derive`); emptied by every
        reading.
    """

    def __init__(self, folder: Path, clock: Callable[[], datetime] = datetime.now) -> None:
        self.folder, self.clock = Path(folder), clock
        self.course: Course | None = None
        self.report: GradeReport | None = None
        self.problems: list[Problem] = []
        self.version = 0
        self.read: dict[str, Fingerprint] = {}
        self.listeners: list[Listener] = []
        self.derived: dict[str, Any] = {}
        self.reload()

    @property
    def errors(self) -> int:
        """How many errors the last reading found (0: the course is graded)."""
        return sum(problem.severity is Severity.ERROR for problem in self.problems)

    @property
    def stale(self) -> str | None:
        """Why the page cannot show the files' result (``None`` when it does)."""
        if self.course is None:
            return (
                f"Out of date: the course files now have {self.errors} error(s) (listed at "
                "the top of the notebook). Fix them; the page follows the next change."
            )
        return None

    def derive(self, key: str, compute: Callable[[], T]) -> T:
        """``compute()``, worked out once per reading and shared by the panels (a slider
        move then reuses what only a change of the course can change).

        Parameters
        ----------
        key : str
            Names what is derived (one key, one meaning).
        compute : callable
            Derives it from :attr:`course` and :attr:`report`.
        """
        if key not in self.derived:
            self.derived[key] = compute()
        return self.derived[key]

    def grades_by_student(self) -> pd.DataFrame:
        """The report's grades table indexed by uniqname (:meth:`derive`)."""
        assert self.report is not None
        report = self.report
        return self.derive("grades by uniqname", lambda: report.grades.set_index("uniqname"))

    def on_change(self, listener: Listener) -> None:
        """Call ``listener(session)`` after every reading (the course may be ``None``)."""
        self.listeners.append(listener)

    def reload(self) -> None:
        """Read and check the course folder again, re-score it, and redraw every view."""
        from gradelib.load.course import check_course
        from gradelib.score.grades import score_course

        self.read = fingerprints(self.folder)
        course, self.problems = check_course(self.folder)
        self.course, self.report = course, score_course(course) if course else None
        self.derived = {}
        self.version += 1
        for listener in list(self.listeners):
            listener(self)

    def changed_files(self) -> list[str]:
        """The course files that changed on disk since the last reading, by name."""
        now = fingerprints(self.folder, self.read)
        hashes = {name: seen.sha256 for name, seen in self.read.items()}
        changed = sorted(
            name
            for name in hashes.keys() | now.keys()
            if name not in now or hashes.get(name) != now[name].sha256
        )
        if not changed:  # touched files with the same content: their new size and time
            self.read = now
        return changed

    def ensure_current(self) -> list[str]:
        """Before writing anything: the course files changed since the last reading.

        When there are some, the course is read again (every view redrawn) and their
        names are returned: the caller then writes nothing and says so
        (:meth:`changed_message`), so that nothing goes out that the GSI has not seen.
        """
        changed = self.changed_files()
        if changed:
            self.reload()
        return changed

    def changed_message(self, changed: list[str]) -> str:
        """What a button says when :meth:`ensure_current` found changed files."""
        names = ", ".join(str(self.folder / name) for name in changed)
        return (
            f"Not written: {names} changed on disk since the notebook read it. Every table "
            "and panel now shows the files as they are; look, then press again."
        )

    def require_current(self) -> None:
        """Raise :class:`~gradelib.errors.GradelibError` (the message for the page) unless
        the session shows the files as they are on disk now and they have no errors.

        Used by every button that writes; a changed file is read again first
        (:meth:`ensure_current`), so the page shows what the files say.
        """
        changed = self.ensure_current()
        if changed:
            raise GradelibError(self.changed_message(changed))
        if self.stale:
            raise GradelibError(f"Not written. {self.stale}")

    def change(
        self, path: Path, write: Callable[[], object], *, what: str, old: str, new: str,
        reason: str,
    ) -> Change:  # fmt: skip
        """Make one change of a course file, record it, then read and re-score the course.

        ``write`` writes ``path`` (or raises, and nothing is changed or recorded). The old
        file is kept for :meth:`undo` (:func:`gradelib.load.history.record_change`).
        """
        made = record_change(
            path, write, what=what, old=old, new=new, reason=reason, now=self.clock()
        )
        self.reload()
        return made

    def undo(self, number: int, reason: str = "undone in the workbook") -> Change:
        """Undo change ``number`` (its file back byte for byte), then read and re-score."""
        made = undo_change(self.folder, number, reason=reason, now=self.clock())
        self.reload()
        return made

    def __repr__(self) -> str:
        return f"<Session {self.folder.name}: version {self.version}>"


def live(session: Session, render: Callable[[Session], Any], *, always: bool = False) -> None:
    """Display what ``render(session)`` returns, and redraw it after every reading.

    ``render`` returns something IPython displays (``HTML``, ``Image``); while the
    session is out of date (:attr:`Session.stale`) the view says so instead, unless
    ``always`` (a view that works without a graded course: the problems table).
    """
    from IPython.display import HTML, display

    from gradelib.notebook.panel import message_html

    def shown(current: Session) -> Any:
        if current.stale and not always:
            return HTML(message_html(current.stale, "error"))
        return render(current)

    handle = display(shown(session), display_id=True)
    session.on_change(lambda current: handle.update(shown(current)))


def live_html(session: Session, render: Callable[[Session], str], *, always: bool = False) -> None:
    """:func:`live` for a function that returns an HTML fragment."""
    from IPython.display import HTML

    live(session, lambda current: HTML(render(current)), always=always)


def live_figure(session: Session, render: Callable[[Session], Any]) -> None:
    """:func:`live` for a function that returns a matplotlib figure (shown as a PNG)."""
    from IPython.display import Image

    from gradelib.show.plots import figure_png

    live(session, lambda current: Image(data=figure_png(render(current)), format="png"))


def open_session(folder: Path) -> Session:
    """Open the workbook session on a course folder and show what checking it found.

    The problems table stays live: it is redrawn after every change. With errors, Run All
    stops here with what to do next (:class:`~gradelib.notebook.common.StopHere`).
    """
    from gradelib.notebook.common import StopHere
    from gradelib.show.explain import problems_table

    session = Session(folder)
    live_html(session, lambda current: problems_table(current.problems), always=True)
    if session.course is None:
        raise StopHere(
            f"{session.errors} error(s) in the course folder (listed above). Fix those files, "
            "then run the notebook again (Kernel › Restart Kernel and Run All Cells)."
        )
    return session
