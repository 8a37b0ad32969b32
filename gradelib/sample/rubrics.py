"""The rubric sheets of ``rubrics.xlsx``: scores of every graded item, by one or two graders."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

import numpy as np

from gradelib.policy.read import default_policy
from gradelib.sample.calendar import Session

GRADERS = ("insujang", "mosharaf")
#: Share of items graded by both graders.
DOUBLE_GRADED = 1 / 3
#: Share of single-graded items the GSI grades (the instructor grades the rest).
GSI_SHARE = 0.75
HALF_POINT_RATE = 0.04
CLASS_START = time(10, 30)
CLASS_END = time(12, 0)

#: Columns before the criteria on each sheet (the in-class sheets have no ``submitted``).
LEADING: dict[str, tuple[str, ...]] = {
    "presentation": ("group", "date", "grader", "submitted"),
    "summary": ("group", "date", "grader", "submitted"),
    "proposal": ("group", "grader", "submitted"),
    "final_report": ("group", "grader", "submitted"),
    "midterm_presentation": ("group", "grader"),
    "poster": ("group", "grader"),
}


def _points(maximum: float) -> int | float:
    """A maximum as the workbook shows it: whole numbers as ``int``."""
    return int(maximum) if float(maximum).is_integer() else maximum


#: Sheet -> (columns before the criteria, (criterion, maximum) ...), in workbook order.
#: The criteria are the default policy's ``[rubrics.<sheet>]`` sections.
SHEETS: dict[str, tuple[tuple[str, ...], tuple[tuple[str, int | float], ...]]] = {
    name: (LEADING[name], tuple((c, _points(top)) for c, top in criteria.items()))
    for name, criteria in default_policy().rubric_criteria.items()
}


@dataclass(frozen=True)
class Sheet:
    """One rubric sheet.

    Attributes
    ----------
    name : str
        Sheet name.
    header : list of str
        Row 1.
    maxima : list
        Row 2: ``max``, blanks (``None``) under the non-criterion columns, the maxima.
    rows : list of list
        Rows 3 and on: text, ``datetime.date``, ``datetime.datetime`` and numbers.
    """

    name: str
    header: list[str]
    maxima: list[object]
    rows: list[list[object]]


Item = tuple[str, date | None, datetime | None]  # group, lecture date, submitted


def _scores(
    maxima: list[int | float], quality: float, rng: np.random.Generator
) -> list[float | int]:
    """One grader's scores: about ``quality`` of each maximum, whole or half points."""
    fractions = np.clip(quality + (rng.random(len(maxima)) - 0.5) * 0.16, 0.0, 1.0).tolist()
    halves = (rng.random(len(maxima)) < HALF_POINT_RATE).tolist()
    scores: list[float | int] = []
    for top, fraction, half in zip(maxima, fractions, halves, strict=True):
        if half and top >= 10:
            value = min(top, int(fraction * top * 2 + 0.5) / 2)
            scores.append(int(value) if value == int(value) else value)
        else:
            scores.append(min(top, int(fraction * top + 0.5)))
    return scores


def _differ(first: list[float | int], second: list[float | int]) -> list[float | int]:
    """``second``, changed by one point if it equals ``first``."""
    if second != first:
        return second
    changed = list(second)
    changed[0] = changed[0] - 1 if changed[0] >= 1 else changed[0] + 1
    return changed


