"""The manifest beside each Canvas import file: ``<file>.manifest.json``.

It records when the file was written, by which gradelib, the file's SHA-256, the policy,
and the SHA-256 of every input file, so a GSI can later prove which data produced which
upload.
"""

from __future__ import annotations

import dataclasses
import hashlib
from datetime import UTC, datetime
from importlib.metadata import version
from pathlib import Path

from gradelib.files import sha256_of
from gradelib.load.course import Course, input_files


def manifest_path(path: Path) -> Path:
    """Where the manifest of an import file goes: ``<file>.manifest.json``."""
    return path.with_name(path.name + ".manifest.json")


def manifest_record(course: Course, out: Path, data: bytes, now: datetime) -> dict:
    """The manifest's content: time, file hash, policy, and every input's SHA-256."""
    policy = {
        field.name: _jsonable(getattr(course.policy, field.name))
        for field in dataclasses.fields(course.policy)
    }
    policy["letters"] = dict(course.policy.letters)
    return {
        "written": now.astimezone(UTC).isoformat(timespec="seconds"),
        "gradelib": version("gradelib"),
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
