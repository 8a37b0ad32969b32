"""HTML from templates (issue 15): Jinja2 templates with autoescaping, no manual escapes.

Statements, breakdowns and tables are rendered from ``gradelib/show/templates`` by
:func:`gradelib.show.html.render`. The expectations here are written by hand:

- markup in a student's name or an override's reason reaches the page as text, escaped
  as before templates (``&quot;`` and ``&#x27;`` for quotes, as :func:`html.escape`);
- every template in the folder is used, and every template named in the code exists;
- no manual escape (``_e(``, ``escape(``) is left in ``gradelib/show`` but the
  environment's own escape (``html.escaped``, what the compiled templates call);
- ``{% oneline %}`` joins a template's lines as its docstring says;
- no template formats a number (scores reach templates as text from ``score_text``).
"""

from __future__ import annotations

import copy
import re
from pathlib import Path

import jinja2.meta
import pytest
from builder import ROSTER, write_course

import gradelib
from gradelib.show.explain import grades_table, student_breakdown, student_days
from gradelib.show.explain._html import STYLE
from gradelib.show.html import environment, render, stylesheet
from gradelib.show.statements import statement_document, statement_fragment, write_statements

ROOT = Path(__file__).resolve().parents[1]
SHOW = ROOT / "gradelib" / "show"
TEMPLATES = SHOW / "templates"
NAME = "<script>alert('x')</script> & \"Co\""
ESCAPED = "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt; &amp; &quot;Co&quot;"

#: (file, line) of gradelib/show that escapes by hand -> why it may.
MANUAL_ESCAPES = {
    (
        "gradelib/show/html.py",
        "return Markup(html.escape(text, quote=True))",
    ): "the compiled templates' escape: how every template escapes a value (each text once)",
}


@pytest.fixture(scope="module")
def hostile(tmp_path_factory: pytest.TempPathFactory):
    """The base course, with markup in carol's name and in bob's override reason."""
    roster = copy.deepcopy(ROSTER)
    roster[4][0] = NAME
    overrides = [["bob", "summary", "75", 'Regraded <b>twice</b> & it\'s "final"']]
    folder = write_course(tmp_path_factory.mktemp("hostile"), roster=roster, overrides=overrides)
    course = gradelib.load_course(folder)
    return course, gradelib.score_course(course)


def test_a_name_with_markup_is_escaped_in_the_breakdown(hostile) -> None:
    course, report = hostile
    page = student_breakdown(course, report, "carol")
    assert f'<h2>{ESCAPED} <span class="gl-muted">(carol)</span></h2>' in page
    assert "<script>" not in page and "alert('x')" not in page


def test_a_name_with_markup_is_escaped_in_the_statement(hostile, tmp_path: Path) -> None:
    course, report = hostile
    page = statement_document(course, report, "carol")
    assert f"<title>Grade statement: {ESCAPED} (carol)</title>" in page
    assert f'<h2>{ESCAPED} <span class="gl-muted">(carol)</span></h2>' in page
    assert "<script>" not in page
    written = write_statements(course, report, tmp_path / "statements")
    assert (tmp_path / "statements" / "carol.html").read_text("utf-8") == page
    combined = written.combined.read_text("utf-8")
    assert combined.count(f"<h2>{ESCAPED} ") == 1 and "<script>" not in combined


def test_a_name_with_markup_is_escaped_in_the_grades_table(hostile) -> None:
    _, report = hostile
    table = grades_table(report.grades)
    assert f"<td>carol</td><td>{ESCAPED}</td>" in table
    assert "<script>" not in table


def test_an_override_reason_with_markup_is_escaped(hostile) -> None:
    course, report = hostile
    page = student_breakdown(course, report, "bob")
    reason = "Regraded &lt;b&gt;twice&lt;/b&gt; &amp; it&#x27;s &quot;final&quot;"
    assert (
        '<p class="gl-override">Override: set to <b>75.00</b> instead of the computed '
        f"95.00. Reason: {reason}</p>"
    ) in page
    assert f"<td>Paper Summary</td><td>75.00</td><td>{reason}</td>" in page
    assert "<b>twice</b>" not in page


def test_an_unknown_uniqname_is_escaped(hostile) -> None:
    course, report = hostile
    page = student_days(course, report, "<i>x</i>")
    assert 'data-uniqname="&lt;i&gt;x&lt;/i&gt;"' in page
    assert "<b>&lt;i&gt;x&lt;/i&gt;</b> is on the roster" in page


