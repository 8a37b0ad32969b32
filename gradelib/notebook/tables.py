"""Tables a GSI can work with: the grades as an interactive table, and readable small ones.

:func:`grades_table` shows the grades table with `itables <https://itables.org>`_
(DataTables): click a header to sort, type in *Search* to keep the rows that mention a
name or uniqname, the header stays in view while the rows scroll, and the table scrolls
sideways instead of losing its right columns. It is live: redrawn after every change of
the workbook session.

One formatting function: every score cell is the text of
:func:`gradelib.sheets.rounding.score_texts`, so the table reads exactly as the
statements and the Canvas file do. Sorting still sorts by value: the score columns carry
a DataTables *render* function (:data:`SORT_BY_VALUE`) whose sort value is the number the
cell reads (``"86.13"`` sorts as 86.13), and a cell without a number (``–``, ``excused``,
``not graded``) sorts below every score. The letter column sorts in the scale's order
(A first, E last), not alphabetically.

The output is the same bytes on every run (nbval): a fixed table id, no clock, and
itables' offline mode (``connected=False``), whose library is embedded once per call by
:func:`grades_table` (no network needed).

:func:`readable_table` is every small table of the notebooks and panels, with readable
headers (:data:`HEADERS`): the close calls of :func:`gradelib.score.cutoffs.near_cutoffs`,
the students past the absence allowance, the export's preview and the verify step's causes.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

import pandas as pd
from markupsafe import Markup

from gradelib.policy.letters import letter_order
from gradelib.policy.model import COMPONENTS
from gradelib.sheets.rounding import DASH, score_texts
from gradelib.show.html import render

if TYPE_CHECKING:
    from gradelib.notebook.session import Session
    from gradelib.policy.letters import Scale

#: The id of the interactive grades table (fixed: the saved output stays the same).
GRADES_TABLE_ID = "gl-grades-interactive"

#: Readable column headers of the notebooks' tables, by column name.
HEADERS: Mapping[str, str] = {
    "uniqname": "Uniqname",
    "name": "Name",
    "group": "Group",
    "section": "Section",
    **COMPONENTS,
    "final": "Final",
    "current": "Current",
    "letter": "Letter",
    "next_letter": "Next letter",
    "cutoff": "Cut-off",
    "gap": "Points below",
    "held": "Lectures held",
    "absences": "Absences",
    "excused_days": "Excused days",
    "attendance": "Attendance",
    "questions": "Questions",
    "piazza": "Piazza",
}

#: The score columns of the grades table, by key: the components, final, current.
SCORE_COLUMNS: tuple[str, ...] = (*COMPONENTS, "final", "current")

#: What a component without a number reads as, by its status.
NO_NUMBER: Mapping[str, str] = {"excused": "excused", "ungraded": "not graded"}

#: DataTables render function of a score column: shown as its text, sorted by its value
#: (a cell without a number sorts below 0).
SORT_BY_VALUE = (
    "function (data, type) { if (type === 'sort' || type === 'type') "
    "{ var n = parseFloat(data); return isNaN(n) ? -1 : n; } return data; }"
)


def grades_frame(grades: pd.DataFrame, scale: Scale) -> pd.DataFrame:
    """The grades table as the interactive table shows it: readable headers, score texts.

    Parameters
    ----------
    grades : pandas.DataFrame
        ``report.grades``: ``uniqname``, ``name``, ``group``, each component with its
        ``<key>_status``, ``final``, ``current``, ``letter``.
    scale : tuple of (str, float)
        The letter cut-offs (``Policy.letters``): the order the letter column sorts in.

    Returns
    -------
    pandas.DataFrame
        One row per student in the order of ``grades``, columns ``Uniqname``, ``Name``,
        ``Group``, the components by name (:data:`~gradelib.policy.model.COMPONENTS`),
        ``Final``, ``Current``, ``Letter``. Scores are ``score_texts`` text (``–`` when
        missing; a component reads ``excused`` or ``not graded`` by its status); the
        letter is categorical in the scale's order (``E`` last, then ``–``).
    """
    shown = pd.DataFrame(index=grades.index)
    for key in ("uniqname", "name", "group"):
        shown[HEADERS[key]] = grades[key].astype("string").fillna("").astype(object)
    for key in SCORE_COLUMNS:
        text = score_texts(grades[key]).astype(object)
        if f"{key}_status" in grades.columns:
            status = grades[f"{key}_status"].astype("string").map(NO_NUMBER.get, na_action="ignore")
            text = status.astype(object).where(status.notna(), text)
        shown[HEADERS[key]] = text
    letters = grades["letter"].astype("string").fillna("").replace("", DASH)
    shown["Letter"] = pd.Categorical(letters, categories=[*letter_order(scale), DASH])
    return shown.reset_index(drop=True)


def grades_options(frame: pd.DataFrame) -> dict[str, Any]:
    """The itables options of the grades table (all given: none left to a config file).

    Parameters
    ----------
    frame : pandas.DataFrame
        What :func:`grades_frame` returns (its score columns get :data:`SORT_BY_VALUE`).

    Returns
    -------
    dict
        Keyword arguments of :func:`itables.to_html_datatable`.
    """
    from itables import JavascriptFunction

    scores = [frame.columns.get_loc(HEADERS[key]) for key in SCORE_COLUMNS]
    return {
        "table_id": GRADES_TABLE_ID,
        "connected": False,
        "showIndex": False,
        "paging": False,
        "scrollY": "65vh",
        "scrollCollapse": True,
        "scrollX": True,
        "maxBytes": 0,
        "maxRows": 0,
        "maxColumns": 0,
        "order": [],
        "allow_html": False,
        "display_logo_when_loading": False,
        "classes": "display nowrap compact cell-border",
        "layout": {"topStart": "info", "topEnd": "search", "bottomStart": None, "bottomEnd": None},
        "text_in_header_can_be_selected": False,  # a click anywhere on a header sorts
        "language": {
            "search": "Find a student:",
            "info": "Students: _TOTAL_",
            "infoFiltered": "of _MAX_",
            "infoEmpty": "Students: 0",
        },
        "columnDefs": [
            {
                "targets": scores,
                "render": JavascriptFunction(SORT_BY_VALUE),
                "className": "dt-right",
            },
            # The letter travels as its rank in the scale: sorted as a number (as text,
            # rank 10 would come between 1 and 2).
            {"targets": frame.columns.get_loc("Letter"), "type": "num"},
        ],
    }


def grades_html(grades: pd.DataFrame, scale: Scale) -> str:
    """The interactive grades table as HTML (itables, offline), with how to use it.

    Parameters
    ----------
    grades : pandas.DataFrame
        ``report.grades``.
    scale : tuple of (str, float)
        The letter cut-offs (the letter column's sort order).

    Returns
    -------
    str
        The same bytes for the same grades: the table's id is :data:`GRADES_TABLE_ID`.
    """
    from itables import to_html_datatable

    frame = grades_frame(grades, scale)
    table = to_html_datatable(frame, **grades_options(frame))
    return render("panel_grades_table.html", table=Markup(table), students=len(frame))


def grades_table(session: Session) -> None:
    """Show the session's grades as an interactive table, redrawn after every change.

    The DataTables library is embedded first (itables' offline mode: the notebook works
    without network; keep this cell's output). While the course files have errors the
    table says so instead (:func:`gradelib.notebook.session.live`).

    Parameters
    ----------
    session : Session
        The workbook session.
    """
    from itables import init_notebook_mode

    from gradelib.notebook.session import live_html

    init_notebook_mode(all_interactive=False, connected=False)
    live_html(
        session, lambda current: grades_html(current.report.grades, current.course.policy.letters)
    )


def readable_table(
    frame: pd.DataFrame, *, index: bool = False, headers: Mapping[str, str] = HEADERS
) -> str:
    """A small table with readable headers, every float through the one score format.

    Parameters
    ----------
    frame : pandas.DataFrame
        Any frame, e.g. :func:`gradelib.score.cutoffs.near_cutoffs` (``next_letter``,
        ``gap``...). Float columns are shown by
        :func:`~gradelib.sheets.rounding.score_texts` (``–`` when missing).
    index : bool
        Show the index as the first column (headed by its name).
    headers : Mapping[str, str]
        Column name -> header; a column not in it keeps its name.

    Returns
    -------
    str
        HTML (``panel_grades_small.html``): a ``gl-table`` with escaped cells, numbers
        aligned right.
    """
    shown = frame.reset_index() if index else frame
    numeric, columns = [], []
    for position, (_, column) in enumerate(shown.items()):
        if pd.api.types.is_numeric_dtype(column) and not pd.api.types.is_bool_dtype(column):
            numeric.append(position)
        if pd.api.types.is_float_dtype(column):
            column = score_texts(column)
        columns.append(column.astype("string").fillna("").tolist())
    return render(
        "panel_grades_small.html",
        headers=[headers.get(str(key), str(key)) for key in shown.columns],
        rows=[list(row) for row in zip(*columns, strict=True)],
        numeric=numeric,
    )
