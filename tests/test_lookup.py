"""Finding a student (issue 16): the student box's rule, by hand on a small roster, and
the box itself on the sample course.

The small roster: Becker, Karan (karanb); Bianchi, Nia (nbianchi); Kim, Ana (anakim) and
Kim, Min-jun (mikim), two students with one surname; Müller, Rosa (mullerr).
"""

from __future__ import annotations

import shutil
from pathlib import Path
from types import SimpleNamespace

import pandas as pd
import pytest

from gradelib.notebook.lookup import (
    PROMPT,
    StudentPicker,
    find_students,
    student_days_lookup,
    student_lookup,
    student_options,
    uniqname_for,
)
from gradelib.notebook.session import Session

ROOT = Path(__file__).resolve().parents[1]
ROSTER = pd.DataFrame(
    {
        "uniqname": ["karanb", "nbianchi", "mikim", "anakim", "mullerr"],
        "name": ["Becker, Karan", "Bianchi, Nia", "Kim, Min-jun", "Kim, Ana", "Müller, Rosa"],
    }
)


@pytest.mark.parametrize(
    "query",
    [
        "karanb", "KaranB", "  karanb ",  # the uniqname, any case, spaces around
        "Becker", "becker", "BECKER",  # the surname
        "karan", "Karan",  # the first name
        "Becker, Karan", "Karan Becker", "becker,   karan",  # the whole name, both ways
        "Becker, Karan (karanb)", "becker, karan (KARANB)",  # the option label
    ],
)  # fmt: skip
def test_one_student_is_found_by_any_of_their_names(query: str) -> None:
    match = find_students(ROSTER, query)
    assert (match.how, match.students, match.uniqname) == ("exact", ("karanb",), "karanb")
    assert match.message() == ""


@pytest.mark.parametrize("query", ["muller", "Müller", "MÜLLER", "rosa muller"])
def test_accents_do_not_count(query: str) -> None:
    assert find_students(ROSTER, query).uniqname == "mullerr"


def test_two_students_with_one_surname_are_listed_to_choose_from() -> None:
    match = find_students(ROSTER, "kim")
    assert match.how == "exact"
    assert match.students == ("anakim", "mikim")  # by name: "Kim, Ana" before "Kim, Min-jun"
    assert match.labels == ("Kim, Ana (anakim)", "Kim, Min-jun (mikim)")
    assert match.uniqname is None
    assert match.message() == "2 students match “kim”: choose one."


def test_the_start_of_a_name_finds_who_it_starts() -> None:
    assert find_students(ROSTER, "bian").uniqname == "nbianchi"
    assert find_students(ROSTER, "Min").uniqname == "mikim"  # Min-jun
    several = find_students(ROSTER, "k")  # karanb, Karan; Kim twice
    assert (several.how, several.students) == ("start", ("karanb", "anakim", "mikim"))


def test_a_long_list_names_the_first_few() -> None:
    match = find_students(ROSTER, "k", limit=2)
    assert match.students == ("karanb", "anakim", "mikim")
    assert match.labels == ("Becker, Karan (karanb)", "Kim, Ana (anakim)")
    assert (
        match.message() == "3 students match “k”: choose one (the first 2 are listed; type more)."
    )


@pytest.mark.parametrize(
    ("query", "meant"),
    [
        ("karanv", "karanb"),  # one letter wrong in the uniqname
        ("Bekcer", "karanb"),  # two letters swapped in the surname
        ("nbainchi", "nbianchi"),
        ("Rossa", "mullerr"),  # one letter too many in the first name
    ],
)
def test_a_typo_gets_a_did_you_mean(query: str, meant: str) -> None:
    match = find_students(ROSTER, query)
    assert (match.how, match.students, match.uniqname) == ("close", (meant,), None)
    label = dict(zip(ROSTER["uniqname"], ROSTER["name"], strict=True))[meant]
    assert match.message() == f"No student matches “{query}”. Did you mean {label} ({meant})?"


def test_a_close_surname_of_two_students_suggests_both() -> None:
    match = find_students(ROSTER, "Kym")  # "kim" is .67 alike: both Kims
    assert match.students == ("anakim", "mikim")
    assert match.message() == (
        "No student matches “Kym”. Did you mean Kim, Ana (anakim) or Kim, Min-jun (mikim)?"
    )


def test_nothing_alike_says_what_to_type() -> None:
    match = find_students(ROSTER, "xyzzy")
    assert (match.how, match.students) == ("none", ())
    assert match.message() == (
        "No student matches “xyzzy”: type a uniqname, a surname or a first name."
    )


