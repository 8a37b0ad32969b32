"""Tests of the synthetic course generator (``gradelib.sample``).

Expectations are written by hand from the CSE 585 F'24 syllabus and the file formats,
never read back from the generator.
"""

from __future__ import annotations

import csv
import io
import time
import unicodedata
import zipfile
from collections import Counter
from datetime import datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from openpyxl import load_workbook

from gradelib.policy.defaults import DEFAULT_POLICY_TOML
from gradelib.sample import write_sample_course

REPO = Path(__file__).resolve().parents[1]
COMMITTED = REPO / "data" / "sample"
DETROIT = ZoneInfo("America/Detroit")

FILES = [
    "attendance.csv", "groups.csv", "lectures.csv", "overrides.csv", "piazza.csv",
    "policy.toml", "preferences.csv", "questions.csv", "roster.csv", "rubrics.xlsx",
    "schedule.csv",
]  # fmt: skip
ALL_DATES = [
    "2024-08-27", "2024-08-29", "2024-09-03", "2024-09-05", "2024-09-10", "2024-09-12",
    "2024-09-17", "2024-09-19", "2024-09-24", "2024-09-26", "2024-10-01", "2024-10-03",
    "2024-10-08", "2024-10-10", "2024-10-15", "2024-10-17", "2024-10-22", "2024-10-24",
    "2024-10-29", "2024-10-31", "2024-11-05", "2024-11-07", "2024-11-12", "2024-11-14",
    "2024-11-19", "2024-11-21", "2024-11-26", "2024-11-28", "2024-12-03", "2024-12-05",
]  # fmt: skip
PAPER_DATES = [
    "2024-08-29", "2024-09-03", "2024-09-05", "2024-09-17", "2024-09-19", "2024-09-24",
    "2024-09-26", "2024-10-01", "2024-10-03", "2024-10-08", "2024-10-10", "2024-10-17",
    "2024-11-07", "2024-11-12", "2024-11-14", "2024-11-19", "2024-11-21", "2024-11-26",
]  # fmt: skip
NO_LECTURE = {
    "2024-09-10": "No Lecture: Work on Projects",
    "2024-10-15": "Fall Study Break",
    "2024-10-29": "No Lecture: Work on Projects",
    "2024-11-05": "No Lecture: Work on Projects",
    "2024-11-28": "Thanksgiving Recess",
}
PRESENTATION_DAYS = {"2024-10-22", "2024-10-24", "2024-12-05"}
ROSTER_HEADER = (
    "\ufeffStudent,ID,SIS User ID,SIS Login ID,Section,Course Survey (88231),"
    "Paper Presentation (88240),Current Score,Unposted Current Score,Final Score,"
    "Unposted Final Score,Current Grade,Unposted Current Grade,Final Grade,"
    "Unposted Final Grade\r\n"
)
POINTS_POSSIBLE = "    Points Possible,,,,,1.00,15.00" + ",(read only)" * 8 + "\r\n"
HEADERS = {
    "groups.csv": "group,uniqname",
    "schedule.csv": "date,kind,topic,presenter,summarizer,reviewer",
    "attendance.csv": "date,uniqname,status",
    "questions.csv": "timestamp,uniqname,date",
    "piazza.csv": "name,email,days online,views,contributions,questions,notes,answers",
    "overrides.csv": "uniqname,component,value,reason",
}
SHEETS = {
    "presentation": (
        ["group", "date", "grader", "submitted", "background", "approach",
         "technical_depth", "critique", "delivery"],
        [10, 10, 10, 10, 10],
    ),
    "summary": (
        ["group", "date", "grader", "submitted", "problem", "related_work", "solution",
         "limitations", "future_work"],
        [4, 4, 4, 4, 4],
    ),
    "proposal": (
        ["group", "grader", "submitted", "problem", "related_work", "plan", "feasibility"],
        [5, 5, 5, 5],
    ),
    "final_report": (
        ["group", "grader", "submitted", "motivation", "design", "evaluation", "writing"],
        [10, 15, 15, 10],
    ),
    "midterm_presentation": (["group", "grader", "progress", "clarity", "qa"], [10, 5, 5]),
    "poster": (["group", "grader", "content", "design", "qa"], [10, 5, 5]),
}  # fmt: skip


