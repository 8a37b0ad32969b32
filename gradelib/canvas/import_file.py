"""Building the CSV that Canvas's gradebook importer takes: pure functions, no I/O.

The file has the export's identity block (same columns, same spelling, IDs as text), one
column per component (an existing assignment's exact ``Title (id)`` header where the
export has a column of the configured title, else the bare title so Canvas creates the
assignment), a ``    Points Possible`` row, and one row per enrolled student. Values
are plain numbers with at most two decimals, blank where a component is not graded yet,
``EX`` where an override excuses it.

In the default ``points`` mode each component is out of its weight, and the cents are
apportioned (largest remainder) so that each student's points add up exactly to their
final rounded to two decimals: Canvas's total then equals our final, also at a cut-off.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Mapping
from dataclasses import dataclass

import numpy as np
import pandas as pd

from gradelib.canvas.columns import OVERRIDE_SCORE, same_title
from gradelib.load.roster import CanvasExport
from gradelib.policy import COMPONENTS, Policy
from gradelib.score.grades import GradeReport, round_half_up

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


def number_text(value: float) -> str:
    """A number as Canvas reads it: ``.`` decimals, two of them, no thousands separator."""
    return f"{value:.2f}"


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


def apportioned_points(
    components: pd.DataFrame, excused: pd.DataFrame, weights: Mapping[str, float]
) -> pd.DataFrame:
    """Each component in points (out of its weight), in whole cents that add up exactly.

    Parameters
    ----------
    components : pandas.DataFrame
        Percent per student (rows) and component (columns), NaN where not graded.
    excused : pandas.DataFrame
        The same shape, True where excused (those cells are left out).
    weights : Mapping[str, float]
        Component -> weight (its points possible).

    Returns
    -------
    pandas.DataFrame
        Points per cell, NaN where not graded or excused. In each row the points add up
        to the row's exact total rounded half-up to two decimals; each cell differs from
        its own exact value by less than 0.01.

    Examples
    --------
    Three components worth 1/3 point each add up to 1.00, not 0.99:

    >>> shares = pd.DataFrame({"a": [100 / 3], "b": [100 / 3], "c": [100 / 3]})
    >>> apportioned_points(shares, shares.map(lambda _: False), {"a": 1, "b": 1, "c": 1})
          a     b     c
    0  0.34  0.33  0.33
    """
    w = pd.Series(weights)[components.columns]
    exact = components.where(~excused).mul(w, axis=1) / 100.0
    cents = np.round(exact.to_numpy(dtype=float) * 100.0, 6)
    floors = np.floor(cents)
    remainders = np.where(np.isnan(cents), -np.inf, cents - floors)
    target = (round_half_up(exact.sum(axis=1, min_count=1)) * 100).round().to_numpy()
    missing = np.nan_to_num(target - np.nansum(floors, axis=1)).astype(int)
    order = np.argsort(-remainders, axis=1, kind="stable")
    ranks = np.empty_like(order)
    np.put_along_axis(ranks, order, np.arange(order.shape[1])[None, :].repeat(len(order), 0), 1)
    floors = floors + (ranks < missing[:, None])
    return pd.DataFrame(floors / 100.0, index=components.index, columns=components.columns)


def build_import(report: GradeReport, export: CanvasExport, policy: Policy) -> ImportFile:
    """The Canvas import file for a graded course.

    Parameters
    ----------
    report : GradeReport
        From :func:`gradelib.score_course`.
    export : CanvasExport
        The Canvas gradebook export to write against (the course's ``roster.csv``, or a
        newer export). Its students that we did not grade are left out.
    policy : Policy
        For the mode, the weights, the titles and the Override Score switch.

    Returns
    -------
    ImportFile
    """
    grades = report.grades.set_index("uniqname")
    students = export.students.loc[export.students["uniqname"].isin(grades.index)]
    order = pd.Index(students["uniqname"])
    components = grades.loc[order, list(COMPONENTS)]
    excused = report.excused.reindex(index=order, columns=list(COMPONENTS)).fillna(False)
    if policy.canvas_mode == "points":
        values = apportioned_points(components, excused, policy.weights)
        possible = [policy.weights[key] for key in COMPONENTS]
    else:
        values = components.apply(round_half_up)
        possible = [100.0] * len(COMPONENTS)
    cells = values.map(lambda v: "" if pd.isna(v) else number_text(v)).where(~excused, EXCUSED)

    headers, reused = column_headers(export, policy)
    identity = list(export.identity)
    header = [*identity, *(headers[key] for key in COMPONENTS)]
    points = [POINTS_LABEL, *[""] * (len(identity) - 1), *map(number_text, possible)]
    if policy.canvas_override_score:
        header.append(OVERRIDE_SCORE)
        points.append("")
        finals = grades.loc[order, "final"]
        cells[OVERRIDE_SCORE] = finals.map(lambda v: "" if pd.isna(v) else number_text(v))
    identity_cells = students[identity].fillna("").astype(str).to_numpy().tolist()
    rows = tuple(
        tuple(ids + scores)
        for ids, scores in zip(identity_cells, cells.to_numpy().tolist(), strict=True)
    )
    return ImportFile(
        header=tuple(header),
        points=tuple(points),
        rows=rows,
        uniqnames=tuple(order),
        columns=headers,
        reused=reused,
    )
