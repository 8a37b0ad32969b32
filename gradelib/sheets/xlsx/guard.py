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

Everything is bounded by the module constants below: the guard reads at most
:data:`MAX_CENTRAL_DIRECTORY_BYTES` of zip directory, inflates at most
:data:`MAX_UNCOMPRESSED_BYTES` (stopping as soon as the running total passes it), in
chunks of at most :data:`CHUNK_BYTES` in and :data:`MAX_INFLATE_BYTES` out, so its memory
stays a few MiB and its time is at most about a second whatever the file holds. No XML
is parsed; the prologue of each XML part is scanned as text.
"""

from __future__ import annotations

import struct
import zipfile
import zlib
from pathlib import Path
from typing import BinaryIO

from gradelib.sheets.xlsx.prologue import MAX_PROLOGUE_BYTES, SAVE_AGAIN, prologue_verdict

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

_OLE2_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_ZIP_LOCAL = b"PK\x03\x04"
_ZIP_EMPTY = b"PK\x05\x06"
_EOCD = struct.Struct("<4s4H2LH")  # end of central directory record
_ZIP64_LOCATOR = struct.Struct("<4sLQL")
_ZIP64_EOCD = struct.Struct("<4sQ2H2L4Q")
_LOCAL_HEADER = struct.Struct("<4s5H3L2H")
_XML_SUFFIXES = (".xml", ".rels", ".vml")
_NESTED_MAGIC = (_ZIP_LOCAL, _ZIP_EMPTY, b"PK\x07\x08")

#: Zip archives that are some other document: a part that gives it away -> what it is.
_OTHER_DOCUMENTS = {
    "xl/workbook.bin": "a binary Excel workbook (.xlsb)",
    "content.xml": "an OpenDocument file (.ods)",
    "word/document.xml": "a Word document",
    "ppt/presentation.xml": "a PowerPoint presentation",
    "Index/Document.iwa": "an Apple Numbers file",
}


class _Refused(Exception):
    """Internal: carries the reason a file is refused."""


def unsafe_workbook(path: Path) -> str | None:
    """Why the workbook at ``path`` must not be parsed, or ``None`` when it looks safe.

    Looks only at raw bytes, the zip directory and the first bytes of each XML part; no
    XML parser runs. Time and memory are bounded by the module constants whatever the
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
    except _Refused as refusal:
        return str(refusal)
    except OSError as exc:
        return f"the file cannot be read ({exc.strerror or exc})"
    return None


def _check(handle: BinaryIO) -> None:
    head = handle.read(512)
    if not head.startswith(_ZIP_LOCAL):
        raise _Refused(_not_a_zip(head))
    size = handle.seek(0, 2)
    _check_directory_size(handle, size)
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
        raise _Refused(
            f"the file is damaged: it starts like an .xlsx but its zip directory cannot be "
            f"read ({exc}); perhaps it was not completely copied or downloaded"
        ) from None
    with archive:
        entries = archive.infolist()
        if len(entries) > MAX_ENTRIES:
            raise _Refused(
                f"refused as a possible zip bomb: it has {len(entries):,} parts, more than "
                f"the {MAX_ENTRIES:,} allowed; {SAVE_AGAIN}"
            )
        _check_kind({entry.filename for entry in entries})
        _check_declared(entries)
        spans = _check_layout(handle, entries, size)
        total = 0
        for entry, start in spans:
            total = _scan_entry(handle, entry, start, total)


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


