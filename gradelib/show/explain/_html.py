"""Shared pieces of the HTML explanations: wording, tables, style.

Every score is turned into text by :func:`gradelib.sheets.rounding.score_text` (the one
rounding rule); nothing here formats a score another way.
"""

from __future__ import annotations

import difflib
import html
from collections.abc import Iterable, Sequence

import pandas as pd

from gradelib.policy.model import Policy

MINUS = "−"

#: Names shown for the project rubric sheets.
PART_NAMES = {
    "proposal": "Proposal",
    "final_report": "Final report",
    "midterm_presentation": "Midterm presentation",
    "poster": "Poster",
}
#: The schedule column naming the group graded in each lecture component.
#: What a group does on a day, by schedule column.
ROLE_WORDS = {"presenter": "presents", "summarizer": "summarizes", "reviewer": "reviews"}
PARTICIPATION_PARTS = {"attendance": "attendance", "questions": "questions", "piazza": "Piazza"}

STYLE = """<style>
.gl-root{font-family:system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;font-size:14px;
line-height:1.45;max-width:62em;color:inherit}
.gl-root h2{font-size:1.3em;margin:.2em 0 .3em}
.gl-root h3{font-size:1.08em;margin:1.1em 0 .3em;padding-bottom:.15em;
border-bottom:1px solid rgba(128,128,128,.35)}
.gl-root h4{font-size:1em;margin:.7em 0 .2em}
.gl-root p{margin:.3em 0}
.gl-root ul{margin:.2em 0 .4em;padding-left:1.4em}
.gl-root li{margin:.1em 0}
.gl-root table.gl-table{border-collapse:collapse;margin:.4em 0 .7em;font-size:inherit;
table-layout:auto}
.gl-root table.gl-table th,.gl-root table.gl-table td{border:1px solid rgba(128,128,128,.4);
padding:3px 8px;text-align:left;vertical-align:top}
.gl-root table.gl-table th{background:rgba(128,128,128,.12);font-weight:600}
.gl-root table.gl-table td.gl-num,.gl-root table.gl-table th.gl-num{text-align:right;
font-variant-numeric:tabular-nums}
.gl-root table.gl-table td.gl-num{white-space:nowrap}
.gl-root.gl-grades-view{max-width:none}
.gl-root table.gl-grades td,.gl-root table.gl-days td:first-child{white-space:nowrap}
.gl-root table.gl-grades th{vertical-align:bottom}
.gl-root table.gl-scale td,.gl-root table.gl-scale th{text-align:center}
.gl-root details{margin:.8em 0}
.gl-root summary{cursor:pointer;font-weight:600}
.gl-root table.gl-table tr.gl-total td{font-weight:600;border-top:2px solid rgba(128,128,128,.6)}
.gl-root tr.gl-here td,.gl-root table.gl-table .gl-here{background:rgba(255,193,7,.3);
font-weight:600}
.gl-root table.gl-table td.gl-letter,.gl-root table.gl-table th.gl-letter{
background:rgba(255,193,7,.18);font-weight:600;text-align:center}
.gl-root .gl-summary{display:flex;flex-wrap:wrap;gap:.4em 1.6em;margin:.3em 0 .6em}
.gl-root .gl-summary b{font-size:1.15em}
.gl-root .gl-muted{opacity:.7}
.gl-root .gl-formula{font-family:ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;
font-size:.95em;white-space:nowrap}
.gl-root .gl-bad{color:#c62828}
.gl-root .gl-warn{color:#b26a00}
.gl-root .gl-ok{color:#2e7d32}
.gl-root .gl-override{border-left:3px solid rgba(255,152,0,.8);padding-left:.5em}
.gl-root .gl-error-help{border-left:3px solid #c62828;padding-left:.5em}
</style>"""


# --- small formatting helpers ------------------------------------------------------------


def _e(value: object) -> str:
    """Escape any value for HTML text or a quoted attribute."""
    return html.escape(str(value), quote=True)


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
    return f"{value:g}"


def _formula(text: str) -> str:
    return f'<span class="gl-formula">{_e(text)}</span>'


def _ul(items: Iterable[str]) -> str:
    lines = list(items)
    if not lines:
        return ""
    return "<ul>" + "".join(f"<li>{line}</li>" for line in lines) + "</ul>"


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
    """An HTML table; ``headers`` and cells are already HTML (escape before).

    ``row_data`` gives each row ``data-*`` attributes (values are escaped here).
    """
    numeric = set(numeric)
    cell_classes = cell_classes or {}

    def cls(i: int) -> str:
        names = (["gl-num"] if i in numeric else []) + (
            [cell_classes[i]] if i in cell_classes else []
        )
        return f' class="{" ".join(names)}"' if names else ""

    ident = f' id="{_e(table_id)}"' if table_id else ""
    out = [f'<table{ident} class="gl-table{(" " + extra_class) if extra_class else ""}">']
    if caption:
        out.append(f"<caption>{caption}</caption>")
    head = "".join(f"<th{cls(i)}>{h}</th>" for i, h in enumerate(headers))
    out.append(f"<thead><tr>{head}</tr></thead><tbody>")
    for n, row in enumerate(rows):
        row_class = row_classes[n] if row_classes and row_classes[n] else ""
        data = "".join(
            f' data-{name}="{_e(value)}"'
            for name, value in (row_data[n] if row_data else {}).items()
        )
        opening = f'<tr{data} class="{row_class}">' if row_class else f"<tr{data}>"
        cells = "".join(f"<td{cls(i)}>{cell}</td>" for i, cell in enumerate(row))
        out.append(f"{opening}{cells}</tr>")
    out.append("</tbody></table>")
    # One row per line: a changed student shows as one changed line in a diff (nbval).
    return "\n".join(out)


def _student_key(uniqname: object) -> str:
    return str(uniqname).strip().lower()


def _unknown_student(key: str, known: Iterable[str]) -> str:
    close = difflib.get_close_matches(key, [str(k) for k in known], n=3)
    hint = (" Did you mean " + ", ".join(f"<b>{_e(c)}</b>" for c in close) + "?") if close else ""
    return (
        f'<div class="gl-root gl-breakdown gl-unknown" data-uniqname="{_e(key)}" data-final="">'
        f"{STYLE}<p>No student with uniqname <b>{_e(key)}</b> is on the roster.{hint}</p></div>"
    )
