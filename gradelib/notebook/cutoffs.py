"""The cut-off panel: students just below each cut-off, and cut-offs moved into gaps.

A notebook panel like the others (an ``ipywidgets.VBox`` whose HTML widgets are all there
is, so a test can move a slider and read them back). Two sliders choose the distance (how
far below a cut-off nobody should be) and the reach (how far a cut-off may move down);
the panel shows who is within the distance below each cut-off, the cut-offs
:func:`gradelib.score.cutoffs.propose_cutoffs` proposes with its reasons, the letter
counts before and after, and the students whose letter changes. "Apply to policy.toml"
writes the proposed ``[letters]`` into the course's policy file (its comments kept)
through the workbook session (recorded in the history, every panel redrawn); the panel
always reasons with the session's current finals and cut-offs.
"""

from __future__ import annotations

import ipywidgets as widgets
import pandas as pd

from gradelib.errors import GradelibError
from gradelib.files import POLICY_FILE
from gradelib.notebook.panel import (
    BUTTON,
    LABEL_STYLE,
    WIDE,
    Panel,
    letter_counts_html,
    message_html,
)
from gradelib.notebook.policy_change import save_policy_change
from gradelib.notebook.session import Session
from gradelib.policy.letters import Scale
from gradelib.score.cutoffs import CutoffProposal, propose_cutoffs, students_below
from gradelib.sheets.rounding import score_text, score_texts
from gradelib.show.html import render


def below_html(below: pd.DataFrame, names: pd.Series, within: float) -> str:
    """The students within ``within`` below a cut-off as HTML.

    Parameters
    ----------
    below : pandas.DataFrame
        From :func:`gradelib.score.cutoffs.students_below`: indexed by uniqname, with
        ``final``, ``letter``, ``next_letter``, ``cutoff`` and ``gap`` (points).
    names : pandas.Series
        Student names by uniqname.
    within : float
        The distance asked for (points).

    Returns
    -------
    str
        HTML; each student's row carries ``data-uniqname``.
    """
    named = names.to_dict()
    columns = zip(
        [named.get(uniqname, "") for uniqname in below.index], below.index,
        score_texts(below["final"]), below["letter"], below["next_letter"],
        score_texts(below["cutoff"]), score_texts(below["gap"]), strict=True,
    )  # fmt: skip
    rows = [list(row) for row in columns]
    return render(
        "panel_cutoffs_below.html",
        rows=rows,
        row_data=[{"uniqname": uniqname} for uniqname in below.index],
        within=score_text(within),
    )


def proposal_html(proposal: CutoffProposal) -> str:
    """Each cut-off now and proposed, with the reason; moved ones highlighted.

    Each row carries ``data-letter``, ``data-old`` and ``data-new`` (the cut-offs as shown).
    """
    table = proposal.cutoffs
    rows = [
        [row.letter, score_text(row.old), score_text(row.new), str(row.below), row.reason]
        for row in table.itertuples()
    ]
    moved = table["new"] != table["old"]
    return render(
        "panel_cutoffs_proposal.html",
        rows=rows,
        moved=int(moved.sum()),
        row_classes=["gl-here" if m else "" for m in moved],
        row_data=[
            {"letter": r.letter, "old": score_text(r.old), "new": score_text(r.new)}
            for r in table.itertuples()
        ],
        gap=score_text(proposal.gap),
        reach=score_text(proposal.reach),
    )


def counts_html(proposal: CutoffProposal) -> str:
    """Students per letter now and proposed (the one letter-counts table)."""
    return letter_counts_html(
        proposal.before, proposal.after, labels=("now", "proposed"), panel="gl-cutoffs"
    )


