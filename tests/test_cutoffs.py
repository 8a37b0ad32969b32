"""Cut-offs a GSI can defend: the students just below, and cut-offs moved into gaps.

Hand-made lists of finals, each answer worked out in the comments. The rule: a cut-off
``c`` is defensible when no final (rounded half-up to 2 decimals) is in ``[c − gap, c)``;
one that is not moves down onto the highest final ``f`` in ``[c − reach, c)`` with no
final in ``[f − gap, f)``, staying strictly above the next letter's current cut-off.
Defaults: gap 1, reach 3.
"""

from __future__ import annotations

import itertools
import re
from datetime import datetime
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from builder import base_tables, write_course
from hypothesis import given, settings
from hypothesis import strategies as st

import gradelib
from gradelib.load.history import read_changes
from gradelib.policy.read import default_policy
from gradelib.score.cutoffs import propose_cutoffs, students_below
from gradelib.score.grades import letters_for, round_half_up

DEFAULT = default_policy().letters  # A 93, A- 90, B+ 87, B 83, ..., D- 60
SMALL = (("A", 93.0), ("A-", 90.0), ("B+", 87.0))


def finals(**by_student: float) -> pd.Series:
    return pd.Series(by_student, dtype=float).rename_axis("uniqname")


def new_cutoffs(proposal) -> dict[str, float]:
    return dict(proposal.scale)


def reason(proposal, letter: str) -> str:
    return proposal.cutoffs.set_index("letter").loc[letter, "reason"]


# --------------------------------------------------------------------------- students_below


def test_students_below_lists_only_those_short_of_a_cut_off() -> None:
    given_finals = finals(ann=92.0, bo=92.99, cy=93.0, dee=89.5, eve=95.0, fay=85.0)
    given_finals["gus"] = np.nan
    below = students_below(given_finals, DEFAULT, within=1.0)
    # bo: 93 − 92.99 = 0.01; dee: 90 − 89.5 = 0.50; ann: 93 − 92 = 1.00 (within, inclusive).
    # cy is on the A cut-off (an A already), eve is above the top one, fay is 2 below B+,
    # gus has no final.
    assert below.index.tolist() == ["bo", "dee", "ann"]
    assert below.columns.tolist() == ["final", "letter", "next_letter", "cutoff", "gap"]
    assert below["gap"].tolist() == [0.01, 0.5, 1.0]
    assert below["letter"].tolist() == ["A-", "B+", "A-"]
    assert below["next_letter"].tolist() == ["A", "A-", "A"]
    assert below["cutoff"].tolist() == [93.0, 90.0, 93.0]


def test_students_below_rounds_half_up_first() -> None:
    # 92.995 -> 93.00: an A, not listed; 92.994 -> 92.99: 0.01 below.
    below = students_below(finals(ann=92.995, bo=92.994), DEFAULT, within=1.0)
    assert below.index.tolist() == ["bo"]
    assert below.loc["bo", "final"] == 92.99


def test_students_below_ties_sorted_by_uniqname_and_empty_input() -> None:
    below = students_below(finals(zed=92.5, amy=92.5), DEFAULT, within=0.5)
    assert below.index.tolist() == ["amy", "zed"]
    assert students_below(finals(), DEFAULT, within=1.0).empty


# ------------------------------------------------------------------------------ no change


def test_a_clear_gap_below_every_cut_off_changes_nothing() -> None:
    # A: nobody in [92, 93); A-: nobody in [89, 90); B+: nobody in [86, 87).
    proposal = propose_cutoffs(finals(ann=95.0, bo=91.9, cy=88.0), SMALL)
    assert proposal.scale == SMALL
    assert proposal.changed.empty
    assert proposal.before.equals(proposal.after)
    assert reason(proposal, "A") == "kept: nobody is within 1.00 below 93.00"
    assert proposal.cutoffs["below"].tolist() == [0, 0, 0]


def test_no_finals_changes_nothing() -> None:
    proposal = propose_cutoffs(finals(), DEFAULT)
    assert proposal.scale == DEFAULT
    assert proposal.changed.empty
    assert int(proposal.before.sum()) == int(proposal.after.sum()) == 0
    assert proposal.cutoffs["reason"].str.startswith("kept: nobody").all()


def test_everyone_at_85_changes_nothing() -> None:
    # 85.00 is 2 below B+ (87) and 2 above B (83): no cut-off has anyone in [c − 1, c).
    proposal = propose_cutoffs(finals(ann=85.0, bo=85.0, cy=85.0), DEFAULT)
    assert proposal.scale == DEFAULT
    assert proposal.before["B"] == proposal.after["B"] == 3


# ------------------------------------------------------------------------- cut-offs moving