def _check_directory_size(handle: BinaryIO, size: int) -> None:
    """Refuse a zip directory too large to list, reading only the end records."""
    tail_size = min(size, _EOCD.size + 0xFFFF)
    handle.seek(size - tail_size)
    tail = handle.read(tail_size)
    at = tail.rfind(b"PK\x05\x06")
    if at < 0 or at + _EOCD.size > len(tail):
        raise _Refused(
            "the file is damaged: it starts like an .xlsx but has no zip directory at its end; "
            "perhaps it was not completely copied or downloaded"
        )
    fields = _EOCD.unpack_from(tail, at)
    count, directory = fields[4], fields[5]
    locator_at = at - _ZIP64_LOCATOR.size
    if locator_at >= 0 and tail[locator_at : locator_at + 4] == b"PK\x06\x07":
        offset = _ZIP64_LOCATOR.unpack_from(tail, locator_at)[2]
        handle.seek(min(offset, size))
        record = handle.read(_ZIP64_EOCD.size)
        if len(record) == _ZIP64_EOCD.size and record[:4] == b"PK\x06\x06":
            zip64 = _ZIP64_EOCD.unpack(record)
            count, directory = zip64[7], zip64[8]
    if count > MAX_ENTRIES:
        raise _Refused(
            f"refused as a possible zip bomb: its zip directory lists {count:,} parts, more "
            f"than the {MAX_ENTRIES:,} allowed; {SAVE_AGAIN}"
        )
    if directory > MAX_CENTRAL_DIRECTORY_BYTES:
        raise _Refused(
            f"refused as a possible zip bomb: its zip directory takes {directory / MiB:,.1f} "
            f"MiB, more than the {MAX_CENTRAL_DIRECTORY_BYTES // MiB} MiB allowed; "
            f"{SAVE_AGAIN}"
        )


def _check_kind(names: set[str]) -> None:
    """Refuse a zip archive that is not an Excel workbook."""
    if "[Content_Types].xml" in names and "xl/workbook.xml" in names:
        return
    for part, what in _OTHER_DOCUMENTS.items():
        if part in names:
            raise _Refused(
                f"not an .xlsx workbook: this is {what} with an .xlsx name; {SAVE_AGAIN}"
            )
    missing = [part for part in ("[Content_Types].xml", "xl/workbook.xml") if part not in names]
    raise _Refused(
        f"not an Excel workbook: this is a zip archive without {' or '.join(missing)}; {SAVE_AGAIN}"
    )


def _check_declared(entries: list[zipfile.ZipInfo]) -> None:
    """Refuse on the sizes, methods and flags the zip directory declares."""
    total = 0
    for entry in entries:
        name = entry.filename
        if entry.flag_bits & 0x1:
            raise _Refused(
                f"part {name} is encrypted; remove the password in Excel and save again as .xlsx"
            )
        if entry.compress_type not in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED):
            raise _Refused(
                f"part {name} is packed with an unusual zip method (number "
                f"{entry.compress_type}); {SAVE_AGAIN}"
            )
        total += entry.file_size
        if total > MAX_UNCOMPRESSED_BYTES:
            raise _Refused(_too_large(f"its parts declare over {total / MiB:,.0f} MiB"))
        if entry.file_size > RATIO_MIN_BYTES:
            ratio = entry.file_size / max(entry.compress_size, 1)
            if ratio > MAX_RATIO:
                raise _Refused(
                    f"refused as a possible zip bomb: part {name} unpacks {ratio:,.0f} times "
                    f"larger than it is packed ({entry.file_size / MiB:,.0f} MiB), more than "
                    f"the {MAX_RATIO} times allowed; {SAVE_AGAIN}"
                )


def _too_large(what: str) -> str:
    return (
        f"refused as a possible zip bomb: {what} once unpacked, more than the "
        f"{MAX_UNCOMPRESSED_BYTES // MiB} MiB allowed; {SAVE_AGAIN}"
    )


def _check_layout(
    handle: BinaryIO, entries: list[zipfile.ZipInfo], size: int
) -> list[tuple[zipfile.ZipInfo, int]]:
    """Each entry with the file offset of its packed data; refuse overlapping entries."""
    spans = []
    for entry in sorted(entries, key=lambda item: item.header_offset):
        handle.seek(entry.header_offset)
        header = handle.read(_LOCAL_HEADER.size)
        if len(header) < _LOCAL_HEADER.size or header[:4] != _ZIP_LOCAL:
            raise _Refused(_damaged(entry.filename, "its header is missing"))
        name_length, extra_length = _LOCAL_HEADER.unpack(header)[-2:]
        start = entry.header_offset + _LOCAL_HEADER.size + name_length + extra_length
        if start + entry.compress_size > size:
            raise _Refused(_damaged(entry.filename, "it runs past the end of the file"))
        if spans:
            previous, previous_start = spans[-1]
            if entry.header_offset < previous_start + previous.compress_size:
                raise _Refused(
                    f"refused as a possible zip bomb: parts {previous.filename} and "
                    f"{entry.filename} overlap in the file; {SAVE_AGAIN}"
                )
        spans.append((entry, start))
    return spans


