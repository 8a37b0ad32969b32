"""The figures for the notebooks, checked on small hand-made inputs.

Each test builds a few students by hand, draws, and reads back what was drawn (bar
heights, line positions, label texts, image cells) to compare with numbers worked out
by hand. The default policy is the syllabus one: A 93, A- 90, B+ 87, B 83, B- 80, C+ 77,
C 73, C- 70, D+ 67, D 63, D- 60, E below; absence allowance 2; Piazza target 5.
"""

from __future__ import annotations

import dataclasses
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from matplotlib.axes import Axes
from matplotlib.colors import to_hex
from matplotlib.figure import Figure

import gradelib
from gradelib.score.cutoffs import near_cutoffs
from gradelib.show import plots
from gradelib.show.plots._base import BLUE, LIGHT_GREY, NEUTRAL, WARNING

POLICY = gradelib.default_policy()
STUDENTS = ["alice", "bob", "carol", "dave", "erin", "frank"]
SCALE = ["A", "A-", "B+", "B", "B-", "C+", "C", "C-", "D+", "D", "D-", "E"]


def grades_table(finals: list[float]) -> pd.DataFrame:
    """A grades table for the first students with these finals (components made up)."""
    names = STUDENTS[: len(finals)]
    table = pd.DataFrame(
        {
            "uniqname": names,
            "name": [f"{n.title()}, Student" for n in names],
            "final": finals,
        }
    )
    for offset, key in enumerate(gradelib.COMPONENTS):
        table[key] = [float(60 + 5 * offset + i) for i in range(len(names))]
    table["letter"] = [POLICY.letter_for(round(f, 2)) for f in finals]
    return table


def attendance_frame() -> pd.DataFrame:
    """Three students (out of order), three dates; carol has no row on Sep 12."""
    rows = [
        ("carol", "2024-09-03", "present"),
        ("carol", "2024-09-05", "excused"),
        ("alice", "2024-09-03", "present"),
        ("alice", "2024-09-05", "present"),
        ("alice", "2024-09-12", "absent"),
        ("bob", "2024-09-03", "absent"),
        ("bob", "2024-09-05", "present"),
        ("bob", "2024-09-12", "present"),
    ]
    frame = pd.DataFrame(rows, columns=["uniqname", "date", "status"])
    return frame.assign(date=pd.to_datetime(frame["date"]))


def parts_frame() -> pd.DataFrame:
    """Absences and Piazza contributions per student, indexed by uniqname."""
    return pd.DataFrame(
        {
            "absences": [0, 3, 2, 5, 1, 3],
            "contributions": [0, 2, 5, 5, 7, 12],
            "in_piazza": [False, True, True, True, True, True],
        },
        index=pd.Index(STUDENTS, name="uniqname"),
    )


def questions_frame() -> pd.DataFrame:
    """Sep 05: 3 on time, 1 only late, 1 none.  Sep 03: 1 on time, 0 late, 2 none."""
    rows = [
        ("alice", "2024-09-05", True, False),
        ("bob", "2024-09-05", True, False),
        ("carol", "2024-09-05", True, False),
        ("dave", "2024-09-05", False, True),
        ("erin", "2024-09-05", False, False),
        ("dave", "2024-09-03", True, False),
        ("erin", "2024-09-03", False, False),
        ("frank", "2024-09-03", False, False),
    ]
    frame = pd.DataFrame(rows, columns=["uniqname", "date", "on_time", "late"])
    return frame.assign(date=pd.to_datetime(frame["date"]))


def texts_of(ax: Axes) -> list[str]:
    return [text.get_text() for text in ax.texts]


def vertical_lines(ax: Axes) -> list[float]:
    """x of every vertical line (axvline) of an axes."""
    found = []
    for line in ax.lines:
        xs = np.asarray(line.get_xdata(), dtype=float)
        if len(xs) == 2 and xs[0] == xs[1]:
            found.append(float(xs[0]))
    return found


def legend_texts(fig: Figure) -> list[str]:
    legends = [*fig.legends, *(ax.get_legend() for ax in fig.axes)]
    return [t.get_text() for legend in legends if legend for t in legend.get_texts()]


def bar_heights(ax: Axes) -> list[float]:
    return [patch.get_height() for patch in ax.patches]