@pytest.mark.parametrize("query", ["", "   "])
def test_an_empty_box_finds_nobody_and_says_nothing(query: str) -> None:
    match = find_students(ROSTER, query)
    assert (match.how, match.students, match.message()) == ("empty", (), "")


def test_typed_text_as_one_uniqname_for_a_panel_that_writes() -> None:
    course = SimpleNamespace(roster=ROSTER)
    assert uniqname_for(course, "Becker") == ("karanb", "")
    assert uniqname_for(course, "Kim, Ana (anakim)") == ("anakim", "")
    assert uniqname_for(course, "") == (None, "Choose a student first.")
    assert uniqname_for(course, "kim") == (None, "2 students match “kim”: choose one.")
    # The start of a name is not enough to write: it asks.
    assert uniqname_for(course, "bian") == (
        None,
        "No student is called “bian”. Did you mean Bianchi, Nia (nbianchi)?",
    )
    assert uniqname_for(course, "karanv") == (
        None,
        "No student matches “karanv”. Did you mean Becker, Karan (karanb)?",
    )


# --- the box on the sample course ---------------------------------------------------------


@pytest.fixture
def session(tmp_path: Path) -> Session:
    folder = tmp_path / "sample"
    shutil.copytree(ROOT / "data" / "sample", folder)
    return Session(folder)


def test_the_options_stay_the_labels(session: Session) -> None:
    options = student_options(session.course)
    assert options["Becker, Karan (karanb)"] == "karanb"
    assert list(options)[:2] == ["Becker, Karan (karanb)", "Bianchi, Nia (nbianchi)"]
    assert len(options) == 40


@pytest.mark.parametrize(
    "typed", ["karanb", "KARANB", "Becker", "becker", "Becker, Karan (karanb)"]
)
def test_the_lookup_shows_the_student_typed(session: Session, typed: str) -> None:
    lookup = student_lookup(session)
    assert lookup.search.placeholder == PROMPT and not lookup.search.ensure_option
    lookup.search.value = typed
    # karanb's final: .15·89 + .15·77.5 + .10·96.875 + .40·85.375 + .20·86.25 = 86.0625
    assert 'data-uniqname="karanb"' in lookup.view.value
    assert 'data-final="86.06"' in lookup.view.value
    assert lookup.note.value == ""
    assert lookup.choices.layout.display == "none"


def test_a_typo_offers_the_student_to_choose(session: Session) -> None:
    lookup = student_lookup(session)
    lookup.search.value = "Bekcer"
    assert lookup.view.value == ""
    assert "No student matches “Bekcer”. Did you mean Becker, Karan (karanb)?" in lookup.note.value
    assert lookup.choices.options == ("Becker, Karan (karanb)",)
    assert lookup.choices.layout.display is None
    lookup.choices.value = "Becker, Karan (karanb)"  # the GSI clicks the suggestion
    assert lookup.search.value == "Becker, Karan (karanb)"
    assert 'data-final="86.06"' in lookup.view.value
    assert lookup.choices.options == () and lookup.choices.layout.display == "none"


def test_a_one_letter_typo_in_a_uniqname_suggests_it_first(session: Session) -> None:
    # "karanv" against "karan" (karanb's first name) is 2·5/11 = .91 alike: no key of the
    # roster is closer, so karanb comes first.
    lookup = student_lookup(session)
    lookup.search.value = "karanv"
    assert lookup.choices.options[0] == "Becker, Karan (karanb)"
    assert "Did you mean Becker, Karan (karanb)" in lookup.note.value


def test_the_student_shown_follows_a_change(session: Session) -> None:
    lookup = student_lookup(session)
    lookup.search.value = "karanb"
    with (session.folder / "overrides.csv").open("a", encoding="utf-8") as file:
        file.write("karanb,final,90,Regraded\n")
    session.reload()
    assert 'data-final="90.00"' in lookup.view.value
    (session.folder / "policy.toml").write_text("not toml [", encoding="utf-8")
    session.reload()
    assert "Out of date" in lookup.note.value and lookup.view.value == ""


def test_the_days_lookup_finds_by_surname(session: Session) -> None:
    lookup = student_days_lookup(session)
    assert isinstance(lookup, StudentPicker)
    lookup.search.value = "rahman"  # Rahman, Deepa: 3 absences of 25 lectures
    assert lookup.view.value.count(">absent<") == 3