def _damaged(name: str, what: str) -> str:
    return f"the file is damaged: part {name} cannot be read ({what}); {SAVE_AGAIN}"


def _scan_entry(handle: BinaryIO, entry: zipfile.ZipInfo, start: int, total: int) -> int:
    """Inflate one entry in bounded chunks, checking it as it comes; return the new total.

    The running total over all entries is checked after every chunk, so a zip directory
    that understates a part's size cannot make the guard (or the parser after it) unpack
    more than :data:`MAX_UNCOMPRESSED_BYTES`.
    """
    name = entry.filename
    is_xml = name.lower().endswith(_XML_SUFFIXES)
    inflater = zlib.decompressobj(-zlib.MAX_WBITS) if entry.compress_type else None
    handle.seek(start)
    left = entry.compress_size
    produced = 0
    crc = 0
    head = b""
    head_done = False
    pending = b""
    while True:
        if inflater is None:
            if left <= 0:
                break
            piece = _read_packed(handle, name, left)
            left -= len(piece)
        else:
            if pending:
                data = pending
            elif left > 0:
                data = _read_packed(handle, name, left)
                left -= len(data)
            elif inflater.eof:
                break
            else:
                data = b""  # drain output zlib still holds
            try:
                piece = inflater.decompress(data, MAX_INFLATE_BYTES)
            except zlib.error:
                raise _Refused(_damaged(name, "its packed data is corrupt")) from None
            pending = inflater.unconsumed_tail
            if inflater.eof:
                left, pending = 0, b""
            elif not data and not piece:
                break
        produced += len(piece)
        if total + produced > MAX_UNCOMPRESSED_BYTES:
            raise _Refused(_too_large(f"it unpacks to over {(total + produced) / MiB:,.0f} MiB"))
        if produced > entry.file_size:
            raise _Refused(
                f"refused as a possible zip bomb (or a damaged file): part {name} unpacks to "
                f"more than the {entry.file_size:,} bytes its zip directory declares; "
                f"{SAVE_AGAIN}"
            )
        crc = zlib.crc32(piece, crc)
        if not head_done:
            head += piece[: MAX_PROLOGUE_BYTES + 1 - len(head)]
            head_done = _check_head(name, head, is_xml, final=False)
    if inflater is not None and not inflater.eof:
        raise _Refused(_damaged(name, "its packed data is cut short"))
    if not head_done:
        _check_head(name, head, is_xml, final=True)
    if produced != entry.file_size or crc != entry.CRC:
        raise _Refused(_damaged(name, "its content does not match its checksum"))
    return total + produced


def _read_packed(handle: BinaryIO, name: str, left: int) -> bytes:
    chunk = handle.read(min(CHUNK_BYTES, left))
    if not chunk:
        raise _Refused(_damaged(name, "it is cut short"))
    return chunk


def _check_head(name: str, head: bytes, is_xml: bool, *, final: bool) -> bool:
    """Check the first bytes of a part; return whether enough of it has been seen."""
    if len(head) < 4 and not final:
        return False
    if head.startswith(_NESTED_MAGIC):
        raise _Refused(
            f"refused as a possible zip bomb: part {name} is itself a zip archive (an "
            f"embedded file); copy the cells into a new workbook and save it as .xlsx"
        )
    if not is_xml:
        return True
    verdict = prologue_verdict(name, head, final=final or len(head) > MAX_PROLOGUE_BYTES)
    if verdict is None:
        return False
    if verdict:
        raise _Refused(verdict)
    return True