# ----------------------------------------------------------------------------- final_histogram


def test_final_histogram_lines_and_letter_counts() -> None:
    # 95 A, 91.5 A-, 88 B+, 85.2 B, 79 C+, 55 E: below every cut-off, so all are drawn.
    fig = plots.final_histogram(grades_table([95.0, 91.5, 88.0, 85.2, 79.0, 55.0]), POLICY)
    ax = fig.axes[0]
    assert sorted(vertical_lines(ax)) == [60, 63, 67, 70, 73, 77, 80, 83, 87, 90, 93]
    labels = texts_of(ax)
    for expected in ["A\n1", "A-\n1", "B+\n1", "B\n1", "B-\n0", "C+\n1", "C\n0", "D-\n0", "E\n1"]:
        assert expected in labels
    assert "Letter\nStudents" in labels
    # Bars of 1 point from 55 to 96; the six students are all counted.
    assert len(ax.patches) == 96 - 55
    assert sum(bar_heights(ax)) == 6
    assert {p.get_width() for p in ax.patches} == {1.0}
    assert ax.get_xlabel() == "Final score (%)"
    assert ax.get_ylabel() == "Students"
    assert "6 students" in fig.get_suptitle()
    assert "What-if" not in fig.get_suptitle()
    assert any("cut-off" in text for text in legend_texts(fig))


def test_final_histogram_starts_at_the_lowest_scores_letter() -> None:
    # Lowest final 80.00 is on the B- cut-off (inclusive): lines from 80 up, no "E" label.
    fig = plots.final_histogram(grades_table([95.0, 91.5, 88.0, 85.2, 80.0]), POLICY)
    ax = fig.axes[0]
    assert sorted(vertical_lines(ax)) == [80, 83, 87, 90, 93]
    labels = texts_of(ax)
    assert "B-\n1" in labels
    assert not any(label.startswith("E\n") or label.startswith("C+\n") for label in labels)
    low, high = ax.get_xlim()
    assert low <= 80 and high >= 96


def test_final_histogram_what_if_uses_the_given_finals_rounded() -> None:
    grades = grades_table([95.0, 91.5, 88.0])
    # 92.995 rounds half-up to 93.00: an A. 70 is a C-. The grades' own finals are ignored.
    finals = pd.Series([92.995, 70.0, 70.5], index=grades["uniqname"])
    fig = plots.final_histogram(grades, POLICY, finals=finals)
    labels = texts_of(fig.axes[0])
    assert "A\n1" in labels
    assert "C-\n2" in labels
    assert "A-\n0" in labels
    assert fig.get_suptitle().startswith("What-if")


def test_final_histogram_redrawn_in_place_is_the_new_figure() -> None:
    """A what-if slider redraws one figure: the same bytes as a figure made anew."""
    grades = grades_table([95.0, 91.5, 88.0, 85.2, 79.0, 55.0])
    finals = grades.set_index("uniqname")["final"]
    lower = dataclasses.replace(POLICY, letters=tuple((k, c - 7.5) for k, c in POLICY.letters))
    fig = plots.final_histogram(grades, POLICY, finals=finals)
    changes = [
        (POLICY, finals * 1.05),  # other bars, counts and limits
        (lower, finals),  # other cut-offs: lines, ticks and bands move
        (POLICY, finals * np.nan),  # no finals: no bars, a note
        (POLICY, pd.concat([finals] * 40)),  # counts of two digits: laid out again
        (lower, finals * 0.9),
    ]
    for policy, what_if in changes:
        plots.redraw_finals(fig, grades, policy, finals=what_if)
        fresh = plots.final_histogram(grades, policy, finals=what_if)
        assert texts_of(fig.axes[0]) and sorted(texts_of(fig.axes[0])) == sorted(
            texts_of(fresh.axes[0])
        )
        assert sorted(vertical_lines(fig.axes[0])) == sorted(vertical_lines(fresh.axes[0]))
        assert sorted(bar_heights(fig.axes[0])) == sorted(bar_heights(fresh.axes[0]))
        assert plots.figure_png(fig) == plots.figure_png(fresh)


