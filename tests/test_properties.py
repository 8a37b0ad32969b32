"""Property-based tests (hypothesis) over the scoring.

Two layers:

- pure functions, many examples each: ``combine``, ``round_half_up``, ``letters_for``,
  ``attendance_percent``, ``participation_with`` and ``rebalance``;
- whole courses, few examples each: variations of the tiny course of tests/builder.py
  (rubric scores, attendance, questions, Piazza, overrides, policy) written to a fresh
  folder, loaded and scored.

Properties: finals stay within 0..100, raising any one score never lowers a final, the
absence allowance is monotone, permuting input rows changes nothing, and the current
score equals the final when everything is graded.

Every test is derandomized (the same examples on every run) and keeps no example
database, so CI is deterministic and no ``.hypothesis/`` folder is written.
"""

from __future__ import annotations

import copy
import datetime as dt
import random
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from builder import ROSTER, base_rubrics, base_tables, examples, write_course
from hypothesis import HealthCheck, assume, example, given, settings
from hypothesis import strategies as st

import gradelib
from gradelib.policy.letters import LETTER_NAMES, letter_order, letters_for
from gradelib.policy.model import COMPONENTS
from gradelib.policy.read import default_policy
from gradelib.score.combine import combine
from gradelib.score.grades import GradeReport
from gradelib.score.participation import attendance_percent
from gradelib.score.whatif import participation_with, rebalance
from gradelib.sheets.rounding import round_half_up

KEYS = list(COMPONENTS)
PARTS = ("attendance", "questions", "piazza")
DAYS = ("2024-09-03", "2024-09-05", "2024-09-12", "2024-10-22")
LECTURES = {"2024-09-03": "g1", "2024-09-05": "g2", "2024-09-12": "g3"}  # day -> presenter
GROUP = {"alice": "g1", "bob": "g1", "carol": "g1", "dave": "g2", "erin": "g2", "frank": "g3"}
STUDENTS = list(GROUP)
RUBRIC_KEYS = ("group", "date", "grader", "submitted")

# Example counts: ``make test`` runs these; ``make quick`` a twentieth (builder.examples).
# Every run tries the same examples (derandomized), so a count is how many inputs CI ever
# sees; it is set by what an example costs on the 2-core CI machine. Pure functions: 200.
# Frames through ``combine``: 80 (~0.1 s each; was 120). Whole courses: 10 per property
# (each example writes, loads and scores one or two courses, ~0.6 s each; was 15): the
# six course properties still load about 90 random courses a run, each of them also
# checked against the 0..100 bounds (``within_bounds``).
PURE = settings(max_examples=examples(200), deadline=None, derandomize=True, database=None)
FRAMES = settings(PURE, max_examples=examples(80))
COURSE = settings(
    max_examples=examples(10),
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)

# --- strategies: pure layer --------------------------------------------------------------

#: A percentage: any float in 0..100, or a quarter point (ties and exact values).
PERCENT = st.one_of(
    st.floats(min_value=0, max_value=100, allow_nan=False),
    st.integers(0, 400).map(lambda k: k / 4),
)


@st.composite
def partition(draw, keys: list[str] | tuple[str, ...], total: int = 100) -> dict[str, int]:
    """Whole numbers, one per key, each 0..total, adding up to ``total``."""
    size = len(keys) - 1
    cuts = sorted(draw(st.lists(st.integers(0, total), min_size=size, max_size=size)))
    bounds = [0, *cuts, total]
    return {key: bounds[i + 1] - bounds[i] for i, key in enumerate(keys)}


#: Component weights adding up to 100: whole numbers, or tenths (33.3 + 33.3 + 33.4).
WEIGHTS = st.one_of(
    partition(KEYS),
    partition(KEYS, 1000).map(lambda w: {k: v / 10 for k, v in w.items()}),
)


