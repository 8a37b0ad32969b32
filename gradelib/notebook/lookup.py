"""Finding a student: the student box, what it finds, and what gradelib shows of them.

The box takes whatever the GSI types: a uniqname, a surname, a first name, the whole
name or the option label ``"Last, First (uniqname)"``, in any case and with or without
accents. :func:`find_students` is the rule, pure and tested by hand; the box shows the
student when one is found, lists the students to choose from when several are, and
says so with a "Did you mean …?" (:func:`difflib.get_close_matches`) when none is.
"""

from __future__ import annotations

import difflib
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass

import ipywidgets as widgets
import pandas as pd

from gradelib.load.course import Course
from gradelib.notebook.panel import WIDE, Panel, message_html
from gradelib.notebook.session import Session
from gradelib.show.explain import student_days
from gradelib.show.html import render
from gradelib.show.statements import statement_fragment

PROMPT = "Type a name or uniqname"
#: How many students a list to choose from names at most.
SHOWN = 8
#: How many close spellings a "Did you mean …?" offers at most.
CLOSE = 3


def student_label(name: str, uniqname: str) -> str:
    """The option label of a student: ``"Last, First (uniqname)"``."""
    return f"{name} ({uniqname})"


def student_options(course: Course) -> dict[str, str]:
    """The student box's options: ``"Last, First (uniqname)"`` -> uniqname, by name.

    Parameters
    ----------
    course : Course
        Its roster gives the names.

    Returns
    -------
    dict of str to str
        Option label to uniqname, sorted by name, then uniqname.
    """
    roster = course.roster.sort_values(["name", "uniqname"])
    return {student_label(name, uniq): uniq for uniq, name in _pairs(roster)}


def _pairs(roster: pd.DataFrame) -> list[tuple[str, str]]:
    return [(str(uniq), str(name)) for uniq, name in roster[["uniqname", "name"]].to_numpy()]


def _plain(text: str) -> str:
    """Text as compared: accents dropped, case folded, runs of spaces as one space."""
    decomposed = unicodedata.normalize("NFKD", text)
    bare = "".join(char for char in decomposed if not unicodedata.combining(char))
    return " ".join(bare.casefold().split())


def _keys(uniqname: str, name: str) -> list[str]:
    """What finds a student: uniqname, surname, first name, the name both ways, the label."""
    last, _, first = (part.strip() for part in name.partition(","))
    keys = [uniqname, last, first, name, f"{first} {last}", student_label(name, uniqname)]
    return [_plain(key) for key in keys if key.strip()]


@dataclass(frozen=True)
class Match:
    """What a text typed in the student box finds on the roster.

    Attributes
    ----------
    query : str
        The text as typed.
    how : str
        ``"exact"`` (a uniqname, surname, first name, whole name or label equals the
        text), ``"start"`` (one of them starts with it), ``"close"`` (none does; the
        students are the closest spellings: "Did you mean …?"), ``"none"`` or ``"empty"``.
    students : tuple of str
        The uniqnames found (by name), or suggested when ``how`` is ``"close"``.
    labels : tuple of str
        Their option labels, ``"Last, First (uniqname)"``, in the same order.
    """

    query: str
    how: str
    students: tuple[str, ...] = ()
    labels: tuple[str, ...] = ()

    @property
    def uniqname(self) -> str | None:
        """The one student found (exactly, or the only one starting so), else ``None``."""
        if self.how in ("exact", "start") and len(self.students) == 1:
            return self.students[0]
        return None

    def message(self) -> str:
        """What the box says when it does not show one student (``""`` when it does)."""
        quoted = f"“{self.query.strip()}”"
        if self.how == "empty" or self.uniqname:
            return ""
        if self.how == "close":
            return f"No student matches {quoted}. Did you mean {_or(self.labels)}?"
        if self.how == "none":
            return f"No student matches {quoted}: type a uniqname, a surname or a first name."
        more = len(self.students) - len(self.labels)
        rest = f" (the first {len(self.labels)} are listed; type more)" if more else ""
        return f"{len(self.students)} students match {quoted}: choose one{rest}."


def _or(labels: tuple[str, ...]) -> str:
    """``"a"``, ``"a or b"``, ``"a, b or c"``."""
    return labels[0] if len(labels) == 1 else f"{', '.join(labels[:-1])} or {labels[-1]}"