def test_final_histogram_redrawn_on_its_still_pixels_is_the_new_figure() -> None:
    """While the axes' limits stay, a redraw keeps the pixels of the y-axis and labels
    and draws the bars, x-axis, lines and counts on them: the same bytes as a new figure."""
    grades = grades_table([95.0, 91.5, 88.0, 85.2, 79.0, 55.0])
    finals = grades.set_index("uniqname")["final"]
    fig = plots.final_histogram(grades, POLICY, finals=finals)
    plots.redraw_finals(fig, grades, POLICY, finals=finals)
    plots.figure_png(fig)
    assert len(fig.still) == 1
    still = next(iter(fig.still.values()))
    moved = dataclasses.replace(
        POLICY, letters=tuple((k, 84.5 if k == "B" else c) for k, c in POLICY.letters)
    )
    other = finals.where(finals != 88.0, 86.2)  # a student from B+ down to B
    for policy, what_if in [(moved, finals), (POLICY, other), (moved, other), (POLICY, finals)]:
        plots.redraw_finals(fig, grades, policy, finals=what_if)
        fresh = plots.final_histogram(grades, policy, finals=what_if)
        assert plots.figure_png(fig) == plots.figure_png(fresh)
        assert fig.still[fig.still_key] is still  # drawn on, not drawn again
    taller = finals.where(finals != 91.5, 95.2)  # two students at 95: another y-axis
    for what_if in [taller, finals, taller]:  # each y-axis drawn once, then kept
        plots.redraw_finals(fig, grades, POLICY, finals=what_if)
        fresh = plots.final_histogram(grades, POLICY, finals=what_if)
        assert plots.figure_png(fig) == plots.figure_png(fresh)
    assert len(fig.still) == 2 and fig.still[fig.still_key] is not still


# ---------------------------------------------------------------------- component_distributions


def test_component_distributions_panels_means_and_missing() -> None:
    grades = grades_table([90, 80, 70, 60, 50, 40])
    grades.loc[[0, 2, 4], "summary"] = np.nan  # 3 not graded
    grades["project_report"] = np.nan  # nothing graded yet
    fig = plots.component_distributions(grades)
    panels = fig.axes[:5]
    titles = [ax.get_title() for ax in panels]
    assert titles == [
        "Paper Presentation",
        "Paper Summary (3 not graded)",
        "Participation",
        "Project Report (6 not graded)",
        "Project Presentations",
    ]
    presentation = panels[0]  # 60..65: mean 62.5
    assert vertical_lines(presentation) == [62.5]
    assert sum(bar_heights(presentation)) == 6
    assert "mean 62.50" in texts_of(presentation)
    summary = panels[1]  # graded: 66, 68, 70 (rows 1, 3, 5): mean 68
    assert vertical_lines(summary) == [68.0]
    assert sum(bar_heights(summary)) == 3
    assert "Not graded yet" in texts_of(panels[3])
    assert all(ax.get_xlim() == (0.0, 100.0) for ax in panels)
    assert any("mean" in text for text in legend_texts(fig))


def test_component_distributions_leave_excused_out_and_count_them() -> None:
    grades = grades_table([90, 80, 70, 60, 50, 40])
    grades["summary_status"] = "graded"
    grades.loc[[0, 1], "summary"] = np.nan
    grades.loc[0, "summary_status"] = "excused"  # not drawn, counted as excused
    grades.loc[1, "summary_status"] = "ungraded"
    fig = plots.component_distributions(grades)
    summary = fig.axes[1]
    assert summary.get_title() == "Paper Summary (1 not graded, 1 excused)"
    assert sum(bar_heights(summary)) == 4


# --------------------------------------------------------------------------------- letter_counts


def test_letter_counts_in_scale_order_with_zero_bars() -> None:
    letters = pd.Series(["A", "C", "A", "B+", "E", "A"])
    fig = plots.letter_counts(letters, POLICY)
    ax = fig.axes[0]
    expected = [3, 0, 1, 0, 0, 0, 1, 0, 0, 0, 0, 1]
    assert bar_heights(ax) == expected
    assert [t.get_text() for t in ax.get_xticklabels()] == SCALE
    assert texts_of(ax) == [str(n) for n in expected]
    assert ax.get_xlabel() == "Letter grade"