@dataclass
class Scored:
    """Inputs of ``combine``: components, excused mask, weights, final overrides."""

    components: pd.DataFrame
    excused: pd.DataFrame
    weights: dict[str, float]
    final_override: pd.Series

    def combined(self) -> tuple[pd.Series, pd.Series]:
        """Final and current: a missing value is an ungraded component (0 in the final)."""
        status = pd.DataFrame("graded", index=self.components.index, columns=KEYS)
        status = status.mask(self.components.isna(), "ungraded").mask(self.excused, "excused")
        _, final, current = combine(
            self.components, self.components, status[list(self.components.columns)],
            self.weights, self.final_override,
        )  # fmt: skip
        return final, current


def one_in(draw, n: int) -> bool:
    """True about once in ``n`` draws (shrinks to False)."""
    return draw(st.integers(0, n - 1)) == n - 1


@st.composite
def scored(draw, *, missing: bool = True) -> Scored:
    """Random component frames: values in 0..100, a third of them NaN (``missing``), a
    quarter excused (every component for some students), and a quarter of the students
    with a final set by an override."""
    n = draw(st.integers(1, 6))
    index = pd.Index([f"s{i}" for i in range(n)], name="uniqname")
    values = [
        [np.nan if missing and one_in(draw, 3) else draw(PERCENT) for _ in KEYS] for _ in index
    ]
    flags = [[True] * 5 if one_in(draw, 8) else [one_in(draw, 4) for _ in KEYS] for _ in index]
    finals = [draw(PERCENT) if one_in(draw, 4) else np.nan for _ in index]
    return Scored(
        pd.DataFrame(values, index=index, columns=KEYS, dtype="float64"),
        pd.DataFrame(flags, index=index, columns=KEYS, dtype=bool),
        draw(WEIGHTS),
        pd.Series(finals, index=index, dtype="float64"),
    )


def counted_weight(case: Scored, *, graded_only: bool = False) -> pd.Series:
    """Per student: the weight of the components not excused (and graded, if asked)."""
    counted = ~case.excused
    if graded_only:
        counted &= case.components.notna()
    return counted.mul(pd.Series(case.weights)[KEYS], axis=1).sum(axis=1)


# --- combine -----------------------------------------------------------------------------


@FRAMES
@given(scored())
def test_combine_finals_within_0_100_and_nan_only_when_all_excused(case: Scored) -> None:
    final, current = case.combined()
    overridden = case.final_override.notna()
    nothing_counts = counted_weight(case) == 0
    assert final[overridden].equals(case.final_override[overridden])
    # NaN exactly when no override and every component that carries weight is excused.
    assert final.isna().equals(~overridden & nothing_counts)
    assert final.dropna().between(0, 100).all(), final
    nothing_graded = counted_weight(case, graded_only=True) == 0
    assert current.isna().equals(~overridden & nothing_graded)
    assert current.dropna().between(0, 100).all(), current
    # A missing component counts as 0 in the final only: the final is never above current.
    both = final.notna() & current.notna()
    assert (final[both] <= current[both]).all()


@FRAMES
@given(scored(), st.data())
def test_combine_is_monotone_in_each_component(case: Scored, data: st.DataObject) -> None:
    row = data.draw(st.integers(0, len(case.components) - 1), label="student")
    key = data.draw(st.sampled_from(KEYS), label="component")
    old = case.components.iat[row, KEYS.index(key)]
    new = data.draw(
        PERCENT if np.isnan(old) else st.floats(min_value=old, max_value=100), label="new value"
    )
    final, current = case.combined()
    raised = copy.deepcopy(case)
    raised.components.iat[row, KEYS.index(key)] = new
    final_after, current_after = raised.combined()
    assert (final_after.fillna(-1) >= final.fillna(-1)).all()
    if not np.isnan(old):  # grading a missing component may lower current; raising may not
        assert (current_after.fillna(-1) >= current.fillna(-1)).all()


@FRAMES
@given(scored(missing=False))
def test_combine_current_equals_final_when_everything_is_graded(case: Scored) -> None:
    final, current = case.combined()
    pd.testing.assert_series_equal(final, current, check_exact=True, check_names=False)


