"""What the workbook session last read of a course folder: each input file's fingerprint.

A button that writes checks first that no course file changed since the page was drawn
(:meth:`gradelib.notebook.session.Session.ensure_current`). A file is compared by its
SHA-256, but hashed again only when its size or modification time changed, so checking
an unchanged folder reads no file.
"""

from __future__ import annotations

import hashlib
import stat
import time
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from gradelib.files import course_inputs

#: A file modified this shortly (ns) before it was fingerprinted is checked by its content
#: next time too: a rewrite within one tick of the file system's clock can keep its size
#: and modification time (git's "racily clean" entries).
RACY_NS = 2_000_000_000


@dataclass(frozen=True)
class Fingerprint:
    """One input file as last seen: its size, modification time (ns) and SHA-256.

    ``racy`` when it was modified too shortly before it was seen for the size and
    time alone to show a later change.
    """

    size: int
    mtime_ns: int
    sha256: str
    racy: bool


def fingerprints(
    folder: Path, known: Mapping[str, Fingerprint] | None = None
) -> dict[str, Fingerprint]:
    """Every input file of a course folder that exists, by file name, with its SHA-256.

    A file whose size and modification time are those ``known`` for it (and were not
    racy, :data:`RACY_NS`) is not read again: its known fingerprint is kept. Only a file
    that looks touched is hashed, so checking an unchanged folder reads no file.
    """
    known = known or {}
    now = time.time_ns()
    found: dict[str, Fingerprint] = {}
    for path in course_inputs(folder):
        try:
            info = path.stat()
        except OSError:
            continue
        if not stat.S_ISREG(info.st_mode):
            continue
        seen = known.get(path.name)
        if (
            seen
            and not seen.racy
            and (seen.size, seen.mtime_ns) == (info.st_size, info.st_mtime_ns)
        ):
            found[path.name] = seen
            continue
        digest = hashlib.sha256(path.read_bytes()).hexdigest()
        racy = now - info.st_mtime_ns < RACY_NS
        found[path.name] = Fingerprint(info.st_size, info.st_mtime_ns, digest, racy)
    return found
