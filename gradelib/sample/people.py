"""The synthetic students (names, uniqnames, Canvas and SIS ids) and their project groups."""

from __future__ import annotations

import itertools
import unicodedata
from dataclasses import dataclass

import numpy as np

from gradelib.sample.names import APOSTROPHE_LAST_NAMES, FIRST_NAMES, LAST_NAMES

SECTION = "CSE 585 001 FA 2024"
TWO_SECTIONS = "CSE 585 001 FA 2024 and CSE 585 002 FA 2024"
#: Uniqnames that are taken already (the course staff).
STAFF = ("insujang", "mosharaf")
MIN_STUDENTS = 4
#: Distinct first and last name pairs; larger courses give everyone a middle initial.
NAME_PAIRS = len(FIRST_NAMES) * len(LAST_NAMES)
MIDDLE_INITIALS = "ABCDEFGHIJKLMNOPRSTVW"
MAX_STUDENTS = NAME_PAIRS * len(MIDDLE_INITIALS)


@dataclass(frozen=True)
class Student:
    """One synthetic student.

    Attributes
    ----------
    first, last : str
        Given name and surname.
    uniqname : str
        The Michigan login: 3 to 8 lower-case ASCII letters, unique.
    canvas_id : int
        Canvas user id (6 digits).
    sis_id : str
        SIS User ID (UMID): 8 digits, leading zeros kept.
    section : str
        Canvas section name(s).
    """

    first: str
    last: str
    uniqname: str
    canvas_id: int
    sis_id: str
    section: str

    @property
    def sortable_name(self) -> str:
        """The name as Canvas shows it: ``Last, First``."""
        return f"{self.last}, {self.first}"

    @property
    def display_name(self) -> str:
        """The name as Piazza shows it: ``First Last``."""
        return f"{self.first} {self.last}"


def ascii_letters(name: str) -> str:
    """Lower-case ASCII letters of a name: ``"Hernández-Ruiz"`` -> ``"hernandezruiz"``."""
    decomposed = unicodedata.normalize("NFKD", name).lower()
    return "".join(c for c in decomposed if "a" <= c <= "z")


def collation_key(name: str) -> str:
    """Sort key of a name as Canvas sorts: accents and case ignored, punctuation kept."""
    decomposed = unicodedata.normalize("NFKD", name)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


def _uniqname_candidates(first: str, last: str, style: int) -> list[str]:
    f, g = ascii_letters(first), ascii_letters(last)
    styles = [f + g, f[0] + g, f[:2] + g, f + g[0], g + f[0], f[:3] + g, g[:4] + f]
    ordered = styles[style:] + styles[:style]
    return [candidate[:8] for candidate in ordered]


def make_uniqname(first: str, last: str, style: int, taken: set[str]) -> str:
    """A free uniqname for a person, added to ``taken``.

    Parameters
    ----------
    first, last : str
        The person's names.
    style : int
        Which spelling to try first (0 to 6); the others follow in turn.
    taken : set of str
        Uniqnames in use; the new one is added.

    Returns
    -------
    str
        3 to 8 lower-case letters, not in ``taken`` before the call.
    """
    candidates = _uniqname_candidates(first, last, style)
    chosen = next((c for c in candidates if c not in taken and len(c) >= 3), None)
    if chosen is None:
        chosen = _suffixed(candidates[0], taken)
    taken.add(chosen)
    return chosen


def _suffixed(spelling: str, taken: set[str]) -> str:
    """The first free ``spelling`` cut short plus 2, 3 or 4 letters (``"meikangab"``)."""
    letters = "abcdefghijklmnopqrstuvwxyz"
    for width in (2, 3, 4):
        for suffix in itertools.product(letters, repeat=width):
            candidate = spelling[: 8 - width] + "".join(suffix)
            if candidate not in taken:
                return candidate
    raise ValueError(f"no free uniqname for {spelling!r}")


def unique_integers(rng: np.random.Generator, low: int, high: int, size: int) -> list[int]:
    """``size`` distinct integers in ``[low, high)``, in the order drawn."""
    chosen: dict[int, None] = {}
    while len(chosen) < size:
        for value in rng.integers(low, high, size=size - len(chosen)).tolist():
            chosen.setdefault(int(value), None)
    return list(chosen)[:size]


def _spread(size: int, count: int, rng: np.random.Generator) -> list[int]:
    """``count`` indexes below ``size``: shuffled rounds, so none repeats much."""
    order: list[int] = []
    while len(order) < count:
        order.extend(rng.permutation(size).tolist())
    return order[:count]