def read_rows(path: Path) -> list[dict[str, str]]:
    """A plain CSV file as dicts."""
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def roster_uniqnames(folder: Path) -> list[str]:
    """The students' uniqnames from the Canvas export (test student left out)."""
    text = (folder / "roster.csv").read_text(encoding="utf-8-sig")
    rows = list(csv.DictReader(io.StringIO(text, newline="")))
    return [r["SIS Login ID"] for r in rows[1:] if r["Student"] != "Student, Test"]


@pytest.fixture(scope="module")
def course(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("course")
    write_sample_course(folder)
    return folder


def test_returns_the_files_written_sorted(tmp_path: Path) -> None:
    written = write_sample_course(tmp_path / "new" / "course", students=6, seed=1)
    assert written == [tmp_path / "new" / "course" / name for name in FILES]
    assert sorted(p.name for p in (tmp_path / "new" / "course").iterdir()) == FILES


@pytest.mark.slow
def test_two_runs_give_identical_bytes(tmp_path: Path) -> None:
    write_sample_course(tmp_path / "a")
    time.sleep(2.1)  # zip entry times have a 2-second resolution
    write_sample_course(tmp_path / "b")
    for name in FILES:
        assert (tmp_path / "a" / name).read_bytes() == (tmp_path / "b" / name).read_bytes(), name


def test_seed_changes_the_data(tmp_path: Path) -> None:
    write_sample_course(tmp_path / "a", seed=1)
    write_sample_course(tmp_path / "b", seed=2)
    assert (tmp_path / "a" / "groups.csv").read_bytes() != (
        tmp_path / "b" / "groups.csv"
    ).read_bytes()


def test_workbook_carries_no_clock_time(course: Path) -> None:
    with zipfile.ZipFile(course / "rubrics.xlsx") as archive:
        assert {info.date_time for info in archive.infolist()} == {(2024, 12, 16, 0, 0, 0)}
        core = archive.read("docProps/core.xml").decode()
    assert core.count("2024-12-16T00:00:00Z") == 2


def test_policy_is_the_default(course: Path) -> None:
    assert (course / "policy.toml").read_text(encoding="utf-8") == DEFAULT_POLICY_TOML


@pytest.mark.parametrize("name", sorted(HEADERS))
def test_plain_csv_header_and_line_endings(course: Path, name: str) -> None:
    data = (course / name).read_bytes()
    assert not data.startswith(b"\xef\xbb\xbf")
    assert b"\r" not in data
    assert data.decode("utf-8").split("\n", 1)[0] == HEADERS[name]


def test_roster_is_a_canvas_export(course: Path) -> None:
    data = (course / "roster.csv").read_bytes()
    assert data.startswith(b"\xef\xbb\xbf")
    assert data.count(b"\n") == data.count(b"\r\n") == 43  # header, points possible, 40, test
    lines = data.decode("utf-8").splitlines(keepends=True)
    assert lines[0] == ROSTER_HEADER
    assert lines[1] == POINTS_POSSIBLE
    assert lines[-1].startswith('"Student, Test",')
    test_fields = next(csv.reader([lines[-1]]))
    assert test_fields[1].isdigit() and test_fields[2:4] == ["", ""]
    students = list(csv.reader(lines[2:-1]))
    assert len(students) == 40
    assert all(r[0].count(", ") == 1 and r[1].isdigit() and len(r[1]) == 6 for r in students)
    assert all(len(r[2]) == 8 and r[2].isdigit() for r in students)
    assert any(r[2].startswith("0") for r in students)
    uniqnames = [r[3] for r in students]
    assert len(set(uniqnames)) == 40
    assert all(3 <= len(u) <= 8 and u.isascii() and u.isalpha() and u.islower() for u in uniqnames)
    sections = Counter(r[4] for r in students)
    assert sections == {
        "CSE 585 001 FA 2024": 39,
        "CSE 585 001 FA 2024 and CSE 585 002 FA 2024": 1,
    }
    # Canvas sorts by "Last, First" ignoring case and accents ("Müller" next to "Muller").
    names = [
        unicodedata.normalize("NFKD", r[0]).encode("ascii", "ignore").lower() for r in students
    ]
    assert names == sorted(names)
    assert sum("'" in r[0] for r in students) == 1


@pytest.mark.parametrize(
    "students", [4, *(pytest.param(n, marks=pytest.mark.slow) for n in (5, 6, 7, 40)), 41]
)
def test_everyone_in_one_group_of_two_or_three(tmp_path: Path, students: int) -> None:
    write_sample_course(tmp_path, students=students, seed=students)
    rows = read_rows(tmp_path / "groups.csv")
    members = [r["uniqname"] for r in rows]
    assert sorted(members) == sorted(roster_uniqnames(tmp_path))
    assert len(members) == len(set(members)) == students
    sizes = Counter(r["group"] for r in rows)
    assert set(sizes.values()) <= {2, 3}
    assert sorted(sizes) == [f"g{i:02d}" for i in range(1, len(sizes) + 1)]


def test_forty_students_make_twelve_trios_and_two_pairs(course: Path) -> None:
    sizes = Counter(r["group"] for r in read_rows(course / "groups.csv"))
    assert sorted(Counter(sizes.values()).items()) == [(2, 2), (3, 12)]


def test_schedule_is_the_fall_2024_calendar(course: Path) -> None:
    rows = read_rows(course / "schedule.csv")
    assert [r["date"] for r in rows] == ALL_DATES
    assert [r["date"] for r in rows if r["presenter"]] == PAPER_DATES
    for r in rows:
        if r["date"] in NO_LECTURE:
            assert (r["kind"], r["topic"]) == ("no-lecture", NO_LECTURE[r["date"]])
        elif r["date"] in PRESENTATION_DAYS:
            assert r["kind"] == "presentations"
        else:
            assert r["kind"] == "lecture"
        if r["presenter"]:
            assert r["summarizer"] and r["reviewer"]
            assert len({r["presenter"], r["summarizer"], r["reviewer"]}) == 3
        else:
            assert r["summarizer"] == r["reviewer"] == ""
    topics = {r["date"]: r["topic"] for r in rows}
    assert topics["2024-08-27"] == "Introduction"
    assert topics["2024-12-03"] == "Buffer"
    assert topics["2024-11-19"] == "Power, Energy, and Carbon Emissions"
    groups = {r["group"] for r in read_rows(course / "groups.csv")}
    assert {r["presenter"] for r in rows if r["presenter"]} == groups
    assert {r["summarizer"] for r in rows if r["summarizer"]} == groups


def test_attendance_pattern(course: Path) -> None:
    rows = read_rows(course / "attendance.csv")
    attendance_dates = [d for d in ALL_DATES if d not in NO_LECTURE]
    assert len(attendance_dates) == 25
    assert sorted({r["date"] for r in rows}) == attendance_dates
    assert rows == sorted(rows, key=lambda r: (r["date"], r["uniqname"]))
    statuses = Counter(r["status"] for r in rows)
    assert set(statuses) == {"", "absent", "excused"}
    assert statuses["excused"] == 3
    present = Counter(r["uniqname"] for r in rows if r["status"] == "")
    absences = Counter({u: 25 - present[u] for u in roster_uniqnames(course)})
    per_count = Counter(absences.values())
    assert per_count[0] >= 1 and per_count[2] >= 1 and per_count[3] >= 1
    assert max(absences.values()) <= 5
    over = sum(n > 2 for n in absences.values())
    assert 3 <= over <= 10  # about 15 % of 40


def _detroit(timestamp: str) -> datetime:
    moment = datetime.fromisoformat(timestamp)
    if moment.tzinfo is None:
        return moment
    return moment.astimezone(DETROIT).replace(tzinfo=None)


def _is_late(row: dict[str, str]) -> bool:
    return _detroit(row["timestamp"]) > datetime.fromisoformat(row["date"] + " 10:30")


def test_questions(course: Path) -> None:
    rows = read_rows(course / "questions.csv")
    assert [r["timestamp"] for r in rows] == sorted(r["timestamp"] for r in rows)
    assert {r["date"] for r in rows} == set(PAPER_DATES)
    presenter = {r["date"]: r["presenter"] for r in read_rows(course / "schedule.csv")}
    group_of = {r["uniqname"]: r["group"] for r in read_rows(course / "groups.csv")}
    assert all(group_of[r["uniqname"]] != presenter[r["date"]] for r in rows)
    late = [_is_late(r) for r in rows]
    assert 0.02 <= sum(late) / len(rows) <= 0.10
    with_offset = [r for r in rows if "T" in r["timestamp"]]
    assert 3 <= len(with_offset) <= 5
    assert all(r["timestamp"].endswith("+00:00") for r in with_offset)
    assert {_is_late(r) for r in with_offset} == {True, False}
    repeats = Counter((r["uniqname"], r["date"]) for r in rows)
    assert 1 <= sum(n > 1 for n in repeats.values()) <= 2
    # Each lecture: about 85 % of the 37-38 students outside the presenting group.
    per_lecture = Counter(r["date"] for r in rows)
    assert all(25 <= n <= 40 for n in per_lecture.values())


def test_piazza(course: Path) -> None:
    rows = read_rows(course / "piazza.csv")
    roster = set(roster_uniqnames(course))
    emails = [r["email"] for r in rows]
    assert all(e.endswith("@umich.edu") for e in emails)
    assert len(roster - {e.removesuffix("@umich.edu") for e in emails}) == 1
    assert len(rows) == 39
    contributions = [int(r["contributions"]) for r in rows]
    assert min(contributions) >= 0 and max(contributions) <= 20
    assert any(c < 5 for c in contributions) and any(c >= 5 for c in contributions)
    for r in rows:
        parts = int(r["questions"]) + int(r["notes"]) + int(r["answers"])
        assert parts <= int(r["contributions"])


def test_overrides(course: Path) -> None:
    rows = read_rows(course / "overrides.csv")
    assert [(r["component"], r["value"]) for r in rows] == [
        ("attendance:2024-10-08", "excused"),
        ("presentation", "95"),
        ("summary", "excused"),
    ]
    assert rows[0]["reason"] == "Medical note (Dean of Students letter)"
    assert rows[1]["reason"] == "Regraded after appeal"
    assert rows[2]["reason"] == "Joined the course late; summary waived by instructor"
    assert len({r["uniqname"] for r in rows}) == 3
    assert {r["uniqname"] for r in rows} <= set(roster_uniqnames(course))
    signed_in = {
        r["uniqname"]
        for r in read_rows(course / "attendance.csv")
        if r["date"] == "2024-10-08" and r["status"] in ("", "present")
    }
    assert rows[0]["uniqname"] not in signed_in


def test_rubric_workbook(course: Path) -> None:
    workbook = load_workbook(course / "rubrics.xlsx")
    assert workbook.sheetnames == list(SHEETS)
    groups = {r["group"] for r in read_rows(course / "groups.csv")}
    for name, (header, maxima) in SHEETS.items():
        sheet = workbook[name]
        rows = list(sheet.iter_rows(values_only=True))
        assert list(rows[0]) == header, name
        assert rows[1][0] == "max", name
        assert list(rows[1][-len(maxima) :]) == maxima, name
        assert all(v is None for v in rows[1][1 : -len(maxima)]), name
        scores = [r[-len(maxima) :] for r in rows[2:]]
        assert all(0 <= s <= m for r in scores for s, m in zip(r, maxima, strict=True)), name
        assert {r[2 if "date" in header else 1] for r in rows[2:]} <= {"insujang", "mosharaf"}
        graded = {r[0] for r in rows[2:]}
        if "date" in header:
            assert sorted({r[1].strftime("%Y-%m-%d") for r in rows[2:]}) == PAPER_DATES
        else:
            assert graded == groups, name
        items = Counter(r[:2] if "date" in header else r[:1] for r in rows[2:])
        assert set(items.values()) <= {1, 2}
        assert 0 < sum(n == 2 for n in items.values()) < len(items)


def test_late_slides_and_summaries(course: Path) -> None:
    workbook = load_workbook(course / "rubrics.xlsx")
    schedule = {r["date"]: r for r in read_rows(course / "schedule.csv")}
    slides = {r[:2]: r[3] for r in workbook["presentation"].iter_rows(min_row=3, values_only=True)}
    for group, day in slides:
        assert schedule[day.strftime("%Y-%m-%d")]["presenter"] == group
    before = [day + timedelta(hours=10, minutes=30) - sent for (_, day), sent in slides.items()]
    assert len(before) == 18
    assert sum(b < timedelta(hours=24) for b in before) == 2
    assert all(b > timedelta(0) for b in before)
    sent = {r[:2]: r[3] for r in workbook["summary"].iter_rows(min_row=3, values_only=True)}
    for group, day in sent:
        assert schedule[day.strftime("%Y-%m-%d")]["summarizer"] == group
    after = [when - (day + timedelta(hours=12)) for (_, day), when in sent.items()]
    assert len(after) == 18
    assert sum(a > timedelta(hours=24) for a in after) == 2
    assert all(a > timedelta(0) for a in after)
    assert after.count(timedelta(hours=23, minutes=59)) == 1


@pytest.mark.slow
def test_two_thousand_students(tmp_path: Path) -> None:
    write_sample_course(tmp_path, students=2000)  # its speed is measured by `make bench`
    assert len(roster_uniqnames(tmp_path)) == 2000
    assert len(read_rows(tmp_path / "groups.csv")) == 2000


def test_too_few_students(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="students"):
        write_sample_course(tmp_path, students=3)


@pytest.mark.skipif(not COMMITTED.exists(), reason="data/sample/ is not committed yet")
def test_committed_sample_is_up_to_date(tmp_path: Path) -> None:
    write_sample_course(tmp_path)
    assert sorted(p.name for p in COMMITTED.iterdir()) == FILES
    for name in FILES:
        assert (COMMITTED / name).read_bytes() == (tmp_path / name).read_bytes(), (
            f"data/sample/{name} is stale: regenerate with `gradelib sample data/sample`"
        )


def test_an_online_course_gets_middle_initials_and_distinct_uniqnames() -> None:
    import re

    import numpy as np

    from gradelib.sample.people import NAME_PAIRS, make_students

    count = NAME_PAIRS + 500  # past the 10,000 first-and-last pairs
    students, test_id = make_students(count, np.random.default_rng(7))
    assert len(students) == count
    assert len({(s.first, s.last) for s in students}) == count
    # Beyond the pairs every first name ends in a middle initial: "Mei K."
    assert all(re.fullmatch(r".+ [A-Z]\.", s.first) for s in students)
    uniqnames = [s.uniqname for s in students]
    assert len(set(uniqnames)) == count
    assert all(re.fullmatch(r"[a-z]{3,8}", u) for u in uniqnames)
    assert not {"insujang", "mosharaf"} & set(uniqnames)
    assert test_id not in {s.canvas_id for s in students}


def test_uniqname_suffixes_widen_when_two_letters_run_out() -> None:
    from gradelib.sample.people import make_uniqname

    # Every spelling of Mei Kang is taken, and so is every "meikan" + two letters.
    letters = "abcdefghijklmnopqrstuvwxyz"
    taken = {"meikang", "mkang", "mekang", "meik", "kangm", "kangmei"}
    taken |= {"meikan" + a + b for a in letters for b in letters}
    assert make_uniqname("Mei", "Kang", 0, taken) == "meikaaaa"
    assert "meikaaaa" in taken