@FRAMES
@given(scored(), st.data())
def test_combine_ignores_the_order_of_rows_and_columns(case: Scored, data: st.DataObject) -> None:
    rows = data.draw(st.permutations(list(case.components.index)), label="rows")
    columns = data.draw(st.permutations(KEYS), label="columns")
    final, current = case.combined()

    by_rows = Scored(
        case.components.loc[rows],
        case.excused.loc[rows],
        case.weights,
        case.final_override.loc[rows],
    )
    final_r, current_r = by_rows.combined()
    pd.testing.assert_series_equal(final_r.loc[final.index], final, check_exact=True)
    pd.testing.assert_series_equal(current_r.loc[current.index], current, check_exact=True)

    # Another column order sums in another order: equal to the last bits, and equal once
    # rounded as grades are.
    by_columns = Scored(
        case.components[columns],
        case.excused[columns],
        dict(reversed(list(case.weights.items()))),
        case.final_override,
    )
    final_c, current_c = by_columns.combined()
    for got, want in ((final_c, final), (current_c, current)):
        np.testing.assert_allclose(got.to_numpy(), want.to_numpy(), rtol=1e-12, atol=1e-12)
        pd.testing.assert_series_equal(round_half_up(got), round_half_up(want), check_exact=True)


# --- round_half_up and letters -----------------------------------------------------------

THREE_PLACES = st.decimals(
    min_value=0, max_value=100, places=3, allow_nan=False, allow_infinity=False
)


def by_decimal(x: float) -> float:
    return float(Decimal(str(x)).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP))


@PURE
@given(st.lists(THREE_PLACES, min_size=1, max_size=20))
def test_round_half_up_agrees_with_decimal(values: list[Decimal]) -> None:
    xs = [float(v) for v in values]
    index = pd.RangeIndex(10, 10 + len(xs))
    got = round_half_up(pd.Series(xs, index=index))
    assert list(got.index) == list(index)
    assert got.tolist() == [by_decimal(x) for x in xs]
    assert round_half_up(xs[0]).tolist() == [by_decimal(xs[0])]


@st.composite
def scales(draw) -> tuple[tuple[str, float], ...]:
    """A valid letter scale: some of the letters, distinct cut-offs, highest first."""
    letters = draw(st.lists(st.sampled_from(LETTER_NAMES), min_size=1, unique=True))
    letters.sort(key=LETTER_NAMES.index)
    cutoffs = draw(
        st.lists(
            st.integers(0, 10_000).map(lambda k: k / 100),
            min_size=len(letters),
            max_size=len(letters),
            unique=True,
        )
    )
    return tuple(zip(letters, sorted(cutoffs, reverse=True), strict=True))


ROUNDED = st.one_of(st.integers(0, 10_000).map(lambda k: k / 100), st.just(np.nan))


@PURE
@given(st.one_of(st.just(default_policy().letters), scales()), st.lists(ROUNDED, min_size=1))
def test_a_higher_final_never_gets_a_worse_letter(
    scale: tuple[tuple[str, float], ...], finals: list[float]
) -> None:
    rounded = pd.Series(finals, dtype="float64")
    letters = letters_for(rounded, scale)
    assert (letters[rounded.isna()] == "").all()
    order = letter_order(scale)
    graded = rounded.notna()
    rank = letters[graded].map(order.index)
    by_final = rounded[graded].sort_values(kind="stable").index
    assert rank.loc[by_final].is_monotonic_decreasing  # worse rank = larger number
    for final, letter in zip(rounded[graded], letters[graded], strict=True):
        reached = [name for name, cutoff in scale if final >= cutoff]  # cut-offs inclusive
        assert letter == (reached[0] if reached else order[-1])


# --- attendance allowance ----------------------------------------------------------------

HELD_ABSENT = st.integers(0, 30).flatmap(lambda h: st.tuples(st.just(h), st.integers(0, h)))


@PURE
@given(
    st.lists(HELD_ABSENT, min_size=1, max_size=10),
    st.integers(0, 10),
    st.integers(0, 10),
)
def test_attendance_is_monotone_in_allowance_and_absences(
    counts: list[tuple[int, int]], allowance: int, more: int
) -> None:
    held = pd.Series([h for h, _ in counts])
    absences = pd.Series([a for _, a in counts])
    base = attendance_percent(held, absences, allowance)
    assert base.between(0, 100).all()
    assert (base[held == 0] == 100).all()
    assert (attendance_percent(held, absences, allowance + more) >= base).all()
    one_more = (absences + 1).clip(upper=held)
    assert (attendance_percent(held, one_more, allowance) <= base).all()


