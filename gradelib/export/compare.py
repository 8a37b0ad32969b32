"""What an import would change in Canvas: missing students, and scores a blank would delete.

Canvas's importer clears a score when the imported cell is blank. Before an import file is
written, :func:`compare_with_export` lists every such cell, and the students that are in
Canvas but not graded here (left out of the file) or the reverse (cannot be written).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from gradelib.canvas.gradebook import CanvasExport
from gradelib.export.import_file import ImportFile


@dataclass(frozen=True)
class Differences:
    """How an import file differs from the Canvas export it is written against.

    Attributes
    ----------
    only_in_canvas : tuple of str
        ``"Name (uniqname)"`` of students in Canvas but not in the grades (left out).
    only_in_grades : tuple of str
        Students graded here but not in the Canvas export (they cannot be imported).
    deleted_scores : pandas.DataFrame
        ``uniqname``, ``name``, ``column``, ``canvas`` (the score Canvas has): cells where
        the import file is blank, so the import would delete Canvas's score.
    """

    only_in_canvas: tuple[str, ...]
    only_in_grades: tuple[str, ...]
    deleted_scores: pd.DataFrame

    def messages(self) -> list[str]:
        """The differences in plain words, one line each."""
        lines = [
            f"in Canvas but not graded here (left out of the file): {who}"
            for who in self.only_in_canvas
        ]
        lines += [
            f"graded here but not in the Canvas export (cannot be imported): {who}"
            for who in self.only_in_grades
        ]
        lines += [
            f"{name} ({uniq}): Canvas has {score} in '{column}'; the import's blank would delete it"
            for uniq, name, column, score in self.deleted_scores.itertuples(index=False)
        ]
        return lines


def compare_with_export(
    import_file: ImportFile, export: CanvasExport, graded: pd.DataFrame
) -> Differences:
    """Compare an import file with the export it will be uploaded over.

    Parameters
    ----------
    import_file : ImportFile
        The file about to be written.
    export : CanvasExport
        The Canvas gradebook export.
    graded : pandas.DataFrame
        The grades table (``uniqname``, ``name``).
    """
    students = export.students
    only_canvas = students.loc[~students["uniqname"].isin(graded["uniqname"])]
    only_grades = graded.loc[~graded["uniqname"].isin(students["uniqname"])]
    # Each written student's row in the export; a reused column's cells are looked at only
    # where the file is blank.
    at = pd.Index(students["uniqname"]).get_indexer(list(import_file.uniqnames))
    if (at < 0).any():  # the file is built from this export: every student is in it
        raise KeyError(f"not in the Canvas export: {import_file.uniqnames[int(np.argmin(at))]}")
    deleted = []
    for column in import_file.reused.values():
        position = import_file.header.index(column)
        blank = np.fromiter(
            (row[position] == "" for row in import_file.rows), dtype=bool, count=len(at)
        )
        rows = students.iloc[at[blank]]
        canvas = rows[column].fillna("").astype(str).str.strip()
        has = (canvas != "").to_numpy()
        uniqnames = np.asarray(import_file.uniqnames, dtype=object)[blank][has]
        names = rows["name"][has]
        deleted += zip(uniqnames, names, [column] * len(names), canvas[has], strict=True)
    return Differences(
        only_in_canvas=tuple(f"{n} ({u})" for u, n in only_canvas[["uniqname", "name"]].to_numpy()),
        only_in_grades=tuple(f"{n} ({u})" for u, n in only_grades[["uniqname", "name"]].to_numpy()),
        deleted_scores=pd.DataFrame(deleted, columns=["uniqname", "name", "column", "canvas"]),
    )


def other_assignments(import_file: ImportFile, export: CanvasExport) -> list[str]:
    """A notice naming the export's assignments the file does not write, if any.

    Canvas's total counts every assignment of the course: one outside the five
    components (a survey, say) moves Canvas's total away from ours unless it does not
    count towards the final grade.
    """
    written = set(import_file.reused.values())
    others = [a.header for a in export.assignments if a.header not in written]
    if not others:
        return []
    return [
        f'notice: Canvas also counts {", ".join(others)} in its total; tick "Do not count '
        "this assignment towards the final grade\" in its settings, or Canvas's total is "
        "not ours"
    ]