def test_the_statement_page_has_the_style_once_and_notes_open(hostile) -> None:
    course, report = hostile
    page = statement_document(course, report, "bob")
    assert page.count("<style>") == 2  # the explanations' and the page's own
    assert page.count(STYLE) == 1
    assert "<details open><summary>Notes in the grades table" in page
    fragment = statement_fragment(course, report, "bob")
    assert fragment.count(STYLE) == 2  # breakdown and class days, each self-contained
    assert "<details><summary>Notes" in fragment


# --- the environment ---------------------------------------------------------------------


def test_values_are_escaped_as_html_escape_escapes_them() -> None:
    env = environment()
    assert env.autoescape is True
    page = env.from_string('<a title="{{ v }}">{{ v }}</a>').render(v="<'&\">")
    assert page == '<a title="&lt;&#x27;&amp;&quot;&gt;">&lt;&#x27;&amp;&quot;&gt;</a>'


def test_oneline_joins_lines_as_documented() -> None:
    source = (
        "{% oneline %}\n"
        "<p>One {{ a }}\n"
        "  two\n"
        "  {% if b %}<b>three</b>{% endif %}\n"
        "  four</p>\n"
        "<ul>\n"
        "  {% for x in xs %}\n"
        "    <li>{{ x }}</li>\n"
        "  {% endfor %}\n"
        "</ul>\n"
        "{% endoneline %}\n"
        "kept\n"
        "as is"
    )
    page = environment().from_string(source).render(a="1", b=True, xs=["x", "y"])
    assert page == "<p>One 1 two<b>three</b>four</p><ul><li>x</li><li>y</li></ul>kept\nas is"


def test_the_style_constant_is_the_style_sheet() -> None:
    assert STYLE.removeprefix("<style>\n").removesuffix("</style>") == stylesheet("explain.css")
    assert STYLE.startswith("<style>\n.gl-root{font-family:system-ui")
    assert STYLE.endswith("{border-left:3px solid #c62828;padding-left:.5em}\n</style>")


# --- the templates and the code ----------------------------------------------------------


def _templates() -> list[str]:
    return sorted(p.name for p in TEMPLATES.iterdir() if p.suffix in (".html", ".css"))


def _named_in_code() -> set[str]:
    """Template and style sheet names written as strings in the package's code."""
    code = "\n".join(p.read_text("utf-8") for p in (ROOT / "gradelib").rglob("*.py"))
    return set(re.findall(r"[\"']([a-z_]+\.(?:html|css))[\"']", code))


def _named_in_templates() -> set[str]:
    env = environment()
    names: set[str] = set()
    for name in _templates():
        if name.endswith(".html"):
            source = env.loader.get_source(env, name)[0]
            names |= set(jinja2.meta.find_referenced_templates(env.parse(source)))
    return names


def test_every_template_is_used_and_every_one_named_exists() -> None:
    templates = set(_templates())
    named = _named_in_code() | _named_in_templates()
    assert templates - named == set(), "templates nothing renders, imports or reads"
    assert _named_in_code() - templates == set(), "templates named in the code but missing"


def test_no_manual_escape_is_left_in_show() -> None:
    found, seen = [], set()
    for path in sorted(SHOW.rglob("*.py")):
        name = path.relative_to(ROOT).as_posix()
        for line in path.read_text("utf-8").splitlines():
            if re.search(r"\b_e\(|\bescape\(", line):
                seen.add((name, line.strip()))
                if (name, line.strip()) not in MANUAL_ESCAPES:
                    found.append(f"{name}: {line.strip()}")
    assert found == [], "escape by autoescaping in a template, not by hand"
    assert seen == set(MANUAL_ESCAPES), "an allowed line is gone: remove it from the list"


def test_no_template_of_the_explanations_formats_a_number() -> None:
    for name in _templates():
        if name.startswith("panel_") or not name.endswith(".html"):
            continue  # the notebook room's panels are checked with the notebook
        source = (TEMPLATES / name).read_text("utf-8")
        assert not re.search(r"\|\s*(format|round|float|filesizeformat)\b", source), name
        assert "%.2f" not in source and ".2f" not in source, name


def test_render_names_a_missing_variable() -> None:
    with pytest.raises(jinja2.UndefinedError):
        render("statement_body.html", breakdown="")
