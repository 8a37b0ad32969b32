"""Term progress mid-term: the course as of a day, what is still to do and what is closed.

The "mid-term" course is the tiny course of tests/builder.py part-way through:

- attendance taken on 09-03 and 09-05 only (09-12 and 10-22 have no rows yet);
- presentation: g1 09-03 graded, g2 09-05 a blank row (row 4), g3 09-12 no row;
- summary: all graded, but g3's of 09-05 (row 4) has no submitted time;
- questions: dave none for 09-03, frank (group of one) none for 09-05, erin none for
  09-12 (excused that day by an override); frank presents 09-12 and asks nothing then.

As of 2024-09-12 the work still to do, sorted by date, kind, group and student, is:

===== ===================== ============ ===== =====
date  kind                  sheet        group who
===== ===================== ============ ===== =====
09-05 rubric row not filled presentation g2
09-05 summary not submitted summary      g3
09-12 no rubric row         presentation g3
09-12 attendance not taken
===== ===================== ============ ===== =====

and closed, each counted 0 (a question counts only before its lecture's class start, so
a lecture given with none from a student stays 0 for them):

===== =========== ===== =====
date  kind        group who
===== =========== ===== =====
09-03 no question g2    dave
09-05 no question g3    frank
===== =========== ===== =====
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Callable
from pathlib import Path

import pandas as pd
import pytest
from builder import STUDENTS, base_rubrics, base_tables, write_course

import gradelib
from gradelib.load.course import Course
from gradelib.notebook.session import Session
from gradelib.score.as_of import before_first_class, default_as_of, end_of_day, first_class_day
from gradelib.score.progress import (
    CLOSED_KINDS,
    KINDS,
    course_as_of,
    outstanding_work,
    progress_summary,
    term_progress,
)

EXCUSED_ERIN = [["erin", "attendance:2024-09-12", "excused", "flu"]]


def kept(rows: list[list], keep: Callable[[list], bool]) -> list[list]:
    """The header row and the rows ``keep`` accepts."""
    return [rows[0], *(r for r in rows[1:] if keep(r))]


def midterm_course(folder: Path) -> Course:
    """The mid-term course of the module docstring."""
    tables = base_tables()
    tables["attendance"] = kept(tables["attendance"], lambda r: r[0] < "2024-09-12")
    missing = [["dave", "2024-09-03"], ["frank", "2024-09-05"], ["erin", "2024-09-12"]]
    tables["questions"] = kept(tables["questions"], lambda r: r[1:] not in missing)
    rubrics = base_rubrics()
    rubrics["presentation"][3] = ["g2", dt.date(2024, 9, 5), "insujang", None, None, None]
    del rubrics["presentation"][4]  # g3's 09-12: no row yet
    rubrics["summary"][3][3] = None  # g3's 09-05 summary: no submitted time
    return gradelib.load_course(write_course(folder, tables, rubrics, overrides=EXCUSED_ERIN))


def listed(frame: pd.DataFrame) -> list[tuple]:
    """(day, kind, sheet, group, uniqname) per row, None where missing."""
    shown = frame.assign(day=frame["date"].dt.strftime("%m-%d"))
    return [
        tuple(None if pd.isna(v) else v for v in row)
        for row in shown[["day", "kind", "sheet", "group", "uniqname"]].itertuples(index=False)
    ]


@pytest.fixture
def midterm(tmp_path: Path) -> Course:
    return midterm_course(tmp_path / "course")


# --- the course as of a day ----------------------------------------------------------------


def test_as_of_keeps_only_what_happened_by_then(tmp_path: Path) -> None:
    course = gradelib.load_course(write_course(tmp_path))
    then = course_as_of(course, dt.date(2024, 9, 5))
    days = ["2024-09-03", "2024-09-05"]
    assert list(then.schedule["date"].dt.strftime("%Y-%m-%d")) == days
    assert set(then.attendance["date"].dt.strftime("%Y-%m-%d")) == set(days)
    assert set(then.questions["date"].dt.strftime("%Y-%m-%d")) == set(days)
    for sheet in ("presentation", "summary"):
        assert list(then.rubrics[sheet].scores["date"].dt.strftime("%Y-%m-%d")) == days
    assert len(then.rubrics["proposal"].scores) == 3  # undated: kept as it is


def test_input_course_is_not_changed(midterm: Course) -> None:
    before = {
        field.name: getattr(midterm, field.name).copy(deep=True)
        for field in dataclasses.fields(midterm)
        if isinstance(getattr(midterm, field.name), pd.DataFrame)
    }
    sheets = {
        name: (r.scores.copy(deep=True), r.ungraded.copy(deep=True))
        for name, r in midterm.rubrics.items()
    }
    course_as_of(midterm, dt.date(2024, 9, 4))
    outstanding_work(midterm, dt.date(2024, 9, 4), include_project=True)
    for name, frame in before.items():
        pd.testing.assert_frame_equal(getattr(midterm, name), frame)
    for name, (scores, ungraded) in sheets.items():
        pd.testing.assert_frame_equal(midterm.rubrics[name].scores, scores)
        pd.testing.assert_frame_equal(midterm.rubrics[name].ungraded, ungraded)


# --- what is outstanding -------------------------------------------------------------------


def test_outstanding_as_of_mid_term(midterm: Course) -> None:
    progress = term_progress(midterm, dt.date(2024, 9, 12))
    frame = progress.to_do
    pd.testing.assert_frame_equal(frame, outstanding_work(midterm, dt.date(2024, 9, 12)))
    assert list(frame.columns) == ["kind", "sheet", "group", "date", "uniqname", "detail"]
    assert listed(frame) == [
        ("09-05", "rubric row not filled", "presentation", "g2", None),
        ("09-05", "summary not submitted", "summary", "g3", None),
        ("09-12", "no rubric row", "presentation", "g3", None),
        ("09-12", "attendance not taken", None, None, None),
    ]
    assert listed(progress.closed) == [
        ("09-03", "no question", None, "g2", "dave"),
        ("09-05", "no question", None, "g3", "frank"),
    ]
    assert list(progress.closed.columns) == list(frame.columns)
    detail = frame.set_index("kind")["detail"]
    assert detail["rubric row not filled"] == (
        "row 4 of the presentation sheet by insujang has no score filled in"
    )
    assert detail["no rubric row"] == (
        "group g3 presents on 2024-09-12; the presentation sheet has no row for it"
    )
    assert "summary sheet row 4" in detail["summary not submitted"]
    assert "counts absent" in detail["attendance not taken"]
    assert progress.closed.loc[0, "detail"] == (
        "no question for the lecture of 2024-09-03 (group g1 presents)"
    )


def test_as_of_before_and_after_a_lecture(midterm: Course) -> None:
    on_09_04 = term_progress(midterm, dt.date(2024, 9, 4))
    assert on_09_04.to_do.empty
    assert listed(on_09_04.closed) == [("09-03", "no question", None, "g2", "dave")]
    on_09_05 = term_progress(midterm, dt.date(2024, 9, 5))
    assert [row[:2] for row in listed(on_09_05.to_do)] == [
        ("09-05", "rubric row not filled"),
        ("09-05", "summary not submitted"),
    ]
    assert [row[:2] for row in listed(on_09_05.closed)] == [
        ("09-03", "no question"),
        ("09-05", "no question"),
    ]
    later = term_progress(midterm, dt.date(2024, 10, 22))
    assert listed(later.to_do)[-1] == ("10-22", "attendance not taken", None, None, None)
    assert (len(later.to_do), len(later.closed)) == (5, 2)


def test_no_question_not_asked_of_own_group_or_excused_day(midterm: Course) -> None:
    asked = term_progress(midterm, dt.date(2024, 9, 12)).closed
    # frank presents 09-12 himself; erin is excused on 09-12: neither is listed for it.
    assert set(zip(asked["uniqname"], asked["date"].dt.day, strict=True)) == {
        ("dave", 3),
        ("frank", 5),
    }


def test_a_second_graders_blank_row_is_listed(tmp_path: Path) -> None:
    rubrics = base_rubrics()
    rubrics["presentation"].append(["g1", dt.date(2024, 9, 3), "mosharaf", None, None, None])
    course = gradelib.load_course(write_course(tmp_path, rubrics=rubrics))
    frame = outstanding_work(course, dt.date(2024, 9, 3))
    assert listed(frame) == [("09-03", "rubric row not filled", "presentation", "g1", None)]
    assert frame.loc[0, "detail"] == (
        "row 6 of the presentation sheet by mosharaf has no score filled in; "
        "another grader's scores count meanwhile"
    )


def test_project_sheets_only_when_asked(tmp_path: Path) -> None:
    rubrics = base_rubrics()
    rubrics["final_report"][2:] = [["g1", "insujang", None]]
    course = gradelib.load_course(write_course(tmp_path, rubrics=rubrics))
    assert outstanding_work(course, dt.date(2024, 12, 31)).empty
    frame = outstanding_work(course, dt.date(2024, 12, 31), include_project=True)
    assert [row[1:4] for row in listed(frame)] == [
        ("rubric row not filled", "final_report", "g1"),
        ("no rubric row", "final_report", "g2"),
        ("no rubric row", "final_report", "g3"),
    ]
    assert frame["date"].isna().all()


def test_progress_summary_counts_every_kind(midterm: Course) -> None:
    progress = term_progress(midterm, dt.date(2024, 9, 12))
    summary = progress_summary(progress.to_do)
    assert list(summary["kind"]) == list(KINDS)
    assert dict(zip(summary["kind"], summary["count"], strict=True)) == {
        "rubric row not filled": 1,
        "no rubric row": 1,
        "summary not submitted": 1,
        "questions not entered": 0,
        "attendance not taken": 1,
    }
    closed = progress_summary(progress.closed, CLOSED_KINDS)
    assert closed.to_dict("list") == {"kind": ["no question"], "count": [2]}


def test_nothing_outstanding_before_the_term(midterm: Course) -> None:
    progress = term_progress(midterm, dt.date(2024, 8, 26))
    assert progress.to_do.empty and progress.closed.empty
    assert progress_summary(progress.to_do)["count"].sum() == 0


def test_a_lecture_with_no_question_from_anyone_is_to_do_not_closed(midterm: Course) -> None:
    """Nobody's question for 09-05 in the log: not entered yet, not 5 zeros.

    09-05 is g2's lecture (dave, erin), so the students asked are the four of g1 (alice,
    bob, carol) and g3 (frank). The one row says so, and no student's 0 is listed as
    closed (everyone's 09-03 question is in).
    """
    tables = base_tables()
    tables["questions"] = kept(tables["questions"], lambda r: r[2] != "2024-09-05")
    course = gradelib.load_course(write_course(midterm.folder.parent / "q", tables))
    progress = term_progress(course, dt.date(2024, 9, 5))
    assert listed(progress.to_do) == [("09-05", "questions not entered", None, None, None)]
    assert progress.to_do.loc[0, "detail"] == (
        "the questions log has no question for the lecture of 2024-09-05 (group g2 "
        "presents) from any of the 4 students asked; until they are entered each counts 0 "
        "for it"
    )
    assert progress.closed.empty


# --- daylight saving time ------------------------------------------------------------------


def test_as_of_the_day_clocks_fall_back(tmp_path: Path) -> None:
    """2024-11-03 has 25 hours in Detroit: it ends at 2024-11-04 00:00 EST = 05:00 UTC."""
    tables = base_tables()
    tables["schedule"] += [
        ["2024-10-31", "lecture", "Serving", "g1", "g2", "g3"],
        ["2024-11-05", "lecture", "Serving", "g2", "g3", "g1"],
    ]
    tables["attendance"] += [["2024-10-31", name, ""] for name in STUDENTS]
    tables["questions"] += [
        ["2024-10-30 09:00:00", "frank", "2024-10-31"],  # on time
        ["2024-11-03 23:30:00", "dave", "2024-10-31"],  # late, but in by the end of 11-03
        ["2024-11-04 00:30:00", "erin", "2024-10-31"],  # after the end of 11-03
        ["2024-11-03 12:00:00", "alice", "2024-11-05"],  # for a later lecture
    ]
    course = gradelib.load_course(write_course(tmp_path, tables))
    sunday = dt.date(2024, 11, 3)
    assert end_of_day(course, sunday) == pd.Timestamp("2024-11-04 05:00", tz="UTC")
    assert end_of_day(course, dt.date(2024, 11, 2)) == pd.Timestamp("2024-11-03 04:00", tz="UTC")
    then = course_as_of(course, sunday)
    late = then.questions.loc[then.questions["date"] >= "2024-10-31"]
    assert sorted(late["uniqname"]) == ["dave", "frank"]

    def missing(as_of: dt.date) -> list[tuple]:
        return listed(term_progress(course, as_of).closed)

    assert missing(sunday) == [("10-31", "no question", None, "g2", "erin")]
    assert missing(dt.date(2024, 11, 4)) == []


# --- the current score mid-term ------------------------------------------------------------


def as_it_stood_on_09_05(folder: Path) -> Course:
    """The files as they were on 09-05: later days empty, proposal the only project grade.

    dave asked no question for 09-03; erin missed both classes.
    """
    tables = base_tables()
    tables["attendance"] = kept(
        tables["attendance"], lambda r: r[0] <= "2024-09-05" and r[1] != "erin"
    )
    tables["questions"] = kept(
        tables["questions"], lambda r: r[2] <= "2024-09-05" and r[1:] != ["dave", "2024-09-03"]
    )
    rubrics = base_rubrics()
    for sheet in ("presentation", "summary"):
        rubrics[sheet] = rubrics[sheet][:4]
    for sheet in ("final_report", "midterm_presentation", "poster"):
        rubrics[sheet] = rubrics[sheet][:2]
    return gradelib.load_course(write_course(folder, tables, rubrics))


def test_current_as_of_mid_term_by_hand(tmp_path: Path) -> None:
    """As of 09-05, worked out by hand.

    The proposal is graded (g1 80, g2 100, g3 60), the final report is not: Project
    Report is partial, its current value the proposal's alone (SPEC "current").

    - erin (g2): presentation 80 (09-05), summary 85 (09-03); attendance H = 2, A = 2,
      100·min(1, (2 − 2 + 2)/2) = 100; questions 1/1 (09-03); Piazza 100 → participation
      100; project report 100 (proposal) → current = (15·80 + 15·85 + 10·100 + 40·100)
      / 80 = 7475 / 80 = 93.4375; final = (1200 + 1275 + 1000 + 40·(.25·100)) / 100 =
      44.75 (the final report and project presentations count 0).
    - dave (g2): participation .5·100 + .25·0 + .25·100 = 75 →
      current = (1200 + 1275 + 750 + 4000) / 80 = 90.3125.
    - alice (g1): presentation 90; summary none yet (g1 summarizes 09-12); participation
      100; project report 80 → current = (15·90 + 10·100 + 40·80) / 65 = 5550 / 65 =
      85.3846...

    Scored without the cut, the later days count: erin absent 4 of 4 (attendance 50) and
    alice's 09-12 question missing (questions 50).
    """
    course = as_it_stood_on_09_05(tmp_path)
    grades = gradelib.score_course(course_as_of(course, dt.date(2024, 9, 5))).grades
    grades = grades.set_index("uniqname")
    assert grades.loc["erin", "participation"] == pytest.approx(100.0)
    assert grades.loc["erin", "current"] == 93.44
    assert grades.loc["erin", "final"] == 44.75
    assert grades.loc["dave", "current"] == 90.31
    assert pd.isna(grades.loc["alice", "summary"])
    assert grades.loc["alice", "summary_status"] == "ungraded"
    assert grades.loc["alice", "current"] == 85.38
    assert (grades["project_report_status"] == "partial").all()
    assert grades.loc["erin", "project_report"] == 100.0

    uncut = gradelib.compute_grades(course).set_index("uniqname")
    assert uncut.loc["erin", "participation"] == pytest.approx(62.5)  # 25 + 12.5 + 25
    # (1200 + 1275 + 625 + 4000) / 80 = 88.75
    assert uncut.loc["erin", "current"] == 88.75
    # questions 1/2, participation 87.5: (1350 + 875 + 3200) / 65 = 83.4615...
    assert uncut.loc["alice", "current"] == 83.46


def test_current_before_any_class_day(tmp_path: Path) -> None:
    """Nothing held yet: participation (100) and the graded proposal make the current score."""
    course = as_it_stood_on_09_05(tmp_path)
    grades = gradelib.score_course(course_as_of(course, dt.date(2024, 9, 1))).grades
    assert grades[["presentation", "summary"]].isna().all().all()
    # Participation 100 and the proposal alone count: current = (10·100 + 40·proposal)
    # / 50; final = (10·100 + 40·.25·proposal) / 100. alice (g1, 80): 84 and 18; erin
    # (g2, 100): 100 and 20; frank (g3, 60): 68 and 16.
    grades = grades.set_index("uniqname")
    assert grades.loc[["alice", "erin", "frank"], "current"].tolist() == [84.0, 100.0, 68.0]
    assert grades.loc[["alice", "erin", "frank"], "final"].tolist() == [18.0, 20.0, 16.0]


# --- the panel -----------------------------------------------------------------------------


def test_default_as_of_is_the_last_class_day(midterm: Course) -> None:
    assert default_as_of(midterm, dt.date(2024, 9, 11)) == dt.date(2024, 9, 5)  # 09-10: none
    assert default_as_of(midterm, dt.date(2024, 9, 12)) == dt.date(2024, 9, 12)
    assert default_as_of(midterm, dt.date(2025, 1, 6)) == dt.date(2024, 10, 22)
    assert default_as_of(midterm, dt.date(2024, 8, 1)) == dt.date(2024, 10, 22)


def test_progress_panel_shows_the_counts(midterm: Course) -> None:
    from gradelib.notebook.progress import ProgressPanel

    panel = ProgressPanel(Session(midterm.folder), clock=lambda: dt.datetime(2024, 9, 11, 9, 0))
    assert panel.picker.value == dt.date(2024, 9, 5)
    assert 'data-total="2" data-closed="2"' in panel.counts.value
    assert "2 things still to do</b> as of 2024-09-05; 2 gaps closed, counted as 0" in (
        panel.counts.value
    )
    assert '<tr data-kind="rubric row not filled" data-count="1">' in panel.counts.value
    assert '<tr data-kind="no question" data-count="2">' in panel.counts.value
    assert '<tr data-kind="attendance not taken" data-count="0">' in panel.counts.value
    assert '<details data-kind="no question" open>' in panel.closed.value
    assert "<h4>Closed: counted as 0</h4>" in panel.closed.value
    assert 'data-kind="no question"' not in panel.outstanding.value
    assert 'id="gl-grades"' in panel.grades.value

    panel.picker.value = dt.date(2024, 9, 12)
    assert 'data-total="4" data-closed="2"' in panel.counts.value
    assert '<tr data-kind="attendance not taken" data-count="1">' in panel.counts.value
    assert 'data-as-of="2024-09-12"' in panel.grades.value

    panel.include_project.value = True
    assert 'data-total="4"' in panel.counts.value  # every project item is graded


def test_progress_panel_collapses_long_lists(midterm: Course) -> None:
    from gradelib.notebook.progress import outstanding_html

    closed = term_progress(midterm, dt.date(2024, 9, 12)).closed
    many = pd.concat([closed] * 10, ignore_index=True)
    markup = outstanding_html(many, limit=5, closed=True)
    assert '<details data-kind="no question"><summary>no question (20)' in markup
    assert "and 15 more not shown" in markup
    assert outstanding_html(closed.iloc[:0], closed=True) == ""  # nothing closed: nothing


def test_progress_panel_redraws_after_a_change(midterm: Course) -> None:
    """dave's 09-03 excused through the session: his closed 0 for that lecture goes, and
    the panel shows one closed gap without being touched."""
    from gradelib.load.record_override import record_override
    from gradelib.notebook.progress import ProgressPanel

    session = Session(midterm.folder, clock=lambda: dt.datetime(2024, 9, 13, 9, 0))
    panel = ProgressPanel(session, clock=lambda: dt.datetime(2024, 9, 12, 18, 0))
    assert 'data-closed="2"' in panel.counts.value
    path = midterm.folder / "overrides.csv"
    session.change(
        path,
        lambda: record_override(
            midterm.folder, "dave", "attendance:2024-09-03", "excused", "flu", now=session.clock()
        ),
        what="dave attendance:2024-09-03", old="", new="excused", reason="flu",
    )  # fmt: skip
    assert 'data-closed="1"' in panel.counts.value
    assert ">frank<" in panel.closed.value and ">dave<" not in panel.closed.value


# --- the sample course at the end of the term -----------------------------------------------


SAMPLE = Path(__file__).resolve().parents[1] / "data" / "sample"


def missing_questions_by_hand(folder: Path) -> list[tuple[str, str]]:
    """(uniqname, lecture) with no question, read from the sample's files with csv alone.

    The SPEC's rule: each paper lecture (a schedule row with a presenter), each student
    of another group, not excused that day (an ``excused`` attendance row or an
    ``attendance:<day>`` override), with no row at all in questions.csv.
    """
    import csv

    def rows(name: str) -> list[dict[str, str]]:
        with (folder / name).open(encoding="utf-8-sig", newline="") as handle:
            return list(csv.DictReader(handle))

    group = {r["uniqname"]: r["group"] for r in rows("groups.csv")}
    lectures = [(r["date"], r["presenter"]) for r in rows("schedule.csv") if r["presenter"]]
    excused = {
        (r["uniqname"], r["date"]) for r in rows("attendance.csv") if r["status"] == "excused"
    }
    excused |= {
        (r["uniqname"], r["component"].removeprefix("attendance:"))
        for r in rows("overrides.csv")
        if r["component"].startswith("attendance:") and r["value"] == "excused"
    }
    asked = {(r["uniqname"], r["date"]) for r in rows("questions.csv")}
    return [
        (student, day)
        for day, presenter in lectures
        for student, own in group.items()
        if own != presenter and (student, day) not in excused | asked
    ]


def test_sample_at_the_end_of_term_has_nothing_to_do_and_111_closed_zeros() -> None:
    """The sample's 18 paper lectures, 40 students: 111 (student, lecture) pairs without a
    question (the csv count above; 10 of them for 2024-08-29, and karanb's one, 11-21,
    the "none: 2024-11-21" of his notes). Every rubric row is filled and every class day
    taken: nothing is left to do, and the 111 are closed zeros, not 111 things to do."""
    course = gradelib.load_course(SAMPLE)
    progress = term_progress(course, dt.date(2024, 12, 5))
    by_hand = missing_questions_by_hand(SAMPLE)
    assert len(by_hand) == 111
    assert progress.to_do.empty
    assert len(progress.closed) == 111
    shown = set(zip(progress.closed["uniqname"], day_strings(progress.closed), strict=True))
    assert shown == set(by_hand)
    assert (day_strings(progress.closed) == "2024-08-29").sum() == 10
    karanb = progress.closed.loc[progress.closed["uniqname"] == "karanb"]
    assert list(day_strings(karanb)) == ["2024-11-21"]


def day_strings(frame: pd.DataFrame) -> pd.Series:
    return frame["date"].dt.strftime("%Y-%m-%d")


def test_sample_panel_lists_the_closed_zeros_apart(tmp_path: Path) -> None:
    from gradelib.notebook.progress import ProgressPanel

    session = Session(SAMPLE)
    panel = ProgressPanel(session, clock=lambda: dt.datetime(2024, 12, 31, 12, 0))
    assert panel.picker.value == dt.date(2024, 12, 5)
    assert 'data-total="0" data-closed="111"' in panel.counts.value
    assert "0 things still to do</b> as of 2024-12-05; 111 gaps closed, counted as 0" in (
        panel.counts.value
    )
    assert "<p>Nothing still to do.</p>" in panel.outstanding.value
    assert '<details data-kind="no question"><summary>no question (111)' in panel.closed.value


# --- before the first class ---------------------------------------------------------------


def test_first_class_day_and_before_it(midterm: Course) -> None:
    assert first_class_day(midterm) == dt.date(2024, 9, 3)
    assert before_first_class(midterm, dt.date(2024, 9, 2))
    assert not before_first_class(midterm, dt.date(2024, 9, 3))


def test_before_the_first_class_no_scores_and_no_letters() -> None:
    """The sample's first class is 2024-08-27. On 08-26 the grades frame would give every
    student participation 100 and a letter; the panel says "before the first class"."""
    from gradelib.notebook.progress import ProgressPanel

    panel = ProgressPanel(Session(SAMPLE), clock=lambda: dt.datetime(2024, 12, 31, 12, 0))
    panel.picker.value = dt.date(2024, 8, 26)
    assert 'data-before-first-class="2024-08-27"' in panel.counts.value
    assert "<b>Before the first class</b> (as of 2024-08-26; the first class is on 2024-08-27)" in (
        panel.counts.value
    )
    assert "Before the first class (2024-08-27): no scores and no letters yet." in (
        panel.grades.value
    )
    assert 'id="gl-grades"' not in panel.grades.value
    assert 'data-uniqname="karanb"' not in panel.grades.value  # (he would read D-)
    panel.picker.value = dt.date(2024, 8, 27)  # the first class day: scores again
    assert "data-before-first-class" not in panel.counts.value + panel.grades.value
    assert 'id="gl-grades"' in panel.grades.value
    assert 'data-uniqname="karanb"' in panel.grades.value


def test_panel_of_a_course_with_errors_says_so(midterm: Course) -> None:
    from gradelib.notebook.progress import ProgressPanel

    session = Session(midterm.folder)
    panel = ProgressPanel(session, clock=lambda: dt.datetime(2024, 9, 11, 9, 0))
    (midterm.folder / "groups.csv").write_text("nothing,useful\n", encoding="utf-8")
    session.ensure_current()
    assert "Out of date" in panel.counts.value
    assert panel.outstanding.value == panel.closed.value == panel.grades.value == ""


def test_command_line_grades_as_of_a_day(tmp_path: Path, capsys) -> None:
    """``gradelib grade DIR --as-of 2024-09-05`` gives the hand-worked currents above."""
    import csv
    import io

    from gradelib.cli import main

    folder = as_it_stood_on_09_05(tmp_path).folder
    assert main(["grade", str(folder), "--as-of", "2024-09-05", "--csv"]) == 0
    rows = {r["uniqname"]: r for r in csv.DictReader(io.StringIO(capsys.readouterr().out))}
    assert rows["erin"]["current"] == "93.44"
    assert rows["dave"]["current"] == "90.31"
    assert rows["alice"]["current"] == "85.38"
    assert main(["grade", str(folder), "--csv"]) == 0  # without the cut: later days count
    rows = {r["uniqname"]: r for r in csv.DictReader(io.StringIO(capsys.readouterr().out))}
    assert rows["erin"]["current"] == "88.75"
    with pytest.raises(SystemExit) as stop:
        main(["grade", str(folder), "--as-of", "5 Sept"])
    assert stop.value.code == 2
    assert "is not a date like 2024-10-15" in capsys.readouterr().err


def test_gaps_sorted_as_a_stable_sort_with_missing_values_last() -> None:
    """Rows sort by date, kind (in the order given), group and uniqname, each missing
    value after the others, rows alike in their order: as pandas' stable sort does."""
    from gradelib.score.gaps import shaped
    from gradelib.score.progress import _sorted

    nat, na = pd.NaT, None
    frame = shaped(
        pd.DataFrame(
            {
                "kind": ["no rubric row", "rubric row not filled", "no rubric row", "odd"] * 3,
                "date": [pd.Timestamp("2024-09-05"), nat, pd.Timestamp("2024-09-03")] * 4,
                "group": ["g2", na, "g10", "g1", "g2", "g1"] * 2,
                "uniqname": [na, "bob", "al", na, "al", "al"] * 2,
                "detail": [f"row {n}" for n in range(12)],
            }
        )
    )
    rank = frame["kind"].map({kind: rank for rank, kind in enumerate(KINDS)})
    want = (
        frame.assign(_kind=rank)
        .sort_values(["date", "_kind", "group", "uniqname"], kind="stable", na_position="last")
        .drop(columns="_kind")
        .reset_index(drop=True)
    )
    pd.testing.assert_frame_equal(_sorted([frame], KINDS), want, check_exact=True)