@PURE
@given(
    st.lists(st.tuples(HELD_ABSENT, PERCENT, PERCENT), min_size=1, max_size=10),
    partition(PARTS),
    st.integers(0, 10),
    st.integers(0, 10),
)
def test_what_if_participation_is_monotone_in_the_allowance(
    rows: list, shares: dict[str, int], allowance: int, more: int
) -> None:
    parts = pd.DataFrame(
        {
            "held": [h for (h, _), _, _ in rows],
            "absences": [a for (_, a), _, _ in rows],
            "questions": [q for _, q, _ in rows],
            "piazza": [p for _, _, p in rows],
        }
    )
    parts["attendance"] = attendance_percent(parts["held"], parts["absences"], 0)
    base = participation_with(parts, allowance, shares)
    assert base.between(0, 100).all()
    assert (participation_with(parts, allowance + more, shares) >= base).all()


# --- rebalance ---------------------------------------------------------------------------


@st.composite
def weight_sets(draw) -> dict[str, int]:
    keys = [f"w{i}" for i in range(draw(st.integers(2, 6)))]
    return draw(partition(keys))


@PURE
@given(weight_sets(), st.data())
def test_rebalance_adds_up_to_100_and_sets_the_changed_weight(
    weights: dict[str, int], data: st.DataObject
) -> None:
    changed = data.draw(st.sampled_from(list(weights)), label="changed")
    value = data.draw(st.integers(-20, 120), label="value")
    result = rebalance(weights, changed, value)
    assert list(result) == list(weights)
    assert sum(result.values()) == 100
    assert all(isinstance(v, int) and 0 <= v <= 100 for v in result.values())
    assert result[changed] == max(0, min(100, value))
    # The others keep their proportions, each within one point of its exact share.
    others = [k for k in weights if k != changed]
    base = sum(weights[k] for k in others)
    rest = 100 - result[changed]
    for key in others:
        exact = weights[key] / base * rest if base else rest / len(others)
        assert abs(result[key] - exact) < 1


@PURE
@given(weight_sets(), st.data())
def test_rebalance_to_the_same_value_changes_nothing(
    weights: dict[str, int], data: st.DataObject
) -> None:
    changed = data.draw(st.sampled_from(list(weights)), label="changed")
    assert rebalance(weights, changed, weights[changed]) == weights


# --- whole courses -----------------------------------------------------------------------


@dataclass
class CourseCase:
    """A variation of the tiny course, as the rows that ``write_course`` writes."""

    tables: dict[str, list[list[object]]]
    rubrics: dict[str, list[list[object]]]
    overrides: list[list[object]]
    weights: dict[str, int]
    shares: dict[str, int]
    allowance: int
    target: int
    roster: list[list[object]] = field(default_factory=lambda: copy.deepcopy(ROSTER))

    def policy(self) -> str:
        lines = ["[weights]", *(f"{k} = {v}" for k, v in self.weights.items())]
        lines += ["", "[participation]", *(f"{k} = {v}" for k, v in self.shares.items())]
        lines += [f"absence_allowance = {self.allowance}"]
        lines += [f"piazza_target = {self.target}", ""]
        return "\n".join(lines)

    def load(self, folder: Path) -> gradelib.Course:
        write_course(
            folder,
            self.tables,
            self.rubrics,
            policy=self.policy(),
            overrides=self.overrides,
            roster=self.roster,
        )
        return gradelib.load_course(folder)

    def score(self, folder: Path) -> GradeReport:
        """Write, load and score the course; every score is checked to be within 0..100."""
        course = self.load(folder)
        return within_bounds(gradelib.score_course(course), course.policy.weights)

    def graded_cells(self) -> list[tuple[str, int, int, float]]:
        """(sheet, row, column, max) of every criterion score given."""
        cells = []
        for sheet, (header, maxima, *body) in self.rubrics.items():
            for r, row in enumerate(body, start=2):
                for c, name in enumerate(header):
                    if name not in RUBRIC_KEYS and row[c] is not None:
                        cells.append((sheet, r, c, maxima[c]))
        return cells


