"""What the whole suite shares: the quick loop (``--quick``), hypothesis profiles, xdist groups.

``make test`` runs everything. ``make quick`` runs ``pytest --quick``: the tests that take
well under a second each, for the loop while editing (under 30 s on a 2-core machine):

- tests marked ``slow`` are left out, unless also marked ``quick``. Slow: a test that
  writes, loads and grades whole course folders end to end (about half a second each,
  most of it the package's loading and scoring), runs a real ``gradelib`` process,
  LibreOffice, a browser, the benchmark script, or a million-row file. Files of the suite
  mark their own (``@pytest.mark.slow``, or ``pytestmark`` for a whole file with a few
  ``@pytest.mark.quick`` representatives: one of each kind of case stays in the loop);
  :data:`SLOW_FILES` are left out whole (not even imported) and :data:`SLOW_TESTS` names
  the slow tests of files that do not mark them;
- property tests run under the ``quick`` hypothesis profile: a twentieth of the examples each
  (:func:`builder.examples`), the same tests and properties.

pytest-xdist (``make test`` and ``make quick`` run ``-n auto --dist loadgroup``): the cells
of one notebook (nbval) run in order in one kernel, and the browser tests share one
JupyterLab, so each notebook and the browser folder are one group, run whole by one worker,
and so are :data:`WHOLE_FILES`; every other test is scheduled on its own. The groups are
given by :func:`xdist_scope` through xdist's scheduler hook: xdist's own ``xdist_group``
marks do nothing under pytest 9 (xdist 3.8 renames ``item._nodeid``, which pytest 9 no
longer reads), so a notebook's cells would be spread over the workers.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

import pytest

# Hypothesis caches what it reads from local source under ``.hypothesis/`` whatever the
# database setting; keep that cache out of the repository (a CI may point it elsewhere).
os.environ.setdefault(
    "HYPOTHESIS_STORAGE_DIRECTORY", str(Path(tempfile.gettempdir()) / "gradelib-hypothesis")
)

HERE = Path(__file__).resolve().parent

#: Left out of ``--quick`` whole: every test in them is slow (see the module docstring).
SLOW_FILES = (
    "browser",
    "test_benchmark_smoke.py",
    "test_canvas_overrides.py",
    "test_canvas_totals.py",
    "test_cli.py",
    "test_dropped_students.py",
    "test_midterm.py",
    "test_nothing_lost.py",
    "test_one_truth.py",
    "test_output_paths.py",
    "test_overrides_edit.py",
    "test_plots.py",
    "test_progress.py",
    "test_statements.py",
    "test_truth_properties.py",
    "test_verify_canvas.py",
    "test_verify_canvas_cli.py",
    "test_verify_canvas_more.py",
    "test_whatif.py",
)

#: Files whose tests share course outputs made once per module (a module-scoped fixture of
#: several seconds): each runs whole in one xdist worker instead of making them twice.
WHOLE_FILES = ("test_hostile_workbooks.py", "test_midterm.py", "test_one_truth.py")

#: Files of long tests (10–30 s each), run first so that no worker starts one near the end
#: while the other has nothing left to do.
FIRST_FILES = (
    "test_header_names.py",
    "test_properties.py",
    "test_truth_properties.py",
    "test_plots.py",
    "test_benchmark_smoke.py",
)

#: Slow tests of files that do not mark them (yet), by node id prefix.
SLOW_TESTS = (
    "tests/test_api.py::test_import_gradelib_loads_reading_and_scoring_only",
    "tests/test_cutoffs.py::test_panel_",
    "tests/test_cutoffs.py::test_proposals_are_defensible_decreasing_and_never_lower_a_letter",
    "tests/test_explain.py::test_a_component_of_86_125_reads_86_13_everywhere",
    "tests/test_explain.py::test_an_excused_component_never_shows_a_number",
    "tests/test_explain.py::test_breakdown_",
    "tests/test_explain.py::test_every_sample_student_renders",
    "tests/test_explain.py::test_grades_table",
    "tests/test_explain.py::test_problems_table_from_a_broken_course",
    "tests/test_explain.py::test_sample_excused_summary_and_late_summaries",
    "tests/test_explain.py::test_student_days_",
    "tests/test_hostile_workbooks.py::test_check_course_names_a_hostile_rubrics_file",
    "tests/test_hostile_workbooks.py::test_guard_refuses_quickly_in_bounded_memory",
    "tests/test_hostile_workbooks.py::test_the_hostile_files_stay_small_on_disk",
    "tests/test_layout.py::test_data_flows_one_way",
    "tests/test_no_other_formatting.py::test_no_other_rounding_or_formatting_of_scores",
    "tests/test_templates.py::test_a_name_with_markup_is_escaped_in_the_",
    "tests/test_templates.py::test_an_override_reason_with_markup_is_escaped",
    "tests/test_templates.py::test_an_unknown_uniqname_is_escaped",
)


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--quick",
        action="store_true",
        help="the fast loop (make quick): leave out slow tests; hypothesis 'quick' profile",
    )


def pytest_configure(config: pytest.Config) -> None:
    if config.getoption("quick"):
        from hypothesis import settings  # imported only here: not every process needs it

        # Each property test runs a twentieth of its examples (builder.examples); this
        # count is for one that names none.
        settings.register_profile("quick", max_examples=10)
        settings.load_profile("quick")


def pytest_ignore_collect(collection_path: Path, config: pytest.Config) -> bool | None:
    if config.getoption("quick") and collection_path.parent == HERE:
        return collection_path.name in SLOW_FILES or None
    return None


def xdist_scope(nodeid: str) -> str:
    """The work unit of a test under ``--dist loadgroup``: tests of one scope run in one
    worker, in collection order."""
    path = nodeid.split("::", 1)[0]
    if path.endswith(".ipynb") or path.rsplit("/", 1)[-1] in WHOLE_FILES:
        return path
    if path.startswith("tests/browser/"):
        return "tests/browser"
    return nodeid


def pytest_xdist_make_scheduler(config: pytest.Config, log):  # xdist's hook
    if config.getvalue("dist") != "loadgroup":
        return None
    from xdist.scheduler import LoadScopeScheduling

    class GroupScheduling(LoadScopeScheduling):
        def _split_scope(self, nodeid: str) -> str:
            return xdist_scope(nodeid)

    return GroupScheduling(config, log)


@pytest.hookimpl(wrapper=True)
def pytest_collect_file(file_path: Path, parent: pytest.Collector):
    """``--doctest-modules`` is for the package (``make test`` passes ``gradelib``): the
    suite's own files under tests/ are not collected as doctest modules (they hold no
    examples, and tests/conftest.py and tests/browser/conftest.py would clash by name)."""
    collected = yield
    return [c for c in collected if type(c).__name__ != "DoctestModule"]


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    def first(item: pytest.Item) -> int:
        name = item.path.name if item.path.parent == HERE else ""
        return FIRST_FILES.index(name) if name in FIRST_FILES else len(FIRST_FILES)

    items.sort(key=first)  # stable: each file keeps its order
    for item in items:
        path = item.path
        if (
            HERE / "browser" in path.parents
            or (path.parent == HERE and path.name in SLOW_FILES)
            or item.nodeid.startswith(SLOW_TESTS)
        ):
            item.add_marker(pytest.mark.slow)
    if config.getoption("quick"):
        kept, left_out = [], []
        for item in items:
            slow = item.get_closest_marker("slow") and not item.get_closest_marker("quick")
            (left_out if slow else kept).append(item)
        if left_out:
            config.hook.pytest_deselected(items=left_out)
            items[:] = kept
