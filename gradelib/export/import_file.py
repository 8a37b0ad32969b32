"""Building the CSV that Canvas's gradebook importer takes: pure functions, no I/O.

The file has the export's identity block (same columns, same spelling, IDs as text), one
column per component (an existing assignment's exact ``Title (id)`` header where the
export has a column of the configured title, else the bare title so Canvas creates the
assignment), a ``    Points Possible`` row, and one row per enrolled student, then the
``Override Score`` column where a final override is to reach Canvas. A component's cell
is its current value (over its graded items), blank while none of its items is graded,
``EX`` where an override excuses it.

In the default ``points`` mode each component is out of its weight, and each student's
points are apportioned (:mod:`gradelib.export.apportion`) so that the total Canvas
computes from them equals our ``current`` to the cent: two decimals, and only where no
cent total can, three (or four).
"""

from __future__ import annotations

import csv
import io
from collections.abc import Mapping
from dataclasses import dataclass

import numpy as np
import pandas as pd

from gradelib.canvas.canvas_csv import collection_paused
from gradelib.canvas.columns import OVERRIDE_SCORE, same_title
from gradelib.canvas.gradebook import CanvasExport
from gradelib.export.apportion import apportioned_cells
from gradelib.policy.model import COMPONENTS, Policy
from gradelib.score.combine import COUNTED_NOW
from gradelib.score.grades import GradeReport
from gradelib.sheets.rounding import score_text, score_texts

POINTS_LABEL = "    Points Possible"
EXCUSED = "EX"


@dataclass(frozen=True)
class ImportFile:
    """A Canvas import file, ready to write.

    Attributes
    ----------
    header : tuple of str
        Identity columns, then one column per component (then ``Override Score``).
    points : tuple of str
        The ``Points Possible`` row.
    rows : tuple of tuple of str
        One row per student, in the export's order.
    uniqnames : tuple of str
        The student of each row.
    columns : Mapping[str, str]
        Component key -> the header its values are under.
    reused : Mapping[str, str]
        Component key -> the export's assignment header it reuses (the others are new).
    """

    header: tuple[str, ...]
    points: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    uniqnames: tuple[str, ...]
    columns: Mapping[str, str]
    reused: Mapping[str, str]

    def to_csv(self) -> bytes:
        """The file's bytes: RFC 4180 CSV, UTF-8 without BOM, ``\\n`` line endings."""
        buffer = io.StringIO()
        writer = csv.writer(buffer, lineterminator="\n", quoting=csv.QUOTE_MINIMAL)
        writer.writerow(self.header)
        writer.writerow(self.points)
        writer.writerows(self.rows)
        return buffer.getvalue().encode("utf-8")


def column_headers(export: CanvasExport, policy: Policy) -> tuple[dict[str, str], dict[str, str]]:
    """Where each component goes: (component -> header, component -> reused export header)."""
    headers, reused = {}, {}
    for key in COMPONENTS:
        title = policy.canvas_titles[key]
        match = next((a for a in export.assignments if same_title(a.title, title)), None)
        headers[key] = match.header if match else title
        if match:
            reused[key] = match.header
    return headers, reused


def component_cells(
    report: GradeReport, order: pd.Index, policy: Policy
) -> tuple[pd.DataFrame, list[float]]:
    """The component cells of each student (as text) and each column's points possible.

    A cell is blank while the component has no graded item, ``EX`` where it is excused,
    otherwise its current value: in points mode out of its weight, apportioned
    (:func:`gradelib.export.apportion.apportioned_cells`) so that Canvas's total is our
    ``current`` to the cent; in percent mode the percent, as every output shows it.

    Parameters
    ----------
    report : GradeReport
        The graded result.
    order : pandas.Index
        The students (uniqnames), in the file's order.
    policy : Policy
        For the mode and the weights.

    Returns
    -------
    (pandas.DataFrame, list of float)
        Text cells (rows ``order``, columns the component keys), and points possible.
    """
    keys = list(COMPONENTS)
    current = report.components.current.reindex(index=order, columns=keys)
    status = report.components.status.reindex(index=order, columns=keys)
    counted = status.isin(COUNTED_NOW) & current.notna()
    if policy.canvas_mode == "points":
        target = report.computed["current"].reindex(order)
        cells = apportioned_cells(current, counted, policy.weights, target)
        possible = [float(policy.weights[key]) for key in keys]
    else:
        cells = current.where(counted).apply(lambda column: score_texts(column, missing=""))
        possible = [100.0] * len(keys)
    excused = status.eq("excused").fillna(False).astype(bool)
    return cells.astype(object).where(~excused, EXCUSED), possible


def build_import(
    report: GradeReport, export: CanvasExport, policy: Policy, *, override_score: bool = False
) -> ImportFile:
    """The Canvas import file for a graded course.

    Parameters
    ----------
    report : GradeReport
        From :func:`gradelib.score_course`.
    export : CanvasExport
        The Canvas gradebook export to write against (the course's ``roster.csv``, or a
        newer export). Its students that we did not grade are left out.
    policy : Policy
        For the mode, the weights and the titles.
    override_score : bool
        Add the ``Override Score`` column: each final override (blank for the others).

    Returns
    -------
    ImportFile
    """
    graded = pd.Index(report.grades["uniqname"])
    students = export.students.loc[export.students["uniqname"].isin(graded)]
    order = pd.Index(students["uniqname"])
    cells, possible = component_cells(report, order, policy)
    headers, reused = column_headers(export, policy)
    identity = list(export.identity)
    header = [*identity, *(headers[key] for key in COMPONENTS)]
    points = [POINTS_LABEL, *[""] * (len(identity) - 1), *map(score_text, possible)]
    if override_score:
        header.append(OVERRIDE_SCORE)
        points.append("")
        overrides = report.final_override.reindex(order).astype(float)
        cells[OVERRIDE_SCORE] = score_texts(overrides, missing="").astype(object)
    identity_cells = students[identity].fillna("").astype(str).to_numpy(dtype=object)
    table = np.concatenate([identity_cells, cells.to_numpy(dtype=object)], axis=1)
    with collection_paused():
        rows = tuple(map(tuple, table.tolist()))
    return ImportFile(
        header=tuple(header),
        points=tuple(points),
        rows=rows,
        uniqnames=tuple(order),
        columns=headers,
        reused=reused,
    )