def points(maximum: int) -> st.SearchStrategy[float]:
    """A criterion score: whole or half points from 0 to ``maximum``."""
    return st.one_of(st.integers(0, maximum), st.integers(0, 2 * maximum).map(lambda k: k / 2))


@st.composite
def courses(draw, *, all_graded: bool = False) -> CourseCase:
    """The tiny course with random scores, attendance, questions, Piazza and overrides."""
    tables, rubrics = base_tables(), base_rubrics()

    for sheet, rows in rubrics.items():
        header, maxima, *body = rows
        criteria = [c for c, name in enumerate(header) if name not in RUBRIC_KEYS]
        scored_rows = []
        for row in body:
            if sheet == "summary" and one_in(draw, 4):  # a late summary (scores 0)
                row[header.index("submitted")] = row[1] + dt.timedelta(days=2)
            graders = [row]
            if draw(st.booleans()):  # a second grader (scores are averaged)
                graders.append(list(row))
                graders[-1][header.index("grader")] = "mosharaf"
            for one in graders:
                blank = not all_graded and one_in(draw, 6)  # not graded yet
                for c in criteria:
                    one[c] = None if blank else draw(points(maxima[c]))
            scored_rows += graders
        rubrics[sheet] = [header, maxima, *scored_rows]

    statuses = st.sampled_from(["", "present", "absent", "excused", None])  # None: no row
    attendance = [tables["attendance"][0]]
    for day, name, _ in tables["attendance"][1:]:
        status = draw(statuses)
        if status is not None:
            attendance.append([day, name, status])
    tables["attendance"] = attendance

    questions = [tables["questions"][0]]
    for _, name, day in tables["questions"][1:]:
        for _ in range(draw(st.integers(0, 2)) if draw(st.booleans()) else 1):
            # Class starts at 10:30: on time from 09:00 to 10:29:59, late from 10:30:00.
            start = f"{day} 10:30" if one_in(draw, 3) else f"{day} 09:00"
            moment = dt.datetime.fromisoformat(start) + dt.timedelta(
                seconds=draw(st.integers(0, 90 * 60 - 1))
            )
            questions.append([moment.strftime("%Y-%m-%d %H:%M:%S"), name, day])
    tables["questions"] = questions

    tables["piazza"] = [tables["piazza"][0]] + [
        [name, email, draw(st.integers(0, 12))]
        for name, email, _ in tables["piazza"][1:]
        if not one_in(draw, 4)  # not in the Piazza export
    ]

    targets = [*KEYS, "final", *(f"attendance:{d}" for d in DAYS)]
    chosen = draw(
        st.lists(
            st.tuples(st.sampled_from(STUDENTS), st.sampled_from(targets)),
            max_size=4,
            unique=True,
        )
    )
    overrides = []
    for name, target in chosen:
        if target == "final":
            value = draw(st.integers(0, 100))
        elif target.startswith("attendance:"):
            value = draw(st.sampled_from(["excused", 0, 100]))
        else:
            value = draw(st.one_of(st.just("excused"), st.integers(0, 100)))
        overrides.append([name, target, value, "Property test"])

    return CourseCase(
        tables,
        rubrics,
        overrides,
        weights=draw(partition(KEYS)),
        shares=draw(partition(PARTS)),
        allowance=draw(st.integers(0, 4)),
        target=draw(st.integers(1, 8)),
    )


def by_student(report: GradeReport) -> pd.DataFrame:
    return report.grades.set_index("uniqname").sort_index()


def within_bounds(report: GradeReport, weights: Mapping[str, float]) -> GradeReport:
    """Check that every component, final and current is within 0..100, and return the report.

    A final is missing exactly when every component that carries weight is excused and no
    override sets the final (possible here only when the random weights leave few
    components weighted).
    """
    grades = report.grades.set_index("uniqname")
    nothing = report.excused[[k for k in KEYS if weights[k] > 0]].all(axis=1)
    nothing &= report.final_override.isna()
    assert grades["final"].isna().equals(nothing.reindex(grades.index))
    assert grades["final"].dropna().between(0, 100).all(), grades["final"]
    assert grades["current"].dropna().between(0, 100).all(), grades["current"]
    assert grades[KEYS].stack().dropna().between(0, 100).all(), grades[KEYS]
    assert report.parts[[*PARTS, "participation"]].stack().between(0, 100).all()
    return report


