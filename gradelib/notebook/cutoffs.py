"""The cut-off panel: students just below each cut-off, and cut-offs moved into gaps.

A notebook panel like the others (an ``ipywidgets.VBox`` whose HTML widgets are all there
is, so a test can move a slider and read them back). Two sliders choose the distance (how
far below a cut-off nobody should be) and the reach (how far a cut-off may move down);
the panel shows who is within the distance below each cut-off, the cut-offs
:func:`gradelib.score.cutoffs.propose_cutoffs` proposes with its reasons, the letter
counts before and after, and the students whose letter changes. "Apply to policy.toml"
writes the proposed ``[letters]`` into the course's policy file (its comments kept); from
then on the panel starts from the cut-offs read back from the file.
"""

from __future__ import annotations

import ipywidgets as widgets
import pandas as pd

from gradelib.errors import GradelibError
from gradelib.files import POLICY_FILE
from gradelib.load.course import Course
from gradelib.notebook.panel import (
    BUTTON,
    LABEL_STYLE,
    WIDE,
    Panel,
    letter_counts_html,
    message_html,
)
from gradelib.policy.letters import Scale
from gradelib.policy.save import save_policy
from gradelib.score.cutoffs import CutoffProposal, propose_cutoffs, students_below
from gradelib.score.grades import GradeReport
from gradelib.sheets.rounding import score_text
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
    rows = [
        [names.get(row.Index, ""), row.Index, score_text(row.final), row.letter,
         row.next_letter, score_text(row.cutoff), score_text(row.gap)]
        for row in below.itertuples()
    ]  # fmt: skip
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
    changed = proposal.changed
    rows = [
        [names.get(row.Index, ""), row.Index, score_text(row.final), row.before, row.after]
        for row in changed.itertuples()
    ]
    return render(
        "panel_cutoffs_changed.html",
        rows=rows,
        row_data=[{"uniqname": uniqname} for uniqname in changed.index],
    )


class CutoffPanel(Panel):
    """Distance and reach sliders, students just below each cut-off, proposed cut-offs.

    Parameters
    ----------
    course : Course
        The course; its ``policy.toml`` is what "Apply to policy.toml" writes.
    report : GradeReport
        The scored course; its finals are the ones looked at.
    """

    def __init__(self, course: Course, report: GradeReport) -> None:
        self.course = course
        grades = report.grades.set_index("uniqname")
        self.finals, self.names = grades["final"], grades["name"]
        #: The cut-offs proposals start from: the policy's, or those read back after Apply.
        self.scale: Scale = course.policy.letters
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
        self.refresh()

    def proposal(self) -> CutoffProposal:
        """The proposal for the sliders' distance and reach."""
        return propose_cutoffs(
            self.finals, self.scale, gap=self.distance.value, reach=self.reach.value
        )

    def refresh(self) -> None:
        """Redraw every table for the sliders' values."""
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
        try:
            policy = save_policy(self.course.folder, letters=proposal.scale)
        except GradelibError as exc:
            self.status.value = message_html(f"Not saved: {exc}", "problem")
            return
        self.scale = policy.letters
        self.refresh()
        self.status.value = message_html(
            f"Saved the cut-offs to {self.course.folder / POLICY_FILE}. "
            "Run the notebook again to see them in every table and picture."
        )