def test_a_student_0_4_below_moves_the_cut_onto_them() -> None:
    # ann 92.60 is 0.40 below 93. Candidates in [90, 93), above A- (90): 92.60, 91.00.
    # 92.60: nobody in [91.60, 92.60) -> the A cut-off becomes 92.60. bo (91.00) stays A-.
    proposal = propose_cutoffs(finals(ann=92.6, bo=91.0, cy=95.0), SMALL)
    assert new_cutoffs(proposal) == {"A": 92.6, "A-": 90.0, "B+": 87.0}
    assert reason(proposal, "A") == (
        "lowered to 92.60 (the final of 1 student), lifting 1 student a letter; "
        "nobody is within 1.00 below 92.60"
    )
    row = proposal.cutoffs.iloc[0]
    assert (row["old"], row["new"], row["below"]) == (93.0, 92.6, 1)
    assert proposal.changed.to_dict("index") == {
        "ann": {"final": 92.6, "before": "A-", "after": "A"}
    }
    # counts: A 1 -> 2 (cy, ann), A- 2 -> 1 (bo).
    assert proposal.before[["A", "A-"]].tolist() == [1, 2]
    assert proposal.after[["A", "A-"]].tolist() == [2, 1]


def test_ties_at_the_candidate_move_up_together() -> None:
    # In [92, 93): 92.80, 92.30, 92.30. Candidate 92.80 has 92.30 in [91.80, 92.80): no.
    # Candidate 92.30: nobody in [91.30, 92.30) -> A from 92.30; both 92.30s go up.
    proposal = propose_cutoffs(finals(ann=92.8, bo=92.3, cy=92.3, dee=90.5), SMALL)
    assert new_cutoffs(proposal)["A"] == 92.3
    assert reason(proposal, "A").startswith(
        "lowered to 92.30 (the final of 2 students), lifting 3 students a letter"
    )
    assert proposal.changed.index.tolist() == ["ann", "bo", "cy"]  # best final, then name
    assert (proposal.changed["after"] == "A").all()
    assert proposal.after["A-"] == 1  # dee


def test_everyone_at_92_50_all_get_an_a() -> None:
    # All three are 0.50 below 93; candidate 92.50 has nobody in [91.50, 92.50), so the A
    # cut-off moves onto the common final: ties are never split, everyone gets an A.
    proposal = propose_cutoffs(finals(ann=92.5, bo=92.5, cy=92.5), DEFAULT, gap=1, reach=3)
    assert new_cutoffs(proposal)["A"] == 92.5
    assert proposal.scale[1:] == DEFAULT[1:]
    assert (proposal.before["A-"], proposal.after["A"], proposal.after["A-"]) == (3, 3, 0)
    assert len(proposal.changed) == 3


def test_a_cluster_with_no_gap_within_reach_keeps_the_cut_off() -> None:
    # Finals every 0.50 from 92.60 down to 89.60. Each candidate in [90, 93) (92.60 ...
    # 90.10) has another final 0.50 below it, inside its 1-point gap: no cut within reach.
    cluster = {f"s{i}": 92.6 - 0.5 * i for i in range(7)}
    proposal = propose_cutoffs(finals(**cluster), (("A", 93.0), ("B", 80.0)))
    assert proposal.scale == (("A", 93.0), ("B", 80.0))
    # In [92, 93): 92.60 and 92.10.
    assert reason(proposal, "A") == (
        "kept: 2 students within 1.00 below 93.00, but no gap of 1.00 within 3.00 below 93.00"
    )
    assert proposal.changed.empty


def test_a_wider_reach_finds_the_gap_below_the_cluster() -> None:
    # Same cluster; with reach 4 the candidate 89.60 (nobody in [88.60, 89.60)) is in range.
    cluster = {f"s{i}": 92.6 - 0.5 * i for i in range(7)}
    proposal = propose_cutoffs(finals(**cluster), (("A", 93.0), ("B", 80.0)), reach=4)
    assert new_cutoffs(proposal)["A"] == 89.6
    assert len(proposal.changed) == 7


def test_a_cut_off_never_moves_onto_the_next_one() -> None:
    # Finals every 0.50 from 92.50 to 90.00. The only clear final is 90.00 (nobody in
    # [89, 90)), but it is the A- cut-off itself: A stays (strictly decreasing), A- is
    # clear already.
    spaced = {f"s{i}": 92.5 - 0.5 * i for i in range(6)}
    proposal = propose_cutoffs(finals(**spaced), SMALL)
    assert proposal.scale == SMALL
    assert reason(proposal, "A") == (
        "kept: 2 students within 1.00 below 93.00; the nearest gap of 1.00 is at 90.00, "
        "not above the A- cut-off (90.00)"
    )