@pytest.mark.slow
@COURSE
@given(courses())
def test_course_finals_stay_within_0_100(tmp_path_factory, case: CourseCase) -> None:
    report = case.score(tmp_path_factory.mktemp("course"))  # checks the bounds
    grades = by_student(report)
    assert list(grades.index) == sorted(STUDENTS)
    assert grades["letter"].eq("").astype(bool).equals(grades["final"].isna())


@pytest.mark.slow
@COURSE
@given(courses(), st.data())
def test_raising_one_rubric_score_never_lowers_a_final(
    tmp_path_factory, case: CourseCase, data: st.DataObject
) -> None:
    below_max = [
        (sheet, r, c, top)
        for sheet, r, c, top in case.graded_cells()
        if case.rubrics[sheet][r][c] < top
    ]
    assume(below_max)
    sheet, r, c, top = data.draw(st.sampled_from(below_max), label="raised cell")
    raised = copy.deepcopy(case)
    raised.rubrics[sheet][r][c] = min(top, case.rubrics[sheet][r][c] + 1)

    before = by_student(case.score(tmp_path_factory.mktemp("before")))
    after = by_student(raised.score(tmp_path_factory.mktemp("after")))
    for column in ("final", "current", *KEYS):
        assert after[column].isna().equals(before[column].isna()), column
        assert (after[column].dropna() >= before[column].dropna()).all(), (column, sheet, r, c)


def improvements(case: CourseCase) -> list[tuple[str, str, str]]:
    """Single changes that can only help a student: (kind, uniqname, day)."""
    found = [("piazza", name, "") for name in STUDENTS]
    status = {(row[0], row[1]): row[2] for row in case.tables["attendance"][1:]}
    for day in DAYS:
        for name in STUDENTS:
            if status.get((day, name), "absent") == "absent":
                found.append(("sign-in", name, day))
    for day, presenter in LECTURES.items():
        for name in STUDENTS:
            if GROUP[name] != presenter:
                found.append(("question", name, day))
    return found


def improve(case: CourseCase, kind: str, name: str, day: str) -> CourseCase:
    better = copy.deepcopy(case)
    tables = better.tables
    if kind == "piazza":
        rows = [row for row in tables["piazza"][1:] if row[1] == f"{name}@umich.edu"]
        if rows:
            rows[0][2] += 1
        else:
            tables["piazza"].append([name.title(), f"{name}@umich.edu", 1])
    elif kind == "sign-in":
        tables["attendance"] = [
            row for row in tables["attendance"] if not (row[0] == day and row[1] == name)
        ] + [[day, name, ""]]
    else:  # an on-time question for a lecture (another question may already be there)
        tables["questions"].append([f"{day} 09:00:00", name, day])
    return better


@pytest.mark.slow
@COURSE
@given(courses(), st.data())
def test_more_participation_never_lowers_a_final(
    tmp_path_factory, case: CourseCase, data: st.DataObject
) -> None:
    kind, name, day = data.draw(st.sampled_from(improvements(case)), label="improvement")
    better = improve(case, kind, name, day)
    before = by_student(case.score(tmp_path_factory.mktemp("before")))
    after = by_student(better.score(tmp_path_factory.mktemp("after")))
    for column in ("final", "current", "participation"):
        assert after[column].isna().equals(before[column].isna()), column
        assert (after[column].dropna() >= before[column].dropna()).all(), (column, kind, name)