def find_students(roster: pd.DataFrame, query: str, limit: int = SHOWN) -> Match:
    """The students a typed text names: the student box's rule.

    Case, accents and extra spaces do not count. In order, the first rule that finds
    someone answers:

    1. exact: the text is a student's uniqname, surname, first name, whole name
       (``"Last, First"`` or ``"First Last"``) or option label (every such student);
    2. start: one of those starts with the text (every such student);
    3. close: the closest uniqnames, surnames, first names and whole names
       (:func:`difflib.get_close_matches`, at most :data:`CLOSE`, best first): a
       "Did you mean …?" for a typo such as one letter wrong or two letters swapped.

    Parameters
    ----------
    roster : pandas.DataFrame
        ``uniqname`` and ``name`` (``"Last, First"``) of each student.
    query : str
        What was typed.
    limit : int
        Most labels kept in :attr:`Match.labels` (all uniqnames are in ``students``
        for an exact or start match).

    Returns
    -------
    Match
        Students by name (then uniqname), except close ones: closest first.

    Examples
    --------
    >>> roster = pd.DataFrame({"uniqname": ["karanb", "nbianchi"],
    ...                        "name": ["Becker, Karan", "Bianchi, Nia"]})
    >>> find_students(roster, "BECKER").uniqname
    'karanb'
    >>> find_students(roster, "Bekcer").message()
    'No student matches “Bekcer”. Did you mean Becker, Karan (karanb)?'
    """
    text = _plain(query)
    if not text:
        return Match(query, "empty")
    pairs = sorted(_pairs(roster), key=lambda pair: (pair[1], pair[0]))
    keys = {uniq: _keys(uniq, name) for uniq, name in pairs}
    names = dict(pairs)
    for how, found in (
        ("exact", lambda key: key == text),
        ("start", lambda key: key.startswith(text)),
    ):
        hits = [uniq for uniq, _ in pairs if any(found(key) for key in keys[uniq])]
        if hits:
            labels = tuple(student_label(names[uniq], uniq) for uniq in hits[:limit])
            return Match(query, how, tuple(hits), labels)
    owners: dict[str, list[str]] = {}
    for uniq, student_keys in keys.items():
        for key in student_keys[:-1]:  # not the label: it holds the uniqname already
            owners.setdefault(key, []).append(uniq)
    close = difflib.get_close_matches(text, list(owners), n=CLOSE)
    hits = list(dict.fromkeys(uniq for key in close for uniq in owners[key]))[:CLOSE]
    if not hits:
        return Match(query, "none")
    labels = tuple(student_label(names[uniq], uniq) for uniq in hits)
    return Match(query, "close", tuple(hits), labels)


def uniqname_for(course: Course, text: str) -> tuple[str | None, str]:
    """Typed text as one student, for a panel that writes (strict: exact matches only).

    Parameters
    ----------
    course : Course
        Its roster.
    text : str
        What was typed in the student box.

    Returns
    -------
    (str or None, str)
        The uniqname and ``""`` when the text names exactly one student (uniqname,
        surname, first name, whole name or label); else ``None`` and what to tell the
        GSI (choose a student, which students match, or "Did you mean …?").
    """
    match = find_students(course.roster, text)
    if match.how == "exact" and match.uniqname:
        return match.uniqname, ""
    if match.how == "empty":
        return None, "Choose a student first."
    if match.how == "start":
        return None, f"No student is called “{text.strip()}”. Did you mean {_or(match.labels)}?"
    return None, match.message()


class StudentPicker(Panel):
    """The student box and what ``render`` makes of the student it finds, kept current.

    Parameters
    ----------
    session : Session
        The workbook session; the student shown is redrawn after every change of it.
    render : callable
        ``render(session, uniqname)`` -> HTML of one student.
    prompt : str
        The box's placeholder.
    """

    def __init__(
        self, session: Session, render: Callable[[Session, str], str], prompt: str = PROMPT
    ) -> None:
        self.session, self.render = session, render
        self.match = Match("", "empty")
        self.search = widgets.Combobox(
            options=self._options(), placeholder=prompt, ensure_option=False,
            description="Student", layout=WIDE,
        )  # fmt: skip
        self.choices = widgets.ToggleButtons(options=(), value=None, style={"button_width": "auto"})
        self.choices.layout.display = "none"
        self.note, self.view = widgets.HTML(), widgets.HTML()
        self.search.observe(lambda change: self.show(change["new"]), names="value")
        self.choices.observe(self._chosen, names="value")
        super().__init__([self.search, self.note, self.choices, self.view])
        session.on_change(lambda _session: self.redraw())

    def _options(self) -> list[str]:
        course = self.session.course
        return list(student_options(course)) if course is not None else []

    def _chosen(self, change: dict) -> None:
        if change["new"]:
            self.search.value = change["new"]

    def show(self, text: str) -> None:
        """Show the student ``text`` names, the students to choose from, or why none."""
        if self.session.stale:
            self.match = Match(text, "none")
            self.note.value, self.view.value = message_html(self.session.stale, "error"), ""
            self._offer(())
            return
        self.match = find_students(self.session.course.roster, text)
        uniqname = self.match.uniqname
        self.view.value = self.render(self.session, uniqname) if uniqname else ""
        self.note.value = render(
            "panel_lookup_match.html", how=self.match.how, message=self.match.message()
        )
        self._offer(() if uniqname else self.match.labels)

    def _offer(self, labels: tuple[str, ...]) -> None:
        """Buttons for the students to choose from (hidden when there are none)."""
        self.choices.options = labels
        self.choices.value = None
        self.choices.layout.display = None if labels else "none"

    def redraw(self) -> None:
        """After a change of the session: the options and the student shown, anew."""
        self.search.options = self._options()
        self.show(self.search.value)


def student_lookup(session: Session) -> StudentPicker:
    """One student's grade statement, as ``gradelib statements`` writes it for them."""
    return StudentPicker(
        session, lambda now, uniqname: statement_fragment(now.course, now.report, uniqname)
    )


def student_days_lookup(session: Session) -> StudentPicker:
    """One student's attendance dates and questions."""
    return StudentPicker(
        session, lambda now, uniqname: student_days(now.course, now.report, uniqname)
    )