def test_two_cut_offs_competing_for_one_gap() -> None:
    # A 93, A- 92, B+ 87; finals 92.50, 92.20, 91.80, 91.50, 89.00.
    # A: 92.50 and 92.20 in [92, 93); candidates above 92: 92.50 (92.20 within 1 below),
    #    92.20 (91.80 within): none. The gap under 91.50 is at or below A- (92): A kept.
    # A-: 91.80 and 91.50 in [91, 92); 91.80 has 91.50 within 1; 91.50 has nobody in
    #    [90.50, 91.50): A- from 91.50. B+: nobody in [86, 87).
    scale = (("A", 93.0), ("A-", 92.0), ("B+", 87.0))
    proposal = propose_cutoffs(finals(a=92.5, b=92.2, c=91.8, d=91.5, e=89.0), scale)
    assert proposal.scale == (("A", 93.0), ("A-", 91.5), ("B+", 87.0))
    assert "the nearest gap of 1.00 is at 91.50, not above the A- cut-off (92.00)" in reason(
        proposal, "A"
    )
    assert proposal.changed["after"].to_dict() == {"c": "A-", "d": "A-"}


def test_a_student_on_the_cut_off_already_has_the_letter() -> None:
    # ann 93.00 is an A (not in [92, 93)); bo 92.50 is: A from 92.50 (nobody in
    # [91.50, 92.50)); only bo changes.
    proposal = propose_cutoffs(finals(ann=93.0, bo=92.5, cy=91.0), SMALL)
    assert new_cutoffs(proposal)["A"] == 92.5
    assert proposal.changed.index.tolist() == ["bo"]


def test_finals_are_rounded_half_up_first() -> None:
    # 92.995 -> 93.00: an A already, and nobody is in [92, 93): nothing moves.
    assert propose_cutoffs(finals(ann=92.995, bo=91.0), SMALL).scale == SMALL
    # 92.994 -> 92.99: in [92, 93); nobody in [91.99, 92.99): A from 92.99.
    proposal = propose_cutoffs(finals(ann=92.994, bo=91.0), SMALL)
    assert new_cutoffs(proposal)["A"] == 92.99
    assert proposal.changed.loc["ann", "final"] == 92.99


def test_gap_and_reach_settings() -> None:
    # reach 0: no candidate at all. gap 0.3: 92.60 is 0.40 below 93, outside [92.70, 93).
    stuck = propose_cutoffs(finals(ann=92.6), SMALL, reach=0)
    assert reason(stuck, "A").endswith("no gap of 1.00 within 0.00 below 93.00")
    assert propose_cutoffs(finals(ann=92.6), SMALL, gap=0.3).scale == SMALL
    assert propose_cutoffs(finals(ann=92.6), SMALL, gap=0).scale == SMALL
    with pytest.raises(ValueError, match="at least 0"):
        propose_cutoffs(finals(ann=92.6), SMALL, gap=-1)


# ------------------------------------------------------------------------------- property

TWO_PLACES = st.integers(5000, 10000).map(lambda cents: cents / 100)


@settings(max_examples=150, deadline=None, derandomize=True, database=None)
@given(
    st.lists(TWO_PLACES, max_size=30),
    st.sampled_from([0.5, 1.0, 2.0]),
    st.sampled_from([1.0, 3.0, 6.0]),
)
def test_proposals_are_defensible_decreasing_and_never_lower_a_letter(
    values: list[float], gap: float, reach: float
) -> None:
    given_finals = pd.Series(values, index=[f"s{i}" for i in range(len(values))], dtype=float)
    proposal = propose_cutoffs(given_finals, DEFAULT, gap=gap, reach=reach)
    new = [cutoff for _, cutoff in proposal.scale]
    assert all(a > b for a, b in itertools.pairwise(new))
    rounded = round_half_up(given_finals)
    for (letter, old), (_, cut) in zip(DEFAULT, proposal.scale, strict=True):
        assert old - reach - 1e-9 <= cut <= old
        if cut != old:  # a moved cut-off sits on a final with nobody in the gap below it
            assert (rounded == cut).any(), letter
            assert not ((rounded >= cut - gap - 1e-9) & (rounded < cut)).any(), letter
    order = [letter for letter, _ in DEFAULT] + ["E"]
    before = letters_for(rounded, DEFAULT).map(order.index)
    after = letters_for(rounded, proposal.scale).map(order.index)
    assert (after <= before).all()
    assert int(proposal.after.sum()) == len(values)


# ----------------------------------------------------------------------------------- panel


