"""The participation panel: the absence allowance and the sub-weights, tried on everyone.

Moving a slider redraws every student's participation and lists the students it changes:
name, uniqname, participation, final and letter, each now → then. The "then" is scored
by :mod:`gradelib.score.whatif` (:func:`participation_with` for the participation,
:func:`recompute` for the final and the letter, overrides kept), never by hand. Nothing is
written (the allowance and sub-weights stay in ``policy.toml``); after a change of the
workbook session the panel compares with the new grades.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Mapping

import ipywidgets as widgets
import pandas as pd

from gradelib.notebook.panel import LABEL_STYLE, WIDE, Panel, message_html
from gradelib.notebook.session import Session
from gradelib.notebook.sliders import Guard, rebalancer
from gradelib.policy.model import Policy
from gradelib.score.grades import GradeReport
from gradelib.score.whatif import participation_with, recompute
from gradelib.sheets.rounding import score_texts
from gradelib.show import plots
from gradelib.show.html import render

#: A participation moving less than this (points) is not a change.
UNCHANGED = 0.005

#: The columns of the changes table, with their headers.
HEADERS = {
    "name": "Name",
    "uniqname": "Uniqname",
    "participation_now": "Participation now",
    "participation_then": "then",
    "final_now": "Final now",
    "final_then": "then",
    "letter_now": "Letter now",
    "letter_then": "then",
}


def participation_whatif(
    report: GradeReport, policy: Policy, allowance: int, shares: Mapping[str, float],
    *, tried: pd.Series | None = None,
) -> pd.DataFrame:  # fmt: skip
    """Every student's participation, final and letter now and with other settings.

    Only a computed participation follows the settings: one set or excused by an
    override stays as it is, and so does a final set by an override.

    Parameters
    ----------
    report : GradeReport
        The scored course: "now".
    policy : Policy
        Its weights and letter cut-offs score "then".
    allowance : int
        The absence allowance tried.
    shares : Mapping[str, float]
        The participation sub-weights tried (percent, by part).
    tried : pandas.Series, optional
        ``participation_with(report.parts, allowance, shares)`` when the caller has it
        already (the panel's chart draws it), so it is not worked out twice.

    Returns
    -------
    pandas.DataFrame
        Indexed by uniqname in the grades' order: ``name``, ``participation_now``,
        ``participation_then`` (float percent, not rounded), ``final_now``,
        ``final_then`` (rounded half-up), ``letter_now``, ``letter_then``.
    """
    parts = report.components
    computed = parts.status["participation"].eq("graded")
    if tried is None:
        tried = participation_with(report.parts, allowance, shares)
    tried = tried.reindex(computed.index)
    then = tried.where(computed, parts.current["participation"].astype(float))
    changed = dataclasses.replace(
        parts,
        current=parts.current.assign(participation=then.astype("Float64")),
        final=parts.final.assign(participation=then.astype("Float64")),
    )
    outcome = recompute(
        dataclasses.replace(report, components=changed), policy.weights, policy.letters
    )
    grades = report.grades.set_index("uniqname")
    return pd.DataFrame(
        {
            "name": grades["name"],
            "participation_now": grades["participation"].astype(float),
            "participation_then": then.reindex(grades.index),
            "final_now": grades["final"].astype(float),
            "final_then": outcome.finals.reindex(grades.index),
            "letter_now": grades["letter"],
            "letter_then": outcome.letters.reindex(grades.index),
        }
    )


def changes_html(table: pd.DataFrame) -> str:
    """The students whose participation, final or letter changes, letter changes first.

    Parameters
    ----------
    table : pandas.DataFrame
        What :func:`participation_whatif` returns.

    Returns
    -------
    str
        HTML (``panel_participation.html``): how many change, then a table with one row
        per student (``data-uniqname``, ``data-letter-changed``), by name within each
        group; every number through :func:`~gradelib.sheets.rounding.score_texts`.
    """
    moved = (table["participation_then"] - table["participation_now"]).abs() > UNCHANGED
    letter = table["letter_then"].ne(table["letter_now"]).fillna(False).astype(bool)
    final = table["final_then"].ne(table["final_now"]).fillna(False).astype(bool)
    shown = table.assign(_letter=letter, _key=table["name"].astype(str))
    shown = shown.loc[moved | letter | final]
    shown = shown.sort_values(["_letter", "_key"], ascending=[False, True], kind="stable")
    shown = shown.reset_index()
    for column in ("participation_now", "participation_then", "final_now", "final_then"):
        shown[column] = score_texts(shown[column])
    rows = shown[list(HEADERS)].astype("string").fillna("").values.tolist()
    row_data = [
        {"uniqname": uniq, "letter-changed": "yes" if changed else "no"}
        for uniq, changed in zip(shown["uniqname"], shown["_letter"], strict=True)
    ]
    return render(
        "panel_participation.html",
        changed=len(shown),
        letters=int(shown["_letter"].sum()),
        headers=list(HEADERS.values()),
        rows=rows,
        row_data=row_data,
        row_classes=["gl-here" if changed else "" for changed in shown["_letter"]],
        numeric=range(2, 6),
    )


class ParticipationPanel(Panel):
    """Allowance and sub-weight sliders redrawing every student's participation.

    Parameters
    ----------
    session : Session
        The workbook session: its policy gives the sliders' start, its grades are the
        "now" of every change; the panel is redrawn after every change of it.
    """

    def __init__(self, session: Session) -> None:
        self.session = session
        self._guard = Guard()
        policy = session.course.policy
        self.allowance = widgets.IntSlider(
            value=policy.absence_allowance, min=0, max=10, description="Absence allowance",
            style=LABEL_STYLE, layout=WIDE, continuous_update=False,
        )  # fmt: skip
        self.share_sliders = {
            key: widgets.IntSlider(
                value=int(share), min=0, max=100, description=f"{key} (%)",
                style=LABEL_STYLE, layout=WIDE, continuous_update=False,
            )
            for key, share in policy.participation.items()
        }  # fmt: skip
        self.picture = widgets.Image(format="png", layout=widgets.Layout(width="760px"))
        self._figure: plots.GradeFigure | None = None  # redrawn in place when it can be
        self.changes = widgets.HTML()
        self.allowance.observe(lambda _change: self.refresh(), names="value")
        for key, slider in self.share_sliders.items():
            slider.observe(self._share_moved(key), names="value")
        super().__init__([self.allowance, *self.share_sliders.values(), self.changes, self.picture])
        self.refresh()
        session.on_change(lambda _session: self.refresh())

    def shares(self) -> dict[str, int]:
        """The participation sub-weights the sliders show (percent, by part)."""
        return {key: slider.value for key, slider in self.share_sliders.items()}

    def _share_moved(self, key: str) -> Callable[[dict], None]:
        return rebalancer(self.share_sliders, key, self._guard, self.refresh)

    def participation(self) -> pd.Series:
        """Participation (percent, float) by uniqname under the sliders' values."""
        return participation_with(self.session.report.parts, self.allowance.value, self.shares())

    def whatif(self, tried: pd.Series | None = None) -> pd.DataFrame:
        """Participation, final and letter now and under the sliders' values (``tried``:
        :meth:`participation` if already worked out)."""
        session = self.session
        return participation_whatif(
            session.report, session.course.policy, self.allowance.value, self.shares(),
            tried=tried,
        )  # fmt: skip

    def refresh(self) -> None:
        """Redraw the participation chart and list the students the sliders change."""
        if self.session.stale:
            self.changes.value = message_html(self.session.stale, "error")
            return
        scores, title = self.participation(), "Participation under these settings"
        if self._figure is None or not plots.redraw_participation(
            self._figure, scores, title=title
        ):
            self._figure = plots.participation_scores(scores, title=title)
        self.picture.value = plots.figure_png(self._figure)
        self.changes.value = changes_html(self.whatif(scores))
