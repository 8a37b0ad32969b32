"""The written import file read back once, and checked two ways from that one reading.

:func:`check_written` reads the file as Canvas's importer splits it
(:func:`gradelib.canvas.canvas_csv.read_canvas_rows`), checks it by ``canvas-check``'s rules
(:func:`gradelib.canvas.check.check_records`), and works out from the same records the
total Canvas will compute for each student (:func:`gradelib.export.verify.export_totals`),
which must be our current score (the Override Score where the file sets one). Only a file
those records cannot stand for (another separator, a row of another width: never one
:func:`gradelib.export.to_canvas.export_to_canvas` writes) is read again as a gradebook.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from gradelib.canvas.canvas_csv import read_canvas_rows
from gradelib.canvas.check import check_records
from gradelib.canvas.gradebook import CanvasExport, canvas_export_of, read_canvas_export
from gradelib.errors import Problem, ProblemLog
from gradelib.export.import_file import ImportFile
from gradelib.export.override import expected_totals
from gradelib.export.verify import export_totals, readable, total_mismatches
from gradelib.policy.model import Policy
from gradelib.score.grades import GradeReport
from gradelib.timing import staged


@staged("canvas check")
def check_written(
    path: Path, import_file: ImportFile, report: GradeReport, policy: Policy, overrides: bool
) -> tuple[list[Problem], list[str]]:
    """The problems ``canvas-check`` finds in the written file, and the students whose
    total Canvas computes from it is not ours, from one reading of the file.

    Parameters
    ----------
    path : Path
        The file written.
    import_file : ImportFile
        What was written.
    report : GradeReport
        The graded result it was written from.
    policy : Policy
        For the mode and the weights.
    overrides : bool
        Whether the file has the ``Override Score`` column.

    Returns
    -------
    (list of Problem, list of str)
        As :func:`gradelib.canvas.check.check_import_file` and :func:`read_back`.
    """
    log = ProblemLog()
    read = read_canvas_rows(path, log)
    if read is not None:
        check_records(path.name, *read, log)
    back = ProblemLog()
    if read is not None and _as_gradebook(*read):
        export = canvas_export_of(path.name, pd.DataFrame(read[0], dtype=object), back)
    else:
        export = read_canvas_export(path, back)
    try:
        export = readable(path.name, export, back)
    except ValueError as exc:
        return log.problems, [str(exc)]
    return log.problems, read_back(export, import_file, report, policy, overrides)


def _as_gradebook(records: list[list[str]], delimiter: str) -> bool:
    """Whether the records are the cells a gradebook reading of the file gives
    (:func:`gradelib.sheets.csv_cells.read_csv_cells`): split on ``,``, every row as wide
    as the header."""
    width = len(records[0])
    return delimiter == "," and width > 1 and all(len(record) == width for record in records)


def read_back(
    export: CanvasExport,
    import_file: ImportFile,
    report: GradeReport,
    policy: Policy,
    overrides: bool,
) -> list[str]:
    """The students whose total Canvas computes from the written file (read back as
    ``export``) is not ours."""
    groups = None
    if policy.canvas_mode == "percent":
        groups = {import_file.columns[key]: policy.weights[key] for key in import_file.columns}
    try:
        canvas = export_totals(export, groups)
    except ValueError as exc:
        return [str(exc)]
    order = pd.Index(import_file.uniqnames)
    names = report.grades.set_index("uniqname")["name"]
    return total_mismatches(canvas, expected_totals(report, order, overrides), names)