@pytest.fixture
def scored(tmp_path: Path) -> tuple[gradelib.Course, gradelib.GradeReport]:
    """The tiny course with erin absent on three of four days (as in test_whatif.py).

    Finals: alice, bob, carol 92.35 (A-), dave 88.15 (B+), erin 86.90 (B), frank 68.75 (D+).
    """
    tables = base_tables()
    days = ("2024-09-03", "2024-09-05", "2024-09-12")
    tables["attendance"] = [
        r for r in tables["attendance"] if not (r[1] == "erin" and r[0] in days)
    ]
    course = gradelib.load_course(write_course(tmp_path / "course", tables))
    return course, gradelib.score_course(course)


@pytest.fixture
def session(scored):
    """A workbook session on the course of ``scored``."""
    from gradelib.notebook.session import Session

    return Session(scored[0].folder, clock=lambda: datetime(2024, 12, 17, 9, 30))


def test_panel_shows_students_below_the_proposal_and_counts(session) -> None:
    from gradelib.notebook.cutoffs import CutoffPanel

    panel = CutoffPanel(session)
    # Within 1 below: erin 0.10 below B+ (87), then alice, bob, carol 0.65 below A (93).
    below = panel.below.value
    assert re.findall(r'data-uniqname="([^"]+)"', below) == ["erin", "alice", "bob", "carol"]
    assert "0.10" in below and "0.65" in below
    # A: 92.35 has nobody in [91.35, 92.35) -> 92.35. B+: 86.90 has nobody in
    # [85.90, 86.90) -> 86.90. Every other cut-off has nobody within 1 below.
    proposed = panel.proposed.value
    assert 'data-letter="A" data-old="93.00" data-new="92.35"' in proposed
    assert 'data-letter="B+" data-old="87.00" data-new="86.90"' in proposed
    assert 'data-letter="C-" data-old="70.00" data-new="70.00"' in proposed
    # Counts: A 0 -> 3, A- 3 -> 0, B+ 1 -> 2, B 1 -> 0, D+ 1 -> 1.
    counts = panel.counts.value
    for letter, was, now in [("A", 0, 3), ("A-", 3, 0), ("B+", 1, 2), ("B", 1, 0), ("D+", 1, 1)]:
        assert f'data-letter="{letter}" data-before="{was}" data-after="{now}"' in counts
    assert "(+3)" in counts and "(-3)" in counts
    assert 'data-changed="4"' in panel.changed.value
    assert not panel.apply_button.disabled


def test_panel_distance_slider(session) -> None:
    from gradelib.notebook.cutoffs import CutoffPanel

    panel = CutoffPanel(session)
    panel.distance.value = 2.0
    # frank 68.75 is 1.25 below C- (70); nobody in [66.75, 68.75) and 68.75 > 67 (D+):
    # C- from 68.75, frank D+ -> C-. A and B+ move as with distance 1. dave 88.15 is in
    # [88, 90) but erin 86.90 is within 2 below him: A- stays at 90.
    # dave (1.85 below A-) and frank (1.25 below C-) are listed now.
    shown = re.findall(r'data-uniqname="([^"]+)"', panel.below.value)
    assert shown == ["erin", "alice", "bob", "carol", "frank", "dave"]
    assert 'data-letter="C-" data-old="70.00" data-new="68.75"' in panel.proposed.value
    assert 'data-letter="A-" data-old="90.00" data-new="90.00"' in panel.proposed.value
    assert 'data-changed="5"' in panel.changed.value
    panel.reach.value = 0.0  # no cut-off may move
    assert 'data-letter="A" data-old="93.00" data-new="93.00"' in panel.proposed.value
    assert panel.apply_button.disabled


def test_panel_apply_writes_policy_toml(session) -> None:
    from gradelib.notebook.cutoffs import CutoffPanel

    panel = CutoffPanel(session)
    panel.apply()
    path = session.folder / "policy.toml"
    text = path.read_text(encoding="utf-8")
    assert "# below the lowest cut-off the letter is" in text  # comments kept
    letters = dict(gradelib.load_course(session.folder).policy.letters)
    assert (letters["A"], letters["A-"], letters["B+"], letters["B"]) == (92.35, 90, 86.9, 83)
    assert "Saved the cut-offs" in panel.status.value
    # The panel now starts from the file: nothing more to propose.
    assert "Every cut-off can be defended as it is" in panel.proposed.value
    assert panel.apply_button.disabled
    # The session was re-scored: alice, bob, carol 92.35 are an A now, erin 86.90 a B+.
    letters = session.report.grades.set_index("uniqname")["letter"]
    assert letters[["alice", "bob", "carol", "erin"]].tolist() == ["A", "A", "A", "B+"]
    # Recorded in the history with the old and new cut-offs, so it can be undone.
    [change] = read_changes(session.folder)
    assert (change.file, change.what) == ("policy.toml", "letter cut-offs")
    assert change.old == "A 93.00; B+ 87.00" and change.new == "A 92.35; B+ 86.90"
    assert change.reason == "cut-offs moved into gaps of 1.00 points (reach 3.00)"
