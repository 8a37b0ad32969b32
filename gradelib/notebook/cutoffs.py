"""The cut-off panel: students just below each cut-off, and cut-offs moved into gaps.

A notebook panel in the manner of :mod:`gradelib.notebook.widgets` (an ``ipywidgets.VBox`` whose
HTML widgets are all there is, so a test can move a slider and read them back). Two
sliders choose the distance (how far below a cut-off nobody should be) and the reach (how
far a cut-off may move down); the panel shows who is within the distance below each
cut-off, the cut-offs :func:`gradelib.score.cutoffs.propose_cutoffs` proposes with its reasons,
the letter counts before and after, and the students whose letter changes. "Apply to
policy.toml" writes the proposed ``[letters]`` into the course's policy file (its comments
kept); from then on the panel starts from the cut-offs read back from the file.

Like :mod:`gradelib.notebook.widgets` it imports ipywidgets; ``import gradelib`` imports neither.
"""

from __future__ import annotations

import html

import ipywidgets as widgets
import pandas as pd

from gradelib.errors import GradelibError
from gradelib.files import POLICY_FILE
from gradelib.load.course import Course
from gradelib.notebook.panel import BUTTON, LABEL_STYLE, WIDE, Panel
from gradelib.policy.letters import Scale
from gradelib.policy.save import save_policy
from gradelib.score.cutoffs import CutoffProposal, propose_cutoffs, students_below
from gradelib.score.grades import GradeReport
from gradelib.sheets.rounding import score_text
from gradelib.show.explain._html import STYLE, _e, _plural, _table


def _root(markup: str) -> str:
    return f'<div class="gl-root gl-cutoffs">{STYLE}{markup}</div>'


def below_html(below: pd.DataFrame, names: pd.Series, within: float) -> str:
    """The students within ``within`` below a cut-off (``students_below``) as HTML."""
    if below.empty:
        return _root(f"<p>Nobody is within {score_text(within)} below a cut-off.</p>")
    rows = [
        [_e(names.get(row.Index, "")), _e(row.Index), score_text(row.final), _e(row.letter),
         _e(row.next_letter), score_text(row.cutoff), score_text(row.gap)]
        for row in below.itertuples()
    ]  # fmt: skip
    headers = ["Student", "Uniqname", "Final", "Letter", "Next letter", "Its cut-off", "Short by"]
    table = _table(
        headers, rows, numeric=(2, 5, 6), row_data=[{"uniqname": u} for u in below.index]
    )
    title = f"{_plural(len(below), 'student')} within {score_text(within)} below a cut-off"
    return _root(f"<h4>{title}</h4>{table}")


def proposal_html(proposal: CutoffProposal) -> str:
    """Each cut-off now and proposed, with the reason; moved ones highlighted."""
    table = proposal.cutoffs
    rows = [
        [_e(row.letter), score_text(row.old), score_text(row.new), str(row.below), _e(row.reason)]
        for row in table.itertuples()
    ]
    moved = table["new"] != table["old"]
    headers = [
        "Letter",
        "Cut-off now",
        "Proposed",
        f"Within {score_text(proposal.gap)} below",
        "Why",
    ]
    markup = _table(
        headers,
        rows,
        numeric=(1, 2, 3),
        row_classes=["gl-here" if m else "" for m in moved],
        row_data=[
            {"letter": r.letter, "old": score_text(r.old), "new": score_text(r.new)}
            for r in table.itertuples()
        ],
    )
    summary = (
        f"{_plural(int(moved.sum()), 'cut-off')} to lower"
        if moved.any()
        else "Every cut-off can be defended as it is"
    )
    rule = (
        f"A cut-off is defensible when nobody is within {score_text(proposal.gap)} below it. "
        f"One that is not moves down, at most {score_text(proposal.reach)}, onto the highest "
        "final with nobody "
        "within that distance below it, staying above the next letter's cut-off. No cut-off "
        "goes up, so no letter goes down."
    )
    return _root(f"<h4>{summary}</h4><p>{rule}</p>{markup}")


def counts_html(proposal: CutoffProposal) -> str:
    """Students per letter before and after, with the change (cells carry ``data-*``)."""
    head = "".join(f"<th>{_e(letter)}</th>" for letter in proposal.after.index)
    before, after = [], []
    for letter, now in proposal.after.items():
        was = int(proposal.before.get(letter, 0))
        change = f" <small>({int(now) - was:+d})</small>" if now != was else ""
        attrs = f'data-letter="{_e(letter)}" data-before="{was}" data-after="{int(now)}"'
        before.append(f'<td class="gl-num">{was}</td>')
        after.append(f'<td class="gl-num" {attrs}>{int(now)}{change}</td>')
    return _root(
        '<h4>Students per letter</h4><table class="gl-table gl-scale">'
        f"<thead><tr><th></th>{head}</tr></thead><tbody>"
        f"<tr><th>now</th>{''.join(before)}</tr>"
        f"<tr><th>proposed</th>{''.join(after)}</tr></tbody></table>"
    )


def changed_html(proposal: CutoffProposal, names: pd.Series) -> str:
    """The students whose letter the proposal changes."""
    changed = proposal.changed
    if changed.empty:
        return _root("<p>No student's letter changes.</p>")
    rows = [
        [_e(names.get(row.Index, "")), _e(row.Index), score_text(row.final), _e(row.before),
         _e(row.after)]
        for row in changed.itertuples()
    ]  # fmt: skip
    table = _table(
        ["Student", "Uniqname", "Final", "Letter now", "Proposed letter"],
        rows,
        numeric=(2,),
        row_data=[{"uniqname": u} for u in changed.index],
    )
    title = f"{_plural(len(changed), 'student')} would get a higher letter"
    return _root(f'<h4 data-changed="{len(changed)}">{title}</h4>{table}')


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
            problem = html.escape(str(exc))
            self.status.value = f'<span style="color:#b00">Not saved: {problem}</span>'
            return
        self.scale = policy.letters
        self.refresh()
        self.status.value = (
            f"Saved the cut-offs to {html.escape(str(self.course.folder / POLICY_FILE))}. "
            "Run the notebook again to see them in every table and picture."
        )
