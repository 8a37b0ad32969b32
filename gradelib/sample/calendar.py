"""The CSE 585 F'24 calendar and the assignment of groups to the paper lectures."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

import numpy as np

LECTURE = "lecture"
PRESENTATIONS = "presentations"
NO_LECTURE = "no-lecture"

_WORK = "No Lecture: Work on Projects"
_BASICS = "GenAI Basics"
_PRE = "Pre-Training"
_INFERENCE = "Inference"

#: (date, kind, topic, is a paper lecture): Tuesdays and Thursdays, Aug 27 - Dec 5, 2024.
CALENDAR: tuple[tuple[date, str, str, bool], ...] = (
    (date(2024, 8, 27), LECTURE, "Introduction", False),
    (date(2024, 8, 29), LECTURE, _BASICS, True),
    (date(2024, 9, 3), LECTURE, _BASICS, True),
    (date(2024, 9, 5), LECTURE, _BASICS, True),
    (date(2024, 9, 10), NO_LECTURE, _WORK, False),
    (date(2024, 9, 12), LECTURE, "Buffer", False),
    (date(2024, 9, 17), LECTURE, _PRE, True),
    (date(2024, 9, 19), LECTURE, _PRE, True),
    (date(2024, 9, 24), LECTURE, _PRE, True),
    (date(2024, 9, 26), LECTURE, _PRE, True),
    (date(2024, 10, 1), LECTURE, "Post-Training", True),
    (date(2024, 10, 3), LECTURE, _INFERENCE, True),
    (date(2024, 10, 8), LECTURE, _INFERENCE, True),
    (date(2024, 10, 10), LECTURE, _INFERENCE, True),
    (date(2024, 10, 15), NO_LECTURE, "Fall Study Break", False),
    (date(2024, 10, 17), LECTURE, _INFERENCE, True),
    (date(2024, 10, 22), PRESENTATIONS, "Mid-Semester Presentations", False),
    (date(2024, 10, 24), PRESENTATIONS, "Mid-Semester Presentations", False),
    (date(2024, 10, 29), NO_LECTURE, _WORK, False),
    (date(2024, 10, 31), LECTURE, "Buffer", False),
    (date(2024, 11, 5), NO_LECTURE, _WORK, False),
    (date(2024, 11, 7), LECTURE, _INFERENCE, True),
    (date(2024, 11, 12), LECTURE, _INFERENCE, True),
    (date(2024, 11, 14), LECTURE, "Grounding", True),
    (date(2024, 11, 19), LECTURE, "Power, Energy, and Carbon Emissions", True),
    (date(2024, 11, 21), LECTURE, "GenAI for Systems", True),
    (date(2024, 11, 26), LECTURE, "Ethical Considerations", True),
    (date(2024, 11, 28), NO_LECTURE, "Thanksgiving Recess", False),
    (date(2024, 12, 3), LECTURE, "Buffer", False),
    (date(2024, 12, 5), PRESENTATIONS, "Final Poster Presentations", False),
)


@dataclass(frozen=True)
class Session:
    """One class date of the schedule.

    Attributes
    ----------
    day : datetime.date
        The date.
    kind : str
        ``lecture``, ``presentations`` or ``no-lecture``.
    topic : str
        The syllabus topic.
    presenter, summarizer, reviewer : str
        Group ids; blank except on paper lectures (reviewer also blank with two groups).
    """

    day: date
    kind: str
    topic: str
    presenter: str = ""
    summarizer: str = ""
    reviewer: str = ""

    @property
    def is_paper(self) -> bool:
        """Whether a group presents a paper on this date."""
        return bool(self.presenter)

    @property
    def takes_attendance(self) -> bool:
        """Whether attendance is taken on this date."""
        return self.kind != NO_LECTURE


def _tiled(
    groups: list[str], slots: int, rng: np.random.Generator, first: Iterable[str] = ()
) -> list[str]:
    """Shuffled copies of ``groups`` laid end to end, cut to ``slots`` entries.

    Every group appears once before any appears twice, so when there are no more groups
    than slots every group gets at least one slot. With more groups than slots, the
    groups in ``first`` (those without another role yet) are taken before the others.
    """
    preferred = set(first)
    order: list[str] = []
    while len(order) < slots:
        shuffled = [groups[i] for i in rng.permutation(len(groups)).tolist()]
        if not order and preferred:
            shuffled.sort(key=lambda g: g not in preferred)
        order.extend(shuffled)
    chosen = order[:slots]
    return [chosen[i] for i in rng.permutation(slots).tolist()] if preferred else chosen


def _separate(role: list[str], *others: list[str]) -> None:
    """Swap entries of ``role`` (in place) until no slot repeats a group of ``others``."""
    slots = range(len(role))
    for i in slots:
        taken = {other[i] for other in others}
        if role[i] not in taken:
            continue
        for j in slots:
            if role[j] not in taken and role[i] not in {other[j] for other in others}:
                role[i], role[j] = role[j], role[i]
                break


def _fill_gaps(role: list[str], groups: list[str], *others: list[str]) -> None:
    """Replace entries of ``role`` that still clash with ``others`` by any free group."""
    for i, group in enumerate(role):
        taken = {other[i] for other in others}
        if group in taken:
            role[i] = next((g for g in groups if g not in taken), "")


def build_schedule(groups: list[str], rng: np.random.Generator) -> list[Session]:
    """The 30 class dates with presenter, summarizer and reviewer groups.

    Parameters
    ----------
    groups : list of str
        Group ids (at least two).
    rng : numpy.random.Generator
        The random stream.

    Returns
    -------
    list of Session
        In date order. On each paper lecture the summarizer differs from the presenter
        and the reviewer from both (no reviewer when there are only two groups). With at
        most 18 groups every group presents and summarizes at least once; with more,
        groups that do not present are the first chosen to summarize (and those with
        neither role the first chosen to review).
    """
    slots = sum(1 for *_, paper in CALENDAR if paper)
    presenters = _tiled(groups, slots, rng)
    summarizers = _tiled(groups, slots, rng, set(groups) - set(presenters))
    _separate(summarizers, presenters)
    _fill_gaps(summarizers, groups, presenters)
    reviewers = _tiled(groups, slots, rng, set(groups) - set(presenters) - set(summarizers))
    _separate(reviewers, presenters, summarizers)
    _fill_gaps(reviewers, groups, presenters, summarizers)
    roles = iter(zip(presenters, summarizers, reviewers, strict=True))
    schedule = []
    for day, kind, topic, paper in CALENDAR:
        if paper:
            presenter, summarizer, reviewer = next(roles)
            schedule.append(Session(day, kind, topic, presenter, summarizer, reviewer))
        else:
            schedule.append(Session(day, kind, topic))
    return schedule


def schedule_rows(schedule: list[Session]) -> list[list[str]]:
    """The rows of ``schedule.csv`` (without header)."""
    return [
        [s.day.isoformat(), s.kind, s.topic, s.presenter, s.summarizer, s.reviewer]
        for s in schedule
    ]
