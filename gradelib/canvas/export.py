"""Writing the Canvas import file and its manifest (``gradelib export``).

The file is built (:mod:`gradelib.canvas.import_file`), compared with the export it goes
over (:mod:`gradelib.canvas.compare`), and written atomically, never over an existing
file unless asked. Beside it goes ``<file>.manifest.json``: when it was written, the policy,
and the SHA-256 of every input file, so a GSI can later prove which data produced which
upload.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from gradelib.canvas.columns import identity_problem
from gradelib.canvas.compare import Differences, compare_with_export
from gradelib.canvas.import_file import ImportFile, build_import
from gradelib.errors import ExportError
from gradelib.files import refuse_overwrite, sha256_of, write_atomically
from gradelib.load.course import Course, input_files
from gradelib.load.roster import CanvasExport
from gradelib.score.grades import score_course


@dataclass(frozen=True)
class ExportResult:
    """What :func:`export_to_canvas` wrote.

    Attributes
    ----------
    path : Path
        The import file.
    manifest : Path
        The manifest beside it.
    file : ImportFile
        What was written.
    differences : Differences
        How it differs from the Canvas export (already accepted when written).
    """

    path: Path
    manifest: Path
    file: ImportFile
    differences: Differences


def manifest_path(path: Path) -> Path:
    """Where the manifest of an import file goes: ``<file>.manifest.json``."""
    return path.with_name(path.name + ".manifest.json")


def export_to_canvas(
    course: Course,
    out: Path,
    *,
    export: CanvasExport | None = None,
    overwrite: bool = False,
    allow_deletions: bool = False,
    now: datetime | None = None,
) -> ExportResult:
    """Write the Canvas import file of a course.

    Parameters
    ----------
    course : Course
        The course (:func:`gradelib.load_course`).
    out : Path
        The CSV to write.
    export : CanvasExport, optional
        A newer Canvas gradebook export to write against; the course's ``roster.csv`` by
        default.
    overwrite : bool
        Replace ``out`` (and its manifest) when they exist.
    allow_deletions : bool
        Write even where a blank would delete a score Canvas has.
    now : datetime, optional
        The time recorded in the manifest (the current time by default).

    Returns
    -------
    ExportResult

    Raises
    ------
    ExportError
        When ``out`` exists (and ``overwrite`` is off), or when the import would delete
        scores in Canvas (and ``allow_deletions`` is off).
    """
    out = Path(out)
    manifest = manifest_path(out)
    refuse_overwrite(out, manifest, overwrite=overwrite)
    canvas = export if export is not None else course.canvas
    if problem := identity_problem(canvas.identity):
        raise ExportError(f"cannot write an import file from this Canvas export: {problem}")
    report = score_course(course)
    import_file = build_import(report, canvas, course.policy)
    differences = compare_with_export(import_file, canvas, report.grades)
    if len(differences.deleted_scores) and not allow_deletions:
        listing = "\n  ".join(differences.messages())
        raise ExportError(
            f"the import would delete {len(differences.deleted_scores)} score(s) in Canvas:"
            f"\n  {listing}\nGrade those items first, or pass --allow-deletions to "
            "delete them on purpose. Nothing was written."
        )
    data = import_file.to_csv()
    write_atomically(out, data)
    record = manifest_record(course, out, data, now or datetime.now(UTC))
    write_atomically(manifest, (json.dumps(record, indent=2) + "\n").encode("utf-8"))
    return ExportResult(out, manifest, import_file, differences)


def manifest_record(course: Course, out: Path, data: bytes, now: datetime) -> dict:
    """The manifest's content: time, file hash, policy, and every input's SHA-256."""
    from gradelib import __version__

    policy = {
        field.name: _jsonable(getattr(course.policy, field.name))
        for field in dataclasses.fields(course.policy)
    }
    policy["letters"] = dict(course.policy.letters)
    return {
        "written": now.astimezone(UTC).isoformat(timespec="seconds"),
        "gradelib": __version__,
        "file": out.name,
        "sha256": hashlib.sha256(data).hexdigest(),
        "course_folder": str(course.folder.resolve()),
        "students": len(course.roster),
        "policy": policy,
        "inputs": {path.name: sha256_of(path) for path in input_files(course.folder)},
    }


def _jsonable(value: object) -> object:
    if isinstance(value, dict) or hasattr(value, "items"):
        return {k: _jsonable(v) for k, v in value.items()}  # type: ignore[union-attr]
    if isinstance(value, tuple | list):
        return [_jsonable(v) for v in value]
    if hasattr(value, "isoformat"):
        return value.isoformat()  # type: ignore[union-attr]
    return value
