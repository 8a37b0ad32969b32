"""Planning groups and lecture roles from the preference form (issue 17).

Hand-made forms, rosters and lecture lists are written into ``tmp_path``; every expected
value is worked out by hand in the comments.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from builder import examples, write_csv
from hypothesis import given, settings
from hypothesis import strategies as st

from gradelib.cli import main
from gradelib.errors import CourseError, ExportError
from gradelib.plan import Pin, plan_term, write_plan
from gradelib.plan.form import classify_headers
from gradelib.plan.model import ROLES

HEADER = ["Timestamp", "Email Address", "Member 1 uniqname", "Member 2 uniqname",
          "Member 3 uniqname", "Paper choice 1", "Paper choice 2", "Paper choice 3"]  # fmt: skip
PAPERS = ["ZeRO", "Megatron", "vLLM", "Orca", "FlashAttention", "LoRA", "RAG", "Zeus"]


def course(tmp_path: Path, people: list[str], papers: int) -> Path:
    """A course folder: a roster of ``people`` and one paper lecture a day for ``papers``
    days (plus a no-lecture day first)."""
    tmp_path.mkdir(parents=True, exist_ok=True)
    rows = [["Student", "ID", "SIS User ID", "SIS Login ID", "Section"]]
    rows += [[f"{p.title()}, X", str(n), str(n), p, "001"] for n, p in enumerate(people)]
    write_csv(tmp_path / "roster.csv", rows, bom=True)
    lectures = [["date", "kind", "topic", "paper"], ["2024-09-10", "no-lecture", "Projects", ""]]
    start = dt.date(2024, 9, 17)
    titles = [PAPERS[k % 8] + f" {k // 8}" * (k >= 8) for k in range(papers)]
    lectures += [
        [str(start + dt.timedelta(days=k)), "lecture", "Topic", title]
        for k, title in enumerate(titles)
    ]
    write_csv(tmp_path / "lectures.csv", lectures)
    return tmp_path


def form(path: Path, rows: list[list[str]], header: list[str] = HEADER, bom: bool = False) -> Path:
    write_csv(path, [header, *rows], bom=bom)
    return path


def response(stamp: str, members: list[str], papers: list[str]) -> list[str]:
    email = f"{members[0]}@umich.edu"
    return [stamp, email, *[*members, "", "", ""][:3], *[*papers, "", "", ""][:3]]


def check_rules(plan) -> None:
    """The rules of issue 17 on a plan with enough groups and lectures and no pins."""
    talks = plan.schedule.dropna(subset=["presenter"])
    groups = sorted(plan.groups["group"].unique())
    assert sorted(plan.groups["uniqname"]) == sorted(set(plan.groups["uniqname"]))
    for _, row in talks.iterrows():
        assert len({row[r] for r in ROLES}) == 3  # three different groups
    low, high = len(talks) // len(groups), -(-len(talks) // len(groups))
    for role in ROLES:
        counts = talks[role].value_counts().reindex(groups, fill_value=0)
        assert counts.between(low, high).all(), (role, counts.to_dict())
        if len(talks) >= len(groups):
            assert (counts >= 1).all()


def test_declared_groups_are_kept_and_the_rest_formed_in_twos_and_threes(tmp_path: Path) -> None:
    people = ["ann", "ben", "cy", "dee", "eve", "fay", "gus", "hal", "ivy", "jo"]
    folder = course(tmp_path, people, 6)
    rows = [response("9/3/2024 10:15:32", ["ann", "ben", "cy"], ["vLLM", "ZeRO"]),
            response("9/4/2024 09:00:00", ["dee", "eve"], ["ZeRO"])]  # fmt: skip
    plan = plan_term(folder, form(tmp_path / "form.csv", rows), seed=3)
    groups = plan.groups.groupby("group")["uniqname"].apply(list).to_dict()
    assert groups["g01"] == ["ann", "ben", "cy"] and groups["g02"] == ["dee", "eve"]
    # 5 students left: ceil(5 / 3) = 2 groups, of 3 and 2.
    assert sorted(len(groups[g]) for g in ("g03", "g04")) == [2, 3]
    assert sorted(plan.groups["uniqname"]) == sorted(people)  # everyone placed, once
    assert plan.groups["formed"].tolist() == [False] * 5 + [True] * 5
    assert sum("formed from students in no response" in n for n in plan.notes) == 2
    # 6 lectures, 4 groups: presentations 1 or 2 each; g01 gets vLLM, g02 ZeRO (1st choices).
    check_rules(plan)
    assert plan.unmet == []
    talks = plan.ranks[plan.ranks["role"] == "presenter"]
    assert talks.loc[talks["rank"].notna(), ["group", "paper"]].values.tolist() == [
        ["g01", "vLLM"] if g == "g01" else ["g02", "ZeRO"]
        for g in talks.loc[talks["rank"].notna(), "group"]
    ]
    assert plan.fairness == {"mean_rank": 1.0, "worst_rank": 1, "first_choice": 2, "groups": 4,
                             "with_list": 2, "unranked": 0}  # fmt: skip


def test_the_same_form_gives_the_same_plan(tmp_path: Path) -> None:
    people = [f"s{n:02d}" for n in range(19)]
    folder = course(tmp_path, people, 9)
    rows = [response("9/3/2024 10:15:32", ["s00", "s01"], ["Orca", "vLLM", "ZeRO"]),
            response("9/3/2024 10:16:00", ["s02", "s03"], ["Orca", "vLLM"])]  # fmt: skip
    path = form(tmp_path / "form.csv", rows)
    first, second = plan_term(folder, path, seed=7), plan_term(folder, path, seed=7)
    pd.testing.assert_frame_equal(first.groups, second.groups)
    pd.testing.assert_frame_equal(first.schedule, second.schedule)
    pd.testing.assert_frame_equal(first.ranks, second.ranks)
    assert first.notes == second.notes
    # 15 students left: 5 groups of 3; 7 groups in all.
    assert first.groups.groupby("group").size().tolist() == [2, 2, 3, 3, 3, 3, 3]


def test_every_problem_of_the_form_is_reported_in_one_pass(tmp_path: Path) -> None:
    folder = course(tmp_path, ["ann", "ben", "cy", "dee", "eve", "fay", "gus"], 3)
    header = [*HEADER[:5], "Member 4 uniqname", *HEADER[5:]]
    rows = [
        ["9/3/2024 10:00:00", "ann@umich.edu", "ann", "ben", "", "", "ZeRO", "Dune", ""],
        ["9/3/2024 11:00:00", "cy@umich.edu", "cy", "ben", "zed", "", "vLLM", "", ""],
        ["9/3/2024 12:00:00", "dee@umich.edu", "dee", "eve", "fay", "gus", "", "", ""],
    ]
    with pytest.raises(CourseError) as raised:
        plan_term(folder, form(tmp_path / "form.csv", rows, header))
    errors = [str(p) for p in raised.value.problems if p.severity == "error"]
    assert errors == [
        "error: form.csv, row 2, column Paper choice 2: 'Dune' is not a paper of the schedule "
        "(lectures.csv's paper column)",
        "error: form.csv, row 3, column Member 3 uniqname: zed is not on the roster (roster.csv)",
        "error: form.csv, row 4: a group of 4 (dee, eve, fay, gus); groups have 2–3 students "
        "(syllabus, Groups): split it into two responses",
        "error: form.csv, row 3: ben is in two responses (rows 2 and 3); a student is in one "
        "group: delete one, or send both from the same address",
    ]


def test_a_later_response_from_the_same_group_wins_with_a_note(tmp_path: Path) -> None:
    folder = course(tmp_path, ["ann", "ben", "cy", "dee", "eve", "fay"], 3)
    # The form's own download: zone names and a BOM; the later answer is in row 2.
    rows = [response("2024/09/04 9:00:00 AM EDT", ["ben", "ann"], ["Megatron"]),
            response("2024/09/03 10:15:32 AM EDT", ["ann", "ben"], ["ZeRO"])]  # fmt: skip
    plan = plan_term(folder, form(tmp_path / "form.csv", rows, bom=True))
    assert plan.notes[0] == (
        "form.csv: row 2 (ben, ann) replaces the same group's earlier response in row 3: "
        "the later one wins"
    )
    g01 = plan.ranks[(plan.ranks["group"] == "g01") & (plan.ranks["role"] == "presenter")]
    assert g01["paper"].tolist() == ["Megatron"] and g01["rank"].tolist() == [1]
    assert plan.groups.loc[plan.groups["group"] == "g01", "uniqname"].tolist() == ["ben", "ann"]


def test_more_groups_than_lectures_is_explained(tmp_path: Path) -> None:
    people = [f"s{n}" for n in range(10)]
    folder = course(tmp_path, people, 3)
    rows = [response(f"9/3/2024 10:0{k}:00", people[2 * k : 2 * k + 2], ["ZeRO"]) for k in range(5)]
    plan = plan_term(folder, form(tmp_path / "form.csv", rows))
    # 5 groups, 3 lectures: 2 groups cannot present, summarize or review; 9 roles for 5
    # groups: each has 1 or 2 roles.
    assert len(plan.unmet) == 3
    assert plan.unmet[0].startswith(
        "Each group presents at least one lecture (Student Lectures): 2 of 5 groups do not ("
    )
    assert plan.unmet[0].endswith("); 3 paper lecture(s) for 5 groups")
    roles = plan.ranks["group"].value_counts()
    assert len(roles) == 5 and roles.between(1, 2).all()
    # g01 sent its list first... all chose ZeRO first: one of them presents it (rank 1).
    assert plan.fairness["first_choice"] == 1 and plan.fairness["worst_rank"] == 1


def test_pins_are_kept(tmp_path: Path) -> None:
    people = [f"s{n}" for n in range(8)]
    folder = course(tmp_path, people, 4)
    rows = [response("9/3/2024 10:00:00", ["s0", "s1"], ["ZeRO", "Megatron", "vLLM"]),
            response("9/3/2024 10:01:00", ["s2", "s3"], ["Megatron"])]  # fmt: skip
    path = form(tmp_path / "form.csv", rows)
    # 2024-09-20 is Orca, not in g01's list.
    pins = [
        Pin(dt.date(2024, 9, 20), "presenter", "g01"),
        Pin(dt.date(2024, 9, 17), "reviewer", "g02"),
    ]
    plan = plan_term(folder, path, pins=pins)
    day = plan.schedule.set_index("date")
    assert day.loc["2024-09-20", "presenter"] == "g01"
    assert day.loc["2024-09-17", "reviewer"] == "g02"
    with pytest.raises(CourseError, match="'2024-09-10' is not a paper lecture's date"):
        plan_term(folder, path, pins=[Pin("2024-09-10", "presenter", "g01")])  # type: ignore[arg-type]


def test_headers_are_matched_loosely() -> None:
    headers = ["timestamp", "email address", "member #1 (uniqname)", "uniqname of member 2",
               "paper preferences [1st choice]", "paper preferences [2nd choice]",
               "comments"]  # fmt: skip
    assert classify_headers(dict.fromkeys(headers, "")) == {
        "timestamp": "timestamp", "email address": "email", "member #1 (uniqname)": ("member", 1),
        "uniqname of member 2": ("member", 2), "paper preferences [1st choice]": ("paper", 1),
        "paper preferences [2nd choice]": ("paper", 2),
    }  # fmt: skip


def test_the_command_writes_three_files_and_never_over_them(tmp_path: Path, capsys) -> None:
    folder = course(tmp_path / "c", ["ann", "ben", "cy", "dee", "eve", "fay"], 3)
    path = form(tmp_path / "form.csv", [response("9/3/2024 10:00:00", ["ann", "ben"], ["vLLM"])])
    out = tmp_path / "proposal"
    assert main(["plan", str(folder), "--preferences", str(path), "--out", str(out)]) == 0
    assert sorted(p.name for p in out.iterdir()) == ["groups.csv", "plan.html", "schedule.csv"]
    schedule = (out / "schedule.csv").read_text().splitlines()
    assert schedule[:2] == ["date,kind,topic,presenter,summarizer,reviewer,paper",
                            "2024-09-10,no-lecture,Projects,,,,"]  # fmt: skip
    assert (out / "groups.csv").read_text().splitlines()[:3] == [
        "group,uniqname",
        "g01,ann",
        "g01,ben",
    ]
    assert "wrote" in capsys.readouterr().out
    before = (out / "schedule.csv").read_bytes()
    assert main(["plan", str(folder), "--preferences", str(path), "--out", str(out)]) == 1
    assert (
        "already exist" in capsys.readouterr().err and (out / "schedule.csv").read_bytes() == before
    )
    with pytest.raises(ExportError, match="is the course folder"):
        write_plan(plan_term(folder, path), folder)


@st.composite
def forms(draw: st.DrawFn) -> tuple[list[int], int, list[list[int]]]:
    """Group sizes (2–3, up to 12 groups), a number of lectures (3–16), each group's list."""
    sizes = draw(st.lists(st.integers(2, 3), min_size=3, max_size=12))
    lectures = draw(st.integers(3, 16))
    picks = st.lists(st.integers(0, lectures - 1), max_size=3, unique=True)
    return sizes, lectures, [draw(picks) for _ in sizes]