def test_letter_counts_notes_students_without_a_letter() -> None:
    fig = plots.letter_counts(pd.Series(["A", ""]), POLICY)
    assert bar_heights(fig.axes[0])[0] == 1
    assert "1 without a letter" in fig.get_suptitle()


# ---------------------------------------------------------------------------- attendance_heatmap


def test_attendance_heatmap_cells() -> None:
    fig = plots.attendance_heatmap(attendance_frame())
    ax = fig.axes[0]
    cells = np.asarray(ax.images[0].get_array())
    # Rows alice, bob, carol; columns Sep 03, Sep 05, Sep 12. 0 present, 1 absent, 2 excused.
    assert cells.tolist() == [[0, 0, 1], [1, 0, 0], [0, 2, 1]]  # carol: no row on Sep 12
    assert [t.get_text() for t in ax.get_yticklabels()] == ["alice", "bob", "carol"]
    assert [t.get_text() for t in ax.get_xticklabels()] == ["Sep 03", "Sep 05", "Sep 12"]
    assert all(t.get_rotation() == 90 for t in ax.get_xticklabels())
    cmap = ax.images[0].get_cmap()
    assert [to_hex(cmap(code)) for code in (0, 1, 2)] == [LIGHT_GREY, WARNING, BLUE]
    assert legend_texts(fig) == ["present (5)", "absent (3)", "excused (1)"]


def test_attendance_heatmap_grows_with_students_and_hides_names_past_80() -> None:
    def frame(n: int) -> pd.DataFrame:
        names = [f"s{i:03d}" for i in range(n)]
        return pd.DataFrame(
            {"uniqname": names, "date": pd.Timestamp("2024-09-03"), "status": "present"}
        )

    small, forty, many = (plots.attendance_heatmap(frame(n)) for n in (6, 40, 81))
    assert small.get_figheight() < forty.get_figheight() <= many.get_figheight()
    assert len(forty.axes[0].get_yticklabels()) == 40
    assert len(many.axes[0].get_yticklabels()) == 0
    assert "81 students" in many.axes[0].get_ylabel()


def test_attendance_heatmap_rejects_an_unknown_status() -> None:
    frame = attendance_frame()
    frame.loc[0, "status"] = "late"
    with pytest.raises(ValueError, match="late"):
        plots.attendance_heatmap(frame)


# -------------------------------------------------------------------------------- absences_chart


def test_absences_chart_order_colours_and_allowance() -> None:
    fig = plots.absences_chart(parts_frame(), POLICY)
    ax = fig.axes[0]
    # alice (0) left out; most first, ties by uniqname.
    assert [t.get_text() for t in ax.get_yticklabels()] == ["dave", "bob", "frank", "carol", "erin"]
    assert [p.get_width() for p in ax.patches] == [5, 3, 3, 2, 1]
    colours = [to_hex(p.get_facecolor()) for p in ax.patches]
    assert colours == [WARNING, WARNING, WARNING, NEUTRAL, NEUTRAL]
    assert vertical_lines(ax) == [2.0]
    assert "allowance (2)" in legend_texts(fig)
    assert "3 past the allowance" in fig.get_suptitle()
    assert "1 of 6 students with no absence" in ax.get_xlabel()
    low, high = ax.get_ylim()
    assert low > high  # first bar (most absences) at the top


def test_absences_chart_takes_a_uniqname_column_and_nobody_absent() -> None:
    parts = parts_frame().assign(absences=0).reset_index()
    fig = plots.absences_chart(parts, POLICY)
    assert "Nobody was absent" in texts_of(fig.axes[0])


# ------------------------------------------------------------------------- questions_per_lecture


def test_questions_per_lecture_stacks() -> None:
    fig = plots.questions_per_lecture(questions_frame())
    ax = fig.axes[0]
    on_time, late, none = ([bar.get_height() for bar in c] for c in ax.containers)
    # Dates sorted: Sep 03, Sep 05.
    assert on_time == [1, 3]
    assert late == [0, 1]
    assert none == [2, 1]
    late_bottoms = [bar.get_y() for bar in ax.containers[1]]
    assert late_bottoms == [1, 3]
    assert [t.get_text() for t in ax.get_xticklabels()] == ["Sep 03", "Sep 05"]
    assert legend_texts(fig) == ["on time", "only a late one", "none"]


