"""Writing files safely: never over an existing file unless asked, never half-written.

Every file gradelib writes goes through :func:`write_atomically`: the content goes to a
temporary file in the same folder, which is then renamed over the target in one step, so
a reader (or a crash) sees either the old file or the whole new one. Files meant for
people and spreadsheets hold student data, so they are readable by their owner only.
"""

from __future__ import annotations

import hashlib
import os
import tempfile
from datetime import datetime
from pathlib import Path

from gradelib.errors import ExportError

#: Permissions of the files gradelib writes (FERPA: student data, owner only).
PRIVATE = 0o600


def default_output(course_folder: Path, name: str, moment: datetime, suffix: str = "") -> Path:
    """Where a command or a notebook button writes unless told otherwise:
    ``<course folder>/out/<name>-<YYYYmmdd-HHMMSS><suffix>``."""
    return course_folder / "out" / f"{name}-{moment:%Y%m%d-%H%M%S}{suffix}"


def refuse_overwrite(*paths: Path, overwrite: bool = False) -> None:
    """Raise :class:`~gradelib.errors.ExportError` if any path exists and ``overwrite`` is off."""
    if overwrite:
        return
    existing = [str(path) for path in paths if path.exists()]
    if len(existing) == 1:
        raise ExportError(
            f"{existing[0]} already exists; choose another name, or pass --overwrite to replace it"
        )
    if existing:
        shown = ", ".join(existing[:3]) + (
            f" and {len(existing) - 3} more" if len(existing) > 3 else ""
        )
        raise ExportError(
            f"{len(existing)} files already exist ({shown}); choose another name, or pass "
            "--overwrite to replace them"
        )


def write_atomically(path: Path, data: bytes, *, mode: int = PRIVATE) -> Path:
    """Write ``data`` to ``path`` through a temporary file and a rename.

    Parameters
    ----------
    path : Path
        The target; its folder is created if missing.
    data : bytes
        The whole content.
    mode : int
        Permission bits of the new file (owner read/write by default).

    Returns
    -------
    Path
        ``path``.
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())
        os.chmod(temporary, mode)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    return path


#: First characters that make a spreadsheet program run a cell as a formula.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def spreadsheet_safe(value: object) -> object:
    """Text a spreadsheet would run as a formula, neutralized with a leading ``'``.

    Non-text values pass unchanged.

    Examples
    --------
    >>> spreadsheet_safe("=SUM(A1:A9)"), spreadsheet_safe("Lee, Sam"), spreadsheet_safe(7)
    ("'=SUM(A1:A9)", 'Lee, Sam', 7)
    """
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def sha256_of(path: Path) -> str:
    """The SHA-256 of a file's bytes, in hex."""
    digest = hashlib.sha256()
    with path.open("rb") as stream:
        for block in iter(lambda: stream.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()
