"""The term plan in the notebook (issue 17): the picture of a plan, and the setup panel
driven from Python (pin, solve again, remove, save).

The picture is checked on a plan written by hand; the panel first on a stand-in planner
(so each pin's way through the panel is seen exactly), then on the real planner with a
copy of the sample course.
"""

from __future__ import annotations

import csv
import shutil
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path

import pandas as pd
import pytest
from matplotlib.colors import to_hex

from gradelib.errors import CourseError
from gradelib.show.plots import figure_png
from gradelib.show.plots.plan import RANK_COLOURS, plan_grid

SAMPLE = Path(__file__).resolve().parents[1] / "data" / "sample"
LONG = "Megatron-LM: Training Multi-Billion Parameter Language Models Using Model Parallelism"


def hand_plan() -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame]:
    """Two paper lectures and a day off; g03 was formed by the staff (no list).

    Sep 03: g01 presents its 1st choice, g02 summarizes a paper it did not rank, g03
    reviews. Sep 05: g02 presents its 2nd choice, g03 summarizes, g01 reviews its 7th.
    """
    schedule = pd.DataFrame(
        {
            "date": pd.to_datetime(["2024-09-03", "2024-09-05", "2024-09-10"]),
            "kind": ["lecture", "lecture", "no-lecture"],
            "topic": ["GenAI Basics", "Pre-Training", "No Lecture"],
            "paper": ["Attention Is All You Need", LONG, ""],
            "presenter": pd.array(["g01", "g02", pd.NA], dtype="string"),
            "summarizer": pd.array(["g02", "g03", pd.NA], dtype="string"),
            "reviewer": pd.array(["g03", "g01", pd.NA], dtype="string"),
        }
    )
    ranks = pd.DataFrame(
        {
            "group": ["g01", "g02", "g03", "g02", "g03", "g01"],
            "date": pd.to_datetime(["2024-09-03"] * 3 + ["2024-09-05"] * 3),
            "paper": ["Attention Is All You Need"] * 3 + [LONG] * 3,
            "role": ["presenter", "summarizer", "reviewer"] * 2,
            "rank": pd.array([1, pd.NA, pd.NA, 2, pd.NA, 7], dtype="Int64"),
        }
    )
    groups = pd.DataFrame(
        {
            "group": ["g01", "g01", "g02", "g02", "g03", "g03"],
            "uniqname": ["ann", "bo", "cy", "di", "ed", "fay"],
            "formed": [False, False, False, False, True, True],
        }
    )
    return schedule, ranks, groups


# --- the picture -------------------------------------------------------------------


def test_the_grid_has_a_cell_per_lecture_and_group_coloured_by_rank() -> None:
    fig = plan_grid(*hand_plan())
    ax = fig.axes[0]
    image = ax.images[0].get_array()
    # Rows Sep 03, Sep 05; columns g01, g02, g03. Classes: 0 1st choice, 1 2nd, 4 5th or
    # lower (the 7th), 5 not ranked, 6 no list.
    assert image.tolist() == [[0, 5, 6], [4, 1, 6]]
    assert [t.get_text() for t in ax.texts] == ["P1", "S", "R", "R7", "P2", "S"]
    assert [t.get_text() for t in ax.get_xticklabels()] == ["g01", "g02", "g03"]
    assert [t.get_text() for t in ax.get_yticklabels()] == [
        "Sep 03  Attention Is All You Need",
        "Sep 05  Megatron-LM: Training Multi-Billion…",
    ]
    colours = ax.images[0].get_cmap().colors
    assert [to_hex(c) for c in colours] == list(RANK_COLOURS)


def test_the_grid_is_labelled_and_counts_the_assignments() -> None:
    fig = plan_grid(*hand_plan())
    ax = fig.axes[0]
    assert fig.get_suptitle().startswith("The term's plan (2 paper lectures, 3 groups)")
    assert (ax.get_xlabel(), ax.get_ylabel()) == ("Group", "Paper lecture")
    legend = [t.get_text() for t in ax.get_legend().get_texts()]
    assert legend == [
        "1st choice (1)", "2nd (1)", "3rd (0)", "4th (0)", "5th or lower (1)",
        "not ranked (1)", "no list (formed) (2)",
    ]  # fmt: skip


def test_the_grid_png_is_the_same_bytes_every_time() -> None:
    first = figure_png(plan_grid(*hand_plan()))
    assert first.startswith(b"\x89PNG")
    assert figure_png(plan_grid(*hand_plan())) == first