def _name_pairs(count: int, rng: np.random.Generator) -> list[list[str]]:
    """``count`` distinct (first, last) names, each name used about equally often.

    Up to :data:`NAME_PAIRS` students, first and last names are paired; beyond that
    (an online course), every first name carries a middle initial (``"Mei K."``).
    """
    if count > NAME_PAIRS:
        return _names_with_initials(count, rng)
    firsts = _spread(len(FIRST_NAMES), count, rng)
    lasts = _spread(len(LAST_NAMES), count, rng)
    seen: set[tuple[int, int]] = set()
    for i, last in enumerate(lasts):
        while (firsts[i], last) in seen:
            firsts[i] = int(rng.integers(len(FIRST_NAMES)))
        seen.add((firsts[i], last))
    return [[FIRST_NAMES[f], LAST_NAMES[g]] for f, g in zip(firsts, lasts, strict=True)]


def _names_with_initials(count: int, rng: np.random.Generator) -> list[list[str]]:
    """``count`` distinct names ``[First M., Last]``, drawn without repeats."""
    picks = rng.choice(MAX_STUDENTS, size=count, replace=False).tolist()
    names = []
    for pick in picks:
        pair, initial = divmod(pick, len(MIDDLE_INITIALS))
        first, last = divmod(pair, len(LAST_NAMES))
        names.append([f"{FIRST_NAMES[first]} {MIDDLE_INITIALS[initial]}.", LAST_NAMES[last]])
    return names


def make_students(count: int, rng: np.random.Generator) -> tuple[list[Student], int]:
    """Make ``count`` students with distinct made-up names, sorted as Canvas sorts them.

    Parameters
    ----------
    count : int
        Number of students, ``MIN_STUDENTS`` to ``MAX_STUDENTS``.
    rng : numpy.random.Generator
        The random stream.

    Returns
    -------
    students : list of Student
        Sorted by ``Last, First`` ignoring case and accents, as in a Canvas export.
    test_student_id : int
        A Canvas id, distinct from the students', for Canvas's test student.
    """
    if not MIN_STUDENTS <= count <= MAX_STUDENTS:
        raise ValueError(f"students must be {MIN_STUDENTS} to {MAX_STUDENTS}, not {count}")
    names = _name_pairs(count, rng)
    apostrophe = int(rng.integers(count))
    names[apostrophe][1] = APOSTROPHE_LAST_NAMES[int(rng.integers(len(APOSTROPHE_LAST_NAMES)))]
    styles = rng.integers(0, 7, size=count).tolist()
    canvas_ids = unique_integers(rng, 100_000, 1_000_000, count + 1)
    # UMIDs below 30,000,000: about one in three starts with a zero.
    sis_ids = unique_integers(rng, 0, 30_000_000, count)
    two_sections = int(rng.integers(count))
    taken = set(STAFF)
    students = [
        Student(
            first=first,
            last=last,
            uniqname=make_uniqname(first, last, style, taken),
            canvas_id=canvas_id,
            sis_id=f"{sis_id:08d}",
            section=TWO_SECTIONS if i == two_sections else SECTION,
        )
        for i, ((first, last), style, canvas_id, sis_id) in enumerate(
            zip(names, styles, canvas_ids, sis_ids, strict=False)
        )
    ]
    students.sort(key=lambda s: (collation_key(s.sortable_name), s.sortable_name, s.uniqname))
    return students, canvas_ids[-1]


def make_groups(uniqnames: list[str], rng: np.random.Generator) -> dict[str, tuple[str, ...]]:
    """Split the students into project groups of 2 or 3.

    With ``k = ceil(n / 3)`` groups, ``3k - n`` (0 to 2) of them have two members.

    Parameters
    ----------
    uniqnames : list of str
        The students (at least ``MIN_STUDENTS``).
    rng : numpy.random.Generator
        The random stream.

    Returns
    -------
    dict
        Group id (``g01``, ``g02``, ...; three digits from 100 groups on) -> sorted
        member uniqnames, in group-id order.
    """
    n = len(uniqnames)
    if n < MIN_STUDENTS:
        raise ValueError(f"at least {MIN_STUDENTS} students are needed for groups of 2-3")
    k = -(-n // 3)
    pairs = 3 * k - n
    sizes = [3] * (k - pairs) + [2] * pairs
    order = [uniqnames[i] for i in rng.permutation(n).tolist()]
    width = max(2, len(str(k)))
    groups: dict[str, tuple[str, ...]] = {}
    start = 0
    for number, size in enumerate(sizes, start=1):
        groups[f"g{number:0{width}d}"] = tuple(sorted(order[start : start + size]))
        start += size
    return groups
