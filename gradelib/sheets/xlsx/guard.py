"""Refusing hostile or mislabelled ``.xlsx`` files before any XML parser sees them.

A course folder's workbooks come from many hands. Before :mod:`gradelib.sheets.tables`
hands a workbook to python-calamine, :func:`unsafe_workbook` looks at the raw bytes and
the zip directory and says, in plain words, why the file must not be parsed:

* it is not a zip archive at all (an old ``.xls`` file, a web page, a CSV file or random
  bytes given an ``.xlsx`` name);
* it is a zip archive but not an Excel workbook (no ``[Content_Types].xml`` or
  ``xl/workbook.xml``), or an ``.xlsb``/``.ods``/Word file renamed;
* it is a zip bomb: too many parts, too many bytes once unpacked, an extreme
  compression ratio, parts that overlap each other, a zip archive inside the workbook,
  or a zip directory that lies about the sizes of its parts;
* an XML part declares a document type (``<!DOCTYPE``/``<!ENTITY``), the door to
  entity expansion ("billion laughs") and external entities (XXE). Excel never writes one.

Everything is bounded by the constants of :mod:`gradelib.sheets.xlsx.limits` (importable
from here too): the guard reads at most :data:`MAX_CENTRAL_DIRECTORY_BYTES` of zip
directory (:mod:`~gradelib.sheets.xlsx.directory`), inflates at most
:data:`MAX_UNCOMPRESSED_BYTES` (stopping as soon as the running total passes it), in
chunks of at most :data:`CHUNK_BYTES` in and :data:`MAX_INFLATE_BYTES` out
(:mod:`~gradelib.sheets.xlsx.inflate`), so its memory stays a few MiB and its time is at
most about a second whatever the file holds. No XML is parsed; the prologue of each XML
part is scanned as text.
"""

from __future__ import annotations

import struct
import zipfile
from pathlib import Path
from typing import BinaryIO

from gradelib.sheets.xlsx.directory import (
    ZIP_LOCAL,
    check_declared,
    check_directory_size,
    check_layout,
)
from gradelib.sheets.xlsx.inflate import scan_entry
from gradelib.sheets.xlsx.limits import (
    CHUNK_BYTES,
    MAX_CENTRAL_DIRECTORY_BYTES,
    MAX_ENTRIES,
    MAX_INFLATE_BYTES,
    MAX_RATIO,
    MAX_UNCOMPRESSED_BYTES,
    RATIO_MIN_BYTES,
    Refused,
)
from gradelib.sheets.xlsx.prologue import MAX_PROLOGUE_BYTES, SAVE_AGAIN

__all__ = [
    "CHUNK_BYTES",
    "MAX_CENTRAL_DIRECTORY_BYTES",
    "MAX_ENTRIES",
    "MAX_INFLATE_BYTES",
    "MAX_PROLOGUE_BYTES",
    "MAX_RATIO",
    "MAX_UNCOMPRESSED_BYTES",
    "RATIO_MIN_BYTES",
    "unsafe_workbook",
]

_OLE2_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"

#: Zip archives that are some other document: a part that gives it away -> what it is.
_OTHER_DOCUMENTS = {
    "xl/workbook.bin": "a binary Excel workbook (.xlsb)",
    "content.xml": "an OpenDocument file (.ods)",
    "word/document.xml": "a Word document",
    "ppt/presentation.xml": "a PowerPoint presentation",
    "Index/Document.iwa": "an Apple Numbers file",
}


