"""An export that would change nothing: the same bytes as the last file written.

Each export gets a new, timestamped name in the course's ``out/`` folder, so pressing the
notebook's export button twice would leave two identical files and make the GSI wonder
which one to upload. Before writing, the new file's bytes are compared with those of the
newest earlier export (:func:`latest_export`): the same bytes are not written again
(:class:`Unchanged`), and the earlier file stays the one to upload. Only the newest is
compared: if the grades changed and then changed back, the file matching an older export
is written again, for it is now newer than the one between.
"""

from __future__ import annotations

from pathlib import Path

from gradelib.errors import ExportError

#: The stem of the exports written into ``out/`` (:func:`gradelib.files.default_output`).
EXPORT_STEM = "canvas-import"


class Unchanged(ExportError):
    """The export would write the same bytes as ``previous``: nothing was written.

    Attributes
    ----------
    previous : Path
        The earlier export, still the one to upload.
    """

    def __init__(self, previous: Path, shown: str) -> None:
        super().__init__(
            f"Nothing changed since {shown}; not written again: it is still the file to "
            "upload (same grades, same columns, byte for byte)."
        )
        self.previous = previous


def latest_export(course_folder: Path) -> Path | None:
    """The newest ``out/canvas-import-<YYYYmmdd-HHMMSS>.csv`` of a course folder, if any.

    The names carry the time to the second, so the newest is the last by name.
    """
    found = sorted(Path(course_folder, "out").glob(f"{EXPORT_STEM}-*.csv"))
    return found[-1] if found else None


def refuse_unchanged(data: bytes, previous: Path | None, course_folder: Path) -> None:
    """Raise :class:`Unchanged` when ``previous`` exists and holds exactly ``data``.

    Parameters
    ----------
    data : bytes
        The import file about to be written.
    previous : Path or None
        The earlier export to compare with (none: nothing to compare).
    course_folder : Path
        To name ``previous`` from the course folder (``out/canvas-import-....csv``).
    """
    if previous is None or not previous.is_file() or previous.read_bytes() != data:
        return
    try:
        shown = str(previous.relative_to(course_folder))
    except ValueError:
        shown = str(previous)
    raise Unchanged(previous, shown)