@settings(max_examples=examples(12), deadline=None, derandomize=True, database=None)
@given(forms())
def test_every_plan_keeps_the_rules(tmp_path_factory, drawn) -> None:
    sizes, lectures, lists = drawn
    tmp = tmp_path_factory.mktemp("form")
    people = [f"s{n:02d}" for n in range(sum(sizes))]
    folder = course(tmp, people, lectures)
    papers = pd.read_csv(folder / "lectures.csv")["paper"].dropna().tolist()
    rows, start = [], 0
    for k, (size, chosen) in enumerate(zip(sizes, lists, strict=True)):
        rows.append(
            response(
                f"9/3/2024 10:{k:02d}:00", people[start : start + size], [papers[c] for c in chosen]
            )
        )
        start += size
    plan = plan_term(folder, form(tmp / "form.csv", rows))
    check_rules(plan)
    if lectures >= len(sizes):
        assert plan.unmet == []


@pytest.mark.parametrize("seed", range(6))
def test_the_fast_presenters_match_the_whole_model(seed: int) -> None:
    # the min-cost flows reach the whole model's worst and total presentation costs
    # (the whole model, proved optimal on a form this small, is the reference)
    from gradelib.plan import model

    rng = np.random.default_rng(seed)
    groups, lectures = int(rng.integers(3, 9)), int(rng.integers(2, 12))
    missing = 4
    costs = [
        [0] * lectures if formed else [int(c) for c in rng.integers(1, missing + 1, lectures)]
        for formed in rng.random(groups) < 0.3
    ]

    idle_cost = max(map(max, costs)) + 1  # a group with a list that presents nothing

    def worst_and_total(presenters: list[int]) -> tuple[int, int]:
        idle = [g for g in range(groups) if any(costs[g]) and g not in presenters]
        paid = [costs[g][j] for j, g in enumerate(presenters)]
        return max([*paid, idle_cost * bool(idle)]), sum(paid) + idle_cost * len(idle)

    solved = model.solve_roles(costs, [], seed)
    whole, optimal = model._solve(costs, [], seed)
    assert all(optimal)
    assert worst_and_total(solved.roles["presenter"]) == worst_and_total(whole["presenter"])
    assert solved.optimal == (True, True, True, True)
    for j in range(lectures):
        assert len({solved.roles[r][j] for r in ROLES}) == 3