def changed_html(proposal: CutoffProposal, names: pd.Series) -> str:
    """The students whose letter the proposal changes (rows carry ``data-uniqname``)."""
    changed, named = proposal.changed, names.to_dict()
    columns = zip(
        [named.get(uniqname, "") for uniqname in changed.index], changed.index,
        score_texts(changed["final"]), changed["before"], changed["after"], strict=True,
    )  # fmt: skip
    rows = [list(row) for row in columns]
    return render(
        "panel_cutoffs_changed.html",
        rows=rows,
        row_data=[{"uniqname": uniqname} for uniqname in changed.index],
    )


class CutoffPanel(Panel):
    """Distance and reach sliders, students just below each cut-off, proposed cut-offs.

    Parameters
    ----------
    session : Session
        The workbook session: its finals and cut-offs are the ones looked at, and
        "Apply to policy.toml" goes through it.
    """

    def __init__(self, session: Session) -> None:
        self.session = session
        self.distance = widgets.FloatSlider(
            value=1.0, min=0.1, max=5.0, step=0.1, description="Distance (points)",
            style=LABEL_STYLE, layout=WIDE, continuous_update=False,
        )  # fmt: skip
        self.reach = widgets.FloatSlider(
            value=3.0, min=0.0, max=10.0, step=0.5, description="Reach (points)",
            style=LABEL_STYLE, layout=WIDE, continuous_update=False,
        )  # fmt: skip
        self.below, self.proposed = widgets.HTML(), widgets.HTML()
        self.counts, self.changed, self.status = widgets.HTML(), widgets.HTML(), widgets.HTML()
        self.apply_button = widgets.Button(
            description="Apply to policy.toml", icon="save", layout=BUTTON
        )
        for slider in (self.distance, self.reach):
            slider.observe(lambda _change: self.refresh(), names="value")
        self.apply_button.on_click(lambda _button: self.apply())
        parts = [self.distance, self.reach, self.below, self.proposed, self.counts]
        super().__init__([*parts, self.changed, widgets.HBox([self.apply_button]), self.status])
        self.add_class("gl-panel-cutoffs")  # for the browser tests
        self.refresh()
        session.on_change(lambda _session: self.refresh())

    @property
    def finals(self) -> pd.Series:
        """The session's finals (percent, Float64), indexed by uniqname."""
        return self.session.grades_by_student()["final"]

    @property
    def names(self) -> pd.Series:
        """The students' names, indexed by uniqname."""
        return self.session.grades_by_student()["name"]

    @property
    def scale(self) -> Scale:
        """The cut-offs proposals start from: the session's policy (as on disk)."""
        return self.session.course.policy.letters

    def proposal(self) -> CutoffProposal:
        """The proposal for the sliders' distance and reach."""
        return propose_cutoffs(
            self.finals, self.scale, gap=self.distance.value, reach=self.reach.value
        )

    def refresh(self) -> None:
        """Redraw every table for the sliders' values (or say the page is out of date)."""
        if self.session.stale:
            self.apply_button.disabled = True
            self.status.value = message_html(self.session.stale, "problem")
            return
        proposal = self.proposal()
        within = self.distance.value
        self.below.value = below_html(
            students_below(self.finals, self.scale, within), self.names, within
        )
        self.proposed.value = proposal_html(proposal)
        self.counts.value = counts_html(proposal)
        self.changed.value = changed_html(proposal, self.names)
        self.apply_button.disabled = proposal.scale == self.scale
        self.status.value = ""

    def apply(self) -> None:
        """Write the proposed cut-offs into ``policy.toml``, then start from what it says."""
        proposal = self.proposal()
        reason = (
            f"cut-offs moved into gaps of {score_text(proposal.gap)} points "
            f"(reach {score_text(proposal.reach)})"
        )
        try:
            change = save_policy_change(
                self.session, what="letter cut-offs", reason=reason, letters=proposal.scale
            )
        except GradelibError as exc:
            self.status.value = message_html(f"Not saved: {exc}", "problem")
            return
        done = f" (change {change.number}: {change.new})" if change else ""
        self.status.value = message_html(
            f"Saved the cut-offs to {self.session.folder / POLICY_FILE}{done}. Every table "
            "and picture now shows them."
        )