def unsafe_workbook(path: Path) -> str | None:
    """Why the workbook at ``path`` must not be parsed, or ``None`` when it looks safe.

    Looks only at raw bytes, the zip directory and the first bytes of each XML part; no
    XML parser runs. Time and memory are bounded by the constants of ``limits`` whatever the
    file holds.

    Parameters
    ----------
    path : Path
        The ``.xlsx`` file.

    Returns
    -------
    str or None
        What is wrong and what to do, in plain words (without the file name, which the
        caller reports), or ``None`` when the file may be handed to the parser.

    Examples
    --------
    >>> import tempfile
    >>> folder = Path(tempfile.mkdtemp())
    >>> _ = (folder / "r.xlsx").write_bytes(b"group,score\\ng1,90\\n")
    >>> print(unsafe_workbook(folder / "r.xlsx")[:56])
    not an .xlsx workbook: this is a text file (perhaps CSV)
    """
    try:
        with Path(path).open("rb") as handle:
            _check(handle)
    except Refused as refusal:
        return str(refusal)
    except OSError as exc:
        return f"the file cannot be read ({exc.strerror or exc})"
    return None


def _check(handle: BinaryIO) -> None:
    head = handle.read(512)
    if not head.startswith(ZIP_LOCAL):
        raise Refused(_not_a_zip(head))
    size = handle.seek(0, 2)
    check_directory_size(handle, size)
    try:
        archive = zipfile.ZipFile(handle)
    except (
        zipfile.BadZipFile,
        zipfile.LargeZipFile,
        NotImplementedError,
        ValueError,
        EOFError,
        struct.error,
    ) as exc:
        raise Refused(
            f"the file is damaged: it starts like an .xlsx but its zip directory cannot be "
            f"read ({exc}); perhaps it was not completely copied or downloaded"
        ) from None
    with archive:
        entries = archive.infolist()
        if len(entries) > MAX_ENTRIES:
            raise Refused(
                f"refused as a possible zip bomb: it has {len(entries):,} parts, more than "
                f"the {MAX_ENTRIES:,} allowed; {SAVE_AGAIN}"
            )
        _check_kind({entry.filename for entry in entries})
        check_declared(entries)
        spans = check_layout(handle, entries, size)
        total = 0
        for entry, start in spans:
            total = scan_entry(handle, entry, start, total)


def _not_a_zip(head: bytes) -> str:
    """The reason for a file that does not start like a zip archive."""
    if not head:
        return "the file is empty (0 bytes); save the workbook again from Excel"
    if head.startswith(_OLE2_MAGIC):
        return (
            "this is an old Excel .xls file renamed to .xlsx; open it in Excel or LibreOffice "
            "and save as .xlsx (a password-protected workbook looks the same: remove the "
            "password first)"
        )
    text = head.lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if text.startswith((b"<!doctype html", b"<html")) or b"<table" in text or b"<html" in text:
        what = "a web page (HTML) with an .xlsx name, as some sites export 'Excel' files"
    elif text.startswith(b"<?xml"):
        what = "an XML file (perhaps an Excel 2003 XML spreadsheet) with an .xlsx name"
    elif text.startswith(b"%pdf"):
        what = "a PDF file with an .xlsx name"
    elif _looks_like_text(head):
        return (
            "not an .xlsx workbook: this is a text file (perhaps CSV) with an .xlsx name; "
            "rename it to .csv, or open it in Excel or LibreOffice and save it as .xlsx"
        )
    else:
        what = "not a zip archive (unknown or random content)"
    return f"not an .xlsx workbook: this is {what}; {SAVE_AGAIN}"


def _looks_like_text(head: bytes) -> bool:
    """Whether a file's first bytes look like text in any 8-bit encoding (no control bytes)."""
    return not any(byte < 9 or 13 < byte < 32 or byte == 127 for byte in head)


def _check_kind(names: set[str]) -> None:
    """Refuse a zip archive that is not an Excel workbook."""
    if "[Content_Types].xml" in names and "xl/workbook.xml" in names:
        return
    for part, what in _OTHER_DOCUMENTS.items():
        if part in names:
            raise Refused(f"not an .xlsx workbook: this is {what} with an .xlsx name; {SAVE_AGAIN}")
    missing = [part for part in ("[Content_Types].xml", "xl/workbook.xml") if part not in names]
    raise Refused(
        f"not an Excel workbook: this is a zip archive without {' or '.join(missing)}; {SAVE_AGAIN}"
    )