def grade_sheet(
    name: str, items: list[Item], quality: dict[str, float], rng: np.random.Generator
) -> Sheet:
    """Grade every item of one sheet.

    Parameters
    ----------
    name : str
        A key of ``SHEETS``.
    items : list of (str, date or None, datetime or None)
        Group, lecture date (presentation and summary) and submission time (sheets with
        a ``submitted`` column).
    quality : dict
        Group id -> its usual share of the points (0.7 to 0.97).
    rng : numpy.random.Generator
        The random stream.

    Returns
    -------
    Sheet
        About a third of the items graded twice (``insujang`` then ``mosharaf``, with
        different scores), the rest once.
    """
    leading, criteria = SHEETS[name]
    maxima = [top for _, top in criteria]
    twice = set(rng.permutation(len(items))[: round(len(items) * DOUBLE_GRADED)].tolist())
    rows: list[list[object]] = []
    for index, (group, day, submitted) in enumerate(items):
        item_quality = quality[group] + (rng.random() - 0.5) * 0.1
        if index in twice:
            first = _scores(maxima, item_quality, rng)
            second = _differ(first, _scores(maxima, item_quality, rng))
            graded = [(GRADERS[0], first), (GRADERS[1], second)]
        else:
            grader = GRADERS[0] if rng.random() < GSI_SHARE else GRADERS[1]
            graded = [(grader, _scores(maxima, item_quality, rng))]
        for grader, scores in graded:
            values = {"group": group, "date": day, "grader": grader, "submitted": submitted}
            rows.append([values[column] for column in leading] + scores)
    header = [*leading, *(criterion for criterion, _ in criteria)]
    return Sheet(name, header, ["max", *[None] * (len(leading) - 1), *maxima], rows)


def _minutes(rng: np.random.Generator, low: float, high: float) -> timedelta:
    """A whole number of minutes between ``low`` and ``high`` hours."""
    return timedelta(minutes=int(rng.integers(int(low * 60), int(high * 60))))


def slide_times(lectures: list[Session], rng: np.random.Generator) -> list[datetime]:
    """When each presenter sent the slides: 2-4 days before class; two under 24 hours."""
    flagged = set(rng.permutation(len(lectures))[:2].tolist())
    times = []
    for index, lecture in enumerate(lectures):
        start = datetime.combine(lecture.day, CLASS_START)
        before = _minutes(rng, 3, 23) if index in flagged else _minutes(rng, 48, 96)
        times.append(start - before)
    return times


def summary_times(lectures: list[Session], rng: np.random.Generator) -> list[datetime]:
    """When each summary came in: within 24 hours of class end, except exactly two.

    One on-time summary comes at 11:59 the next day, a minute before the deadline.
    """
    late_a, late_b, edge = rng.permutation(len(lectures))[:3].tolist()
    times = []
    for index, lecture in enumerate(lectures):
        end = datetime.combine(lecture.day, CLASS_END)
        if index in (late_a, late_b):
            times.append(end + timedelta(hours=24) + _minutes(rng, 0.25, 48))
        elif index == edge:
            times.append(end + timedelta(hours=23, minutes=59))
        else:
            times.append(end + _minutes(rng, 1, 23))
    return times


def build_rubrics(
    groups: list[str], schedule: list[Session], rng: np.random.Generator
) -> list[Sheet]:
    """All six rubric sheets, in workbook order.

    Parameters
    ----------
    groups : list of str
        Group ids.
    schedule : list of Session
        The class dates.
    rng : numpy.random.Generator
        The random stream.

    Returns
    -------
    list of Sheet
        Presentation and summary rows in lecture order, the project sheets in group order.
    """
    quality = {
        g: 0.7 + 0.27 * q for g, q in zip(groups, rng.random(len(groups)).tolist(), strict=True)
    }
    lectures = [s for s in schedule if s.is_paper]
    slides = slide_times(lectures, rng)
    summaries = summary_times(lectures, rng)
    proposal_due = datetime(2024, 9, 17, 12, 0)
    report_due = datetime(2024, 12, 14, 9, 0)
    items: dict[str, list[Item]] = {
        "presentation": [(s.presenter, s.day, t) for s, t in zip(lectures, slides, strict=True)],
        "summary": [(s.summarizer, s.day, t) for s, t in zip(lectures, summaries, strict=True)],
        "proposal": [(g, None, proposal_due + _minutes(rng, 0, 59)) for g in groups],
        "final_report": [(g, None, report_due + _minutes(rng, 0, 56)) for g in groups],
        "midterm_presentation": [(g, None, None) for g in groups],
        "poster": [(g, None, None) for g in groups],
    }
    return [grade_sheet(name, items[name], quality, rng) for name in SHEETS]
