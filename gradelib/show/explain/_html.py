"""Shared pieces of the HTML explanations: wording, dates, the style, the table.

The HTML itself is in templates (``gradelib/show/templates``, rendered by
:mod:`gradelib.show.html`, escaped by Jinja2's autoescaping). Every score is turned into
text by :func:`gradelib.sheets.rounding.score_text` (the one rounding rule); nothing here
formats a score another way.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable
from functools import lru_cache

import pandas as pd

from gradelib.policy.model import Policy
from gradelib.sheets.rounding import DASH, score_text
from gradelib.show.html import STYLE, render

__all__ = ["STYLE"]

#: Names shown for the project rubric sheets.
PART_NAMES = {
    "proposal": "Proposal",
    "final_report": "Final report",
    "midterm_presentation": "Midterm presentation",
    "poster": "Poster",
}
#: What a group does on a day, by schedule column.
ROLE_WORDS = {"presenter": "presents", "summarizer": "summarizes", "reviewer": "reviews"}
PARTICIPATION_PARTS = {"attendance": "attendance", "questions": "questions", "piazza": "Piazza"}


# --- small helpers -----------------------------------------------------------------------


@lru_cache(maxsize=1 << 16)
def _text(value: object, missing: str = DASH) -> str:
    """:func:`gradelib.sheets.rounding.score_text`, each distinct value's text made once
    (a class's pages repeat most numbers)."""
    return score_text(value, missing)


def _missing(value: object) -> bool:
    """``pandas.isna`` of one value (False for a list), the commonest kinds told first."""
    kind = type(value)
    if kind is str or kind is bool or kind is int:
        return False
    if kind is float:
        return value != value
    if value is None or value is pd.NA or value is pd.NaT:
        return True
    try:
        return bool(pd.isna(value))
    except (TypeError, ValueError):
        return False


def _plural(n: int, word: str, words: str | None = None) -> str:
    return f"{n} {word if n == 1 else (words or word + 's')}"


@lru_cache(maxsize=1 << 12)
def _day(value: object) -> str:
    """A date as ``2024-09-03``, each distinct date's text made once (pages repeat them)."""
    return pd.Timestamp(value).strftime("%Y-%m-%d")


def _weekday_day(value: object) -> str:
    return pd.Timestamp(value).strftime("%a %Y-%m-%d")


def _local(moment: object, policy: Policy) -> str:
    """A timestamp in the course time zone, e.g. ``2024-11-04 11:01 EST``."""
    stamp = pd.Timestamp(moment)
    if stamp.tzinfo is None:
        stamp = stamp.tz_localize("UTC")
    return stamp.tz_convert(policy.zone).strftime("%Y-%m-%d %H:%M %Z")


def _hours(value: float) -> str:
    """A number of hours of the policy (not a score), e.g. ``24`` or ``1.5``."""
    return f"{value:g}"


def _status(css: str, text: str, after: str = "") -> dict[str, str]:
    """A table cell or list line that is a status: ``text`` in a ``css`` span, then
    ``after`` (see the ``cell`` macro of ``table.html``)."""
    return {"css": css, "text": text, "after": after}


def _student_key(uniqname: object) -> str:
    return str(uniqname).strip().lower()


def _unknown_student(key: str, known: Iterable[str], *, style: bool = True) -> str:
    """The short "no such student" message, with close matches (``style``: with STYLE)."""
    close = difflib.get_close_matches(key, [str(k) for k in known], n=3)
    return render("unknown_student.html", key=key, close=close, **({} if style else {"style": ""}))