# --- the panel on a stand-in planner ------------------------------------------------


@dataclass
class FakePlan:
    """What the panel reads of a plan."""

    groups: pd.DataFrame
    schedule: pd.DataFrame
    ranks: pd.DataFrame
    notes: list[str] = field(default_factory=list)
    unmet: list[str] = field(default_factory=list)
    fairness: dict = field(default_factory=dict)


class FakePlanner:
    """Stands in for ``plan_term``: the hand plan with each pin put in (its rank blank);
    pinning g02 anywhere is refused, as the planner refuses a bad pin."""

    def __init__(self) -> None:
        self.calls: list[tuple] = []

    def __call__(self, folder, preferences, lectures=None, seed=0, pins=()) -> FakePlan:
        self.calls.append((Path(folder), Path(preferences), tuple(pins)))
        schedule, ranks, groups = hand_plan()
        for pin in pins:
            if pin.group == "g02":
                raise CourseError([])
            at = schedule["date"].dt.date == pin.date
            schedule.loc[at, pin.role] = pin.group
            hit = (ranks["date"].dt.date == pin.date) & (ranks["role"] == pin.role)
            ranks.loc[hit, ["group", "rank"]] = [pin.group, pd.NA]
        fairness = {"mean_rank": 1.5, "worst_rank": 2, "first_choice": 1, "groups": 3}
        return FakePlan(groups, schedule, ranks, ["g03 was formed by the staff"], [], fairness)


def fake_write(plan: FakePlan, out: Path) -> list[Path]:
    out.mkdir(parents=True)
    path = out / "schedule.csv"
    plan.schedule.to_csv(path, index=False, date_format="%Y-%m-%d")
    return [path]


@pytest.fixture
def fake(monkeypatch: pytest.MonkeyPatch) -> FakePlanner:
    import gradelib.notebook.plan as module

    planner = FakePlanner()
    monkeypatch.setattr(module, "plan_term", planner)
    monkeypatch.setattr(module, "write_plan", fake_write)
    return planner


def choose(panel, day: date, role: str, group: str) -> None:
    panel.lecture.value, panel.role.value, panel.group.value = day, role, group


def row_of(panel, day: str) -> str:
    """The table row of one lecture, as HTML."""
    start = panel.table.value.index(f'<tr data-date="{day}"')
    return panel.table.value[start : panel.table.value.index("</tr>", start)]


def test_the_panel_opens_on_the_plan(fake: FakePlanner, tmp_path: Path) -> None:
    from gradelib.notebook.plan import PlanPanel

    panel = PlanPanel(tmp_path)
    assert fake.calls == [(tmp_path, tmp_path / "preferences.csv", ())]
    assert "gl-panel-plan" in panel._dom_classes
    assert repr(panel) == "<PlanPanel>"
    summary = panel.summary.value
    assert 'data-mean-rank="1.50" data-worst-rank="2" data-first-choice="1" data-groups="3"' in (
        summary
    )
    assert "<li>g03 was formed by the staff</li>" in summary
    assert panel.picture.value == figure_png(plan_grid(*hand_plan()))
    assert [label for label, _ in panel.lecture.options] == [
        "Sep 03 · Attention Is All You Need",
        f"Sep 05 · {LONG}",
    ]
    assert list(panel.group.options) == ["g01", "g02", "g03"]
    assert 'data-presenter="g02" data-summarizer="g03" data-reviewer="g01"' in row_of(
        panel, "2024-09-05"
    )
    assert "<td>g02 (2)</td><td>g03</td><td>g01 (7)</td>" in row_of(panel, "2024-09-05")


