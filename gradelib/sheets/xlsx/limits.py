"""The bounds of the workbook guard (:mod:`gradelib.sheets.xlsx.guard`) and its refusal.

Every check of the guard is bounded by these constants, so its memory stays a few MiB
and its time about a second whatever a file holds; a check that fails raises
:class:`Refused` with the reason in plain words.
"""

from __future__ import annotations

from gradelib.sheets.xlsx.prologue import SAVE_AGAIN

MiB = 1024 * 1024

#: Largest total size of all the parts of a workbook once unpacked (bytes). A course's
#: rubrics workbook is well under 1 MiB unpacked; 200 MiB leaves room for any honest
#: gradebook and bounds the work of both this guard and the parser.
MAX_UNCOMPRESSED_BYTES = 200 * MiB

#: Largest compression ratio (unpacked size / packed size) allowed for one part ...
MAX_RATIO = 200

#: ... counted only for parts larger than this once unpacked (bytes), since small
#: parts of repetitive XML can legitimately compress very well.
RATIO_MIN_BYTES = 4 * MiB

#: Largest number of parts (zip entries) in a workbook. Excel writes a few dozen.
MAX_ENTRIES = 10_000

#: Largest zip central directory read before the entries are listed (bytes). It bounds
#: the memory used to list a zip that claims millions of entries; 10,000 honest entries
#: take about 1 MiB.
MAX_CENTRAL_DIRECTORY_BYTES = 4 * MiB

#: Bytes of packed data read from the file at a time while a part is inflated.
CHUNK_BYTES = 64 * 1024

#: Most bytes one inflate step may produce, bounding the memory of a highly compressed chunk.
MAX_INFLATE_BYTES = 1 * MiB


class Refused(Exception):
    """Carries the reason a file is refused (the guard returns it as text)."""


def too_large(what: str) -> str:
    """The reason for a workbook unpacking to more than :data:`MAX_UNCOMPRESSED_BYTES`."""
    return (
        f"refused as a possible zip bomb: {what} once unpacked, more than the "
        f"{MAX_UNCOMPRESSED_BYTES // MiB} MiB allowed; {SAVE_AGAIN}"
    )


def damaged(name: str, what: str) -> str:
    """The reason for a part that cannot be read as its zip directory says."""
    return f"the file is damaged: part {name} cannot be read ({what}); {SAVE_AGAIN}"