# -------------------------------------------------------------------------- piazza_contributions


def test_piazza_contributions_bars_and_target() -> None:
    fig = plots.piazza_contributions(parts_frame(), POLICY)
    ax = fig.axes[0]
    heights = bar_heights(ax)  # counts 0..12
    assert len(heights) == 13
    assert heights[0] == 1 and heights[2] == 1 and heights[5] == 2
    assert heights[7] == 1 and heights[12] == 1 and sum(heights) == 6
    colours = [to_hex(p.get_facecolor()) for p in ax.patches]
    assert colours[:5] == [WARNING] * 5
    assert colours[5:] == [NEUTRAL] * 8
    assert vertical_lines(ax) == [5.0]
    assert "full credit at 5" in legend_texts(fig)
    assert "1 not in the Piazza export" in fig.get_suptitle()


# -------------------------------------------------------------------------- participation_scores


def test_participation_scores_sorted_with_mean() -> None:
    scores = pd.Series({"alice": 50.0, "bob": 100.0, "carol": 75.0, "dave": np.nan})
    fig = plots.participation_scores(scores, title="What if questions count double")
    ax = fig.axes[0]
    assert bar_heights(ax) == [100.0, 75.0, 50.0]
    assert [t.get_text() for t in ax.get_xticklabels()] == ["bob", "carol", "alice"]
    horizontal = [line.get_ydata()[0] for line in ax.lines]
    assert horizontal == [75.0]
    assert ax.get_ylim() == (0.0, 100.0)
    assert fig.get_suptitle().startswith("What if questions count double (3 students")
    assert "1 without a score" in fig.get_suptitle()
    assert "mean (75.00)" in legend_texts(fig)


def test_participation_scores_redrawn_in_place_only_when_only_the_axes_change() -> None:
    many = pd.Series({f"s{i:03d}": float(i) for i in range(90)})  # touching bars
    fig = plots.participation_scores(many)
    assert plots.redraw_participation(fig, many * 0.5)
    fresh = plots.participation_scores(many * 0.5)
    assert legend_texts(fig) == legend_texts(fresh) == ["one student", "mean (22.25)"]
    assert plots.figure_png(fig) == plots.figure_png(fresh)
    assert not plots.redraw_participation(fig, many.where(many > 10))  # another title
    few = pd.Series({"alice": 50.0, "bob": 100.0})  # named bars: made anew
    assert not plots.redraw_participation(plots.participation_scores(few), few * 0.5)


# ---------------------------------------------------------------------------------- near_cutoffs


def test_near_cutoffs() -> None:
    grades = grades_table([92.0, 92.99, 93.0, 89.5, 95.0, 85.0])
    grades.loc[len(grades)] = grades.loc[0]
    grades.loc[6, ["uniqname", "final"]] = ["zed", 92.995]  # rounds to 93.00: an A already
    near = near_cutoffs(grades, POLICY.letters, within=1.0)
    assert list(near.columns) == [
        "uniqname",
        "name",
        "final",
        "letter",
        "next_letter",
        "cutoff",
        "gap",
    ]
    assert near["uniqname"].tolist() == ["bob", "dave", "alice"]
    assert near["final"].tolist() == [92.99, 89.5, 92.0]
    assert near["letter"].tolist() == ["A-", "B+", "A-"]
    assert near["next_letter"].tolist() == ["A", "A-", "A"]
    assert near["cutoff"].tolist() == [93.0, 90.0, 93.0]
    assert near["gap"].tolist() == [0.01, 0.5, 1.0]
    # 85.00 is 2 below B+ (87): listed only with a wider window.
    wider = near_cutoffs(grades.set_index("uniqname"), POLICY.letters, within=2.0)
    assert wider["uniqname"].tolist() == ["bob", "dave", "alice", "frank"]
    assert wider.loc[3, ["next_letter", "gap"]].tolist() == ["B+", 2.0]
    assert near_cutoffs(grades, POLICY.letters, within=0.0).empty


# ------------------------------------------------------------------------- every figure, PNGs


