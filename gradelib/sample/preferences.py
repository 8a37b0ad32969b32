"""The groups' preference form (``preferences.csv``), as Google Forms' responses download.

By the syllabus, groups of 2–3 declare their members and rank the papers they would like
to present by Sep 5; the staff form groups from the students who did not answer. The
synthetic form has one row per response: most groups answer with the members of the
sample's ``groups.csv``, a few groups never answer (their students are left for the staff
to group), and one group answers twice with other choices (the later answer counts).
Each group ranks up to :data:`CHOICES` papers, popular papers more often. Timestamps are
Eastern time as Google Sheets writes them (``8/30/2024 14:05:09``); the rows are in the
order they came in.
"""

from __future__ import annotations

from datetime import datetime, timedelta

import numpy as np

from gradelib.sample.calendar import Session
from gradelib.sample.papers import LECTURES_HEADER, sample_lectures, scaled_lectures

#: Paper choices on the form ("Paper choice 1" ... "Paper choice 5").
CHOICES = 5
PREFERENCES_HEADER = (
    "Timestamp", "Email Address",
    "Member 1 uniqname", "Member 2 uniqname", "Member 3 uniqname",
    *(f"Paper choice {k}" for k in range(1, CHOICES + 1)),
)  # fmt: skip
#: The form opens after the first class and closes at the syllabus deadline.
OPENS = datetime(2024, 8, 27, 12, 0)
CLOSES = datetime(2024, 9, 5, 23, 59, 59)
#: Share of the groups that never answer (at least one group).
SILENT = 0.15
#: Share of the answering groups that rank fewer than CHOICES papers (3 or 4).
SHORT_LISTS = 0.2
#: How fast paper popularity falls off: weight 1 / (place + 1) ** SKEW.
SKEW = 0.8


def form_time(moment: datetime) -> str:
    """A timestamp as Google Sheets writes it: ``9/5/2024 8:03:41``."""
    return f"{moment.month}/{moment.day}/{moment.year} {moment.hour}:{moment:%M:%S}"


def draw_choices(
    papers: list[str], weights: np.ndarray, size: int, rng: np.random.Generator
) -> list[str]:
    """``size`` distinct papers, drawn by popularity, in the order ranked; blanks after."""
    count = min(size, len(papers))
    picked = rng.choice(len(papers), size=count, replace=False, p=weights).tolist()
    return [papers[i] for i in picked] + [""] * (CHOICES - count)


def answer_times(count: int, rng: np.random.Generator) -> list[datetime]:
    """``count`` moments between :data:`OPENS` and :data:`CLOSES`, to the second, sorted."""
    span = int((CLOSES - OPENS).total_seconds())
    offsets = np.sort(rng.choice(span, size=count, replace=False))
    return [OPENS + timedelta(seconds=int(s)) for s in offsets.tolist()]


def preference_rows(
    members: dict[str, tuple[str, ...]], papers: list[str], rng: np.random.Generator
) -> list[list[str]]:
    """Draw the form's responses.

    Parameters
    ----------
    members : dict
        Group id -> member uniqnames (the sample's ``groups.csv``).
    papers : list of str
        The paper titles of the paper lectures (``lectures.csv``), at least one.
    rng : numpy.random.Generator
        The form's own random stream.

    Returns
    -------
    list of list of str
        Rows in the order of :data:`PREFERENCES_HEADER`, by time: the responder's
        e-mail is ``<Member 1>@umich.edu``; a pair leaves Member 3 blank. Of ``k``
        groups, ``max(1, int(0.15 k + 0.5))`` never answer (none when ``k`` is 1) and one
        answering group answers twice.
    """
    groups = list(members)
    silent = min(len(groups) - 1, max(1, int(SILENT * len(groups) + 0.5)))
    quiet = set(rng.choice(len(groups), size=silent, replace=False).tolist())
    answering = [g for i, g in enumerate(groups) if i not in quiet]
    twice = answering[int(rng.integers(len(answering)))]
    weights = 1.0 / (np.arange(len(papers)) + 1.0) ** SKEW
    weights = weights[np.argsort(rng.permutation(len(papers)))]
    weights = weights / weights.sum()
    order = [*answering, twice]
    short = rng.random(len(order)) < SHORT_LISTS
    sizes = np.where(short, rng.integers(3, CHOICES, size=len(order)), CHOICES)
    times = answer_times(len(order), rng)
    # The repeated group's first answer is its earlier time: its second, later one counts.
    places = rng.permutation(len(order)).tolist()
    rows = []
    for group, size, place in zip(order, sizes.tolist(), places, strict=True):
        names = list(members[group])
        first = int(rng.integers(len(names)))
        names = [names[first], *names[:first], *names[first + 1 :]]
        names += [""] * (3 - len(names))
        choices = draw_choices(papers, weights, size, rng)
        rows.append([times[place], f"{names[0]}@umich.edu", *names, *choices])
    earlier, later = sorted(i for i, g in enumerate(order) if g == twice)
    if rows[earlier][0] > rows[later][0]:
        rows[earlier][0], rows[later][0] = rows[later][0], rows[earlier][0]
    rows.sort(key=lambda row: row[0])
    return [[form_time(row[0]), *row[1:]] for row in rows]


def planning_tables(
    members: dict[str, tuple[str, ...]],
    schedule: list[Session],
    rng: np.random.Generator,
    paper_lectures: int | None = None,
) -> dict[str, tuple[tuple[str, ...], list[list[str]]]]:
    """The inputs of planning the term: ``lectures.csv`` and ``preferences.csv``.

    Parameters
    ----------
    members : dict
        Group id -> member uniqnames.
    schedule : list of Session
        The sample calendar (its dates, kinds and topics make ``lectures.csv``).
    rng : numpy.random.Generator
        The form's own random stream (the other tables' streams are left alone).
    paper_lectures : int, optional
        Instead of the calendar, that many paper lectures on consecutive weekdays.

    Returns
    -------
    dict
        File name -> (header, rows).
    """
    if paper_lectures is None:
        lectures = sample_lectures(schedule)
    else:
        lectures = scaled_lectures(paper_lectures)
    papers = [row[3] for row in lectures if row[3]]
    return {
        "lectures.csv": (LECTURES_HEADER, lectures),
        "preferences.csv": (PREFERENCES_HEADER, preference_rows(members, papers, rng)),
    }
