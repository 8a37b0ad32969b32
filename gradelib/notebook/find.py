"""Finding a student by what was typed: the student box's rule, pure and tested by hand.

The box takes whatever the GSI types: a uniqname, a surname, a first name, the whole
name or the option label ``"Last, First (uniqname)"``, in any case and with or without
accents. :func:`find_students` is the rule (exact, then start, then "Did you mean …?" by
:func:`difflib.get_close_matches`); :class:`RosterIndex` folds the roster's names once,
so a keystroke is a look-up, not a pass over every student. The box itself is
:mod:`gradelib.notebook.lookup`.
"""

from __future__ import annotations

import bisect
import difflib
import itertools
import unicodedata
import weakref
from dataclasses import dataclass

import pandas as pd

#: How many students a list to choose from names at most.
SHOWN = 8
#: How many close spellings a "Did you mean …?" offers at most.
CLOSE = 3


def student_label(name: str, uniqname: str) -> str:
    """The option label of a student: ``"Last, First (uniqname)"``."""
    return f"{name} ({uniqname})"


def roster_pairs(roster: pd.DataFrame) -> list[tuple[str, str]]:
    """(uniqname, name) of every student of a roster, in its order, as text."""
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
            return f"No student matches {quoted}. Did you mean {or_list(self.labels)}?"
        if self.how == "none":
            return f"No student matches {quoted}: type a uniqname, a surname or a first name."
        more = len(self.students) - len(self.labels)
        rest = f" (the first {len(self.labels)} are listed; type more)" if more else ""
        return f"{len(self.students)} students match {quoted}: choose one{rest}."


def or_list(labels: tuple[str, ...]) -> str:
    """``"a"``, ``"a or b"``, ``"a, b or c"``."""
    return labels[0] if len(labels) == 1 else f"{', '.join(labels[:-1])} or {labels[-1]}"


class RosterIndex:
    """The roster's names as the student box compares them, worked out once per roster.

    Every key of every student (:func:`_keys`) is plain-folded once; a typed text is
    then looked up in a dict (exact) or a sorted list (start), not compared with every
    student again.

    Parameters
    ----------
    roster : pandas.DataFrame
        ``uniqname`` and ``name`` (``"Last, First"``) of each student.
    """

    def __init__(self, roster: pd.DataFrame) -> None:
        self.pairs = sorted(roster_pairs(roster), key=lambda pair: (pair[1], pair[0]))
        self.names = dict(self.pairs)
        self.exact: dict[str, list[int]] = {}
        self.owners: dict[str, list[str]] = {}  # for "Did you mean": all keys but the label
        keys = {uniq: _keys(uniq, name) for uniq, name in self.pairs}
        for position, (uniq, _name) in enumerate(self.pairs):
            for key in keys[uniq]:
                self.exact.setdefault(key, []).append(position)
        for uniq, student_keys in keys.items():
            for key in student_keys[:-1]:  # not the label: it holds the uniqname already
                self.owners.setdefault(key, []).append(uniq)
        self.sorted_keys = sorted(self.exact)

    _last: tuple[weakref.ref[pd.DataFrame], RosterIndex] | None = None

    @classmethod
    def of(cls, roster: pd.DataFrame) -> RosterIndex:
        """The index of ``roster``; the last roster's index is kept and used again."""
        last = cls._last
        if last is not None and last[0]() is roster:
            return last[1]
        index = cls(roster)
        cls._last = (weakref.ref(roster), index)
        return index

    def _found(self, positions: set[int], query: str, how: str, limit: int) -> Match:
        hits = [self.pairs[position][0] for position in sorted(positions)]
        labels = tuple(student_label(self.names[uniq], uniq) for uniq in hits[:limit])
        return Match(query, how, tuple(hits), labels)

    def find(self, query: str, limit: int = SHOWN) -> Match:
        """What ``query`` finds (the rule of :func:`find_students`)."""
        text = _plain(query)
        if not text:
            return Match(query, "empty")
        if text in self.exact:
            return self._found(set(self.exact[text]), query, "exact", limit)
        first = bisect.bisect_left(self.sorted_keys, text)
        starting = itertools.takewhile(
            lambda key: key.startswith(text), itertools.islice(self.sorted_keys, first, None)
        )
        positions = {position for key in starting for position in self.exact[key]}
        if positions:
            return self._found(positions, query, "start", limit)
        close = difflib.get_close_matches(text, list(self.owners), n=CLOSE)
        hits = list(dict.fromkeys(uniq for key in close for uniq in self.owners[key]))[:CLOSE]
        if not hits:
            return Match(query, "none")
        labels = tuple(student_label(self.names[uniq], uniq) for uniq in hits)
        return Match(query, "close", tuple(hits), labels)


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

    The roster's keys are worked out once (:meth:`RosterIndex.of`), not per text typed.

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
    return RosterIndex.of(roster).find(query, limit)