def test_pin_solve_again_replace_remove_and_save(fake: FakePlanner, tmp_path: Path) -> None:
    from gradelib.notebook.plan import PlanPanel
    from gradelib.plan import Pin

    panel = PlanPanel(tmp_path, clock=lambda: datetime(2024, 9, 6, 9, 30, 5))
    choose(panel, date(2024, 9, 5), "presenter", "g01")
    panel.pin_button.click()
    assert fake.calls[-1][2] == (Pin(date(2024, 9, 5), "presenter", "g01"),)
    assert "Pinned: g01 presents on Sep 05. Solved again." in panel.message.value
    assert 'data-presenter="g01"' in row_of(panel, "2024-09-05")
    assert "<td>g01 <em>pinned</em></td>" in row_of(panel, "2024-09-05")
    assert [label for label, _ in panel.pin_list.options] == ["g01 presents on Sep 05"]

    # Another group for the same lecture and role replaces the pin.
    choose(panel, date(2024, 9, 5), "presenter", "g03")
    panel.pin_button.click()
    assert fake.calls[-1][2] == (Pin(date(2024, 9, 5), "presenter", "g03"),)
    assert [label for label, _ in panel.pin_list.options] == ["g03 presents on Sep 05"]

    # A pin the planner refuses leaves the pins and the plan as they were.
    choose(panel, date(2024, 9, 3), "reviewer", "g02")
    panel.pin_button.click()
    assert "color:#b00" in panel.message.value
    assert panel.pins == [Pin(date(2024, 9, 5), "presenter", "g03")]
    assert 'data-presenter="g03"' in row_of(panel, "2024-09-05")

    written = panel.save()
    out = tmp_path / "out" / "plan-20240906-093005"
    assert written == [out / "schedule.csv"]
    assert f'<code data-path="{out}">' in panel.saved.value
    with (out / "schedule.csv").open(encoding="utf-8", newline="") as handle:
        saved = {row["date"]: row for row in csv.DictReader(handle)}
    assert saved["2024-09-05"]["presenter"] == "g03"

    panel.pin_list.value = 0
    panel.remove_button.click()
    assert fake.calls[-1][2] == ()
    assert "Removed the pin: g03 presents on Sep 05. Solved again." in panel.message.value
    assert panel.pin_list.options == ()
    assert 'data-presenter="g02"' in row_of(panel, "2024-09-05")


def test_a_form_with_errors_says_so(tmp_path: Path) -> None:
    from gradelib.notebook.plan import PlanPanel

    shutil.copytree(SAMPLE, tmp_path / "course")
    (tmp_path / "course" / "preferences.csv").unlink()
    panel = PlanPanel(tmp_path / "course")
    assert panel.plan is None
    assert "preferences.csv" in panel.message.value and "missing" in panel.message.value
    assert panel.save() == []
    assert "There is no plan to save." in panel.saved.value


# --- the panel on the real planner and the sample course --------------------------------


@pytest.mark.slow
def test_the_sample_plan_pinned_and_saved(tmp_path: Path) -> None:
    """Without pins another group than g01 presents Attention Is All You Need on Aug 29
    (g09 when this was written: the planner's choice, not checked here); pinned, g01
    presents it, and the saved schedule.csv says so."""
    from gradelib.notebook.plan import PlanPanel
    from gradelib.plan import Pin

    course = tmp_path / "course"
    shutil.copytree(SAMPLE, course)
    panel = PlanPanel(course, clock=lambda: datetime(2024, 9, 6, 9, 30, 5))
    assert panel.plan is not None, panel.message.value
    assert 'data-presenter="g01"' not in row_of(panel, "2024-08-29")
    assert len(panel.lecture.options) == 18
    assert list(panel.group.options) == [f"g{n:02d}" for n in range(1, 15)]
    assert 'data-groups="14"' in panel.summary.value

    choose(panel, date(2024, 8, 29), "presenter", "g01")
    panel.pin_button.click()
    assert panel.pins == [Pin(date(2024, 8, 29), "presenter", "g01")]
    assert "Pinned: g01 presents on Aug 29. Solved again." in panel.message.value
    assert 'data-presenter="g01"' in row_of(panel, "2024-08-29")
    at = panel.plan.schedule["date"] == pd.Timestamp("2024-08-29")
    assert panel.plan.schedule.loc[at, "presenter"].tolist() == ["g01"]

    written = panel.save()
    out = course / "out" / "plan-20240906-093005"
    assert sorted(p.name for p in written) == ["groups.csv", "plan.html", "schedule.csv"]
    assert all(p.parent == out for p in written)
    with (out / "schedule.csv").open(encoding="utf-8", newline="") as handle:
        saved = {row["date"]: row for row in csv.DictReader(handle)}
    assert saved["2024-08-29"]["presenter"] == "g01"
    # Saved again in the same second: the folder exists, nothing is written over.
    assert panel.save() == []
    assert "color:#b00" in panel.saved.value
    assert sorted(p.name for p in out.iterdir()) == ["groups.csv", "plan.html", "schedule.csv"]