FIGURES: dict[str, Callable[[], Figure]] = {
    "final_histogram": lambda: plots.final_histogram(grades_table([95, 88, 79, 55]), POLICY),
    "component_distributions": lambda: plots.component_distributions(grades_table([90, 80])),
    "letter_counts": lambda: plots.letter_counts(pd.Series(["A", "B"]), POLICY),
    "attendance_heatmap": lambda: plots.attendance_heatmap(attendance_frame()),
    "absences_chart": lambda: plots.absences_chart(parts_frame(), POLICY),
    "questions_per_lecture": lambda: plots.questions_per_lecture(questions_frame()),
    "piazza_contributions": lambda: plots.piazza_contributions(parts_frame(), POLICY),
    "participation_scores": lambda: plots.participation_scores(pd.Series({"a": 80.0})),
}


@pytest.mark.parametrize("name", FIGURES)
def test_every_figure_is_titled_labelled_and_fixed(name: str) -> None:
    fig = FIGURES[name]()
    assert isinstance(fig, Figure)
    assert fig.get_suptitle().strip()
    drawn = [ax for ax in fig.axes if ax.axison]
    assert drawn
    for ax in drawn:
        assert ax.get_xlabel().strip() and ax.get_ylabel().strip()
    assert fig.get_dpi() == 100
    before = [ax.get_position().bounds for ax in fig.axes]
    fig.draw_without_rendering()
    assert [ax.get_position().bounds for ax in fig.axes] == before  # laid out once, kept
    families = {text.get_fontname() for text in fig.findobj(lambda a: hasattr(a, "get_fontname"))}
    assert families == {"DejaVu Sans"}


@pytest.mark.parametrize("name", FIGURES)
def test_figure_png_is_deterministic(name: str) -> None:
    fig = FIGURES[name]()
    first, second = plots.figure_png(fig), plots.figure_png(fig)
    assert first.startswith(b"\x89PNG\r\n\x1a\n")
    assert first == second
    assert plots.figure_png(FIGURES[name]()) == first  # a rebuilt figure too
    assert b"Software" not in first
    width, height = fig.get_size_inches() * 100
    assert int.from_bytes(first[16:20], "big") == round(width)
    assert int.from_bytes(first[20:24], "big") == round(height)


def test_figures_ignore_the_notebooks_style_and_shows_in_jupyter() -> None:
    import matplotlib

    with matplotlib.rc_context({"font.size": 30, "axes.facecolor": "black"}):
        fig = FIGURES["letter_counts"]()
    assert fig.get_suptitle() and fig.axes[0].get_facecolor()[:3] == (1.0, 1.0, 1.0)
    assert fig._repr_png_() == plots.figure_png(fig)


def test_plots_never_load_pyplot() -> None:
    code = (
        "import sys, pandas as pd, gradelib; from gradelib.show import plots; "
        "plots.figure_png(plots.letter_counts(pd.Series(['A']), gradelib.default_policy())); "
        "assert 'matplotlib.pyplot' not in sys.modules"
    )
    subprocess.run([sys.executable, "-c", code], check=True)


def test_sample_course_figures(tmp_path: Path) -> None:
    """Every figure draws on the sample course (the notebooks' data)."""
    sample = Path(__file__).resolve().parents[1] / "data" / "sample"
    if not sample.is_dir():
        pytest.skip("no data/sample")
    course = gradelib.load_course(sample)
    report = gradelib.score_course(course)
    policy = course.policy
    figures = [
        plots.final_histogram(report.grades, policy),
        plots.component_distributions(report.grades),
        plots.letter_counts(report.grades["letter"], policy),
        plots.attendance_heatmap(report.attendance),
        plots.absences_chart(report.parts, policy),
        plots.questions_per_lecture(report.questions),
        plots.piazza_contributions(report.parts, policy),
        plots.participation_scores(report.parts["participation"]),
    ]
    letters = plots.letter_counts(report.grades["letter"], policy)
    assert sum(bar_heights(letters.axes[0])) == len(report.grades)
    heat = np.asarray(plots.attendance_heatmap(report.attendance).axes[0].images[0].get_array())
    assert (heat == 1).sum() == (report.attendance["status"] == "absent").sum()
    for number, fig in enumerate(figures):
        (tmp_path / f"{number}.png").write_bytes(plots.figure_png(fig))
