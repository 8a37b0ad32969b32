"""Shared pieces of the HTML explanations: wording, dates, the style, the table.

The HTML itself is in templates (``gradelib/show/templates``, rendered by
:mod:`gradelib.show.html`, escaped by Jinja2's autoescaping). Every score is turned into
text by :func:`gradelib.sheets.rounding.score_text` (the one rounding rule); nothing here
formats a score another way.
"""

from __future__ import annotations

import difflib
import html
from collections.abc import Iterable, Sequence

import pandas as pd
from markupsafe import Markup

from gradelib.policy.model import Policy
from gradelib.show.html import STYLE, environment, render

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


def _missing(value: object) -> bool:
    try:
        return bool(pd.isna(value))
    except (TypeError, ValueError):
        return False


def _plural(n: int, word: str, words: str | None = None) -> str:
    return f"{n} {word if n == 1 else (words or word + 's')}"


def _day(value: object) -> str:
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


# --- kept for the notebook room ----------------------------------------------------------
# gradelib/notebook/cutoffs.py and gradelib/notebook/progress.py still build HTML with these
# two (the notebook's panels are moving to panel_*.html templates); nothing in show/ uses
# them. Remove both when no module imports them.


def _e(value: object) -> str:
    """Escape any value for HTML text or a quoted attribute (the notebook's manual escape)."""
    return html.escape(str(value), quote=True)


def _table(
    headers: Sequence[str],
    rows: Iterable[Sequence[str]],
    *,
    numeric: Iterable[int] = (),
    row_classes: Sequence[str] | None = None,
    row_data: Sequence[dict[str, str]] | None = None,
    cell_classes: dict[int, str] | None = None,
    table_id: str | None = None,
    extra_class: str = "",
    caption: str | None = None,
) -> str:
    """The ``table`` macro of ``table.html`` with ``headers``, cells and ``caption``
    already HTML (escaped before); ``row_data`` values are escaped here."""
    table = environment().get_template("table.html").module.table  # type: ignore[attr-defined]
    return str(
        table(
            [Markup(h) for h in headers],
            [[Markup(cell) for cell in row] for row in rows],
            numeric=set(numeric),
            row_classes=row_classes,
            row_data=row_data,
            cell_classes=cell_classes or {},
            table_id=table_id,
            extra_class=extra_class,
            caption=Markup(caption) if caption else None,
        )
    )