@pytest.mark.slow
@COURSE
@given(courses(), st.integers(1, 4))
def test_a_larger_allowance_never_lowers_a_final(
    tmp_path_factory, case: CourseCase, more: int
) -> None:
    course = case.load(tmp_path_factory.mktemp("course"))
    larger = replace(course, policy=replace(course.policy, absence_allowance=case.allowance + more))
    before = within_bounds(gradelib.score_course(course), course.policy.weights)
    after = within_bounds(gradelib.score_course(larger), course.policy.weights)
    for column in ("final", "current", "participation"):
        old, new = by_student(before)[column], by_student(after)[column]
        assert new.isna().equals(old.isna()), column
        assert (new.dropna() >= old.dropna()).all(), column
    # The what-if slider agrees with scoring the course again with that allowance.
    what_if = participation_with(before.parts, case.allowance + more, case.shares)
    np.testing.assert_allclose(
        what_if.sort_index().to_numpy(),
        after.parts["participation"].sort_index().to_numpy(),
        rtol=0,
        atol=1e-9,
    )


def shuffled(case: CourseCase, rng: random.Random) -> CourseCase:
    """The same course with the rows of every CSV table and rubric sheet in another order."""

    def mixed(rows: list, keep: int) -> list:
        body = rows[keep:]
        rng.shuffle(body)
        return rows[:keep] + body

    mixed_case = copy.deepcopy(case)
    mixed_case.tables = {name: mixed(rows, 1) for name, rows in mixed_case.tables.items()}
    mixed_case.rubrics = {name: mixed(rows, 2) for name, rows in mixed_case.rubrics.items()}
    mixed_case.overrides = mixed(mixed_case.overrides, 0)
    mixed_case.roster = mixed(mixed_case.roster, 2)  # header and "Points Possible" first
    return mixed_case


@pytest.mark.slow
@COURSE
@given(courses(), st.randoms(use_true_random=False))
def test_permuting_input_rows_changes_no_grade(
    tmp_path_factory, case: CourseCase, rng: random.Random
) -> None:
    original = by_student(case.score(tmp_path_factory.mktemp("original")))
    mixed = by_student(shuffled(case, rng).score(tmp_path_factory.mktemp("shuffled")))
    for column in ("final", "current", "letter", "group", "name", "section", "notes"):
        pd.testing.assert_series_equal(mixed[column], original[column], check_exact=True)
    pd.testing.assert_frame_equal(mixed[KEYS], original[KEYS], check_exact=False, rtol=1e-12)


@pytest.mark.slow
@COURSE
@given(courses(all_graded=True))
def test_current_equals_final_when_everything_is_graded(tmp_path_factory, case: CourseCase) -> None:
    grades = by_student(case.score(tmp_path_factory.mktemp("course")))
    # Every component has a number, except an excused one (never shown as a number).
    statuses = grades[[f"{key}_status" for key in KEYS]].set_axis(KEYS, axis=1)
    assert (grades[KEYS].notna().to_numpy() == statuses.ne("excused").to_numpy()).all()
    assert statuses.isin(["graded", "overridden", "excused"]).all().all()
    pd.testing.assert_series_equal(
        grades["current"], grades["final"], check_exact=True, check_names=False
    )


@pytest.mark.slow
@COURSE
@given(st.sampled_from(STUDENTS), st.sampled_from(DAYS), st.sampled_from([100, 0]))
@example("alice", "2024-09-03", 100)
def test_attendance_override_to_present_or_absent_is_scored(
    tmp_path_factory, name: str, day: str, value: int
) -> None:
    """An attendance override of 100 (present) or 0 (absent) is applied and scored.

    Regression: score_course raised AttributeError in participation_notes for any such
    override (found by the course properties; fixed in 3a77471).
    """
    policy = default_policy()
    case = CourseCase(
        base_tables(),
        base_rubrics(),
        [[name, f"attendance:{day}", value, "Property test"]],
        weights={k: int(v) for k, v in policy.weights.items()},
        shares={k: int(v) for k, v in policy.participation.items()},
        allowance=policy.absence_allowance,
        target=policy.piazza_target,
    )
    report = case.score(tmp_path_factory.mktemp("course"))
    assert by_student(report)["final"].between(0, 100).all()
    record = report.attendance.set_index(["uniqname", "date"])["status"]
    assert record.loc[(name, pd.Timestamp(day))] == ("present" if value == 100 else "absent")
